"""The track pipeline through the API: generate → render, with the files a creator gets."""

import threading
import uuid
from urllib.parse import urlparse

from fastapi.testclient import TestClient

from app import storage
from app.media.ffmpeg import probe
from tests.auth.test_auth_flow import assert_error
from tests.tracks.conftest import PROMPT, files_of, leftover_workdirs


def local(url: str) -> str:
    parsed = urlparse(url)
    return f"{parsed.path}?{parsed.query}"


def test_generate_makes_music_and_cover_art(client: TestClient, generated) -> None:
    track = generated
    assert track["status"] == "generated" and track["prompt"] == PROMPT and track["seed"] == 7
    assert track["stage"] is None and track["progress"] is None and track["error_message"] is None
    tid = track["id"]
    assert files_of(tid) == [f"images/{tid}.png", f"music/{tid}.m4a", f"music/{tid}.mp3"]
    mp3 = probe(storage.absolute(f"music/{tid}.mp3"))
    audio = mp3["streams"][0]
    assert audio["codec_name"] == "mp3" and int(audio["sample_rate"]) == 44100 and audio["channels"] == 2
    assert abs(float(mp3["format"]["duration"]) - 120) < 0.06
    # The signed URLs are what <audio> and <img> load.
    music = client.get(local(track["music_url"]))
    assert music.status_code == 200 and music.headers["content-type"] == "audio/mpeg"
    assert len(music.content) == track["music_bytes"] - storage.absolute(f"music/{tid}.m4a").stat().st_size
    image = client.get(local(track["image_url"]))
    assert image.status_code == 200 and image.content[:8] == b"\x89PNG\r\n\x1a\n"
    assert leftover_workdirs() == []


def test_render_makes_a_video_that_seeks(client: TestClient, auth, generated) -> None:
    response = client.post("/api/render", json={"track_id": generated["id"]}, headers=auth)
    assert response.status_code == 200, response.text
    track = response.json()
    assert track["status"] == "rendered" and track["video_bytes"] > 0
    info = probe(storage.absolute(f"videos/{track['id']}.mp4"))
    video = next(s for s in info["streams"] if s["codec_type"] == "video")
    assert (video["width"], video["height"], video["codec_name"]) == (1920, 1080, "h264")
    assert abs(float(info["format"]["duration"]) - 120) <= 1 / 30 + 0.01
    part = client.get(local(track["video_url"]), headers={"Range": "bytes=0-1023"})
    assert part.status_code == 206 and len(part.content) == 1024
    # Rendering again is refused clearly, and nothing changes.
    assert_error(client.post("/api/render", json={"track_id": track["id"]}, headers=auth), 409, "CONFLICT")


def test_generate_validation_names_the_field(client: TestClient, auth) -> None:
    cases = [
        ({"prompt": "too short", "duration": 120}, "prompt"),
        ({"prompt": "x" * 501, "duration": 120}, "prompt"),
        ({"prompt": "          padded     ", "duration": 120}, "prompt"),  # whitespace does not count
        ({"prompt": PROMPT, "duration": 119}, "duration"),
        ({"prompt": PROMPT, "duration": 901}, "duration"),
        ({"prompt": PROMPT}, "duration"),
        ({"prompt": PROMPT, "duration": 120, "seed": -1}, "seed"),
    ]
    for body, field in cases:
        error = assert_error(client.post("/api/generate", json=body, headers=auth), 400, "VALIDATION_ERROR")
        assert error["detail"].startswith(f"{field}:"), error
    assert client.get("/api/history", headers=auth).json()["total"] == 0


def test_same_prompt_and_seed_give_the_same_music(client: TestClient, auth, generated) -> None:
    again = client.post(
        "/api/generate", json={"prompt": PROMPT, "duration": 120, "seed": 7}, headers=auth
    ).json()
    first = storage.absolute(f"music/{generated['id']}.mp3").read_bytes()
    assert storage.absolute(f"music/{again['id']}.mp3").read_bytes() == first


def test_progress_is_readable_while_generating(client: TestClient, auth) -> None:
    track_id = str(uuid.uuid4())
    result: dict = {}
    worker = threading.Thread(
        target=lambda: result.update(
            response=client.post(
                "/api/generate", json={"prompt": PROMPT, "duration": 300, "id": track_id}, headers=auth
            )
        )
    )
    worker.start()
    seen = []
    while worker.is_alive():
        response = client.get(f"/api/tracks/{track_id}", headers=auth)
        if response.status_code == 200:
            body = response.json()
            seen.append((body["status"], body["stage"], body["progress"]))
    worker.join()
    assert result["response"].status_code == 200
    running = [s for s in seen if s[0] == "generating"]
    assert running and all(stage for _, stage, _ in running)
    percents = [p for _, _, p in running]
    assert all(0 <= p <= 100 for p in percents)
    assert percents == sorted(percents)  # the bar never goes backwards
    assert any(0 < p < 100 for p in percents)


def test_a_retried_post_with_the_same_id_does_not_generate_twice(client: TestClient, auth) -> None:
    body = {"prompt": PROMPT, "duration": 120, "id": str(uuid.uuid4())}
    first = client.post("/api/generate", json=body, headers=auth).json()
    second = client.post("/api/generate", json=body, headers=auth).json()
    assert second["id"] == first["id"] and second["updated_at"] == first["updated_at"]
    assert client.get("/api/history", headers=auth).json()["total"] == 1


def test_waveform_peaks(client: TestClient, auth, generated) -> None:
    body = client.get(f"/api/tracks/{generated['id']}/waveform?points=300", headers=auth).json()
    peaks = body["peaks"]
    assert len(peaks) == 300 and max(peaks) == 1.0 and min(peaks) >= 0
    assert sum(p > 0.05 for p in peaks) > 250  # music all the way through, not silence
