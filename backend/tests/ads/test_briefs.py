"""Briefs through the API: validation like the rest of the API (400 VALIDATION_ERROR naming the field), and the
built-in vision chat filling a brief in a few turns, deterministically."""

from fastapi.testclient import TestClient

from tests.auth.test_auth_flow import assert_error


def test_a_brief_is_validated_field_by_field(client: TestClient, auth) -> None:
    for body, field in [
        ({"brand_colors": ["#12345g"]}, "brand_colors"),
        ({"brand_colors": ["red"]}, "brand_colors"),
        ({"duration": 20}, "duration"),
        ({"aspect": "4:3"}, "aspect"),
        ({"product": "x" * 101}, "product"),
        ({"call_to_action": "Shop\x00now"}, "call_to_action"),
        ({"tone": ["ok"] * 9}, "tone"),
    ]:
        error = assert_error(client.post("/api/briefs", json=body, headers=auth), 400, "VALIDATION_ERROR")
        assert field in error["detail"], (body, error)
    made = client.post(
        "/api/briefs",
        json={"product": "TrailFlow", "brand_colors": ["#FF3366"], "duration": 30, "aspect": "9:16"},
        headers=auth,
    )
    assert made.status_code == 201, made.text
    brief = made.json()
    assert brief["brand_colors"] == ["#ff3366"]
    assert brief["missing"] == ["audience", "key_messages", "tone", "call_to_action"]
    patched = client.patch(f"/api/briefs/{brief['id']}", json={"audience": "night runners"}, headers=auth)
    assert patched.json()["audience"] == "night runners" and patched.json()["product"] == "TrailFlow"
    assert [b["id"] for b in client.get("/api/briefs", headers=auth).json()["items"]] == [brief["id"]]
    assert client.delete(f"/api/briefs/{brief['id']}", headers=auth).status_code == 204
    assert client.get(f"/api/briefs/{brief['id']}", headers=auth).status_code == 404


def chat(client: TestClient, auth, brief_id: str, message: str) -> dict:
    response = client.post(f"/api/briefs/{brief_id}/chat", json={"message": message}, headers=auth)
    assert response.status_code == 200, response.text
    return response.json()


def test_the_local_chat_fills_a_brief_in_a_few_turns(client: TestClient, auth) -> None:
    brief_id = client.post("/api/briefs", json={}, headers=auth).json()["id"]
    first = chat(
        client,
        auth,
        brief_id,
        "A 30 second vertical ad for TrailFlow running shoes, for runners who train at night. "
        "Bold and energetic, neon look, brand colours #FF3366 and #112233.",
    )
    assert first["provider"] == "local"
    got = first["brief"]
    assert got["product"] == "TrailFlow running shoes" and got["audience"] == "runners"
    assert (got["duration"], got["aspect"]) == (30, "9:16")
    assert got["brand_colors"] == ["#ff3366", "#112233"] and got["tone"] == ["bold", "energetic"]
    assert got["style_keywords"] == ["neon"]
    assert got["missing"] == ["key_messages", "call_to_action"]
    assert "remember" in first["reply"]  # it asks for the key messages next

    second = chat(client, auth, brief_id, "Grips on wet roads; light as air")
    assert second["brief"]["key_messages"] == ["Grips on wet roads", "light as air"]
    assert "do at the end" in second["reply"]
    third = chat(client, auth, brief_id, "Shop the night run")
    done = third["brief"]
    assert done["call_to_action"] == "Shop the night run" and done["missing"] == []
    assert "complete" in third["reply"]
    assert [t["role"] for t in done["transcript"]] == ["user", "assistant"] * 3

    # The same conversation again gives the same brief and replies: nothing is left to chance.
    again = client.post("/api/briefs", json={}, headers=auth).json()["id"]
    replies = [
        chat(client, auth, again, t["text"])["reply"] for t in done["transcript"] if t["role"] == "user"
    ]
    assert replies == [t["text"] for t in done["transcript"] if t["role"] == "assistant"]


def test_the_local_chat_streams_as_server_sent_events(client: TestClient, auth) -> None:
    brief_id = client.post("/api/briefs", json={}, headers=auth).json()["id"]
    with client.stream(
        "POST", f"/api/briefs/{brief_id}/chat/stream", json={"message": "15 s square"}, headers=auth
    ) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        body = "".join(response.iter_text())
    events = [block.split("\n")[0].removeprefix("event: ") for block in body.strip().split("\n\n")]
    assert events[0] == "delta" and events[-1] == "done"
    stored = client.get(f"/api/briefs/{brief_id}", headers=auth).json()
    assert (stored["duration"], stored["aspect"]) == (15, "1:1")
