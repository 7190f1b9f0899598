"""Uploading a rendered track: the file arrives byte for byte in 256 KiB-aligned chunks,
progress is saved per chunk, the thumbnail and privacy read-back only ever warn, and the
metadata the creator chose is what YouTube receives."""

import io
from datetime import UTC, datetime, timedelta

from fastapi.testclient import TestClient
from PIL import Image
from sqlalchemy import select, text

from app.tracks.models import TrackStatus
from app.youtube.models import UploadSession
from tests.auth.test_auth_flow import assert_error
from tests.conftest import make_user
from tests.youtube.conftest import CHUNK, add_rendered, upload_body, video_bytes


def test_upload_sends_the_file_in_chunks_and_saves_the_video(
    client: TestClient, auth, google, connected, rendered, db
) -> None:
    seen: list[tuple[int, int | None]] = []

    def on_chunk(start: int) -> None:
        # While the request runs: the position YouTube last confirmed is already in the database.
        row = db.execute(text("SELECT bytes_confirmed, session_uri FROM upload_sessions")).one()
        seen.append((start, row.bytes_confirmed))
        assert row.session_uri and "upload_id" not in row.session_uri  # encrypted at rest
        progress = db.execute(text("SELECT kind, stage, progress FROM jobs WHERE status = 'running'")).one()
        assert (progress.kind, progress.stage) == ("upload", "uploading to YouTube")

    google.on_chunk = on_chunk
    response = client.post("/api/upload", json=upload_body(rendered, publish_at=None), headers=auth)
    assert response.status_code == 200, response.text
    track = response.json()
    assert track["status"] == "uploaded" and track["stage"] is None and track["upload_warnings"] == []
    video_id = track["youtube_video_id"]
    assert track["youtube_url"] == f"https://www.youtube.com/watch?v={video_id}"
    assert track["youtube_privacy"] == "unlisted"

    assert google.files[video_id] == video_bytes(rendered)  # byte for byte
    assert seen == [(i * CHUNK, i * CHUNK) for i in range(6)]  # 5 full chunks + the short last one
    assert google.resent_chunks() == 0 and google.status_queries == 0
    body = google.insert_bodies[0]
    assert body["snippet"] == {
        "title": "Ocean rain for deep sleep",
        "description": "Soft rain.",
        "tags": ["ambient", "sleep music"],
        "categoryId": "10",
    }
    assert (
        body["status"]["privacyStatus"] == "unlisted" and body["status"]["selfDeclaredMadeForKids"] is False
    )
    assert body["status"]["containsSyntheticMedia"] is True and "publishAt" not in body["status"]

    content_type, thumbnail = google.thumbnails[video_id]
    image = Image.open(io.BytesIO(thumbnail))
    assert content_type == "image/jpeg" and image.format == "JPEG" and image.size == (1280, 720)
    assert len(thumbnail) < 2 * 1024 * 1024

    assert db.scalar(select(UploadSession)) is None  # done: nothing left to resume
    status = client.get("/api/auth/youtube/status", headers=auth).json()
    assert (
        status["quota"]["used"] == 1 + 1600 + 50 + 1
    )  # channels.list, videos.insert, thumbnails.set, videos.list


def test_scheduled_private_upload(client: TestClient, auth, google, connected, rendered) -> None:
    when = (datetime.now(UTC) + timedelta(days=2)).replace(microsecond=0)
    body = upload_body(
        rendered, privacy="private", publish_at=when.isoformat(), category="22", made_for_kids=True
    )
    response = client.post("/api/upload", json=body, headers=auth)
    assert response.status_code == 200, response.text
    sent = google.insert_bodies[0]["status"]
    assert sent["privacyStatus"] == "private" and sent["selfDeclaredMadeForKids"] is True
    assert datetime.fromisoformat(sent["publishAt"]) == when
    assert google.insert_bodies[0]["snippet"]["categoryId"] == "22"
    assert response.json()["upload_warnings"] == []  # private was asked for: no forced-private warning


def test_thumbnail_refused_is_a_warning_not_a_failure(
    client: TestClient, auth, google, connected, rendered
) -> None:
    google.thumbnail_forbidden = True
    response = client.post("/api/upload", json=upload_body(rendered), headers=auth)
    assert response.status_code == 200, response.text
    track = response.json()
    assert track["status"] == "uploaded" and track["youtube_video_id"] in google.files
    assert len(track["upload_warnings"]) == 1 and "verified channel" in track["upload_warnings"][0]
    assert (
        client.get(f"/api/tracks/{rendered.id}", headers=auth).json()["upload_warnings"]
        == track["upload_warnings"]
    )


def test_forced_private_is_read_back_and_reported(
    client: TestClient, auth, google, connected, rendered
) -> None:
    google.force_private = True
    track = client.post("/api/upload", json=upload_body(rendered, privacy="public"), headers=auth).json()
    assert track["status"] == "uploaded" and track["youtube_privacy"] == "private"
    assert len(track["upload_warnings"]) == 1
    assert "private although you chose public" in track["upload_warnings"][0]
    assert google.count("GET", "/youtube/v3/videos") == 1


