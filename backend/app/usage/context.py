"""Which job a provider call belongs to, without threading ids through every provider
signature: the job runner sets it around a step; the ledger reads it, and tells the job
what it has spent so far through `on_cost`.

ContextVars do not follow work into a ThreadPoolExecutor by themselves: submit
`contextvars.copy_context().run` so that a call made from a worker thread is still booked
to its job (`parallel.side_by_side` does so for a step's calls made side by side)."""

import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from decimal import Decimal

CostFn = Callable[[Decimal], None]


@dataclass(frozen=True)
class JobContext:
    job_id: uuid.UUID | None = None
    track_id: uuid.UUID | None = None
    user_id: uuid.UUID | None = None
    on_cost: CostFn | None = None  # called with the job's total spend after each call ends


NO_JOB = JobContext()
_current: ContextVar[JobContext | None] = ContextVar("provider_job", default=None)


@contextmanager
def job(
    *,
    job_id: uuid.UUID,
    track_id: uuid.UUID | None = None,
    user_id: uuid.UUID | None = None,
    on_cost: CostFn | None = None,
) -> Iterator[JobContext]:
    token = _current.set(JobContext(job_id=job_id, track_id=track_id, user_id=user_id, on_cost=on_cost))
    try:
        yield current()
    finally:
        _current.reset(token)


def current() -> JobContext:
    return _current.get() or NO_JOB
