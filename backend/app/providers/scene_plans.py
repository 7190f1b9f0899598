"""The one entry point the pipeline calls for a scene plan: the chosen planner, and the local
plan when that planner cannot deliver (no key, a refusal, a cut-off answer, a rejected
schema, a plan that breaks our rules). The reason comes back as a warning the dashboard
shows; the video goes on with the local plan rather than failing. Only the budget stops it:
running out of money is the creator's decision, not a planner's failure."""

import logging

from app.core.errors import ProviderError
from app.providers import registry
from app.providers.local.planner import plan_locally
from app.providers.planning import PlanRequest, ScenePlan, check_plan

log = logging.getLogger("app.providers")


def plan_scenes(request: PlanRequest) -> tuple[ScenePlan, list[str]]:
    """(plan, warnings): the plan always covers every clip once and passes `check_plan`."""
    if not request.clips:
        raise ValueError("a scene plan needs at least one clip")
    chosen = registry.chosen()["planner"]
    if chosen == "local":
        return plan_locally(request), []
    try:
        planner = registry.planner_provider()
        plan = planner.plan(request=request)
        problems = check_plan(plan, request)
        if problems:
            raise ProviderError(f"returned a scene plan we cannot use: {problems[0]}", provider=planner.name)
        return plan, []
    except (ProviderError, LookupError) as exc:
        who = getattr(exc, "provider", None) or chosen
        warning = f"The {who} planner could not plan this video ({exc}); the built-in plan is used instead."
        log.warning("%s", warning)
        return plan_locally(request), [warning]