def test_validation_errors_name_the_field(client: TestClient, auth, connected, rendered) -> None:
    past = (datetime.now(UTC) - timedelta(hours=1)).isoformat()
    future = (datetime.now(UTC) + timedelta(days=1)).isoformat()
    body = upload_body(rendered)
    del body["made_for_kids"]
    cases = [
        (body, "made_for_kids: Field required"),
        (upload_body(rendered, title="x" * 101), "title:"),
        (upload_body(rendered, title="   "), "title:"),
        (upload_body(rendered, title="Rain <3"), "title: Value error, YouTube does not allow"),
        (
            upload_body(rendered, description="é" * 2501),
            "description: Value error, must be at most 5000 bytes",
        ),
        (
            upload_body(rendered, tags=[f"tag number {i}" for i in range(40)]),
            "tags: Value error, must be at most 500",
        ),
        (upload_body(rendered, privacy="friends"), "privacy:"),
        (upload_body(rendered, category="music"), "category:"),
        (
            upload_body(rendered, privacy="private", publish_at=past),
            "publish_at: Value error, must be in the future",
        ),
        (
            upload_body(rendered, privacy="public", publish_at=future),
            "publish_at: Value error, scheduling needs privacy 'private'",
        ),
        (
            upload_body(rendered, privacy="private", publish_at="2030-01-01T10:00:00"),
            "publish_at:",
        ),  # no timezone
    ]
    for payload, expected in cases:
        error = assert_error(client.post("/api/upload", json=payload, headers=auth), 400, "VALIDATION_ERROR")
        assert expected in error["detail"], (expected, error["detail"])
    assert client.get(f"/api/tracks/{rendered.id}", headers=auth).json()["status"] == "rendered"


def test_wrong_tracks_and_missing_connection(
    client: TestClient, auth, google, db, user, cover_png, password_hash
) -> None:
    rendered = add_rendered(db, user, cover_png)
    assert_error(
        client.post("/api/upload", json=upload_body(rendered), headers=auth), 409, "YOUTUBE_NOT_CONNECTED"
    )
    from tests.youtube.conftest import connect

    connect(client, auth, google)
    generated = add_rendered(db, user, cover_png, status=TrackStatus.GENERATED)
    error = assert_error(
        client.post("/api/upload", json=upload_body(generated), headers=auth), 409, "CONFLICT"
    )
    assert "Only a rendered track" in error["detail"]
    other = add_rendered(db, make_user(db, password_hash, "other@example.com"), cover_png)
    assert_error(client.post("/api/upload", json=upload_body(other), headers=auth), 404, "NOT_FOUND")
    assert_error(client.get(f"/api/upload/defaults/{other.id}", headers=auth), 404, "NOT_FOUND")
    assert google.count("POST", "/upload/youtube/v3/videos") == 0

    assert client.post("/api/upload", json=upload_body(rendered), headers=auth).status_code == 200
    error = assert_error(
        client.post("/api/upload", json=upload_body(rendered), headers=auth), 409, "CONFLICT"
    )
    assert "already on YouTube" in error["detail"]


def test_defaults_come_from_the_track(client: TestClient, auth, rendered) -> None:
    defaults = client.get(f"/api/upload/defaults/{rendered.id}", headers=auth).json()
    assert defaults["title"].startswith("Deep sleep ocean ambient") and defaults["title"].endswith("| 5 min")
    assert len(defaults["title"]) <= 100
    assert "Deep sleep ocean ambient with ethereal pads and soft rain" in defaults["description"]
    assert "5 min" in defaults["description"]
    assert "ambient" in defaults["tags"] and "ocean" in defaults["tags"] and "with" not in defaults["tags"]
    assert (
        defaults["made_for_kids"] is None
        and defaults["category"] == "10"
        and defaults["privacy"] == "private"
    )
    assert defaults["quota_cost"] == 1650
    # The suggestions pass the upload's own validation as they are.
    body = {
        k: defaults[k]
        for k in ("title", "description", "tags", "privacy", "category", "contains_synthetic_media")
    }
    from app.youtube.schemas import UploadRequest

    UploadRequest(track_id=rendered.id, made_for_kids=False, **body)


def test_metadata_refused_by_youtube_can_be_sent_again_corrected(
    client: TestClient, auth, google, connected, rendered
) -> None:
    google.insert_error = (400, "invalidTags")
    error = assert_error(
        client.post("/api/upload", json=upload_body(rendered), headers=auth), 502, "STEP_FAILED"
    )
    assert "invalidTags" in error["detail"]
    track = client.get(f"/api/tracks/{rendered.id}", headers=auth).json()
    assert track["status"] == "failed" and track["failed_stage"] == "upload"
    # Nothing reached YouTube's storage, so a new upload with other details is allowed.
    response = client.post("/api/upload", json=upload_body(rendered, tags=["ambient"]), headers=auth)
    assert response.status_code == 200, response.text
    assert google.insert_bodies[-1]["snippet"]["tags"] == ["ambient"]
