"""Interruptions and limits: a 5xx or a timeout costs at most the chunk in flight (resume
from the last confirmed byte), an expired token is refreshed mid-upload, the day's quota is
checked before starting and YouTube's quotaExceeded is reported and never retried."""

import logging
import threading
from datetime import UTC, datetime, timedelta

from fastapi.testclient import TestClient
from httpx import Response
from sqlalchemy import select, text, update

from app.tracks.models import Track
from app.youtube import quota
from app.youtube.models import QuotaUsage, UploadSession, YouTubeToken
from tests.auth.test_auth_flow import assert_error
from tests.youtube.conftest import CHUNK, FERNET_KEY, add_rendered, upload_body, video_bytes


def test_5xx_and_timeout_resume_from_the_last_confirmed_byte(
    client: TestClient, auth, google, connected, rendered, monkeypatch
) -> None:
    monkeypatch.setenv("YOUTUBE_HTTP_TIMEOUT_SECONDS", "2")
    from app.config import get_settings

    get_settings.cache_clear()
    google.fail_chunk(1, status=503)
    google.delay_chunk(3, seconds=2.8)  # answered after the client's 2 s timeout
    response = client.post("/api/upload", json=upload_body(rendered), headers=auth)
    assert response.status_code == 200, response.text
    video_id = response.json()["youtube_video_id"]
    assert google.files[video_id] == video_bytes(rendered)
    # Each interruption: one status query (`bytes */total`), then only the lost chunk again.
    # (At least two interruptions: on a loaded machine another request may also time out.)
    assert google.status_queries >= 2
    assert google.resent_chunks() <= google.status_queries
    assert google.count("POST", "/upload/youtube/v3/videos") == 1  # one session throughout


def test_expired_access_token_is_refreshed_mid_upload_and_kept(
    client: TestClient, auth, google, connected, rendered, db
) -> None:
    from cryptography.fernet import Fernet

    def expire_after_first_chunk(start: int) -> None:
        if start == 0:
            google.expire_access_tokens()  # Google ends the token before its stated expiry

    google.on_chunk = expire_after_first_chunk
    response = client.post("/api/upload", json=upload_body(rendered), headers=auth)
    assert response.status_code == 200, response.text
    assert google.files[response.json()["youtube_video_id"]] == video_bytes(rendered)
    assert google.count("POST", "/token") == 2  # the exchange, then one refresh
    stored = db.execute(text("SELECT access_token FROM youtube_tokens")).scalar_one()
    assert Fernet(FERNET_KEY.encode()).decrypt(stored.encode()).decode() == google.latest_access_token()


def test_token_close_to_expiry_is_refreshed_before_the_upload(
    client: TestClient, auth, google, connected, rendered, db
) -> None:
    db.execute(update(YouTubeToken).values(expires_at=datetime.now(UTC) + timedelta(minutes=2)))
    db.commit()
    assert client.post("/api/upload", json=upload_body(rendered), headers=auth).status_code == 200
    assert google.count("POST", "/token") == 2  # the exchange, then the refresh ahead of expiry
    assert not any(status == 401 for *_, status in google.calls)  # ahead of time, not after a refusal
    db.expire_all()
    assert db.scalar(select(YouTubeToken)).expires_at > datetime.now(UTC) + timedelta(minutes=50)


def test_upload_over_the_days_quota_is_refused_before_it_starts(
    client: TestClient, auth, google, connected, rendered, db
) -> None:
    db.add(QuotaUsage(day=quota.pacific_day(), operation="videos.insert", units=9000))
    db.commit()
    response = client.post("/api/upload", json=upload_body(rendered), headers=auth)
    error = assert_error(response, 403, "QUOTA_EXCEEDED")
    assert "needs 1650 units" in error["detail"] and "resets at" in error["detail"]
    assert 0 < int(response.headers["Retry-After"]) <= 25 * 3600
    assert google.count("POST", "/upload/youtube/v3/videos") == 0
    assert client.get(f"/api/tracks/{rendered.id}", headers=auth).json()["status"] == "rendered"
    status = client.get("/api/auth/youtube/status", headers=auth).json()["quota"]
    assert status["used"] == 9001 and status["remaining"] == 999
    assert datetime.fromisoformat(status["resets_at"]) > datetime.now(UTC)


