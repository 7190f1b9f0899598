"""Writing and reading the provider-call ledger. Rows are written in their own short
transactions (providers run in worker threads, beside the step's own session), so a row is
visible to the budget guard and to GET /api/stats while the call is still running."""

import uuid
from datetime import UTC, datetime
from decimal import Decimal

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from app.db import session_factory
from app.usage import context
from app.usage.models import Outcome, ProviderCall
from app.usage.prices import PlannedCall


def month_start(now: datetime | None = None) -> datetime:
    now = now or datetime.now(UTC)
    return now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)


def open_row(call: PlannedCall, *, attempt: int, cost: Decimal) -> uuid.UUID:
    """Book an attempt before it is sent; its estimated cost is reserved until it ends."""
    job = context.current()
    row = ProviderCall(
        id=uuid.uuid4(),
        provider=call.provider,
        model=call.model,
        role=call.role,
        job_id=job.job_id,
        track_id=job.track_id,
        user_id=job.user_id,
        attempt=attempt,
        outcome=Outcome.RUNNING,
        units=Decimal(str(call.units)),
        unit=call.unit,
        cost_usd=cost,
    )
    with session_factory()() as db:
        db.add(row)
        db.commit()
    return row.id


def refused_row(call: PlannedCall, *, attempt: int, reason: str) -> None:
    """The guard stopped an attempt: keep a trace of it, at no cost."""
    row_id = open_row(call, attempt=attempt, cost=Decimal(0))
    close_row(row_id, outcome=Outcome.REFUSED, cost=Decimal(0), error=reason)


def close_row(
    row_id: uuid.UUID,
    *,
    outcome: Outcome,
    cost: Decimal,
    units: float | None = None,
    http_status: int | None = None,
    error: str | None = None,
    external_id: str | None = None,
) -> None:
    values: dict = {
        "outcome": outcome,
        "cost_usd": cost,
        "finished_at": func.now(),
        "http_status": http_status,
        "error": error,
    }
    if units is not None:
        values["units"] = Decimal(str(units))
    if external_id is not None:
        values["external_id"] = external_id[:200]
    with session_factory()() as db:
        db.execute(update(ProviderCall).where(ProviderCall.id == row_id).values(**values))
        db.commit()
    job = context.current()
    if job.job_id is not None and job.on_cost is not None:
        job.on_cost(job_spend(job.job_id))


def job_spend(job_id: uuid.UUID) -> Decimal:
    with session_factory()() as db:
        return Decimal(
            db.scalar(
                select(func.coalesce(func.sum(ProviderCall.cost_usd), 0)).where(ProviderCall.job_id == job_id)
            )
            or 0
        )


def month_spend() -> Decimal:
    with session_factory()() as db:
        return Decimal(
            db.scalar(
                select(func.coalesce(func.sum(ProviderCall.cost_usd), 0)).where(
                    ProviderCall.started_at >= month_start()
                )
            )
            or 0
        )


def spend_by_provider(db: Session) -> dict[str, float]:
    """This calendar month's estimated spend per provider, in USD (every provider used appears)."""
    rows = db.execute(
        select(ProviderCall.provider, func.sum(ProviderCall.cost_usd))
        .where(ProviderCall.started_at >= month_start())
        .group_by(ProviderCall.provider)
    ).all()
    return {provider: float(total) for provider, total in rows}


def month_count(db: Session, *, provider: str, outcome: Outcome = Outcome.OK) -> int:
    """Calls of one provider this month that ended with `outcome` (Mubert: tracks made)."""
    return (
        db.scalar(
            select(func.count())
            .select_from(ProviderCall)
            .where(
                ProviderCall.provider == provider,
                ProviderCall.outcome == outcome,
                ProviderCall.started_at >= month_start(),
            )
        )
        or 0
    )


def close_interrupted(db: Session) -> int:
    """At start-up: calls that were in flight when the process died will never report back.
    Close them as failed; their estimated cost stays booked (the service may have billed it)."""
    result = db.execute(
        update(ProviderCall)
        .where(ProviderCall.outcome == Outcome.RUNNING)
        .values(
            outcome=Outcome.FAILED,
            finished_at=func.now(),
            error="interrupted: the studio stopped during the call",
        )
    )
    db.commit()
    return getattr(result, "rowcount", 0) or 0
