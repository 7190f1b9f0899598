"""The ad plan from an OpenAI text model (structured output, the AdPlan schema), used when the
planner role is OpenAI. Any failure becomes a ProviderError; `plan_ad` then falls back to
the local plan with a warning."""

import json

import pydantic

from app.ads.adplan import AdPlan, AdPlanRequest, check_ad_plan, plan_locally, settle
from app.config import get_settings
from app.core.errors import ProviderError
from app.providers import openai_client, registry
from app.providers.calls import call
from app.usage.prices import PlannedCall

SERVICE = openai_client.SERVICE
INSTRUCTIONS = (
    "You are the director of a short ad. Plan 3 to 8 scenes whose `duration` values (seconds) add "
    "up exactly to the requested duration. The first scene (role hook) reveals the product by "
    "name; the last (role cta) leaves calm space for the call to action; between them key "
    "messages, the audience and product details. Name the product in every scene prompt; "
    "prompts are self-contained images and never ask for text, letters or logos. Use the given "
    "style (world, palette as #rrggbb, lighting). Transitions: cut (0 s) or crossfade (0.5 s). "
    "Number scenes 0, 1, 2 … and set section_index equal to the index."
)
TOKENS = 3000


def _plan_openai(request: AdPlanRequest) -> AdPlan:
    model = get_settings().openai.planner_model
    planned = PlannedCall("openai", "OpenAI", model, "planner", TOKENS / 1000, "1k_tokens")

    def work(attempt) -> AdPlan:
        try:
            response = openai_client.client().responses.parse(
                model=model,
                instructions=INSTRUCTIONS,
                input=json.dumps(request.model_dump(mode="json")),
                text_format=AdPlan,
                max_output_tokens=TOKENS,
            )
        except pydantic.ValidationError as exc:
            attempt.accept()
            raise ProviderError(
                "answered with a cut-off or malformed ad plan", provider=SERVICE.label
            ) from exc
        attempt.accept(response.id)
        plan = response.output_parsed
        if plan is None or response.status == "incomplete":
            raise ProviderError("answered without a complete ad plan", provider=SERVICE.label)
        problems = check_ad_plan(plan, request)
        if problems:
            raise ProviderError(f"returned an ad plan we cannot use: {problems[0]}", provider=SERVICE.label)
        return plan

    return call(planned, work, service=SERVICE, facts=openai_client.facts, what="planning the ad")


def plan_ad(request: AdPlanRequest) -> tuple[AdPlan, list[str]]:
    """(plan, warnings), the plan settled (exact lengths, product named, numbered)."""
    if registry.chosen()["planner"] == "local":
        return settle(plan_locally(request), request), []
    try:
        return settle(_plan_openai(request), request), []
    except (ProviderError, LookupError) as exc:
        warning = f"The OpenAI planner could not plan this ad ({exc}); the built-in plan is used instead."
        return settle(plan_locally(request), request), [warning]
