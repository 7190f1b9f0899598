"""Provider calls of one job run side by side: each in a worker thread that still books its
cost to the job (the job's context is copied into it), their outcomes handed back to the
caller's thread as they finish, so the caller alone touches the database. A call that the
budget refuses stops the calls not yet started; the ones under way finish."""

import contextvars
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor, as_completed
from typing import TypeVar

from app.errors import BudgetExceeded

K = TypeVar("K")
T = TypeVar("T")


def side_by_side(calls: Mapping[K, Callable[[], T]], workers: int) -> Iterator[tuple[K, T | Exception]]:
    """Each call's key with its result or the exception it raised, in the order they finish.
    After a BudgetExceeded the calls still waiting are dropped (not reported)."""
    with ThreadPoolExecutor(workers) as pool:
        futures = {pool.submit(contextvars.copy_context().run, call): key for key, call in calls.items()}
        for future in as_completed(futures):
            if future.cancelled():
                continue
            outcome: T | Exception
            try:
                outcome = future.result()
            except Exception as exc:  # the caller decides what a failed call means
                outcome = exc
                if isinstance(exc, BudgetExceeded):
                    for waiting in futures:
                        waiting.cancel()
            yield futures[future], outcome
