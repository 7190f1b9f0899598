"""The music video with paid providers, against the OpenAI and Replicate emulators: the OpenAI
planner writes the scenes, Flux paints the stills, Wan makes the clips (832x480 at 16-20 fps,
other lengths than the slots) and the composition normalises them to 1080p30 on the beat. A
clip that fails twice then succeeds is retried by the provider layer; one that fails for good
(moderation) is shown failed, its slot filled by its still in local motion, and regenerated;
a budget stops the render before the call that would pass it, keeping what was made."""

import json
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from tests.auth.test_auth_flow import assert_error
from tests.emulators.openai import OpenAIEmulator
from tests.emulators.replicate import ReplicateEmulator
from tests.providers.conftest import ledger
from tests.songs.conftest import tone
from tests.songs.test_songs import upload

PROMPT = "Lighthouse on a cliff in a storm, waves crashing, slow push in"
FLAGGED = "zyzzyva"
CLIP_PRICE = 0.05  # Wan 2.2 i2v fast at 480p, no interpolation (the default price table)  # a word the emulator's moderation refuses


def probe(path: Path) -> dict:
    out = subprocess.run(
        ["ffprobe", "-v", "error", "-show_streams", "-show_format", "-of", "json", str(path)],
        capture_output=True,
        check=True,
        text=True,
    )
    return json.loads(out.stdout)


@pytest.fixture
def paid(replicate_api: ReplicateEmulator, openai_api: OpenAIEmulator, configure) -> ReplicateEmulator:
    configure(
        image_provider="replicate",
        clip_provider="replicate",
        planner_provider="openai",
        replicate_video_poll_seconds=0.05,
        replicate_video_resolution="480p",
    )
    return replicate_api


def test_paid_clips_retried_tolerated_regenerated_and_budgeted(
    client: TestClient, auth, paid: ReplicateEmulator, configure, db: Session, tmp_path
) -> None:
    song = upload(client, auth, tone(tmp_path / "storm.wav", seconds=24, bpm=120)).json()
    assert client.post(f"/api/songs/{song['id']}/analyze", headers=auth).status_code == 200
    vid = client.post("/api/videos", json={"song_id": song["id"], "prompt": PROMPT}, headers=auth).json()[
        "id"
    ]
    base = f"/api/videos/{vid}"
    planned = client.post(f"{base}/clips/plan", headers=auth).json()
    assert len(planned["clips"]) >= 4

    estimate = client.get(f"{base}/estimate", headers=auth).json()
    assert estimate["total_usd"] > 0 and {line["what"] for line in estimate["lines"]} == {"stills", "clips"}

    board = client.post(f"{base}/storyboard", headers=auth)
    assert board.status_code == 200, board.text
    video = board.json()
    assert video["warnings"] == [] and all(s["provider"] == "replicate" for s in video["scenes"])
    last = min(reversed(video["scenes"]), key=lambda s: len(s["clip_indices"]))  # a scene of few clips
    repainted = client.post(
        f"{base}/scenes/{last['index']}/still", json={"prompt": f"A {FLAGGED} lamp at dusk"}, headers=auth
    )
    assert repainted.status_code == 200, repainted.text
    client.post(f"{base}/storyboard/approve", headers=auth)

    paid.video.flag_words = {FLAGGED}  # that scene's clips fail for good
    rendered = client.post(f"{base}/render", headers=auth)
    assert rendered.status_code == 200, rendered.text
    video = rendered.json()
    failed = [c for c in video["clips"] if c["status"] == "failed"]
    assert failed and all(c["scene_index"] == last["index"] and c["error"] for c in failed), failed
    assert all(
        c["status"] == "ready" and c["provider"] == "replicate" for c in video["clips"] if c not in failed
    )
    assert video["cost_usd"] > 0

    parts = urlsplit(video["output"]["url"])
    out = tmp_path / "out.mp4"
    out.write_bytes(client.get(f"{parts.path}?{parts.query}").content)
    info = probe(out)
    stream = next(s for s in info["streams"] if s["codec_type"] == "video")
    assert (stream["width"], stream["height"], stream["avg_frame_rate"]) == (1920, 1080, "30/1")
    assert abs(float(info["format"]["duration"]) - video["duration"]) <= 1 / 30 + 0.03

    # The failed clip, regenerated once the words no longer trip moderation; it fails twice
    # on the service's side and the third try succeeds.
    paid.video.flag_words = set()
    paid.video.fail_next = 2
    before = len(ledger(db, role="clip"))
    again = client.post(f"{base}/clips/{failed[0]['index']}/regenerate", headers=auth)
    assert again.status_code == 200, again.text
    assert next(c for c in again.json()["clips"] if c["index"] == failed[0]["index"])["status"] == "ready"
    # (every clip still failed is made again with it: the render makes all that are missing)
    outcomes = sorted(r.outcome for r in ledger(db, role="clip")[before:])
    assert outcomes == ["ok"] * len(failed) + ["transient", "transient"], outcomes

    # The per-job budget covers the section's clips but not a retry: the second attempt of
    # the clip that fails once is refused before it is sent; the clips made are kept.
    section = next(
        s["index"]
        for s in video["sections"]
        if sum(1 for c in video["clips"] if c["section_index"] == s["index"]) >= 2
    )
    count = sum(1 for c in video["clips"] if c["section_index"] == section)
    configure(job_budget_usd=round(count * CLIP_PRICE + 0.02, 4), monthly_budget_usd=1000)
    paid.video.fail_next = 1
    before = len(ledger(db, role="clip"))
    error = assert_error(
        client.post(f"{base}/sections/{section}/regenerate", headers=auth), 402, "BUDGET_EXCEEDED"
    )
    assert "budget" in error["detail"]
    sent = sorted(r.outcome for r in ledger(db, role="clip")[before:])
    # the retry that would pass the budget is booked as refused: it was never sent
    assert sent == ["ok"] * (count - 1) + ["refused", "transient"], sent
    after = client.get(base, headers=auth).json()["clips"]
    states = sorted(c["status"] for c in after if c["section_index"] == section)
    assert states == ["planned"] + ["ready"] * (count - 1)  # kept; the missing one is made on retry
