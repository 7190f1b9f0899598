"""An ad with the paid services, against the OpenAI and Replicate emulators: the brief chat and
the ad plan from OpenAI (streamed chat, structured plan), the mood boards and the storyboard
from Flux, the clips from Wan; one scene's clip is refused for good (moderation) and the ad is
still made from the rest with a warning, as the seeds allow (fewer than three, or than half,
would fail it)."""

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from tests.emulators.openai import OpenAIEmulator
from tests.emulators.replicate import ReplicateEmulator
from tests.providers.conftest import ledger

FLAGGED = "zyzzyva"


def test_ad_with_openai_and_replicate(
    client: TestClient,
    auth,
    openai_api: OpenAIEmulator,
    replicate_api: ReplicateEmulator,
    configure,
    db: Session,
) -> None:
    configure(
        planner_provider="openai",
        image_provider="replicate",
        clip_provider="replicate",
        replicate_video_poll_seconds=0.05,
        replicate_video_resolution="480p",
    )
    brief = client.post(
        "/api/briefs",
        json={"product": "TrailFlow", "duration": 30, "aspect": "16:9", "call_to_action": "Shop now"},
        headers=auth,
    ).json()
    base = f"/api/briefs/{brief['id']}"
    estimate = brief["moodboards_estimate"]  # shown before the twelve stills are painted
    assert estimate["stills"] == 12 and estimate["providers"] == ["Replicate"] and estimate["usd"] > 0
    chat = client.post(f"{base}/chat", json={"message": "for night runners, bold and neon"}, headers=auth)
    assert chat.status_code == 200, chat.text
    assert not chat.json().get("warnings"), chat.json()  # the model answered, no fallback

    boards = client.post(f"{base}/moodboards", headers=auth)
    assert boards.status_code == 200, boards.text
    assert client.post(f"{base}/moodboards/0/choose", headers=auth).status_code == 200
    made = client.post(f"{base}/video", headers=auth)
    assert made.status_code == 201, made.text
    vid = f"/api/videos/{made.json()['video_id']}"

    board = client.post(f"{vid}/storyboard", headers=auth)
    assert board.status_code == 200, board.text
    video = board.json()
    assert video["warnings"] == [] and len(video["scenes"]) == 5
    assert all(s["prompt"].startswith("emulated shot") for s in video["scenes"])  # OpenAI's plan
    assert all(s["provider"] == "replicate" for s in video["scenes"])
    clips = video["clips"]  # shared boundaries: the scenes sum to the brief's length exactly
    assert clips[0]["start"] == 0 and clips[-1]["end"] == 30
    assert all(a["end"] == b["start"] for a, b in zip(clips, clips[1:], strict=False))

    flagged = video["scenes"][2]["index"]
    edited = client.post(
        f"{vid}/scenes/{flagged}/still", json={"prompt": f"TrailFlow and a {FLAGGED}"}, headers=auth
    )
    assert edited.status_code == 200, edited.text
    assert client.post(f"{vid}/storyboard/approve", headers=auth).status_code == 200
    replicate_api.video.flag_words = {FLAGGED}
    rendered = client.post(f"{vid}/render", headers=auth)
    assert rendered.status_code == 200, rendered.text
    video = rendered.json()
    states = [c["status"] for c in video["clips"]]
    assert states.count("failed") == 1 and states.count("ready") == 4, states
    assert video["status"] == "composed" and video["output"]["duration"] == 30
    assert {r.provider for r in ledger(db)} == {"openai", "replicate"} and video["cost_usd"] > 0
