"""`run(step, subject)`: the one way work is started, retried and finished.

`create` claims the subject and writes the job row in one transaction (so two requests for
the same step cannot both start it); `execute` runs the step's function and records how it
ended. Both take only ids and rows, so a queue worker could call `execute` in place of the
request thread without any change to the steps."""

import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.errors import AppError, Conflict, StepFailed
from app.jobs import events, failures, queries, registry
from app.jobs.context import StepContext
from app.jobs.models import Job, JobStatus
from app.jobs.progress import JobProgress
from app.usage import context as usage_context


def run(db: Session, name: str, subject: registry.Subject) -> Job:
    """Start the step on the subject and run it here, in this thread, to the end."""
    job = create(db, name, subject)
    return execute(db, job, subject)


def create(db: Session, name: str, subject: registry.Subject) -> Job:
    step = registry.get(name)
    try:
        step.begin(db, subject)
    except Exception:
        db.rollback()
        raise
    job = Job(
        id=uuid.uuid4(),
        user_id=subject.user_id,
        step=step.name,
        kind=step.kind,
        subject_type=step.subject_type,
        subject_id=subject.id,
        status=JobStatus.RUNNING,
        stage=step.first_stage,
        progress=0.0,
        attempts=1,
        started_at=datetime.now(UTC),
    )
    db.add(job)
    try:
        db.commit()
    except IntegrityError:  # the partial unique index: this step is already running on it
        db.rollback()
        raise Conflict(f"This {step.subject_type} is already running its {step.kind} step") from None
    db.refresh(subject)
    events.emit(job, "stage_update")
    return job


def retry(db: Session, subject_type: str, subject: registry.Subject) -> Job:
    """Run the subject's last failed step again, in the same job (its attempts go up)."""
    return execute(db, claim_retry(db, subject_type, subject), subject)


def claim_retry(
    db: Session,
    subject_type: str,
    subject: registry.Subject,
    prepare: Callable[[Session, Any], None] | None = None,
) -> Job:
    """The subject's last failed job, running again (not yet executed). `prepare` replaces the
    step's own retry preparation when the caller starts it afresh (e.g. new upload details)."""
    job = queries.latest(db, subject_type, subject.id)
    if job is None or job.status != JobStatus.FAILED:
        return _nothing_to_retry(subject_type, subject, job)
    step = registry.get(job.step)
    if step.retry is None or not job.retryable:
        raise Conflict(f"The {step.kind} step cannot be retried: {job.error_message or 'it is final'}")
    try:
        (prepare or step.retry)(db, subject)
    except Exception:
        db.rollback()
        raise
    claimed = db.execute(
        update(Job)
        .where(Job.id == job.id, Job.status == JobStatus.FAILED)
        .values(
            status=JobStatus.RUNNING,
            attempts=Job.attempts + 1,
            stage=step.first_stage,
            progress=0.0,
            error_message=None,
            error_code=None,
            retryable=None,
            started_at=datetime.now(UTC),
            finished_at=None,
        )
        .returning(Job.id)
    ).first()
    if claimed is None:
        db.rollback()
        raise Conflict(f"This {subject_type} is already being retried")
    db.commit()
    db.refresh(job)
    db.refresh(subject)
    events.emit(job, "stage_update")
    return job


def _nothing_to_retry(subject_type: str, subject: object, job: Job | None) -> Job:
    status = getattr(subject, "status", None)
    raise Conflict(f"Only a failed {subject_type} can be retried; this one is {status or job and job.status}")


def execute(db: Session, job: Job, subject: registry.Subject) -> Job:
    step = registry.get(job.step)
    progress = JobProgress(job)
    ctx = StepContext(db=db, subject=subject, job=job, progress=progress)
    track_id = subject.id if step.subject_type == "track" else None
    try:
        with usage_context.job(
            job_id=job.id, track_id=track_id, user_id=subject.user_id, on_cost=progress.cost
        ):
            step.work(ctx)
    except Exception as exc:
        raise fail(db, job, subject, exc) from exc
    job.status, job.progress, job.stage, job.finished_at = JobStatus.SUCCEEDED, 1.0, None, datetime.now(UTC)
    db.commit()  # with whatever the step set on its subject
    events.emit(job, "completed")
    return job


def fail(db: Session, job: Job, subject: registry.Subject, exc: BaseException) -> AppError:
    """Record the failure on the job and the subject; returns the error for the caller."""
    step = registry.get(job.step)
    failures.log_failure(step.name, subject.id, exc)
    db.rollback()
    db.refresh(subject)
    db.refresh(job)
    step.discard(subject)
    exc = step.translate(exc)
    message, code = failures.describe(exc)
    error = step.on_failure(db, subject, exc)
    job.status, job.error_message, job.error_code = JobStatus.FAILED, message, code
    job.retryable = step.retry is not None and not isinstance(exc, step.permanent)
    job.finished_at = datetime.now(UTC)
    db.commit()
    events.emit(job, "error", message=message, error_code=code, retryable=job.retryable)
    return error or StepFailed(f"The {step.kind} step failed: {message}")
