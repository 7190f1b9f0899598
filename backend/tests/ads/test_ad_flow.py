"""A brief through to a storyboarded ad video offline: mood boards (three far-apart directions,
four stills each in the brief's aspect), a choice, music made for the exact duration and
analysed, the ad plan on the beat, and the video pipeline's storyboard painting the planned
scenes without planning again."""

from urllib.parse import urlsplit

from fastapi.testclient import TestClient
from PIL import Image

from app.ads import directions
from tests.auth.test_auth_flow import assert_error

BRIEF = {
    "product": "TrailFlow",
    "audience": "night runners",
    "tone": ["bold", "energetic"],
    "style_keywords": ["neon"],
    "key_messages": ["Grips on wet roads"],
    "call_to_action": "Shop now",
    "duration": 15,
    "aspect": "9:16",
    "brand_colors": ["#ff3366"],
}


def image_size(client: TestClient, url: str, tmp_path) -> tuple[int, int]:
    parts = urlsplit(url)
    response = client.get(f"{parts.path}?{parts.query}")
    assert response.status_code == 200
    path = tmp_path / "still.png"
    path.write_bytes(response.content)
    with Image.open(path) as image:
        return image.size


def test_brief_to_a_storyboarded_ad_video(client: TestClient, auth, tmp_path) -> None:
    brief = client.post("/api/briefs", json=BRIEF, headers=auth).json()
    base = f"/api/briefs/{brief['id']}"
    assert brief["moodboards_estimate"] == {"stills": 12, "usd": 0.0, "providers": ["local painter"]}
    assert_error(client.post(f"{base}/video", headers=auth), 409, "CONFLICT")  # no direction yet

    boards = client.post(f"{base}/moodboards", headers=auth)
    assert boards.status_code == 200, boards.text
    got = boards.json()
    assert got["job"]["status"] == "succeeded" and len(got["moodboards"]) == 3
    own = [[c for c in d["palette"] if c != "#ff3366"] for d in got["moodboards"]]
    for i in range(3):
        for j in range(i + 1, 3):
            assert directions.palette_distance(own[i], own[j]) >= directions.MIN_DISTANCE
    for d in got["moodboards"]:
        assert len(d["still_urls"]) == 4 and "#ff3366" in d["palette"]
    assert image_size(client, got["moodboards"][1]["still_urls"][2], tmp_path) == (1080, 1920)

    fresh = client.post(f"{base}/moodboards?fresh=true", headers=auth).json()
    assert {d["name"] for d in fresh["moodboards"]} != {d["name"] for d in got["moodboards"]}
    chosen = client.post(f"{base}/moodboards/1/choose", headers=auth).json()
    assert chosen["chosen"] == 1

    made = client.post(f"{base}/video", headers=auth)
    assert made.status_code == 201, made.text
    video_id = made.json()["video_id"]
    again = client.post(f"{base}/video", headers=auth)  # reopening: the same video, nothing redone
    assert again.json()["video_id"] == video_id

    video = client.get(f"/api/videos/{video_id}", headers=auth).json()
    assert video["kind"] == "ad" and video["aspect"] == "9:16" and video["status"] == "planned"
    clips = video["clips"]
    assert 3 <= len(clips) <= 8 and clips[0]["start"] == 0 and clips[-1]["end"] == 15
    assert all(a["end"] == b["start"] for a, b in zip(clips, clips[1:], strict=False))
    assert video["options"]["title"] == "TrailFlow" and video["options"]["cta"] == "Shop now"
    assert video["options"]["brand_color"] == "#ff3366"
    assert video["style"]["palette"] == fresh["moodboards"][1]["palette"]

    board = client.post(f"/api/videos/{video_id}/storyboard", headers=auth)
    assert board.status_code == 200, board.text
    storyboarded = board.json()
    assert storyboarded["status"] == "storyboarded" and len(storyboarded["scenes"]) == len(clips)
    assert all("TrailFlow" in s["prompt"] for s in storyboarded["scenes"])
    assert image_size(client, storyboarded["scenes"][0]["still_url"], tmp_path) == (1080, 1920)
