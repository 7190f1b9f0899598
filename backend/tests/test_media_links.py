"""Signed media links as players and download managers use them: HEAD, odd Range headers
(RFC 9110 §14.2: an unknown unit or an invalid range is ignored; an unsatisfiable one is 416
with the size), and every error in the one JSON shape."""

import uuid
from urllib.parse import urlparse

import pytest
from fastapi.testclient import TestClient

from app import storage
from tests.auth.test_auth_flow import assert_error

DATA = bytes(range(256)) * 40


@pytest.fixture
def link() -> str:
    rel = storage.relative_path("music", uuid.uuid4(), "mp3")
    storage.write_bytes(rel, DATA)
    url = urlparse(storage.signed_url(rel))
    return f"{url.path}?{url.query}"


def test_head_has_the_headers_of_get_and_no_body(client: TestClient, link: str) -> None:
    got, head = client.get(link), client.head(link)
    assert head.status_code == 200 and head.content == b""
    for name in ("content-type", "content-length", "accept-ranges", "etag", "last-modified", "cache-control"):
        assert head.headers[name] == got.headers[name], name
    ranged = client.head(link, headers={"Range": "bytes=0-9"})
    assert ranged.status_code == 206 and ranged.headers["content-range"] == f"bytes 0-9/{len(DATA)}"


@pytest.mark.parametrize("header", ["items=0-1", "bytes=5-1", "bytes=abc", "bytes", "bytes=-", "bytes=,"])
def test_unknown_units_and_invalid_ranges_are_ignored(client: TestClient, link: str, header: str) -> None:
    response = client.get(link, headers={"Range": header})
    assert response.status_code == 200 and response.content == DATA
    assert "content-range" not in response.headers


@pytest.mark.parametrize("header", ["bytes=10240-", "bytes=99999-100000"])
def test_unsatisfiable_range_is_416_with_the_size(client: TestClient, link: str, header: str) -> None:
    response = client.get(link, headers={"Range": header})
    assert_error(response, 416, "RANGE_NOT_SATISFIABLE")
    assert response.headers["content-range"] == f"bytes */{len(DATA)}"


def test_satisfiable_ranges_still_work(client: TestClient, link: str) -> None:
    response = client.get(link, headers={"Range": "bytes=-10"})
    assert response.status_code == 206 and response.content == DATA[-10:]
    response = client.get(link, headers={"Range": "bytes=10200-99999"})  # end past the file: clipped
    assert response.status_code == 206 and response.content == DATA[10200:]


def test_errors_are_in_the_one_shape(client: TestClient, link: str) -> None:
    path = link.split("?")[0]
    assert_error(client.get(path + "?exp=soon&sig=x"), 400, "VALIDATION_ERROR")
    assert_error(client.get(path), 403, "MEDIA_LINK_INVALID")
    head = client.head(path)  # the same answer, without its body
    assert head.status_code == 403 and head.headers["content-type"] == "application/json" and not head.content
    assert_error(client.get("/media/music/nothing.mp3"), 404, "NOT_FOUND")
    storage.delete(path.removeprefix("/media/"))
    assert_error(client.get(link), 404, "NOT_FOUND")
    assert_error(client.post(link), 405, "METHOD_NOT_ALLOWED")
