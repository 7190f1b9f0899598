"""The time left in a running batch, from the pace of its finished items: items overlap,
so the pace is the time between finishes, not each item's whole elapsed time."""

import uuid
from datetime import UTC, datetime, timedelta

from app.batches.schemas import BatchItemPublic
from app.batches.service import eta

T0 = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)


def item(
    position: int, status: str, started: float | None, completed: float | None = None
) -> BatchItemPublic:
    at = lambda seconds: None if seconds is None else T0 + timedelta(seconds=seconds)  # noqa: E731
    return BatchItemPublic(
        id=uuid.uuid4(),
        position=position,
        prompt="a prompt long enough",
        status=status,
        stage=None,
        progress=None,
        error_message=None,
        track=None,
        started_at=at(started),
        completed_at=at(completed),
        elapsed_seconds=None,
    )


def test_overlapping_items_are_paced_by_the_time_between_finishes() -> None:
    # Each item takes 4 s, but the next starts generating while the one before renders.
    items = [
        item(1, "success", 0, 4),
        item(2, "success", 2.5, 6.5),
        item(3, "success", 5, 9),
        item(4, "generating", 7.5),
        item(5, "pending", None),
    ]
    # Paces 4, 2.5, 2.5 → 3 s; two left; the next has been under way for 1 s since the last finish.
    assert eta(items, now=T0 + timedelta(seconds=10)) == 5.0


def test_a_retry_long_after_counts_from_its_own_start() -> None:
    items = [item(1, "success", 0, 4), item(2, "rendering", 3600)]
    assert eta(items, now=T0 + timedelta(seconds=3601)) == 3.0


def test_nothing_to_go_by_or_nothing_left() -> None:
    assert eta([item(1, "generating", 0), item(2, "pending", None)], now=T0) is None
    assert eta([item(1, "success", 0, 4), item(2, "failed", 4, 5)], now=T0) is None
    # Late beyond the pace: never below a second while something is left.
    assert eta([item(1, "success", 0, 4), item(2, "generating", 4)], now=T0 + timedelta(seconds=60)) == 1.0
