"""Start-up: work a dead process left running will never finish. Its jobs become failed and
retryable, their subjects take the step's failed state, and what the step had written —
scratch folders and half-made files — is removed."""

import logging
import re
import shutil

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import storage
from app.jobs import registry, runner
from app.jobs.failures import Interrupted
from app.jobs.models import ACTIVE, Job

log = logging.getLogger("app.jobs")
JOB_SCRATCH = re.compile(r"^job-([0-9a-f-]{36})-")


def fail_interrupted(db: Session) -> int:
    stuck = list(db.scalars(select(Job).where(Job.status.in_(ACTIVE))))
    for job in stuck:
        step = registry.get(job.step)
        subject = step.load(db, job.subject_id)
        if subject is None:  # deleted meanwhile: nothing to tell anyone
            db.delete(job)
            db.commit()
            continue
        runner.fail(db, job, subject, Interrupted())
    return len(stuck)


def remove_scratch(db: Session) -> int:
    """Scratch folders that belong to no running job (all of them, after a crash)."""
    folder = storage.root() / "tmp"
    if not folder.is_dir():
        return 0
    running = {str(job_id) for job_id in db.scalars(select(Job.id).where(Job.status.in_(ACTIVE)))}
    removed = 0
    for entry in folder.iterdir():
        match = JOB_SCRATCH.match(entry.name)
        if match and match.group(1) in running:
            continue
        if entry.is_dir():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)
        removed += 1
    if removed:
        log.info("removed %d scratch item(s) left by an earlier run", removed)
    return removed
