"""YouTube API units per day. Google counts them per API project and resets the count at
midnight Pacific time, so days here are Pacific days and the reset time is the next such
midnight (shown to the creator in UTC and as a timestamp the dashboard can localise)."""

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from app.config import get_settings
from app.db import session_factory
from app.errors import QuotaExceeded
from app.youtube.models import QuotaUsage

PACIFIC = ZoneInfo("America/Los_Angeles")
RESERVED = "reserved"  # the operation of a hold: units set aside for an upload about to start
RESERVATION_LOCK = 0x59545155  # Postgres advisory lock key ("YTQU"): one check-and-hold at a time


@dataclass(frozen=True)
class QuotaState:
    day: date
    used: int
    limit: int
    resets_at: datetime  # UTC

    @property
    def remaining(self) -> int:
        return max(0, self.limit - self.used)


def pacific_day(now: datetime | None = None) -> date:
    return (now or datetime.now(UTC)).astimezone(PACIFIC).date()


def resets_at(now: datetime | None = None) -> datetime:
    """The next midnight in Pacific time, in UTC (23 or 25 hours away on DST change days)."""
    tomorrow = pacific_day(now) + timedelta(days=1)
    return datetime.combine(tomorrow, time(0), tzinfo=PACIFIC).astimezone(UTC)


def state(db: Session, *, now: datetime | None = None) -> QuotaState:
    day = pacific_day(now)
    used = db.scalar(select(func.coalesce(func.sum(QuotaUsage.units), 0)).where(QuotaUsage.day == day)) or 0
    return QuotaState(
        day=day, used=int(used), limit=get_settings().youtube.quota_daily_limit, resets_at=resets_at(now)
    )


def reset_text(at: datetime) -> str:
    return f"{at:%Y-%m-%d %H:%M} UTC (midnight Pacific time)"


def require(db: Session, *, units: int, what: str) -> None:
    """Refuse before starting when the day's remaining units cannot cover the work."""
    current = state(db)
    if current.used + units > current.limit:
        wait = max(1, int((current.resets_at - datetime.now(UTC)).total_seconds()))
        raise QuotaExceeded(
            f"Not enough YouTube API quota left today for {what}: it needs {units} units and "
            f"{current.remaining} of {current.limit} remain. The quota resets at {reset_text(current.resets_at)}.",
            headers={"Retry-After": str(wait)},
        )


def _held_by(track_id: uuid.UUID | None, video_id: uuid.UUID | None):
    """The hold of one upload: a track's or a video's (each has one upload at a time)."""
    owner = QuotaUsage.track_id == track_id if track_id is not None else QuotaUsage.video_id == video_id
    return (QuotaUsage.operation == RESERVED) & owner


def reserve(
    *,
    units: int,
    what: str,
    user_id: uuid.UUID,
    track_id: uuid.UUID | None = None,
    video_id: uuid.UUID | None = None,
) -> None:
    """Check and hold the units an upload is about to spend, in one step: two uploads started
    at the same moment can't both be let through on the same remaining units. Held units
    count as used until the call is made (`record` swaps them for the real count) or the
    upload stops before it (`release`; at start-up, every hold left by a stopped process)."""
    with session_factory()() as db:
        db.execute(select(func.pg_advisory_xact_lock(RESERVATION_LOCK)))  # until this commits
        require(db, units=units, what=what)
        db.add(
            QuotaUsage(
                day=pacific_day(),
                operation=RESERVED,
                units=units,
                user_id=user_id,
                track_id=track_id,
                video_id=video_id,
            )
        )
        db.commit()


def release(*, track_id: uuid.UUID | None = None, video_id: uuid.UUID | None = None) -> None:
    with session_factory()() as db:
        db.execute(delete(QuotaUsage).where(_held_by(track_id, video_id)))
        db.commit()


def release_all(db: Session) -> int:
    """At start-up: no upload is running, so no hold is still needed."""
    result = db.execute(delete(QuotaUsage).where(QuotaUsage.operation == RESERVED))
    released = getattr(result, "rowcount", 0) or 0
    db.commit()
    return released


def record(
    *,
    operation: str,
    units: int,
    user_id: uuid.UUID | None,
    track_id: uuid.UUID | None = None,
    video_id: uuid.UUID | None = None,
) -> None:
    """Count a call that reached YouTube, in its own transaction so a failure that rolls the
    caller back does not un-spend the units; a hold for the track's (or video's) upload is let go."""
    if units <= 0:
        return
    with session_factory()() as db:
        if track_id is not None or video_id is not None:
            db.execute(delete(QuotaUsage).where(_held_by(track_id, video_id)))
        db.add(
            QuotaUsage(
                day=pacific_day(),
                operation=operation,
                units=units,
                user_id=user_id,
                track_id=track_id,
                video_id=video_id,
            )
        )
        db.commit()


def record_exhausted(
    *, user_id: uuid.UUID | None, track_id: uuid.UUID | None = None, video_id: uuid.UUID | None = None
) -> None:
    """YouTube said quotaExceeded: its count is the truth, so top ours up to the limit and
    later uploads today are refused here instead of being sent to fail."""
    with session_factory()() as db:
        missing = state(db).remaining
    record(operation="quotaExceeded", units=missing, user_id=user_id, track_id=track_id, video_id=video_id)
