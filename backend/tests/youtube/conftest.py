"""YouTube tests run the real client libraries against the Google emulator, configured
through settings (environment variables) exactly as a studio would be configured for Google."""

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from cryptography.fernet import Fernet
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from app import storage
from app.config import get_settings
from app.tracks.models import Track, TrackStatus
from tests.emulators.google import ALIGN, GoogleEmulator
from tests.tracks.conftest import PROMPT

FERNET_KEY = Fernet.generate_key().decode()
DASHBOARD = "http://dashboard.test"
CHUNK = ALIGN  # 256 KiB chunks: a few-MB file makes a handful of them


@pytest.fixture(scope="session")
def google() -> Iterator[GoogleEmulator]:
    emulator = GoogleEmulator().start()
    yield emulator
    emulator.stop()


def youtube_environment(google: GoogleEmulator) -> dict[str, str]:
    return {
        "ENCRYPTION_KEY": FERNET_KEY,
        "YOUTUBE_CLIENT_ID": google.client_id,
        "YOUTUBE_CLIENT_SECRET": google.client_secret,
        "YOUTUBE_AUTH_URL": f"{google.url}/o/oauth2/auth",
        "YOUTUBE_TOKEN_URL": f"{google.url}/token",
        "YOUTUBE_REVOKE_URL": f"{google.url}/revoke",
        "YOUTUBE_API_BASE_URL": google.url,
        "YOUTUBE_DASHBOARD_URL": DASHBOARD,
        "YOUTUBE_CHUNK_BYTES": str(CHUNK),
        "YOUTUBE_RETRY_BACKOFF_SECONDS": "0.05",
        "YOUTUBE_HTTP_TIMEOUT_SECONDS": "5",
        # oauthlib refuses http:// endpoints unless told this is a test set-up.
        "OAUTHLIB_INSECURE_TRANSPORT": "1",
    }


@pytest.fixture(autouse=True)
def youtube_env(google: GoogleEmulator, monkeypatch) -> Iterator[dict[str, str]]:
    google.reset()
    env = youtube_environment(google)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    get_settings.cache_clear()
    yield env
    get_settings.cache_clear()  # monkeypatch restores the environment after this; the next read sees it


def connect(client: TestClient, auth: dict, google: GoogleEmulator) -> httpx.Response:
    """The whole browser round trip: our consent URL → Google → our callback → dashboard."""
    response = client.get("/api/auth/youtube", headers=auth)
    assert response.status_code == 200, response.text
    consent = httpx.get(response.json()["auth_url"], follow_redirects=False)
    assert consent.status_code == 302, consent.text
    return client.get(consent.headers["location"], follow_redirects=False)


@pytest.fixture
def connected(client: TestClient, auth: dict, google: GoogleEmulator) -> None:
    response = connect(client, auth, google)
    assert response.headers["location"] == f"{DASHBOARD}/settings?youtube=connected"


@pytest.fixture(scope="session")
def cover_png(tmp_path_factory) -> Path:
    """Real cover art from the local painter (≈2 MB PNG, over YouTube's thumbnail limit when large)."""
    from app.providers.local.art import LocalImageProvider

    folder = tmp_path_factory.mktemp("cover")
    return LocalImageProvider().generate(prompt=PROMPT, seed=3, workdir=folder)


def add_rendered(
    db: Session,
    user,
    cover_png: Path,
    *,
    size: int = 5 * CHUNK + 12_345,
    status: TrackStatus = TrackStatus.RENDERED,
) -> Track:
    track_id = uuid.uuid4()
    video, image = (
        storage.relative_path("videos", track_id, "mp4"),
        storage.relative_path("images", track_id, "png"),
    )
    storage.write_bytes(video, os.urandom(size))
    storage.absolute(image).parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(cover_png, storage.absolute(image))
    track = Track(
        id=track_id,
        user_id=user.id,
        prompt=PROMPT,
        duration=300,
        seed=1,
        status=status,
        video_path=video,
        image_path=image,
        video_bytes=size,
    )
    db.add(track)
    db.commit()
    return track


@pytest.fixture
def rendered(db: Session, user, cover_png: Path) -> Track:
    return add_rendered(db, user, cover_png)


def upload_body(track: Track, **overrides) -> dict:
    return {
        "track_id": str(track.id),
        "title": "Ocean rain for deep sleep",
        "description": "Soft rain.",
        "tags": ["ambient", "sleep music"],
        "privacy": "unlisted",
        "made_for_kids": False,
        "contains_synthetic_media": True,
    } | overrides


def video_bytes(track: Track) -> bytes:
    return storage.absolute(track.video_path).read_bytes()
