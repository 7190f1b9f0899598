"""A song through to a finished music video offline, through the API: storyboard (one still
per scene, repainted singly, approved), render (local motion, composition on the song),
regenerate once each, finalize (intermediates gone, frozen), share links, delete (storage
freed). The media checks are ffprobe and measurements of the decoded file."""

import json
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from fastapi.testclient import TestClient

from app.config import get_settings
from tests.auth.test_auth_flow import assert_error
from tests.songs.conftest import tone
from tests.songs.test_songs import upload

PROMPT = "Misty mountain lake at dawn, slow drifting camera, birds over the water"
TITLE = "Night \"drive\": 100% \\ {on} [air]; 'live'"


def stored_files() -> set[str]:
    root = get_settings().storage.dir
    return {
        str(p.relative_to(root))
        for kind in ("images", "clips", "videos")
        for p in (root / kind).glob("*")
        if p.is_file()
    }


def fetch(client: TestClient, url: str, dest: Path) -> Path:
    parts = urlsplit(url)
    response = client.get(f"{parts.path}?{parts.query}")
    assert response.status_code == 200, response.text[:200]
    dest.write_bytes(response.content)
    return dest


def probe(path: Path) -> dict:
    out = subprocess.run(
        ["ffprobe", "-v", "error", "-show_streams", "-show_format", "-of", "json", str(path)],
        capture_output=True,
        check=True,
        text=True,
    )
    return json.loads(out.stdout)


@pytest.fixture
def planned(client: TestClient, auth, tmp_path) -> dict:
    song = upload(client, auth, tone(tmp_path / "pulse.wav", seconds=40, bpm=120)).json()
    assert client.post(f"/api/songs/{song['id']}/analyze", headers=auth).status_code == 200
    made = client.post("/api/videos", json={"song_id": song["id"], "prompt": PROMPT}, headers=auth)
    assert made.status_code == 201, made.text
    video = client.post(f"/api/videos/{made.json()['id']}/clips/plan", headers=auth).json()
    assert video["status"] == "planned" and video["clips"]
    return video


def test_song_to_finished_video_offline(client: TestClient, auth, planned, tmp_path) -> None:
    vid = planned["id"]
    base = f"/api/videos/{vid}"
    # Nothing moves before the storyboard is approved.
    assert_error(client.post(f"{base}/render", headers=auth), 409, "CONFLICT")

    options = client.patch(f"{base}/options", json={"title": TITLE, "cta": "Subscribe"}, headers=auth)
    assert options.status_code == 200, options.text
    assert options.json()["options"]["title"] == TITLE

    board = client.post(f"{base}/storyboard", headers=auth)
    assert board.status_code == 200, board.text
    video = board.json()
    assert video["status"] == "storyboarded" and video["style"] and video["scenes"]
    assert all(c["scene_index"] is not None for c in video["clips"])
    scenes = video["scenes"]
    assert sorted(i for s in scenes for i in s["clip_indices"]) == [c["index"] for c in video["clips"]]
    still = fetch(client, scenes[0]["still_url"], tmp_path / "still.png")
    stream = probe(still)["streams"][0]
    assert (stream["width"], stream["height"]) == (1920, 1080)

    # One still painted again: only that one changes, and it needs approving again.
    before = {s["index"]: s["still_url"] for s in scenes}
    client.post(f"{base}/scenes/0/approve", headers=auth)
    repainted = client.post(f"{base}/scenes/0/still", json={}, headers=auth).json()
    after = {s["index"]: s["still_url"] for s in repainted["scenes"]}
    assert after[0] != before[0] and all(after[i] == before[i] for i in before if i != 0)
    assert repainted["scenes"][0]["approved"] is False

    approved = client.post(f"{base}/storyboard/approve", headers=auth).json()
    assert approved["status"] == "approved"

    rendered = client.post(f"{base}/render", headers=auth)
    assert rendered.status_code == 200, rendered.text
    video = rendered.json()
    assert video["status"] == "composed" and all(c["status"] == "ready" for c in video["clips"])
    out = fetch(client, video["output"]["url"], tmp_path / "out.mp4")
    info = probe(out)
    v = next(s for s in info["streams"] if s["codec_type"] == "video")
    a = next(s for s in info["streams"] if s["codec_type"] == "audio")
    assert (v["codec_name"], v["profile"], v["width"], v["height"]) == ("h264", "High", 1920, 1080)
    assert v["avg_frame_rate"] == "30/1" and (a["codec_name"], a["sample_rate"]) == ("aac", "48000")
    assert abs(float(info["format"]["duration"]) - video["duration"]) <= 1 / 30 + 0.03

    # Regenerate a clip once; a second time is refused with the count.
    again = client.post(f"{base}/clips/0/regenerate", headers=auth)
    assert again.status_code == 200, again.text
    assert again.json()["regenerated"]["clips"] == [0]
    error = assert_error(client.post(f"{base}/clips/0/regenerate", headers=auth), 409, "CONFLICT")
    assert "0 left" in error["detail"]

    # Share: plays without signing in, until revoked.
    shared = client.post(f"{base}/share", headers=auth).json()
    token = shared["share_path"].rsplit("/", 1)[-1]
    assert client.get(f"/api/shared/{token}").json()["video_url"]

    # Finalize: only the video and the thumbnail still remain; the video is frozen.
    files_before = stored_files()
    final = client.post(f"{base}/finalize", headers=auth)
    assert final.status_code == 200, final.text
    files_after = stored_files()
    output = urlsplit(final.json()["output"]["url"]).path.removeprefix("/media/")
    assert output in files_after and len(files_after) == 2 and len(files_before) > 2
    assert final.json()["status"] == "finalized" and final.json()["output"]["bytes"] > 0
    assert_error(
        client.post(f"{base}/sections/edit", json={"op": "relabel", "index": 0, "label": "x"}, headers=auth),
        409,
        "CONFLICT",
    )

    client.delete(f"{base}/share", headers=auth)
    assert_error(client.get(f"/api/shared/{token}"), 404, "NOT_FOUND")

    assert client.delete(base, headers=auth).status_code == 204
    assert stored_files() == set()
