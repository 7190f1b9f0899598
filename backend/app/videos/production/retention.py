"""What a failed video leaves is kept for a while (the creator may retry, and nothing paid for
is lost meanwhile), then removed: a video whose newest step failed longer ago than
FAILED_VIDEO_RETENTION_DAYS loses its stills, layers, provider clips and composition cache.
The project itself — sections and clip plan — stays, so it can be made again."""

import logging
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.config import get_settings
from app.jobs import queries
from app.jobs.models import Job, JobStatus
from app.videos.models import ClipStatus, Video, VideoStatus
from app.videos.production import files, storyboard
from app.videos.production.state import SUBJECT, clips_of, scenes_of

log = logging.getLogger("app.videos")


def sweep(db: Session, *, now: datetime | None = None) -> int:
    """Remove what failed videos past the retention period left; returns how many were swept."""
    now = now or datetime.now(UTC)
    cutoff = now - timedelta(days=get_settings().storage.failed_video_retention_days)
    candidates = db.scalars(
        select(Video)
        .join(Job, (Job.subject_type == SUBJECT) & (Job.subject_id == Video.id))
        .where(Job.status == JobStatus.FAILED, Job.finished_at < cutoff)
        .where(Video.status.not_in((VideoStatus.COMPOSED, VideoStatus.FINALIZED)))
        .distinct()
    ).all()
    swept = 0
    for video in candidates:
        newest = queries.latest(db, SUBJECT, video.id)
        if newest is None or newest.status != JobStatus.FAILED or not _has_files(db, video):
            continue
        doomed = [f for c in clips_of(db, video) for f in files.clip_files(c)]
        for clip in clips_of(db, video):
            clip.source_path, clip.status, clip.motion = None, ClipStatus.PLANNED, None
        storyboard.discard_storyboard(db, video)  # its stills and layers
        video.warnings = [
            f"What the failed attempt left (stills, clips) was removed after "
            f"{get_settings().storage.failed_video_retention_days:g} days; make the storyboard again."
        ]
        db.commit()
        files.remove(doomed)
        files.remove_cache(video)
        swept += 1
    if swept:
        log.info("removed what %d failed video(s) left", swept)
    return swept


def _has_files(db: Session, video: Video) -> bool:
    return bool(scenes_of(db, video)) or any(c.source_path for c in clips_of(db, video))
