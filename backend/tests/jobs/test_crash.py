"""A process killed mid-render: the next start-up finds the job failed and retryable, the track
`failed` at its render step, and nothing of the render left in storage."""

import subprocess
import time
import uuid
from pathlib import Path

import httpx
from PIL import Image

from app import storage
from app.tracks.models import Track, TrackStatus
from tests.api_process import bearer
from tests.conftest import make_user


def long_track(db, user) -> Track:
    """A 15-minute track with an MP3 only, so the render has audio to encode: long enough to
    be caught in the middle."""
    track_id = uuid.uuid4()
    music, image = (
        storage.relative_path("music", track_id, "mp3"),
        storage.relative_path("images", track_id, "png"),
    )
    storage.ensure_dirs()
    subprocess.run(
        [
            "ffmpeg",
            "-v",
            "error",
            "-f",
            "lavfi",
            "-i",
            "anoisesrc=d=900:c=pink:a=0.1:r=44100",
            "-ac",
            "2",
            "-b:a",
            "96k",
            "-y",
            str(storage.absolute(music)),
        ],
        check=True,
    )
    Image.new("RGB", (1920, 1080), (30, 60, 90)).save(storage.absolute(image))
    track = Track(
        id=track_id,
        user_id=user.id,
        prompt="A long evening of pink noise and rain",
        duration=900,
        seed=1,
        status=TrackStatus.GENERATED,
        music_path=music,
        image_path=image,
    )
    db.add(track)
    db.commit()
    return track


def command_lines() -> list[str]:
    lines = []
    for proc in Path("/proc").iterdir():
        try:
            lines.append((proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace"))
        except OSError:
            continue
    return lines


def test_a_render_killed_midway_is_failed_retryable_and_cleaned_up(db, password_hash, api_processes) -> None:
    user = make_user(db, password_hash)
    track = long_track(db, user)
    first = api_processes()
    auth = bearer(first, user.email)
    render = subprocess.Popen(
        [
            "curl",
            "-s",
            "-o",
            "/dev/null",
            "-H",
            f"Authorization: {auth['Authorization']}",
            "-H",
            "content-type: application/json",
            "-d",
            f'{{"track_id":"{track.id}"}}',
            f"{first.url}/api/render",
        ]
    )
    try:
        deadline, job = time.monotonic() + 60, None
        while time.monotonic() < deadline:
            job = httpx.get(f"{first.url}/api/tracks/{track.id}", headers=auth).json()["job"]
            if job and job["status"] == "running" and job["progress"] > 0.01:
                break
            time.sleep(0.1)
        assert job and job["status"] == "running" and 0.01 < job["progress"] < 1, job
        scratch = list((storage.root() / "tmp").iterdir())
        assert [p.name.startswith(f"job-{job['id']}-") for p in scratch] == [True]  # named after its job
        first.kill()
    finally:
        render.kill()

    # Its encoders died with it (they would otherwise run on, writing into removed folders).
    time.sleep(0.5)
    assert [cmd for cmd in command_lines() if job["id"] in cmd] == []

    second = api_processes()
    after = httpx.get(f"{second.url}/api/tracks/{track.id}", headers=auth).json()
    assert (
        after["status"] == "failed"
        and after["failed_stage"] == "render"
        and "retry" in after["error_message"]
    )
    assert after["job"]["id"] == job["id"]
    assert (after["job"]["status"], after["job"]["error_code"], after["job"]["retryable"]) == (
        "failed",
        "INTERRUPTED",
        True,
    )
    assert after["job"]["progress"] >= job["progress"]  # never goes down
    assert list((storage.root() / "tmp").iterdir()) == []
    assert not storage.absolute(storage.relative_path("videos", track.id, "mp4")).exists()
    assert after["video_url"] is None and after["music_url"] and after["image_url"]  # the inputs are intact
