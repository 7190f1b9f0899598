"""The budget guard and the configuration checks: work that would pass a limit, or that a
missing key or price would make impossible, is refused before any request leaves."""

import uuid
from decimal import Decimal

from fastapi.testclient import TestClient

from app.usage.models import ProviderCall
from tests.auth.test_auth_flow import assert_error
from tests.emulators.service import Reply
from tests.providers.conftest import PROMPT, costs, ledger, outcomes


def generate(client: TestClient, auth: dict, duration: int = 120):
    return client.post("/api/generate", json={"prompt": PROMPT, "duration": duration}, headers=auth)


def test_job_over_its_budget_is_refused_before_any_call(
    client: TestClient, auth, mubert, openai_api, configure, db
) -> None:
    configure(music_provider="mubert", image_provider="openai", job_budget_usd=0.10)
    error = assert_error(generate(client, auth), 402, "BUDGET_EXCEEDED")
    assert error["detail"] == (
        "This job would cost about $0.16 (Mubert music $0.10 + OpenAI image $0.06), over the per-job budget of "
        "$0.10 (JOB_BUDGET_USD). Shorten the track, pick cheaper providers, or raise the budget."
    )
    assert mubert.requests() == [] and openai_api.requests() == []  # the emulators saw nothing
    assert client.get("/api/history", headers=auth).json()["total"] == 0 and ledger(db) == []


def test_long_musicgen_track_is_costed_piece_by_piece(
    client: TestClient, auth, replicate_api, configure
) -> None:
    # 900 s = 33 MusicGen pieces of 30 s at $0.0023/s ≈ $2.28 + Flux $0.003: over a $2 budget.
    configure(music_provider="replicate", image_provider="replicate", job_budget_usd=2)
    assert "$2.28" in assert_error(generate(client, auth, duration=900), 402, "BUDGET_EXCEEDED")["detail"]
    assert replicate_api.requests() == []


def test_monthly_budget_counts_what_was_spent_this_month(
    client: TestClient, auth, mubert, openai_api, configure, db
) -> None:
    configure(music_provider="mubert", image_provider="openai", monthly_budget_usd=5)
    db.add(
        ProviderCall(
            provider="openai",
            model="gpt-image-2",
            role="image",
            unit="image",
            units=80,
            cost_usd=Decimal("4.90"),
            outcome="ok",
            job_id=uuid.uuid4(),
        )
    )
    db.commit()
    error = assert_error(generate(client, auth), 402, "BUDGET_EXCEEDED")
    assert error["detail"] == (
        "This month's provider spend is $4.90 of the $5.00 monthly budget (MONTHLY_BUDGET_USD); "
        "this job (about $0.16) would pass it."
    )
    assert mubert.requests() == [] and openai_api.requests() == []


def test_retries_are_stopped_by_the_per_job_limit(
    client: TestClient, auth, mubert, openai_api, configure, db
) -> None:
    """Each attempt is checked: a timed-out attempt stays on the books (it may be billed), so
    a job with room for one Mubert track cannot pay for a second try."""
    configure(
        music_provider="mubert", image_provider="openai", job_budget_usd=0.20, provider_timeout_seconds=0.3
    )
    mubert.fail("create", reply=Reply(201, {"data": {"id": "late"}}, delay=0.8))
    assert_error(generate(client, auth), 502, "STEP_FAILED")
    track = client.get("/api/history", headers=auth).json()["items"][0]
    assert track["status"] == "failed" and track["error_message"] == (
        "Stopped before another Mubert call: this job has used $0.16 of its $0.20 budget (JOB_BUDGET_USD) "
        "and the call costs about $0.10."
    )
    assert len(mubert.requests("create")) == 1
    rows = ledger(db, provider="mubert")
    assert outcomes(rows) == ["transient", "refused"] and costs(rows) == [Decimal("0.0980"), 0]


def test_missing_key_or_price_is_refused_before_the_track_exists(
    client: TestClient, auth, replicate_api, configure
) -> None:
    configure(music_provider="replicate", image_provider="local", replicate_api_token="")
    error = assert_error(generate(client, auth), 503, "PROVIDER_NOT_CONFIGURED")
    assert error["detail"] == "Replicate provider: REPLICATE_API_TOKEN is not set"
    health = client.get("/api/health").json()
    assert health["status"] == "degraded" and health["configured"] == {
        "music": False,
        "image": True,
        "planner": True,
        "clip": True,
    }

    configure(
        replicate_api_token=replicate_api.token,
        replicate_music_model="acme/new-music",
        provider_prices='{"replicate:black-forest-labs/flux-schnell": 0.003}',
    )
    error = assert_error(generate(client, auth), 503, "PROVIDER_NOT_CONFIGURED")
    assert "no price for replicate:acme/new-music in PROVIDER_PRICES" in error["detail"]
    assert replicate_api.requests() == [] and client.get("/api/history", headers=auth).json()["total"] == 0
