"""Uploading a music video: the composed file goes up resumably through the shared uploader,
the storyboard still becomes the thumbnail, the description carries chapters from the
sections, the lyrics go up as an SRT caption track, a 9:16 video under a minute goes up as a
Short, an interrupted upload resumes its session on retry, and the quota is checked first."""

import io

import pytest
from fastapi.testclient import TestClient
from PIL import Image, ImageStat
from sqlalchemy import select

from app.config import get_settings
from app.videos.models import VideoStatus
from app.youtube import quota
from app.youtube.models import QuotaUsage, UploadSession
from tests.auth.test_auth_flow import assert_error
from tests.youtube.conftest import CHUNK
from tests.youtube.videos import STILL_COLOUR, add_composed, upload_body, video_bytes

CHAPTERS = "Chapters:\n0:00 Verse\n0:43 Chorus\n1:20 Chorus 2"


@pytest.fixture
def lyrics_on(monkeypatch) -> None:
    monkeypatch.setenv("TRANSCRIPTION_PROVIDER", "openai")
    get_settings.cache_clear()


def test_composed_video_uploads_with_chapters_thumbnail_and_captions(
    client: TestClient, auth, google, connected, db, user, lyrics_on
) -> None:
    video = add_composed(db, user, lyrics=True)
    assert len(video_bytes(video)) > 2 * CHUNK  # several chunks: the resumable path is exercised
    defaults = client.get(f"/api/videos/{video.id}/upload/defaults", headers=auth).json()
    assert defaults["chapters_text"] == CHAPTERS and defaults["has_lyrics"] and not defaults["short"]
    assert defaults["quota_cost"] == 1600 + 50 + 400

    response = client.post(f"/api/videos/{video.id}/upload", json=upload_body(), headers=auth)
    assert response.status_code == 200, response.text
    state = response.json()
    assert state["status"] == "uploaded" and state["upload_warnings"] == [], state
    youtube_id = state["youtube_video_id"]
    assert state["youtube_url"] == f"https://www.youtube.com/watch?v={youtube_id}"
    assert state["youtube_privacy"] == "unlisted"
    assert google.files[youtube_id] == video_bytes(video)  # byte for byte, in aligned chunks
    assert google.count("POST", "/upload/youtube/v3/videos") == 1

    snippet = google.insert_bodies[0]["snippet"]
    assert snippet["title"] == "Neon Rain (official video)"
    assert snippet["description"] == f"A night drive through the rain.\n\n{CHAPTERS}"

    content_type, thumbnail = google.thumbnails[youtube_id]
    image = Image.open(io.BytesIO(thumbnail))
    assert content_type == "image/jpeg" and image.size == (1280, 720)
    mean = ImageStat.Stat(image.convert("RGB")).mean
    assert all(abs(m - c) < 8 for m, c in zip(mean, STILL_COLOUR, strict=True))  # the chorus still

    [caption] = google.captions[youtube_id]
    assert caption["snippet"] == {"videoId": youtube_id, "language": "en", "name": "Lyrics", "isDraft": False}
    assert caption["body"].startswith(
        "1\n00:00:05,000 --> 00:00:08,500\nUnder the neon rain\n\n2\n00:00:09,000 --> 00:00:12,250\n"
    )
    assert caption["body"].count(" --> ") == 3

    db.expire_all()
    assert db.scalar(select(UploadSession)) is None
    operations = sorted(row.operation for row in db.scalars(select(QuotaUsage)))
    assert operations == [
        "captions.insert",
        "channels.list",
        "thumbnails.set",
        "videos.insert",
        "videos.list",
    ]
    used = client.get("/api/auth/youtube/status", headers=auth).json()["quota"]["used"]
    assert used == 1 + 1600 + 50 + 400 + 1
    again = client.post(f"/api/videos/{video.id}/upload", json=upload_body(), headers=auth)
    assert "already on YouTube" in assert_error(again, 409, "CONFLICT")["detail"]


def test_no_lyrics_no_captions_and_a_refused_caption_is_a_warning(
    client: TestClient, auth, google, connected, db, user, lyrics_on
) -> None:
    plain = add_composed(db, user)
    assert client.post(f"/api/videos/{plain.id}/upload", json=upload_body(), headers=auth).status_code == 200
    assert google.count("POST", "/upload/youtube/v3/captions") == 0

    sung = add_composed(db, user, lyrics=True)
    google.caption_error = (403, "forbidden")
    response = client.post(f"/api/videos/{sung.id}/upload", json=upload_body(), headers=auth)
    assert response.status_code == 200, response.text
    state = response.json()
    assert state["status"] == "uploaded" and len(state["upload_warnings"]) == 1
    assert "captions" in state["upload_warnings"][0]


