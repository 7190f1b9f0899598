"""Bad input and failed steps: clear errors, a retryable `failed` state, no leftover files."""

from fastapi.testclient import TestClient
from sqlalchemy import func, select

from app.config import get_settings
from app.jobs.models import Job, JobStatus
from app.tracks.models import Track, TrackStatus
from tests.auth.test_auth_flow import assert_error
from tests.conftest import make_user
from tests.tracks.conftest import PROMPT, add_track, files_of, leftover_workdirs


def test_ffmpeg_failure_during_generate_fails_cleanly_and_retries(
    client: TestClient, auth, broken_ffmpeg, db
) -> None:
    error = assert_error(
        client.post("/api/generate", json={"prompt": PROMPT, "duration": 120}, headers=auth),
        502,
        "STEP_FAILED",
    )
    assert "ffmpeg" in error["detail"].lower() or "media" in error["detail"].lower()
    track = db.scalar(select(Track))
    job = db.scalar(select(Job))
    assert track.status == "failed" and (job.kind, job.status, job.retryable) == ("generate", "failed", True)
    assert job.error_code == "PROVIDER_ERROR" and job.error_message and job.attempts == 1
    assert files_of(str(track.id)) == [] and leftover_workdirs() == []

    broken_ffmpeg.repair()
    retried = client.post(f"/api/tracks/{track.id}/retry", headers=auth)
    assert retried.status_code == 200, retried.text
    assert retried.json()["status"] == "generated" and retried.json()["error_message"] is None
    assert retried.json()["job"]["attempts"] == 2 and retried.json()["job"]["status"] == "succeeded"
    assert db.scalar(select(func.count()).select_from(Job)) == 1  # a retry runs the same job again


def test_ffmpeg_failure_during_render_keeps_music_and_art(
    client: TestClient, auth, generated, broken_ffmpeg
) -> None:
    tid = generated["id"]
    assert_error(client.post("/api/render", json={"track_id": tid}, headers=auth), 502, "STEP_FAILED")
    track = client.get(f"/api/tracks/{tid}", headers=auth).json()
    assert track["status"] == "failed" and track["failed_stage"] == "render" and track["error_message"]
    assert track["music_url"] and track["image_url"] and track["video_url"] is None
    assert files_of(tid) == [f"images/{tid}.png", f"music/{tid}.m4a", f"music/{tid}.mp3"]
    # Rendering a failed track is refused; retry is the way back.
    assert_error(client.post("/api/render", json={"track_id": tid}, headers=auth), 409, "CONFLICT")
    broken_ffmpeg.repair()
    assert client.post(f"/api/tracks/{tid}/retry", headers=auth).json()["status"] == "rendered"


def test_not_enough_disk_refuses_before_starting(client: TestClient, auth, generated, monkeypatch) -> None:
    monkeypatch.setattr(get_settings().storage, "min_free_bytes", 10**15)
    error = assert_error(
        client.post("/api/generate", json={"prompt": PROMPT, "duration": 900}, headers=auth),
        507,
        "INSUFFICIENT_STORAGE",
    )
    assert "disk space" in error["detail"]
    assert_error(
        client.post("/api/render", json={"track_id": generated["id"]}, headers=auth),
        507,
        "INSUFFICIENT_STORAGE",
    )
    # Nothing was lost: the generated track is still generated, no new track appeared.
    history = client.get("/api/history", headers=auth).json()
    assert history["total"] == 1 and history["items"][0]["status"] == "generated"


def test_unknown_and_foreign_tracks_are_404(client: TestClient, auth, db, password_hash) -> None:
    other = add_track(db, make_user(db, password_hash, "other@example.com"))
    for tid in (other.id, "00000000-0000-4000-8000-000000000000"):
        assert_error(client.get(f"/api/tracks/{tid}", headers=auth), 404, "NOT_FOUND")
        assert_error(client.post("/api/render", json={"track_id": str(tid)}, headers=auth), 404, "NOT_FOUND")
        assert_error(client.delete(f"/api/tracks/{tid}", headers=auth), 404, "NOT_FOUND")
        assert_error(client.post(f"/api/tracks/{tid}/retry", headers=auth), 404, "NOT_FOUND")
    assert db.get(Track, other.id) is not None
    assert_error(client.get("/api/tracks/not-a-uuid", headers=auth), 400, "VALIDATION_ERROR")


def test_busy_tracks_cannot_be_deleted_or_rendered(client: TestClient, auth, db, user) -> None:
    busy = add_track(db, user, status=TrackStatus.RENDERING, job=("render", JobStatus.RUNNING))
    assert (
        "wait"
        in assert_error(client.delete(f"/api/tracks/{busy.id}", headers=auth), 409, "CONFLICT")["detail"]
    )
    assert_error(client.post("/api/render", json={"track_id": str(busy.id)}, headers=auth), 409, "CONFLICT")
    failed = add_track(db, user, status=TrackStatus.FAILED, job=("generate", JobStatus.FAILED))
    assert_error(client.post("/api/render", json={"track_id": str(failed.id)}, headers=auth), 409, "CONFLICT")
    fine = add_track(db, user, status=TrackStatus.GENERATED)
    assert_error(client.post(f"/api/tracks/{fine.id}/retry", headers=auth), 409, "CONFLICT")


def test_steps_interrupted_by_a_restart_become_retryable(db, user, auth) -> None:
    from fastapi.testclient import TestClient as Client

    from app.main import app

    stuck = add_track(db, user, status=TrackStatus.RENDERING, job=("render", JobStatus.RUNNING))
    with Client(app, raise_server_exceptions=False) as client:  # start-up runs the recovery
        track = client.get(f"/api/tracks/{stuck.id}", headers=auth).json()
    assert (
        track["status"] == "failed"
        and track["failed_stage"] == "render"
        and "retry" in track["error_message"]
    )
    assert track["stage"] is None and track["progress"] is None
    assert track["job"]["status"] == "failed" and track["job"]["retryable"] is True
    assert track["job"]["error_code"] == "INTERRUPTED"


def test_pipeline_needs_sign_in(client: TestClient) -> None:
    for method, path in (
        ("post", "/api/generate"),
        ("post", "/api/render"),
        ("get", "/api/history"),
        ("get", "/api/stats"),
    ):
        assert_error(client.request(method.upper(), path, json={}), 401, "NOT_AUTHENTICATED")
