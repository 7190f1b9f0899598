"""Oversized bodies get a 413 in the error shape that the client actually reads: whether it
declares the length (with or without Expect: 100-continue) or sends chunks, against a real
uvicorn."""

import http.client
import json
import socket
import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from app.body_limit import BodySizeLimit
from app.config import get_settings
from tests.uvicorn_thread import serve

BIG = 5_000_000


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    with serve() as url:
        yield url


def _shape(status: int, raw: bytes) -> dict:
    body = json.loads(raw)
    assert body["status_code"] == status == 413 and body["error_code"] == "PAYLOAD_TOO_LARGE", body
    assert set(body) == {"detail", "error_code", "status_code"}
    return body


def _big_json() -> bytes:
    return b'{"email": "a@example.com", "password": "' + b"x" * BIG + b'"}'


def test_declared_length_without_expect_continue(base: str) -> None:
    """urllib sends the whole body at once and reads the answer afterwards."""
    request = urllib.request.Request(
        f"{base}/api/auth/login",
        data=_big_json(),
        method="POST",
        headers={"Content-Type": "application/json"},
    )
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=30)
    assert refused.value.code == 413
    assert refused.value.headers["content-type"] == "application/json"
    _shape(413, refused.value.read())


def test_chunked_body(base: str) -> None:
    connection = http.client.HTTPConnection(base.removeprefix("http://"), timeout=30)
    body = _big_json()
    chunks = (body[i : i + 65536] for i in range(0, len(body), 65536))
    connection.request(
        "POST",
        "/api/auth/login",
        body=chunks,
        encode_chunked=True,
        headers={"Content-Type": "application/json", "Transfer-Encoding": "chunked"},
    )
    response = connection.getresponse()
    assert response.status == 413
    _shape(413, response.read())
    connection.close()


def test_expect_continue_is_answered_before_the_body_is_sent(base: str) -> None:
    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=30) as sock:
        sock.sendall(
            f"POST /api/auth/login HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n"
            f"Content-Length: {BIG}\r\nExpect: 100-continue\r\n\r\n".encode()
        )
        answer = b""
        while b"\r\n\r\n" not in answer:
            answer += sock.recv(65536)
    assert answer.startswith(b"HTTP/1.1 413 "), answer[:200]  # no 100 Continue: nothing was read


def test_a_body_within_the_limit_still_works(base: str, user) -> None:
    request = urllib.request.Request(
        f"{base}/api/auth/login",
        method="POST",
        data=json.dumps({"email": user.email, "password": "p" * 150}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=30)
    assert refused.value.code == 401  # reached the sign-in: a wrong password


def test_chunked_body_through_the_test_client(client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        body = _big_json()
        for i in range(0, len(body), 65536):
            yield body[i : i + 65536]

    response = client.post("/api/auth/login", content=chunks(), headers={"Content-Type": "application/json"})
    assert response.status_code == 413
    _shape(413, response.content)


def _echo_app(**limits) -> Starlette:
    async def echo(request: Request) -> JSONResponse:
        return JSONResponse({"bytes": len(await request.body())})

    app = Starlette(
        routes=[Route("/small", echo, methods=["POST"]), Route("/upload", echo, methods=["POST"])]
    )
    return BodySizeLimit(app, max_bytes=1024, **limits)  # type: ignore[return-value]


def test_a_route_can_have_a_larger_limit() -> None:
    app = _echo_app(route_limits={"/upload": 100_000})
    with TestClient(app) as client:
        assert client.post("/upload", content=b"x" * 50_000).json() == {"bytes": 50_000}
        assert client.post("/upload", content=b"x" * 100_001).status_code == 413
        assert client.post("/small", content=b"x" * 1024).json() == {"bytes": 1024}
        assert client.post("/small", content=b"x" * 1025).status_code == 413


def test_the_app_limit_comes_from_settings() -> None:
    assert get_settings().web.max_request_bytes == 1_000_000