def test_failure_mid_upload_then_retry_continues_the_session(
    client: TestClient, auth, google, connected, db, user
) -> None:
    video = add_composed(db, user)
    google.fail_chunk(2, status=503, times=get_settings().youtube.retry_attempts + 1)
    failed = client.post(f"/api/videos/{video.id}/upload", json=upload_body(), headers=auth)
    assert_error(failed, 502, "STEP_FAILED")
    state = client.get(f"/api/videos/{video.id}/upload", headers=auth).json()
    assert state["status"] == "failed" and state["retryable"] and "temporary" in state["error_message"]
    session = db.scalar(select(UploadSession))
    assert session.video_id == video.id and session.track_id is None
    assert session.bytes_confirmed == 2 * CHUNK and session.session_uri
    again = client.post(f"/api/videos/{video.id}/upload", json=upload_body(), headers=auth)
    assert "retry it" in assert_error(again, 409, "CONFLICT")["detail"]

    google.fail_chunks.clear()
    retried = client.post(f"/api/videos/{video.id}/upload/retry", headers=auth)
    assert retried.status_code == 200, retried.text
    assert retried.json()["status"] == "uploaded"
    assert google.files[retried.json()["youtube_video_id"]] == video_bytes(video)
    assert google.count("POST", "/upload/youtube/v3/videos") == 1  # the same session, resumed
    assert google.chunk_starts.count(0) == 1 and google.chunk_starts.count(CHUNK) == 1  # not re-sent
    assert "Chapters:" in google.insert_bodies[0]["snippet"]["description"]
    assert_error(client.post(f"/api/videos/{video.id}/upload/retry", headers=auth), 409, "CONFLICT")


def test_quota_refused_before_anything_is_sent(client: TestClient, auth, google, connected, db, user) -> None:
    video = add_composed(db, user)
    db.add(QuotaUsage(day=quota.pacific_day(), operation="videos.insert", units=9000))
    db.commit()
    response = client.post(f"/api/videos/{video.id}/upload", json=upload_body(), headers=auth)
    error = assert_error(response, 403, "QUOTA_EXCEEDED")
    assert "needs 1650 units" in error["detail"] and int(response.headers["Retry-After"]) > 0
    assert google.count("POST", "/upload/youtube/v3/videos") == 0
    assert client.get(f"/api/videos/{video.id}/upload", headers=auth).json()["status"] == "not_uploaded"


def test_quota_exceeded_at_youtube_is_reported(client: TestClient, auth, google, connected, db, user) -> None:
    video = add_composed(db, user)
    google.quota_exhausted = True
    response = client.post(f"/api/videos/{video.id}/upload", json=upload_body(), headers=auth)
    assert "quotaExceeded" in assert_error(response, 403, "YOUTUBE_QUOTA_EXCEEDED")["detail"]
    assert quota.RESERVED not in [row.operation for row in db.scalars(select(QuotaUsage))]
    assert client.get("/api/auth/youtube/status", headers=auth).json()["quota"]["remaining"] == 0


def test_a_video_that_is_not_composed_is_refused(
    client: TestClient, auth, google, connected, db, user
) -> None:
    video = add_composed(db, user, status=VideoStatus.APPROVED)
    response = client.post(f"/api/videos/{video.id}/upload", json=upload_body(), headers=auth)
    assert "composed or finalized" in assert_error(response, 409, "CONFLICT")["detail"]
    assert google.count("POST", "/upload/youtube/v3/videos") == 0
    assert db.scalar(select(QuotaUsage).where(QuotaUsage.operation == quota.RESERVED)) is None


def test_finalized_vertical_short_goes_up_with_shorts_and_no_chapters(
    client: TestClient, auth, google, connected, db, user
) -> None:
    video = add_composed(db, user, status=VideoStatus.FINALIZED, aspect="9:16", duration=45.0)
    assert client.get(f"/api/videos/{video.id}/upload/defaults", headers=auth).json()["short"] is True
    response = client.post(f"/api/videos/{video.id}/upload", json=upload_body(), headers=auth)
    assert response.status_code == 200, response.text
    description = google.insert_bodies[0]["snippet"]["description"]
    assert description == "A night drive through the rain.\n\n#Shorts"
