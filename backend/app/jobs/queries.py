"""Reading jobs: one job, the newest job of a subject, the newest of many subjects at once."""

import uuid

from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import distinct_on
from sqlalchemy.orm import Session

from app.errors import NotFound
from app.jobs.models import Job


def get_owned(db: Session, *, user_id: uuid.UUID, job_id: uuid.UUID) -> Job:
    job = db.get(Job, job_id, populate_existing=True)
    if job is None or job.user_id != user_id:
        raise NotFound("Job not found")
    return job


def latest(db: Session, subject_type: str, subject_id: uuid.UUID) -> Job | None:
    return db.scalar(
        select(Job)
        .where(Job.subject_type == subject_type, Job.subject_id == subject_id)
        .order_by(Job.created_at.desc(), Job.id.desc())
        .limit(1)
        .execution_options(populate_existing=True)
    )


def latest_of(db: Session, subject_type: str, subject_ids: list[uuid.UUID]) -> dict[uuid.UUID, Job]:
    """The newest job of each subject, in one query (history pages, batches)."""
    if not subject_ids:
        return {}
    rows = db.scalars(
        select(Job)
        .where(Job.subject_type == subject_type, Job.subject_id.in_(subject_ids))
        .order_by(Job.subject_id, Job.created_at.desc(), Job.id.desc())
        .ext(distinct_on(Job.subject_id))
        .execution_options(populate_existing=True)
    )
    return {job.subject_id: job for job in rows}


def delete_for(db: Session, subject_type: str, subject_id: uuid.UUID) -> None:
    """A subject's jobs go with it (their events cascade); its provider spend stays booked."""
    db.execute(delete(Job).where(Job.subject_type == subject_type, Job.subject_id == subject_id))
