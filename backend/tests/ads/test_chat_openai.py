"""The vision chat with OpenAI: streamed from the Responses API emulator (which checks the
strict schema, the input and that the reply streams first), relayed to the page as SSE, the
brief filled from the structured answer, one ledger row; on a failure the built-in chat takes
over with a warning."""

import json

from fastapi.testclient import TestClient

from tests.providers.conftest import ledger

ANSWER = {
    "reply": 'Got it — TrailFlow for night runners, 15 s vertical. What should they "do" at the end?',
    "product": "TrailFlow",
    "audience": "night runners",
    "tone": ["bold"],
    "style_keywords": [],
    "key_messages": ["Grips on wet roads"],
    "call_to_action": "",
    "duration": 15,
    "aspect": "9:16",
    "brand_colors": ["#FF3366", "not a colour"],
}


def sse(body: str) -> list[tuple[str, dict]]:
    events = []
    for block in body.strip().split("\n\n"):
        lines = dict(line.split(": ", 1) for line in block.split("\n"))
        events.append((lines["event"], json.loads(lines["data"])))
    return events


def test_openai_chat_streams_and_fills_the_brief(client: TestClient, auth, openai_api, configure, db) -> None:
    configure(ads_chat_provider="openai")
    openai_api.chat_override = ANSWER
    brief_id = client.post("/api/briefs", json={}, headers=auth).json()["id"]
    with client.stream(
        "POST",
        f"/api/briefs/{brief_id}/chat/stream",
        json={"message": "TrailFlow shoes, 15 s vertical, for night runners"},
        headers=auth,
    ) as response:
        assert response.status_code == 200
        events = sse("".join(response.iter_text()))
    deltas = [data["text"] for name, data in events if name == "delta"]
    assert len(deltas) > 5  # the reply arrives in pieces, decoded out of the streamed JSON
    assert "".join(deltas) == ANSWER["reply"]
    name, done = events[-1]
    assert name == "done" and done["provider"] == "openai"
    brief = done["brief"]
    assert (brief["product"], brief["audience"], brief["duration"], brief["aspect"]) == (
        "TrailFlow",
        "night runners",
        15,
        "9:16",
    )
    assert brief["brand_colors"] == []  # one bad colour: the list fails validation and is not taken
    assert any("brand_colors" in w for w in done["warnings"])
    sent = openai_api.requests("responses")[0].json
    assert sent["stream"] is True and sent["text"]["format"]["strict"] is True
    assert json.loads(sent["input"])["message"].startswith("TrailFlow")
    rows = ledger(db, provider="openai")
    assert [r.outcome for r in rows] == ["ok"] and rows[0].role == "planner"


def test_a_failing_openai_chat_falls_back_to_the_built_in_one(
    client: TestClient, auth, openai_api, configure
) -> None:
    configure(ads_chat_provider="openai")
    openai_api.fail("responses", 400, body={"error": {"message": "bad", "type": "invalid_request_error"}})
    brief_id = client.post("/api/briefs", json={}, headers=auth).json()["id"]
    answer = client.post(
        f"/api/briefs/{brief_id}/chat", json={"message": "a 30 second ad for Lumen lamps"}, headers=auth
    ).json()
    assert answer["provider"] == "local" and "built-in" in answer["warnings"][0]
    assert (answer["brief"]["product"], answer["brief"]["duration"]) == ("Lumen lamps", 30)
