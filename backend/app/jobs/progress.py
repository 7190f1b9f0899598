"""A running job's stage and progress, written to its row in short transactions of their own
(so another request can read them meanwhile) and sent to the streams as events.

Progress is a fraction of the whole job, 0 → 1, and never goes down: a stage that reports a
smaller number than an earlier one (a sub-task starting at 0) leaves the bar where it was."""

import threading
import time
import uuid
from decimal import Decimal
from typing import Any

from sqlalchemy import func, update

from app.core.progress import ProgressFn
from app.db import session_factory
from app.jobs import events
from app.jobs.models import Job


class JobProgress:
    MIN_INTERVAL = 0.25  # seconds between writes: enough for a smooth bar, cheap for Postgres

    def __init__(self, job: Job) -> None:
        self.job_id: uuid.UUID = job.id
        self._lock = threading.Lock()  # providers may report from worker threads
        self._data: dict[str, Any] = events.snapshot(job)
        self._written_at = 0.0

    @property
    def fraction(self) -> float:
        return float(self._data["progress"])

    def update(self, stage: str, fraction: float) -> None:
        fraction = round(max(0.0, min(1.0, fraction)), 4)
        with self._lock:
            new_stage = stage != self._data["stage"]
            fraction = max(fraction, self._data["progress"])
            now = time.monotonic()
            moved = int(fraction * 100) > int(self._data["progress"] * 100)
            if not new_stage and (not moved or (fraction < 1 and now - self._written_at < self.MIN_INTERVAL)):
                return
            self._data.update(stage=stage, progress=fraction)
            self._written_at = now
            with session_factory()() as db:
                db.execute(
                    update(Job)
                    .where(Job.id == self.job_id)
                    .values(
                        stage=stage, progress=func.greatest(Job.progress, fraction), updated_at=func.now()
                    )
                )
                db.commit()
            events.write(dict(self._data), "stage_update" if new_stage else "progress")

    def reporter(self, stage: str, *, start: float = 0.0, end: float = 1.0) -> ProgressFn:
        """A ProgressFn mapping a sub-task's 0→1 onto [start, end] of the job."""
        return lambda f: self.update(stage, start + (end - start) * max(0.0, min(1.0, f)))

    def message(self, text: str) -> None:
        """Something the creator should read that is not a failure (a fallback, a warning)."""
        with self._lock:
            data = dict(self._data)
        events.write(data | {"message": text}, "message")

    def cost(self, spent: Decimal) -> None:
        """The provider spend booked to this job so far (the ledger calls this as calls end)."""
        with self._lock:
            self._data["cost_usd"] = float(spent)
            data = dict(self._data)
        with session_factory()() as db:
            db.execute(update(Job).where(Job.id == self.job_id).values(cost_usd=spent))
            db.commit()
        events.write(data, "cost_update")
