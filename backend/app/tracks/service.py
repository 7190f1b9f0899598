"""Tracks as the creator sees them: lookup (another user's track is a 404), history,
statistics, deletion with every file, and the status claims that make steps exclusive."""

import math
import uuid
from datetime import UTC, datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from app import storage
from app.auth.models import User
from app.config import get_settings
from app.errors import Conflict, NotFound
from app.tracks.models import Track, TrackStatus
from app.tracks.schemas import HistoryPage, Stats, TrackPublic
from app.usage import report as usage_report

PAGE_SIZE = 50
BUSY = (TrackStatus.GENERATING, TrackStatus.RENDERING, TrackStatus.UPLOADING)


def to_public(track: Track) -> TrackPublic:
    return TrackPublic(
        id=track.id, prompt=track.prompt, duration=track.duration, seed=track.seed,
        status=TrackStatus(track.status), stage=track.stage, progress=track.progress,
        error_message=track.error_message, failed_stage=track.failed_stage,
        music_url=storage.signed_url(track.music_path), image_url=storage.signed_url(track.image_path),
        video_url=storage.signed_url(track.video_path), youtube_url=track.youtube_url,
        youtube_video_id=track.youtube_video_id, youtube_privacy=track.youtube_privacy,
        upload_warnings=list(track.upload_warnings or []),
        music_bytes=track.music_bytes, video_bytes=track.video_bytes,
        created_at=track.created_at, updated_at=track.updated_at,
    )


def get_track(db: Session, *, user: User, track_id: uuid.UUID) -> Track:
    track = db.get(Track, track_id, populate_existing=True)
    if track is None or track.user_id != user.id:
        raise NotFound("Track not found")
    return track


def history(db: Session, *, user: User, page: int, status: TrackStatus | None) -> HistoryPage:
    where = [Track.user_id == user.id]
    if status is not None:
        where.append(Track.status == status)
    total = db.scalar(select(func.count()).select_from(Track).where(*where)) or 0
    rows = db.scalars(
        select(Track).where(*where).order_by(Track.created_at.desc(), Track.id.desc())
        .offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE)
    ).all()
    return HistoryPage(items=[to_public(t) for t in rows], page=page, page_size=PAGE_SIZE,
                       total=total, pages=max(1, math.ceil(total / PAGE_SIZE)))


def stats(db: Session, *, user: User) -> Stats:
    settings = get_settings()
    by_status = dict(db.execute(
        select(Track.status, func.count()).where(Track.user_id == user.id).group_by(Track.status)
    ).all())
    storage_bytes = db.scalar(
        select(func.coalesce(func.sum(Track.music_bytes + Track.image_bytes + Track.video_bytes), 0))
        .where(Track.user_id == user.id)
    )
    month_start = datetime.now(UTC).replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    month = db.scalar(
        select(func.count()).select_from(Track).where(Track.user_id == user.id, Track.created_at >= month_start)
    ) or 0
    used = month / settings.monthly_generation_quota
    return Stats(
        tracks_by_status={s.value: by_status.get(s.value, 0) for s in TrackStatus},
        total_tracks=sum(by_status.values()), storage_bytes=int(storage_bytes or 0),
        month_generations=month, monthly_quota=settings.monthly_generation_quota,
        quota_used_percent=round(used * 100, 1), quota_alert=used > settings.quota_alert_ratio,
        # --- Providers (issue 7): this month's spend per provider, Mubert's plan quota ---
        spend_by_provider=usage_report.spend_by_provider(db), mubert_quota=usage_report.mubert_quota(db),
    )


def claim(db: Session, *, track: Track, expected: str, status: TrackStatus, stage: str, conflict: str) -> None:
    """Move the track into a running step only if it is still in `expected`; the
    conditional UPDATE makes two concurrent requests for one step impossible."""
    claimed = db.execute(
        update(Track).where(Track.id == track.id, Track.status == expected)
        .values(status=status, stage=stage, progress=0, error_message=None)
        .returning(Track.id)
    ).first()
    db.commit()
    if claimed is None:
        raise Conflict(conflict)
    db.refresh(track)


def delete_track(db: Session, *, user: User, track_id: uuid.UUID) -> None:
    track = get_track(db, user=user, track_id=track_id)
    removed = db.execute(
        delete(Track).where(Track.id == track.id, Track.status.not_in(BUSY)).returning(Track.id)
    ).first()
    if removed is None:
        db.rollback()
        raise Conflict(f"The track is {track.status}; wait for the step to finish before deleting it")
    db.commit()
    storage.delete(track.music_path, track.audio_path, track.image_path, track.video_path,
                   storage.relative_path("music", track.id, "json"))


def fail_interrupted(db: Session) -> int:
    """At start-up: a step that was running when the process died will never finish.
    Mark it failed (retryable) instead of leaving it spinning forever."""
    stages = {TrackStatus.GENERATING: "generate", TrackStatus.RENDERING: "render", TrackStatus.UPLOADING: "upload"}
    count = 0
    for status, stage in stages.items():
        result = db.execute(
            update(Track).where(Track.status == status).values(
                status=TrackStatus.FAILED, failed_stage=stage, stage=None, progress=None,
                error_message="The studio stopped while this step was running; retry it.",
            )
        )
        count += result.rowcount or 0
    db.commit()
    return count
