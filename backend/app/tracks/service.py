"""Tracks as the creator sees them: lookup (another user's track is a 404), history,
statistics, and deletion with every file and job."""

import math
import uuid
from datetime import UTC, datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from app import storage
from app.auth.models import User
from app.config import get_settings
from app.errors import Conflict, NotFound
from app.jobs import queries
from app.jobs.models import ACTIVE, Job, JobStatus
from app.jobs.schemas import JobPublic
from app.tracks.models import Track, TrackStatus
from app.tracks.schemas import HistoryPage, Stats, TrackPublic
from app.usage import report as usage_report

PAGE_SIZE = 50
BUSY = (TrackStatus.GENERATING, TrackStatus.RENDERING, TrackStatus.UPLOADING)


def to_public(track: Track, job: Job | None) -> TrackPublic:
    """The track as the API shows it; `job` is its newest job, which says what is running now
    (stage, percent) or what failed (reason, the step that retry runs again)."""
    running = job is not None and job.status in ACTIVE and track.status in BUSY
    failed = job is not None and job.status == JobStatus.FAILED and track.status == TrackStatus.FAILED
    return TrackPublic(
        id=track.id,
        prompt=track.prompt,
        duration=track.duration,
        seed=track.seed,
        status=TrackStatus(track.status),
        stage=(job.stage if running and job else None),
        progress=(int(job.progress * 100) if running and job else None),
        error_message=(job.error_message if failed and job else None),
        failed_stage=(job.kind if failed and job else None),
        job=JobPublic.model_validate(job, from_attributes=True) if job else None,
        music_url=storage.signed_url(track.music_path),
        image_url=storage.signed_url(track.image_path),
        video_url=storage.signed_url(track.video_path),
        youtube_url=track.youtube_url,
        youtube_video_id=track.youtube_video_id,
        youtube_privacy=track.youtube_privacy,
        upload_warnings=list(track.upload_warnings or []),
        music_bytes=track.music_bytes,
        video_bytes=track.video_bytes,
        created_at=track.created_at,
        updated_at=track.updated_at,
    )


def public(db: Session, track: Track) -> TrackPublic:
    # The job first, then the track: a step that ends in between then shows its finished
    # status without a stage, never a busy status whose job looks finished.
    job = queries.latest(db, "track", track.id)
    db.refresh(track)
    return to_public(track, job)


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
        select(Track)
        .where(*where)
        .order_by(Track.created_at.desc(), Track.id.desc())
        .offset((page - 1) * PAGE_SIZE)
        .limit(PAGE_SIZE)
    ).all()
    jobs = queries.latest_of(db, "track", [t.id for t in rows])
    return HistoryPage(
        items=[to_public(t, jobs.get(t.id)) for t in rows],
        page=page,
        page_size=PAGE_SIZE,
        total=total,
        pages=max(1, math.ceil(total / PAGE_SIZE)),
    )


def stats(db: Session, *, user: User) -> Stats:
    settings = get_settings()
    by_status = dict(
        db.execute(
            select(Track.status, func.count()).where(Track.user_id == user.id).group_by(Track.status)
        ).all()
    )
    storage_bytes = db.scalar(
        select(func.coalesce(func.sum(Track.music_bytes + Track.image_bytes + Track.video_bytes), 0)).where(
            Track.user_id == user.id
        )
    )
    month_start = datetime.now(UTC).replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    month = (
        db.scalar(
            select(func.count())
            .select_from(Track)
            .where(Track.user_id == user.id, Track.created_at >= month_start)
        )
        or 0
    )
    used = month / settings.usage.monthly_generation_quota
    return Stats(
        tracks_by_status={s.value: by_status.get(s.value, 0) for s in TrackStatus},
        total_tracks=sum(by_status.values()),
        storage_bytes=int(storage_bytes or 0),
        month_generations=month,
        monthly_quota=settings.usage.monthly_generation_quota,
        quota_used_percent=round(used * 100, 1),
        quota_alert=used > settings.usage.quota_alert_ratio,
        # Paid providers: this month's spend per provider, Mubert's plan quota.
        spend_by_provider=usage_report.spend_by_provider(db),
        mubert_quota=usage_report.mubert_quota(db),
    )


def delete_track(db: Session, *, user: User, track_id: uuid.UUID) -> None:
    track = get_track(db, user=user, track_id=track_id)
    removed = db.execute(
        delete(Track).where(Track.id == track.id, Track.status.not_in(BUSY)).returning(Track.id)
    ).first()
    if removed is None:
        db.rollback()
        raise Conflict(f"The track is {track.status}; wait for the step to finish before deleting it")
    queries.delete_for(db, "track", track.id)
    db.commit()
    storage.delete(
        track.music_path,
        track.audio_path,
        track.image_path,
        track.video_path,
        storage.relative_path("music", track.id, "json"),
    )
