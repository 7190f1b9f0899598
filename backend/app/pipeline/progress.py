"""Writes a running step's stage and percent to the track row, in its own short
transactions, so another request (the dashboard polling) can read them meanwhile."""

import threading
import time
import uuid

from sqlalchemy import update

from app.db import session_factory
from app.tracks.models import Track


class Progress:
    MIN_INTERVAL = 0.25  # seconds between writes: enough for a smooth bar, cheap for Postgres

    def __init__(self, track_id: uuid.UUID) -> None:
        self.track_id = track_id
        self._lock = threading.Lock()  # providers may report from worker threads
        self._stage: str | None = None
        self._percent = -1
        self._written_at = 0.0

    def update(self, stage: str, fraction: float) -> None:
        percent = max(0, min(100, int(fraction * 100)))
        with self._lock:
            if stage == self._stage and percent <= self._percent:
                return  # never backwards within a stage
            now = time.monotonic()
            if stage == self._stage and percent < 100 and now - self._written_at < self.MIN_INTERVAL:
                return
            self._stage, self._percent, self._written_at = stage, percent, now
            with session_factory()() as db:
                db.execute(update(Track).where(Track.id == self.track_id).values(stage=stage, progress=percent))
                db.commit()

    def reporter(self, stage: str, *, start: float = 0.0, end: float = 1.0):
        """A ProgressFn mapping a sub-task's 0→1 onto [start, end] of this stage."""
        return lambda f: self.update(stage, start + (end - start) * max(0.0, min(1.0, f)))
