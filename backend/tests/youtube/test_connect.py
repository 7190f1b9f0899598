"""Connecting a channel: consent URL, callback (CSRF state, PKCE), tokens at rest, status,
disconnect, and what happens when Google stops accepting the grant."""

from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from cryptography.fernet import Fernet, InvalidToken
from fastapi.testclient import TestClient
from sqlalchemy import text, update

from app.youtube.models import OAuthState, YouTubeToken
from tests.auth.test_auth_flow import assert_error
from tests.conftest import login, make_user
from tests.youtube.conftest import DASHBOARD, FERNET_KEY, connect


def _consent(client: TestClient, auth: dict) -> httpx.Response:
    url = client.get("/api/auth/youtube", headers=auth).json()["auth_url"]
    return httpx.get(url, follow_redirects=False)


def test_consent_url_asks_for_upload_and_readonly_offline_with_pkce(
    client: TestClient, auth, google, db
) -> None:
    response = client.get("/api/auth/youtube", headers=auth)
    assert response.status_code == 200 and set(response.json()) == {"auth_url"}
    url = urlsplit(response.json()["auth_url"])
    q = {k: v[0] for k, v in parse_qs(url.query).items()}
    assert f"{url.scheme}://{url.netloc}{url.path}" == f"{google.url}/o/oauth2/auth"
    assert set(q["scope"].split()) == {
        "https://www.googleapis.com/auth/youtube.upload",
        "https://www.googleapis.com/auth/youtube.readonly",
    }
    assert q["access_type"] == "offline" and q["prompt"] == "consent" and q["response_type"] == "code"
    assert q["code_challenge_method"] == "S256" and len(q["code_challenge"]) == 43
    assert q["redirect_uri"] == "http://testserver/api/auth/youtube/callback"
    stored = db.get(OAuthState, q["state"])
    assert stored is not None and len(q["state"]) >= 40
    assert timedelta(minutes=9) < stored.expires_at - datetime.now(UTC) <= timedelta(minutes=10)
    # The verifier stays on the server; only its hash went out.
    assert stored.code_verifier not in response.json()["auth_url"]


def test_connect_stores_encrypted_tokens_and_reads_the_channel(client: TestClient, auth, google, db) -> None:
    response = connect(client, auth, google)
    assert response.status_code == 302
    assert response.headers["location"] == f"{DASHBOARD}/settings?youtube=connected"

    status = client.get("/api/auth/youtube/status", headers=auth).json()
    assert status["connected"] and not status["needs_reconnect"] and status["configured"]
    assert status["channel_title"] == "Lofi Rain Studio" and status["channel_id"].startswith("UC")
    assert datetime.fromisoformat(status["token_expires_at"]) > datetime.now(UTC) + timedelta(minutes=50)
    assert status["quota"]["used"] == 1 and status["quota"]["limit"] == 10_000  # channels.list

    # Read the raw columns: ciphertext, not the tokens Google issued.
    access, refresh = db.execute(text("SELECT access_token, refresh_token FROM youtube_tokens")).one()
    issued_access, issued_refresh = google.latest_access_token(), next(iter(google.refresh_tokens))
    assert issued_access not in access and issued_refresh not in refresh
    assert not access.startswith("ya29.") and not refresh.startswith("1//")
    key = Fernet(FERNET_KEY.encode())
    assert key.decrypt(access.encode()).decode() == issued_access
    assert key.decrypt(refresh.encode()).decode() == issued_refresh
    with pytest.raises(InvalidToken):
        Fernet(Fernet.generate_key()).decrypt(access.encode())


def test_state_mismatch_and_replay_are_rejected(client: TestClient, auth, google, db) -> None:
    consent = _consent(client, auth)
    callback = consent.headers["location"]
    forged = callback.replace("state=", "state=x")
    assert_error(client.get(forged, follow_redirects=False), 403, "OAUTH_STATE_INVALID")
    assert_error(
        client.get("/api/auth/youtube/callback?code=abc", follow_redirects=False), 403, "OAUTH_STATE_INVALID"
    )

    assert client.get(callback, follow_redirects=False).status_code == 302
    replay = assert_error(client.get(callback, follow_redirects=False), 403, "OAUTH_STATE_INVALID")
    assert "already used" in replay["detail"]
    assert db.query(YouTubeToken).count() == 1


