"""What every production step checks and reads: the video's scenes and clips, whether another
step is running on it, and whether it may still change. One video runs one step at a time,
so a storyboard is never repainted under a render that reads it."""

import uuid
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import storage
from app.errors import Conflict
from app.jobs.models import Job, JobStatus
from app.videos.models import Clip, Scene, Video, VideoStatus

SUBJECT = "video"
# Where the storyboard may be (re)painted: before any motion is made from it.
EDITABLE_FOR_STORYBOARD = (VideoStatus.PLANNED, VideoStatus.STORYBOARDED, VideoStatus.APPROVED)


def scenes_of(db: Session, video: Video) -> list[Scene]:
    return list(db.scalars(select(Scene).where(Scene.video_id == video.id).order_by(Scene.index)))


def clips_of(db: Session, video: Video) -> list[Clip]:
    return list(db.scalars(select(Clip).where(Clip.video_id == video.id).order_by(Clip.index)))


def running_step(db: Session, video_id: uuid.UUID) -> Job | None:
    return db.scalar(
        select(Job).where(
            Job.subject_type == SUBJECT, Job.subject_id == video_id, Job.status == JobStatus.RUNNING
        )
    )


def require_idle(db: Session, video: Video) -> None:
    job = running_step(db, video.id)
    if job is not None:
        raise Conflict(f"This video is busy with its {job.kind} step; wait for it to finish")


def require_not_final(video: Video) -> None:
    if video.status == VideoStatus.FINALIZED:
        raise Conflict("This video is finalized: it can no longer be changed")


def require_status(video: Video, *allowed: VideoStatus, doing: str) -> None:
    require_not_final(video)
    if video.status not in allowed:
        wanted = " or ".join(allowed)
        raise Conflict(f"To {doing}, the video must be {wanted}; it is {video.status}")


def cache_dir(video: Video) -> Path:
    """Composition segments kept between renders, so a regenerated clip re-encodes only
    what it changed. Removed by finalize and with the video."""
    return storage.root() / "cache" / "videos" / str(video.id)


def load(db: Session, video_id: uuid.UUID) -> Video | None:
    """The video as the database has it now: what a step's worker starts from."""
    return db.get(Video, video_id, populate_existing=True)
