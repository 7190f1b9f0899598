"""What every step does when it fails: the track becomes `failed` with a reason a creator
can read, the step's files are gone, and POST /retry knows what to run again."""

import logging

from sqlalchemy.orm import Session

from app.errors import BudgetExceeded, StepFailed
from app.media.ffmpeg import MediaError
from app.providers.base import ProviderError
from app.tracks.models import Track, TrackStatus

log = logging.getLogger("app.pipeline")


def readable(exc: BaseException) -> str:
    if isinstance(exc, ProviderError):
        return f"{exc.provider} provider: {exc}"
    if isinstance(exc, BudgetExceeded):  # issue 7: the guard stopped a paid call mid-job
        return exc.detail
    if isinstance(exc, MediaError):
        return f"Media processing failed: {exc}"
    if isinstance(exc, FileNotFoundError):
        return f"A file this step needs is missing ({exc.strerror or exc}); generate the track again."
    if isinstance(exc, OSError) and exc.errno == 28:
        return "The disk is full; free some space and retry."
    return "An unexpected error stopped this step; it has been logged. Retry it."


def mark_failed(db: Session, track: Track, *, step: str, exc: BaseException) -> StepFailed:
    log.warning("track %s: %s failed: %s", track.id, step, type(exc).__name__, exc_info=not isinstance(exc, (ProviderError, MediaError, BudgetExceeded)))
    db.rollback()
    db.refresh(track)
    message = readable(exc)
    track.status = TrackStatus.FAILED
    track.failed_stage = step
    track.error_message = message
    track.stage = None
    track.progress = None
    db.commit()
    return StepFailed(f"The {step} step failed: {message}")
