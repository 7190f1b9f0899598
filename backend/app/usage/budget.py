"""The budget guard: work that would pass the per-job limit ($20 by default) or the monthly
limit is refused before anything is sent.

Two moments: `check_job` before a job starts, with every call the job plans (no track row
and no request when it refuses); `reserve` before each attempt of each call, because retries
cost again and a job's real spend can outgrow its plan."""

import threading
import uuid
from decimal import Decimal

from app.config import get_settings
from app.errors import BudgetExceeded
from app.usage import context, ledger
from app.usage.prices import PlannedCall, cost_of, usd

# Check-then-book must be atomic between the threads of one process (art and music run side
# by side), or two attempts could each see room for themselves and together pass the limit.
_lock = threading.Lock()


def _describe(calls: list[PlannedCall]) -> str:
    return " + ".join(f"{c.label} {c.role} {usd(cost_of(c))}" for c in calls)


def check_job(*, job_id: uuid.UUID | None, planned: list[PlannedCall]) -> Decimal:
    """Refuse a job whose planned calls would pass either limit; return their estimated cost."""
    if not planned:
        return Decimal(0)  # local providers only: nothing to pay
    settings = get_settings()
    estimate = sum((cost_of(c) for c in planned), Decimal(0))
    job_limit, month_limit = (
        Decimal(str(settings.usage.job_budget_usd)),
        Decimal(str(settings.usage.monthly_budget_usd)),
    )
    spent_job = ledger.job_spend(job_id) if job_id else Decimal(0)
    if spent_job + estimate > job_limit:
        already = f" on top of {usd(spent_job)} already spent on it" if spent_job else ""
        raise BudgetExceeded(
            f"This job would cost about {usd(estimate)} ({_describe(planned)}){already}, over the "
            f"per-job budget of {usd(job_limit)} (JOB_BUDGET_USD). Shorten the track, pick cheaper "
            "providers, or raise the budget."
        )
    spent_month = ledger.month_spend()
    if spent_month + estimate > month_limit:
        raise BudgetExceeded(
            f"This month's provider spend is {usd(spent_month)} of the {usd(month_limit)} monthly budget "
            f"(MONTHLY_BUDGET_USD); this job (about {usd(estimate)}) would pass it."
        )
    return estimate


def reserve(call: PlannedCall, *, attempt: int) -> uuid.UUID:
    """Book one attempt in the ledger if both limits leave room for it; BudgetExceeded if not."""
    settings = get_settings()
    cost = cost_of(call)
    job_id = context.current().job_id
    with _lock:
        reason = None
        spent_job = ledger.job_spend(job_id) if job_id else Decimal(0)
        if spent_job + cost > Decimal(str(settings.usage.job_budget_usd)):
            reason = (
                f"stopped before another {call.label} call: this job has used {usd(spent_job)} of its "
                f"{usd(settings.usage.job_budget_usd)} budget (JOB_BUDGET_USD) and the call costs about {usd(cost)}"
            )
        elif ledger.month_spend() + cost > Decimal(str(settings.usage.monthly_budget_usd)):
            reason = (
                f"stopped before another {call.label} call: the monthly budget of "
                f"{usd(settings.usage.monthly_budget_usd)} (MONTHLY_BUDGET_USD) is used up"
            )
        if reason is None:
            return ledger.open_row(call, attempt=attempt, cost=cost)
    ledger.refused_row(call, attempt=attempt, reason=reason)
    raise BudgetExceeded(reason[0].upper() + reason[1:] + ".")


def track_plan(*, music: object, image: object, duration: int) -> list[PlannedCall]:
    """The paid calls a track would make with these providers. Local providers cost nothing
    and have no `planned_calls`."""
    planned: list[PlannedCall] = []
    if (music_plan := getattr(music, "planned_calls", None)) is not None:
        planned += music_plan(duration=duration)
    if (image_plan := getattr(image, "planned_calls", None)) is not None:
        planned += image_plan()
    return planned
