"""Songs: every supported format is taken, the same bytes twice are one song, bad files are
refused with the reason and leave nothing behind, and a generated track can become a song."""

from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import func, select

from app import storage
from app.config import get_settings
from app.songs.models import Song
from tests.auth.test_auth_flow import assert_error
from tests.songs.conftest import tone


def upload(client: TestClient, auth: dict, path: Path, **form: str):
    with open(path, "rb") as fh:
        return client.post(
            "/api/songs", files={"file": (path.name, fh, "application/octet-stream")}, data=form, headers=auth
        )


def stored_files() -> set[str]:
    root = storage.root()
    return {str(p.relative_to(root)) for p in (root / "uploads").glob("*")}


def test_each_format_is_taken_and_described(client: TestClient, auth, song_files) -> None:
    for fmt in ("wav", "mp3", "flac", "m4a", "ogg"):
        response = upload(client, auth, song_files[fmt])
        assert response.status_code == 201, (fmt, response.text)
        song = response.json()
        assert song["format"] == fmt and song["status"] == "uploaded" and song["source"] == "upload"
        assert abs(song["duration"] - 6.0) < 0.1 and song["channels"] == 2 and song["title"] == "song"
        assert song["audio_url"] and client.get(song["audio_url"]).status_code == 200
    assert len(client.get("/api/songs", headers=auth).json()["items"]) == 5


def test_the_same_bytes_twice_are_one_song(client: TestClient, auth, song_files, db) -> None:
    before = stored_files()
    first = upload(client, auth, song_files["mp3"], title="Night drive")
    again = upload(client, auth, song_files["mp3"], title="Another name")
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"] and again.json()["title"] == "Night drive"
    assert db.scalar(select(func.count()).select_from(Song)) == 1 and len(stored_files() - before) == 1


def test_bad_files_are_refused_and_leave_nothing(client: TestClient, auth, song_files, db) -> None:
    before = stored_files()
    reasons = {
        "truncated": "damaged",
        "text": "not an audio file",
        "polyglot": "damaged",
        "empty": "empty",
    }
    for name, reason in reasons.items():
        error = assert_error(upload(client, auth, song_files[name]), 400, "NOT_AUDIO")
        assert error["detail"].startswith("file: ") and reason in error["detail"], (name, error)
    assert db.scalar(select(func.count()).select_from(Song)) == 0
    assert stored_files() == before and list((storage.root() / "tmp").glob("*")) == []


def test_too_long_and_too_large_are_refused(client: TestClient, auth, tmp_path, monkeypatch) -> None:
    before = stored_files()
    monkeypatch.setattr(get_settings().songs, "max_seconds", 5.0)
    error = assert_error(upload(client, auth, tone(tmp_path / "long.wav", seconds=8)), 400, "SONG_TOO_LONG")
    assert "at most" in error["detail"]
    monkeypatch.setattr(get_settings().songs, "max_bytes", 1_000_000)
    big = tone(tmp_path / "big.wav", seconds=12)  # ~2 MB of PCM
    assert_error(upload(client, auth, big), 413, "PAYLOAD_TOO_LARGE")
    assert stored_files() == before


def test_a_generated_track_becomes_a_song_once(client: TestClient, auth) -> None:
    track = client.post(
        "/api/generate", json={"prompt": "Warm evening pads over a slow pulse", "duration": 120}, headers=auth
    ).json()
    made = client.post("/api/songs/from-track", json={"track_id": track["id"]}, headers=auth)
    again = client.post("/api/songs/from-track", json={"track_id": track["id"]}, headers=auth)
    assert (made.status_code, again.status_code) == (201, 200), made.text
    song = made.json()
    assert song["source"] == "track" and song["track_id"] == track["id"] and song["format"] == "mp3"
    assert abs(song["duration"] - 120) < 0.2 and again.json()["id"] == song["id"]
    assert_error(
        client.post(
            "/api/songs/from-track", json={"track_id": "00000000-0000-4000-8000-000000000000"}, headers=auth
        ),
        404,
        "NOT_FOUND",
    )


def test_delete_removes_the_file_and_foreign_songs_are_404(
    client: TestClient, auth, song_files, db, password_hash
) -> None:
    before = stored_files()
    song = upload(client, auth, song_files["flac"]).json()
    assert client.delete(f"/api/songs/{song['id']}", headers=auth).status_code == 204
    assert stored_files() == before and db.scalar(select(func.count()).select_from(Song)) == 0
    assert_error(client.get(f"/api/songs/{song['id']}", headers=auth), 404, "NOT_FOUND")
