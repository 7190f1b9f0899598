"""Every error answers in one shape and names the offending field; no internals leak."""

import logging

from fastapi.testclient import TestClient

from tests.auth.test_auth_flow import assert_error


def test_validation_errors_name_the_field(client: TestClient) -> None:
    body = assert_error(
        client.post("/api/auth/login", json={"email": "not-an-email", "password": "x"}),
        400,
        "VALIDATION_ERROR",
    )
    assert "email" in body["detail"]
    body = assert_error(
        client.post("/api/auth/login", json={"email": "a@example.com"}), 400, "VALIDATION_ERROR"
    )
    assert "password: Field required" in body["detail"]


def test_malformed_json(client: TestClient) -> None:
    body = assert_error(
        client.post("/api/auth/login", content=b'{"email": ', headers={"content-type": "application/json"}),
        400,
        "VALIDATION_ERROR",
    )
    assert "JSON" in body["detail"]


def test_oversized_body(client: TestClient) -> None:
    big = b'{"email": "' + b"a" * 2_000_000 + b'"}'
    assert_error(
        client.post("/api/auth/login", content=big, headers={"content-type": "application/json"}),
        413,
        "PAYLOAD_TOO_LARGE",
    )


def test_unknown_route_and_method(client: TestClient) -> None:
    assert_error(client.get("/api/nothing-here"), 404, "NOT_FOUND")
    assert_error(client.get("/api/auth/login"), 405, "METHOD_NOT_ALLOWED")


def test_unexpected_errors_hide_internals(client: TestClient, caplog) -> None:
    from app.main import app

    @app.get("/api/_boom_for_test", include_in_schema=False)
    def boom() -> None:
        raise RuntimeError("secret internal detail")

    with caplog.at_level(logging.ERROR):
        body = assert_error(client.get("/api/_boom_for_test"), 500, "INTERNAL_ERROR")
    assert "secret internal detail" not in body["detail"] and "Traceback" not in body["detail"]
    app.router.routes = [r for r in app.router.routes if getattr(r, "path", "") != "/api/_boom_for_test"]


def test_passwords_and_tokens_never_reach_the_log(client: TestClient, user, caplog) -> None:
    from tests.conftest import PASSWORD, login

    with caplog.at_level(logging.DEBUG):
        client.post("/api/auth/login", json={"email": user.email, "password": "wrong-password-123"})
        pair = login(client)
        client.post("/api/auth/refresh", json={"refresh_token": pair["refresh_token"]})
    logged = caplog.text
    for secret in ("wrong-password-123", PASSWORD, pair["refresh_token"], pair["access_token"]):
        assert secret not in logged
