"""What a step's function receives: its session, its subject, its job and a way to report."""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from app import storage
from app.jobs.models import Job
from app.jobs.progress import JobProgress


@dataclass
class StepContext:
    db: Session
    subject: Any
    job: Job
    progress: JobProgress

    @contextmanager
    def workdir(self) -> Iterator[Path]:
        """Scratch named after the job, so start-up can tell whose it is after a crash."""
        with storage.workdir(prefix=f"job-{self.job.id}-") as path:
            yield path