def test_two_uploads_started_together_cannot_share_the_last_units(
    client: TestClient, auth, google, connected, rendered, db, user, cover_png
) -> None:
    """Room for one upload: started at the same moment, one goes, the other is refused
    before anything reaches YouTube, and the held units end up counted once."""
    other = add_rendered(db, user, cover_png)
    db.add(QuotaUsage(day=quota.pacific_day(), operation="videos.insert", units=10_000 - 1650 - 100))
    db.commit()
    start = threading.Barrier(2)
    responses: dict[str, Response] = {}

    def upload(track: Track) -> None:
        start.wait()
        responses[str(track.id)] = client.post("/api/upload", json=upload_body(track), headers=auth)

    workers = [threading.Thread(target=upload, args=(track,)) for track in (rendered, other)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    codes = sorted(r.status_code for r in responses.values())
    assert codes == [200, 403], {k: r.text for k, r in responses.items()}
    assert google.count("POST", "/upload/youtube/v3/videos") == 1
    operations = [row.operation for row in db.scalars(select(QuotaUsage))]
    assert quota.RESERVED not in operations  # the hold became the insert's count, once
    assert operations.count("videos.insert") == 2  # the day's earlier uploads, and this one


def test_a_failed_upload_gives_back_the_units_it_held(
    client: TestClient, auth, google, connected, rendered, db
) -> None:
    google.insert_error = (400, "invalidVideoMetadata")  # refused before a session opens: nothing spent
    assert client.post("/api/upload", json=upload_body(rendered), headers=auth).status_code >= 400
    assert client.get(f"/api/tracks/{rendered.id}", headers=auth).json()["failed_stage"] == "upload"
    operations = [row.operation for row in db.scalars(select(QuotaUsage))]
    assert quota.RESERVED not in operations and "videos.insert" not in operations  # the 1650 units went back


def test_quota_exceeded_from_youtube_is_reported_and_not_retried(
    client: TestClient, auth, google, connected, rendered, db
) -> None:
    google.quota_exhausted = True
    error = assert_error(
        client.post("/api/upload", json=upload_body(rendered), headers=auth), 403, "YOUTUBE_QUOTA_EXCEEDED"
    )
    assert "quotaExceeded" in error["detail"] and "resets at" in error["detail"]
    assert google.count("POST", "/upload/youtube/v3/videos") == 1  # not retried
    track = client.get(f"/api/tracks/{rendered.id}", headers=auth).json()
    assert (
        track["status"] == "failed"
        and track["failed_stage"] == "upload"
        and "quota" in track["error_message"]
    )
    # Our count now says the day is spent, so a retry today is refused here, not sent.
    assert client.get("/api/auth/youtube/status", headers=auth).json()["quota"]["remaining"] == 0
    assert_error(client.post(f"/api/tracks/{rendered.id}/retry", headers=auth), 403, "QUOTA_EXCEEDED")
    assert google.count("POST", "/upload/youtube/v3/videos") == 1

    # Next Pacific day: the quota is back and the retry goes through.
    db.execute(text("UPDATE youtube_quota_usage SET day = day - 1"))
    db.commit()
    google.quota_exhausted = False
    retried = client.post(f"/api/tracks/{rendered.id}/retry", headers=auth)
    assert retried.status_code == 200, retried.text
    assert retried.json()["status"] == "uploaded" and db.scalar(select(UploadSession)) is None


def test_persistent_5xx_fails_retryably_and_retry_resumes(
    client: TestClient, auth, google, connected, rendered, db
) -> None:
    from app.config import get_settings

    # YouTube answers 503 to chunk 2 for longer than our retries last.
    google.fail_chunk(2, status=503, times=get_settings().youtube.retry_attempts + 1)
    assert_error(client.post("/api/upload", json=upload_body(rendered), headers=auth), 502, "STEP_FAILED")
    track = client.get(f"/api/tracks/{rendered.id}", headers=auth).json()
    assert (
        track["status"] == "failed"
        and track["failed_stage"] == "upload"
        and "temporary" in track["error_message"]
    )
    session = db.scalar(select(UploadSession))
    assert session.bytes_confirmed == 2 * CHUNK and session.session_uri
    error = assert_error(
        client.post("/api/upload", json=upload_body(rendered), headers=auth), 409, "CONFLICT"
    )
    assert "retry it" in error["detail"]  # YouTube has part of it: continue, do not start over

    google.fail_chunks.clear()
    retried = client.post(f"/api/tracks/{rendered.id}/retry", headers=auth)
    assert retried.status_code == 200, retried.text
    assert google.files[retried.json()["youtube_video_id"]] == video_bytes(rendered)
    assert google.count("POST", "/upload/youtube/v3/videos") == 1  # same session resumed


def test_no_secrets_in_logs(client: TestClient, auth, google, rendered, caplog) -> None:
    caplog.set_level(logging.DEBUG)
    from tests.youtube.conftest import connect

    connect(client, auth, google)
    google.fail_chunk(1)
    google.expire_access_tokens()
    assert client.post("/api/upload", json=upload_body(rendered), headers=auth).status_code == 200
    # The test's own browser and HTTP client (httpx to the consent page and to the app) log the
    # callback URL; that is the test harness, not the studio, so its records are left out.
    browser = (
        "testserver",
        "/o/oauth2/auth",
        "send_request",
        "receive_response",
        "connect_tcp",
        "response_closed",
    )
    studio = [
        r
        for r in caplog.records
        if not (r.name.startswith(("httpx", "httpcore")) and any(b in r.getMessage() for b in browser))
    ]
    logged = "\n".join(r.getMessage() for r in studio)
    secrets_seen = [
        *google.access_tokens,
        *google.refresh_tokens,
        google.client_secret,
        FERNET_KEY,
        *(s for s in google.sessions),
    ]
    assert len(secrets_seen) >= 5
    for secret in secrets_seen:
        assert secret not in logged
    assert "code=" not in logged and "code_verifier" not in logged