def test_expired_state_is_rejected(client: TestClient, auth, google, db) -> None:
    consent = _consent(client, auth)
    db.execute(update(OAuthState).values(expires_at=datetime.now(UTC) - timedelta(seconds=1)))
    db.commit()
    error = assert_error(
        client.get(consent.headers["location"], follow_redirects=False), 403, "OAUTH_STATE_INVALID"
    )
    assert "expired" in error["detail"]
    assert db.query(YouTubeToken).count() == 0


def test_state_of_another_user_connects_that_user_only(
    client: TestClient, auth, google, db, password_hash
) -> None:
    make_user(db, password_hash, "other@example.com")
    other = {"Authorization": f"Bearer {login(client, 'other@example.com')['access_token']}"}
    connect(client, other, google)
    assert client.get("/api/auth/youtube/status", headers=other).json()["connected"]
    assert not client.get("/api/auth/youtube/status", headers=auth).json()["connected"]


@pytest.mark.parametrize(
    ("setup", "reason"),
    [
        ("deny", "access_denied"),
        ("no_upload_scope", "missing_scope"),
        ("no_channel", "no_channel"),
    ],
)
def test_consent_problems_go_back_to_the_dashboard_with_a_reason(
    client, auth, google, db, setup, reason
) -> None:
    if setup == "deny":
        google.deny_consent = True
    elif setup == "no_upload_scope":
        google.granted_scopes = ["https://www.googleapis.com/auth/youtube.readonly"]
    else:
        google.channel = None
    response = connect(client, auth, google)
    location = urlsplit(response.headers["location"])
    q = {k: v[0] for k, v in parse_qs(location.query).items()}
    assert (
        response.status_code == 302
        and f"{location.scheme}://{location.netloc}{location.path}" == f"{DASHBOARD}/settings"
    )
    assert q["youtube"] == "error" and q["reason"] == reason and q["message"]
    assert db.query(YouTubeToken).count() == 0


def test_not_configured_is_a_clear_error(client: TestClient, auth, monkeypatch) -> None:
    from app.config import get_settings

    monkeypatch.setattr(get_settings().youtube, "client_id", "")
    error = assert_error(client.get("/api/auth/youtube", headers=auth), 503, "YOUTUBE_NOT_CONFIGURED")
    assert "YOUTUBE_CLIENT_ID" in error["detail"]
    assert client.get("/api/auth/youtube/status", headers=auth).json()["configured"] is False
    assert_error(client.get("/api/auth/youtube"), 401, "NOT_AUTHENTICATED")


def test_disconnect_revokes_at_google_and_forgets(client: TestClient, auth, google, connected, db) -> None:
    refresh = next(iter(google.refresh_tokens))
    assert client.delete("/api/auth/youtube", headers=auth).status_code == 204
    assert google.refresh_tokens[refresh] is True  # revoked at Google
    assert google.count("POST", "/revoke") == 1
    assert db.query(YouTubeToken).count() == 0
    assert client.get("/api/auth/youtube/status", headers=auth).json()["connected"] is False
    # Idempotent, and still fine when Google no longer knows the grant.
    assert client.delete("/api/auth/youtube", headers=auth).status_code == 204


def test_invalid_grant_marks_the_connection_for_reconnection(
    client, auth, google, connected, db, rendered
) -> None:
    from tests.youtube.conftest import upload_body

    google.revoke_all()  # the creator removed access in their Google account
    db.execute(update(YouTubeToken).values(expires_at=datetime.now(UTC) - timedelta(minutes=1)))
    db.commit()
    error = assert_error(
        client.post("/api/upload", json=upload_body(rendered), headers=auth), 409, "YOUTUBE_RECONNECT_NEEDED"
    )
    assert "invalid_grant" in error["detail"] and "Reconnect" in error["detail"]
    status = client.get("/api/auth/youtube/status", headers=auth).json()
    assert status["connected"] and status["needs_reconnect"] and "Testing mode" in status["reconnect_reason"]
    assert client.get(f"/api/tracks/{rendered.id}", headers=auth).json()["status"] == "rendered"

    # Connecting again clears it.
    connect(client, auth, google)
    assert client.get("/api/auth/youtube/status", headers=auth).json()["needs_reconnect"] is False


def test_disconnect_waits_for_a_running_upload(client: TestClient, auth, google, connected, db, user) -> None:
    from app.tracks.models import TrackStatus
    from tests.tracks.conftest import add_track

    add_track(db, user, status=TrackStatus.UPLOADING)
    error = assert_error(client.delete("/api/auth/youtube", headers=auth), 409, "CONFLICT")
    assert "upload is running" in error["detail"]
    assert db.query(YouTubeToken).count() == 1 and google.count("POST", "/revoke") == 0
