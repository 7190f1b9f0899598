"""Running independent ffmpeg jobs on every core, with progress as they finish."""

import os
from collections.abc import Callable
from concurrent.futures import FIRST_EXCEPTION, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass

from app.core.progress import ProgressFn


@dataclass(frozen=True)
class Job:
    name: str
    cost: float  # rough CPU seconds: heaviest jobs start first, and progress is weighted by it
    run: Callable[[], object]


def run_jobs(jobs: list[Job], progress: ProgressFn) -> dict[str, object]:
    """Run the jobs in a thread pool (each one mostly waits on its own ffmpeg process) and
    return their results by name. Progress is reported from the calling thread only, so
    callers never see callbacks from worker threads. The first failure cancels the jobs not
    yet started and is re-raised once the running ones have stopped."""
    total = sum(job.cost for job in jobs) or 1.0
    done = 0.0
    results: dict[str, object] = {}
    ordered = sorted(jobs, key=lambda job: job.cost, reverse=True)
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        pending: dict[Future, Job] = {pool.submit(job.run): job for job in ordered}
        while pending:
            finished, _ = wait(pending, return_when=FIRST_EXCEPTION)
            for future in finished:
                job = pending.pop(future)
                error = future.exception()
                if error is not None:
                    for other in pending:
                        other.cancel()
                    raise error
                results[job.name] = future.result()
                done += job.cost
                progress(done / total)
    return results
