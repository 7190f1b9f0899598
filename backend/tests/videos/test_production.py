"""A song through to a finished music video offline, through the API: storyboard (one still
per scene, repainted singly, approved), render (local motion, composition on the song),
regenerate once each, finalize (intermediates gone, frozen), share links, delete (storage
freed). The media checks are ffprobe and measurements of the decoded file."""

import json
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import numpy as np
import pytest
from fastapi.testclient import TestClient

from app.config import get_settings
from tests.auth.test_auth_flow import assert_error
from tests.media.compose.helpers import frames, samples
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


def quiet_then_loud(tmp: Path) -> Path:
    """40 s at 120 BPM, its second half much louder: calm clips blend, loud ones cut."""
    pulse = tone(tmp / "half.wav", seconds=20, bpm=120)
    song = tmp / "pulse.wav"
    subprocess.run(
        [
            "ffmpeg",
            "-v",
            "error",
            "-i",
            str(pulse),
            "-i",
            str(pulse),
            "-filter_complex",
            "[0:a]volume=0.15[q];[q][1:a]concat=n=2:v=0:a=1",
            "-y",
            str(song),
        ],
        check=True,
    )
    return song


def check_cuts(out: Path, video: dict) -> None:
    """Where the scene changes with a cut, the picture changes on the frame nearest the
    planned beat: the biggest frame-to-frame change within ±3 frames is exactly there."""
    scenes = {s["index"]: s for s in video["scenes"]}
    clips = video["clips"]
    cuts = [
        b["start"]
        for a, b in zip(clips, clips[1:], strict=False)
        if a["scene_index"] != b["scene_index"] and scenes[b["scene_index"]]["transition"] == "cut"
    ]
    assert cuts, "the plan has no cut between scenes to measure"
    change = np.abs(np.diff(frames(out), axis=0)).mean(axis=(1, 2, 3))  # change[k]: frame k -> k+1
    for t in cuts:
        k = round(t * 30)  # the first frame of the new shot
        window = range(k - 4, k + 3)
        assert max(window, key=lambda i: change[i]) == k - 1, (
            t,
            [round(float(change[i]), 2) for i in window],
        )


def check_song_untouched(out: Path, song: Path) -> None:
    """Between the fades the sound is the song's (AAC-coded: correlated, high SNR)."""
    ours, theirs = samples(out), samples(song)
    a, b = 48000 * 1, min(len(ours), len(theirs)) - 48000 * 3
    mine, source = ours[a:b], theirs[a:b]
    correlation = np.corrcoef(mine.ravel(), source.ravel())[0, 1]
    snr = 10 * np.log10((source**2).sum() / ((mine - source) ** 2).sum())
    assert correlation > 0.999 and snr > 25, (correlation, snr)


@pytest.fixture
def planned(client: TestClient, auth, tmp_path) -> dict:
    song = upload(client, auth, quiet_then_loud(tmp_path)).json()
    assert client.post(f"/api/songs/{song['id']}/analyze", headers=auth).status_code == 200
    made = client.post("/api/videos", json={"song_id": song["id"], "prompt": PROMPT}, headers=auth)
    assert made.status_code == 201, made.text
    video = client.post(f"/api/videos/{made.json()['id']}/clips/plan", headers=auth).json()
    assert video["status"] == "planned" and video["clips"]
    return video


def test_song_to_finished_video_offline(client: TestClient, auth, planned, tmp_path) -> None:
    vid = planned["id"]
    base = f"/api/videos/{vid}"
    others = stored_files()  # other tests' files in the shared scratch storage
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
    check_cuts(out, video)
    check_song_untouched(out, tmp_path / "pulse.wav")

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
    files_before = stored_files() - others
    final = client.post(f"{base}/finalize", headers=auth)
    assert final.status_code == 200, final.text
    files_after = stored_files() - others
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
    assert stored_files() - others == set()
