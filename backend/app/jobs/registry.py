"""The step registry: a step's name → the function that runs it, what must hold before it
can run, what its subject becomes when it fails, and whether and how it may be retried.
Product packages register their steps when they are imported; the engine only looks them up."""

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from sqlalchemy.orm import Session

from app.errors import AppError

if TYPE_CHECKING:
    from app.jobs.context import StepContext


class Subject(Protocol):
    """A row a job works on: a track now; songs, videos and clips later."""

    id: uuid.UUID
    user_id: uuid.UUID


def _nothing(*_: Any) -> None:
    return None


@dataclass(frozen=True)
class Step:
    name: str  # unique, "<subject>.<kind>", e.g. "track.render"
    kind: str  # what the creator reads: generate | render | upload | analyse | …
    subject_type: str
    load: Callable[[Session, uuid.UUID], Any]  # the subject row, or None when it is gone
    work: Callable[["StepContext"], None]  # the work: plain code over rows and files
    # What must exist before it runs; claims the subject (e.g. a track becomes `rendering`) in the
    # transaction that creates the job, and raises a domain error (409 …) when it cannot.
    begin: Callable[[Session, Any], None] = _nothing
    # The subject's state after a failure (e.g. the track becomes `failed`); may return the
    # error the caller should see instead of the generic "the step failed".
    on_failure: Callable[[Session, Any, BaseException], AppError | None] = _nothing
    # Removes what a failed or interrupted run may have left in storage.
    discard: Callable[[Any], None] = _nothing
    # Prepares a retry (claims the subject again); None: this step is never retried.
    retry: Callable[[Session, Any], None] | None = None
    # Turns a raw failure into one that says what it means (e.g. an HTTP error into "reconnect").
    translate: Callable[[BaseException], BaseException] = lambda exc: exc
    first_stage: str = "starting"  # what the job says before the work reports anything
    # Failures that a retry cannot fix (e.g. a file that is not audio).
    permanent: tuple[type[BaseException], ...] = field(default=())


_steps: dict[str, Step] = {}


def register(step: Step) -> Step:
    if step.name in _steps and _steps[step.name] != step:
        raise ValueError(f"step {step.name!r} is registered twice")
    _steps[step.name] = step
    return step


def get(name: str) -> Step:
    try:
        return _steps[name]
    except KeyError:
        raise LookupError(f"no step named {name!r} is registered") from None


def registered() -> list[Step]:
    return list(_steps.values())
