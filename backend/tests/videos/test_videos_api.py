"""A music-video project through the API: made from an analysed song with suggested sections,
sections edited on the beat grid (and refused, naming the section, when an edit breaks them),
the grid corrected, and the clip plan cut on beats and redone when the sections change."""

import pytest
from fastapi.testclient import TestClient

from tests.auth.test_auth_flow import assert_error
from tests.songs.conftest import tone
from tests.songs.test_songs import upload

PROMPT = "Neon city at night, slow drifting camera, rain on glass"


@pytest.fixture
def analysed(client: TestClient, auth, tmp_path) -> dict:
    song = upload(client, auth, tone(tmp_path / "pulse.wav", seconds=64, bpm=120)).json()
    response = client.post(f"/api/songs/{song['id']}/analyze", headers=auth)
    assert response.status_code == 200, response.text
    return song


def check_plan(video: dict) -> None:
    beats = set(video["grid"]["beats"])
    clips, sections = video["clips"], video["sections"]
    assert clips and clips[0]["start"] == 0 and clips[-1]["end"] == video["duration"]
    for a, b in zip(clips, clips[1:], strict=False):
        assert a["end"] == b["start"] and a["end"] in beats  # shared boundaries, on beats
    assert all(3 <= c["duration"] <= 10 for c in clips)
    # Sections sum exactly: each boundary is a clip boundary — except next to a section under
    # 3 s, which rides along whole in a neighbour's clip.
    cuts = {c["start"] for c in clips} | {clips[-1]["end"]}
    for a, b in zip(sections, sections[1:], strict=False):
        if min(a["end"] - a["start"], b["end"] - b["start"]) >= 3:
            assert a["end"] in cuts, (a, b)


def test_a_video_from_an_analysed_song_sections_and_clip_plan(
    client: TestClient, auth, analysed, tmp_path
) -> None:
    unanalysed = upload(client, auth, tone(tmp_path / "other.wav", seconds=8)).json()
    assert_error(
        client.post("/api/videos", json={"song_id": unanalysed["id"], "prompt": PROMPT}, headers=auth),
        409,
        "CONFLICT",
    )

    made = client.post(
        "/api/videos", json={"song_id": analysed["id"], "prompt": PROMPT, "aspect": "9:16"}, headers=auth
    )
    assert made.status_code == 201, made.text
    video = made.json()
    vid = video["id"]
    assert video["status"] == "draft" and video["aspect"] == "9:16" and video["clips"] == []
    assert abs(video["grid"]["tempo"] - 120) < 3
    sections = video["sections"]
    assert sections[0]["start"] == 0 and sections[-1]["end"] == video["duration"]
    downbeats = set(video["grid"]["downbeats"])
    assert all(
        a["end"] == b["start"] and b["start"] in downbeats
        for a, b in zip(sections, sections[1:], strict=False)
    )

    planned = client.post(f"/api/videos/{vid}/clips/plan", headers=auth).json()
    assert planned["status"] == "planned"
    check_plan(planned)

    # Split inside the longest section at a time between beats: the new boundary lands on the
    # nearest downbeat, and the plan follows.
    longest = max(sections, key=lambda s: s["end"] - s["start"])
    at = round((longest["start"] + longest["end"]) / 2 + 0.3, 2)
    split = client.post(
        f"/api/videos/{vid}/sections/edit", json={"op": "split", "at": at, "label": "chorus"}, headers=auth
    )
    assert split.status_code == 200, split.text
    after = split.json()
    assert len(after["sections"]) == len(sections) + 1
    assert any(
        s["start"] in downbeats and abs(s["start"] - at) < 2.1 and s["label"] == "chorus"
        for s in after["sections"]
    )
    check_plan(after)

    # A PUT with a gap is refused with the section named; nothing changes.
    broken = [dict(s) for s in after["sections"]]
    broken[1]["start"] += 1.0
    error = assert_error(
        client.put(f"/api/videos/{vid}/sections", json={"sections": broken}, headers=auth),
        422,
        "SECTION_INVALID",
    )
    assert "section 2" in error["detail"]
    assert client.get(f"/api/videos/{vid}", headers=auth).json()["sections"] == after["sections"]

    # Doubling the tempo: twice the beats, sections still on the grid, plan redone.
    doubled = client.post(f"/api/videos/{vid}/grid", json={"op": "double"}, headers=auth).json()
    assert abs(doubled["grid"]["tempo"] - 2 * after["grid"]["tempo"]) < 6
    check_plan(doubled)

    # Onto the off-beats: every beat half a beat later, the sections and the plan follow.
    shifted = client.post(f"/api/videos/{vid}/grid", json={"op": "offbeat"}, headers=auth).json()
    old, new = doubled["grid"]["beats"], shifted["grid"]["beats"]
    assert {round((a + b) / 2, 3) for a, b in zip(old, old[1:], strict=False)} <= {round(t, 3) for t in new}
    check_plan(shifted)

    # The song is in use: deleting it is refused until the video is gone.
    assert_error(client.delete(f"/api/songs/{analysed['id']}", headers=auth), 409, "CONFLICT")
    assert client.delete(f"/api/videos/{vid}", headers=auth).status_code == 204
    assert client.delete(f"/api/songs/{analysed['id']}", headers=auth).status_code == 204
