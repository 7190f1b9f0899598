"""Writing a job's events: each is a row (so a stream can resume after the last one its
client saw) and a wake-up for the streams that follow the job or its subject."""

from typing import Any

from sqlalchemy import insert

from app.db import session_factory
from app.jobs.hub import hub, job_key, subject_key
from app.jobs.models import Job, JobEvent

EVENTS = ("stage_update", "progress", "message", "cost_update", "completed", "error")


def snapshot(job: Job) -> dict[str, Any]:
    """What every event carries, so a client can draw the job from any single event."""
    return {
        "job_id": str(job.id),
        "step": job.step,
        "kind": job.kind,
        "subject_type": job.subject_type,
        "subject_id": str(job.subject_id),
        "status": job.status,
        "stage": job.stage,
        "progress": round(float(job.progress or 0.0), 4),
        "attempts": job.attempts,
        "cost_usd": float(job.cost_usd or 0),
    }


def emit(job: Job, event: str, **extra: Any) -> None:
    """Record one event in its own transaction (the step's may be rolled back) and wake streams."""
    write(snapshot(job) | extra, event)


def write(data: dict[str, Any], event: str) -> None:
    """`data` is a snapshot (plus the event's own fields); it names the job and its subject."""
    if event not in EVENTS:
        raise ValueError(f"unknown job event {event!r}")
    with session_factory()() as db:
        db.execute(
            insert(JobEvent).values(
                job_id=data["job_id"],
                subject_type=data["subject_type"],
                subject_id=data["subject_id"],
                event=event,
                data=data,
            )
        )
        db.commit()
    hub.notify(job_key(data["job_id"]), subject_key(data["subject_type"], data["subject_id"]))
