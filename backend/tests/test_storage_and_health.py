"""Storage: atomic writes, paths from UUIDs only, signed expiring media URLs with Range."""

import time
import uuid
from urllib.parse import parse_qs, urlparse

import pytest
from fastapi.testclient import TestClient

from app import storage
from tests.auth.test_auth_flow import assert_error


def _stored(data: bytes, ext: str = "mp3") -> str:
    rel = storage.relative_path("music", uuid.uuid4(), ext)
    storage.write_bytes(rel, data)
    return rel


def test_write_is_atomic_and_leaves_no_temp_files() -> None:
    rel = _stored(b"abc" * 1000)
    path = storage.absolute(rel)
    assert path.read_bytes() == b"abc" * 1000
    assert [p.name for p in path.parent.iterdir() if p.name.startswith(".tmp-")] == []


def test_paths_come_only_from_kind_uuid_and_known_extension() -> None:
    with pytest.raises(ValueError):
        storage.relative_path("music", "../../etc/passwd", "mp3")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        storage.relative_path("music", uuid.uuid4(), "sh")
    with pytest.raises(ValueError):
        storage.relative_path("secrets", uuid.uuid4(), "mp3")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        storage.absolute("../outside.mp3")


def test_workdir_is_removed_even_on_failure() -> None:
    with pytest.raises(RuntimeError), storage.workdir() as work:
        (work / "half.mp3").write_bytes(b"x")
        raise RuntimeError("step failed")
    assert not work.exists()


def test_signed_url_serves_with_range(client: TestClient) -> None:
    data = bytes(range(256)) * 40
    rel = _stored(data)
    url = storage.signed_url(rel)
    path = urlparse(url).path + "?" + urlparse(url).query
    full = client.get(path)
    assert full.status_code == 200 and full.content == data
    assert full.headers["content-type"] == "audio/mpeg" and full.headers["accept-ranges"] == "bytes"
    part = client.get(path, headers={"Range": "bytes=100-199"})
    assert part.status_code == 206 and part.content == data[100:200]
    assert part.headers["content-range"] == f"bytes 100-199/{len(data)}"


def test_unsigned_tampered_and_expired_urls_are_refused(client: TestClient) -> None:
    rel = _stored(b"private music")
    url = urlparse(storage.signed_url(rel))
    query = parse_qs(url.query)
    assert_error(client.get(url.path), 403, "MEDIA_LINK_INVALID")
    other = _stored(b"another file")
    assert_error(
        client.get(f"/media/{other}?{url.query}"), 403, "MEDIA_LINK_INVALID"
    )  # signature of another file
    expired = int(time.time()) - 10
    sig = storage._signature(rel, expired)
    assert_error(client.get(f"{url.path}?exp={expired}&sig={sig}"), 403, "MEDIA_LINK_INVALID")
    later = int(query["exp"][0]) + 3600  # extending the expiry breaks the signature
    assert_error(client.get(f"{url.path}?exp={later}&sig={query['sig'][0]}"), 403, "MEDIA_LINK_INVALID")
    assert_error(client.get(f"/media/music/..%2f..%2fetc%2fpasswd?{url.query}"), 404, "NOT_FOUND")


def test_delete_removes_files() -> None:
    rel = _stored(b"x")
    storage.delete(rel, None)
    assert not storage.absolute(rel).exists()


def test_health_reports_database_tools_disk_and_providers(client: TestClient) -> None:
    body = client.get("/api/health").json()
    assert body["status"] == "ok" and body["database"]["ok"] is True
    assert body["ffmpeg"].startswith("ffmpeg version") and body["ffprobe"].startswith("ffprobe version")
    assert body["disk_free_bytes"] > 0
    assert body["providers"]["music"] == "local" and body["providers"]["image"] == "local"
    assert body["providers"]["planner"] == "local" and body["providers"]["clip"] == "local"
    assert body["configured"] == {"music": True, "image": True, "planner": True, "clip": True}
