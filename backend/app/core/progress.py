"""The progress callback that work reports through, whoever listens (a job, a test, nobody)."""

from collections.abc import Callable

# Called with a fraction in [0, 1] as work advances; callers never report a smaller one.
ProgressFn = Callable[[float], None]


def no_progress(_: float) -> None:
    return None
