"""The OpenAI planner through the official SDK against the emulator, and the fallback to the
local plan (with a warning) for every way the model can fail: refusal, an answer cut off at
the token limit, a schema the API rejects, a plan that breaks our rules, no key at all."""

import uuid
from decimal import Decimal

import httpx
import pytest
from openai.lib._pydantic import to_strict_json_schema
from pydantic import BaseModel, Field

from app.core.errors import ProviderError
from app.providers.local.planner import plan_locally
from app.providers.openai_planner import OpenAIPlanner
from app.providers.planning import ScenePlan, check_plan
from app.providers.scene_plans import plan_scenes
from app.usage import context
from tests.providers.conftest import ledger, outcomes
from tests.providers.planner.songs import song

JOB = uuid.UUID("00000000-0000-4000-8000-0000000091a7")
FORBIDDEN = ("default", "maxLength", "minLength", "maxItems", "minItems", "minimum", "maximum")


def keywords(node, found=None) -> set[str]:
    found = set() if found is None else found
    if isinstance(node, dict):
        for key, value in node.items():
            if key != "properties":
                found.add(key)
            keywords(value, found)
    elif isinstance(node, list):
        for value in node:
            keywords(value, found)
    return found


def test_structured_output_fills_the_plan(openai_api, configure, db) -> None:
    configure(planner_provider="openai", openai_planner_model="gpt-5.4-mini")
    request = song(clips_per_section=3)
    with context.job(job_id=JOB):
        plan, warnings = plan_scenes(request)
    assert warnings == [] and plan.title == "Tide of Slow Light"  # the emulator's plan, not ours
    assert check_plan(plan, request) == [] and len(plan.scenes) == 8
    body = openai_api.requests("responses")[0].json
    fmt = body["text"]["format"]
    assert (fmt["type"], fmt["strict"], fmt["name"]) == ("json_schema", True, "ScenePlan")
    assert set(fmt["schema"]["properties"]) == {"title", "style", "scenes", "clips"}
    assert keywords(fmt["schema"]).isdisjoint(FORBIDDEN)  # plain types only
    assert body["model"] == "gpt-5.4-mini" and body["max_output_tokens"] >= 4000
    assert '"section_label": "chorus"' in body["input"] and '"video_type": "scenery"' in body["input"]
    [row] = ledger(db)
    # Booked at the tokens the answer reports (1500), not the estimate reserved before the call.
    assert (row.role, row.unit, row.units, row.outcome) == ("planner", "1k_tokens", Decimal("1.500"), "ok")


def test_long_songs_get_room_for_every_scene(openai_api, configure) -> None:
    configure(planner_provider="openai")
    OpenAIPlanner().plan(request=song(clips_per_section=9))  # 72 clips
    assert openai_api.requests("responses")[0].json["max_output_tokens"] >= 16000


@pytest.mark.parametrize(
    ("mode", "said"),
    [("refusal", "refused to plan the scenes: I'm sorry"), ("incomplete", "cut-off or malformed scene plan")],
)
def test_refusal_or_cut_off_answer_falls_back_to_the_local_plan(
    openai_api, configure, db, mode, said
) -> None:
    configure(planner_provider="openai")
    openai_api.plan_mode = mode
    request = song()
    with context.job(job_id=JOB):
        plan, [warning] = plan_scenes(request)
    assert plan == plan_locally(request)
    assert said in warning and warning.startswith("The OpenAI planner could not plan this video")
    assert len(openai_api.requests("responses")) == 1  # not retried: the answer will not change
    assert outcomes(ledger(db)) == ["failed"]


def test_a_plan_that_breaks_our_rules_is_not_used(openai_api, configure) -> None:
    configure(planner_provider="openai")
    request = song(clips_per_section=2)
    skipped = plan_locally(request).model_dump()
    skipped["clips"] = skipped["clips"][:-1]
    openai_api.plan_override = skipped
    with pytest.raises(ProviderError, match="does not cover every clip"):
        OpenAIPlanner().plan(request=request)
    plan, [warning] = plan_scenes(request)
    assert check_plan(plan, request) == [] and "cannot use" in warning


def test_emulator_refuses_schemas_the_real_api_refuses(openai_api) -> None:
    class Bounded(BaseModel):
        name: str = Field(max_length=40)
        count: int = Field(ge=1)

    sent = {
        "model": "gpt-5.4-mini",
        "input": "{}",
        "max_output_tokens": 100,
        "text": {
            "format": {
                "type": "json_schema",
                "strict": True,
                "name": "Bounded",
                "schema": to_strict_json_schema(Bounded),
            }
        },
    }
    answer = httpx.post(
        f"{openai_api.base_url}/responses",
        json=sent,
        headers={"authorization": f"Bearer {openai_api.api_key}"},
    )
    error = answer.json()["error"]
    assert answer.status_code == 400 and error["code"] == "invalid_json_schema"
    assert error["param"] == "text.format.schema"
    assert error["message"] == (
        "Invalid schema for response_format 'Bounded': In context=('properties', 'name'), "
        "'maxLength' is not permitted."
    )


def test_rejected_schema_falls_back_with_the_services_reason(openai_api, configure) -> None:
    configure(planner_provider="openai")  # some models refuse keywords others accept
    openai_api.fail(
        "responses",
        status=400,
        body={
            "error": {
                "message": "Invalid schema for response_format 'ScenePlan': In context=(), 'default' is not permitted.",
                "type": "invalid_request_error",
                "param": "text.format.schema",
                "code": "invalid_json_schema",
            }
        },
    )
    plan, [warning] = plan_scenes(song())
    assert "HTTP 400" in warning and "'default' is not permitted" in warning
    assert len(openai_api.requests("responses")) == 1
    assert isinstance(plan, ScenePlan)


def test_no_key_falls_back_without_a_call(openai_api, configure) -> None:
    configure(planner_provider="openai", openai_api_key="")
    plan, [warning] = plan_scenes(song())
    assert "OPENAI_API_KEY" in warning and openai_api.requests() == []
    assert plan == plan_locally(song())


def test_local_planner_is_a_real_role(configure) -> None:
    configure(planner_provider="local")
    from app.providers import registry

    assert registry.role_status()["planner"] is True
    assert registry.planner_provider().name == "local"
    plan, warnings = plan_scenes(song())
    assert warnings == [] and plan == plan_locally(song())
