"""Keys come from the environment only: never in a log line (at any level, from our code or
the clients'), never in an API answer, never in the ledger; /api/health says which roles are
configured without saying how."""

import logging

from fastapi.testclient import TestClient
from sqlalchemy import text

from app.config import get_settings
from tests.providers.conftest import PROMPT


def test_keys_never_reach_logs_answers_or_the_ledger(
    client: TestClient, auth, mubert, openai_api, replicate_api, configure, caplog, db
) -> None:
    caplog.set_level(logging.DEBUG)  # everything: httpx, httpcore, openai, replicate, ours
    configure(music_provider="mubert", image_provider="openai", planner_provider="openai")
    keys = [mubert.customer_id, mubert.access_token, mubert.pat, openai_api.api_key, replicate_api.token]
    answers = []
    # Successes, retries, and refusals whose messages quote what the service said.
    mubert.fail("create", 503)
    openai_api.fail("images", 429)
    answers.append(client.post("/api/generate", json={"prompt": PROMPT, "duration": 120}, headers=auth))
    configure(
        mubert_access_token=mubert.access_token + "-revoked", openai_api_key=openai_api.api_key + "-old"
    )
    keys += [mubert.access_token + "-revoked", openai_api.api_key + "-old"]
    answers.append(client.post("/api/generate", json={"prompt": PROMPT, "duration": 120}, headers=auth))
    configure(
        music_provider="replicate", image_provider="replicate", replicate_api_token=replicate_api.token + "x"
    )
    answers.append(client.post("/api/generate", json={"prompt": PROMPT, "duration": 120}, headers=auth))
    answers += [client.get(path, headers=auth) for path in ("/api/history", "/api/stats", "/api/health")]
    assert answers[0].json()["status"] == "generated" and answers[1].status_code == 502

    ledger_text = " ".join(str(row) for row in db.execute(text("SELECT * FROM provider_calls")).all())
    settings_repr = repr(get_settings())
    for key in keys:
        assert key not in caplog.text, key
        assert all(key not in a.text for a in answers), key
        assert key not in ledger_text and key not in settings_repr, key
    assert "check your OpenAI key" in answers[1].text or "check your Mubert key" in answers[1].text


def test_health_says_which_roles_are_configured(client: TestClient, mubert, openai_api, configure) -> None:
    configure(music_provider="mubert", image_provider="openai", planner_provider="openai")
    health = client.get("/api/health").json()
    assert health["providers"] == {"music": "mubert", "image": "openai", "planner": "openai", "clip": "local"}
    assert (
        health["configured"] == {"music": True, "image": True, "planner": True, "clip": True}
        and health["status"] == "ok"
    )
    configure(openai_api_key="", mubert_api="v2", mubert_pat="")
    health = client.get("/api/health").json()
    assert health["configured"] == {"music": False, "image": False, "planner": False, "clip": True}
    assert health["status"] == "degraded"
