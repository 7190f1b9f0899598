"""What a failed step tells the creator: a readable reason and a stable code, whatever
raised it. Unexpected errors are logged with their traceback and shown in general words."""

import logging

from app.core.errors import MediaError, ProviderError
from app.errors import AppError

log = logging.getLogger("app.jobs")


class Interrupted(Exception):
    """The process stopped while the step ran (found at the next start-up)."""


def describe(exc: BaseException) -> tuple[str, str]:
    """(message, error code) for a step's failure."""
    if isinstance(exc, Interrupted):
        return "The studio stopped while this step was running; retry it.", "INTERRUPTED"
    if isinstance(exc, ProviderError):
        return f"{exc.provider} provider: {exc}", "PROVIDER_ERROR"
    if isinstance(exc, AppError):
        return exc.detail, exc.error_code
    if isinstance(exc, MediaError):
        return f"Media processing failed: {exc}", "MEDIA_ERROR"
    if isinstance(exc, FileNotFoundError):
        return (
            f"A file this step needs is missing ({exc.strerror or exc}); generate the track again.",
            "FILE_MISSING",
        )
    if isinstance(exc, OSError) and exc.errno == 28:
        return "The disk is full; free some space and retry.", "DISK_FULL"
    return "An unexpected error stopped this step; it has been logged. Retry it.", "INTERNAL_ERROR"


def log_failure(step: str, subject_id: object, exc: BaseException) -> None:
    expected = isinstance(exc, (ProviderError, MediaError, AppError, Interrupted))
    log.warning("%s %s failed: %s", step, subject_id, type(exc).__name__, exc_info=not expected)
