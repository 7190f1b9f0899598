"""Sign-in as a creator and a curl user rely on it: login → me → refresh → rotation →
reuse detection → logout, with errors in the one JSON shape."""

from datetime import UTC, datetime, timedelta

import jwt
from fastapi.testclient import TestClient
from sqlalchemy import select

from app.auth.models import AuthSession, RefreshToken
from app.config import get_settings
from tests.conftest import PASSWORD, login


def assert_error(response, status: int, code: str) -> dict:
    body = response.json()
    assert response.status_code == status, response.text
    assert set(body) == {"detail", "error_code", "status_code"}
    assert body["error_code"] == code and body["status_code"] == status and body["detail"]
    return body


def test_login_returns_access_and_refresh_tokens(client: TestClient, user) -> None:
    pair = login(client)
    assert pair["token_type"] == "bearer" and pair["expires_in"] == 900
    claims = jwt.decode(pair["access_token"], get_settings().auth.jwt_secret, algorithms=["HS256"])
    assert claims["type"] == "access" and claims["sub"] == str(user.id) and claims["email"] == user.email
    assert 899 <= claims["exp"] - claims["iat"] <= 900
    refresh = jwt.decode(pair["refresh_token"], get_settings().auth.jwt_secret, algorithms=["HS256"])
    assert refresh["type"] == "refresh"
    assert timedelta(seconds=refresh["exp"] - refresh["iat"]) == timedelta(days=7)


def test_me_with_access_token(client: TestClient, auth, user) -> None:
    response = client.get("/api/auth/me", headers=auth)
    assert response.status_code == 200
    assert response.json()["email"] == "creator@example.com"
    assert "password_hash" not in response.text


def test_email_is_case_insensitive(client: TestClient, user) -> None:
    assert login(client, email="Creator@Example.COM")["access_token"]


def test_refresh_rotates_and_reuse_revokes_the_family(client: TestClient, tokens, db) -> None:
    first = tokens["refresh_token"]
    second = client.post("/api/auth/refresh", json={"refresh_token": first})
    assert second.status_code == 200
    new = second.json()
    assert new["refresh_token"] != first
    assert (
        client.get("/api/auth/me", headers={"Authorization": f"Bearer {new['access_token']}"}).status_code
        == 200
    )

    # The old token no longer works, and presenting it ends the whole session…
    assert_error(client.post("/api/auth/refresh", json={"refresh_token": first}), 401, "SESSION_REVOKED")
    # …so the newest refresh token and the access token die with it.
    assert_error(
        client.post("/api/auth/refresh", json={"refresh_token": new["refresh_token"]}), 401, "SESSION_REVOKED"
    )
    assert_error(
        client.get("/api/auth/me", headers={"Authorization": f"Bearer {new['access_token']}"}),
        401,
        "SESSION_REVOKED",
    )
    session = db.scalar(select(AuthSession))
    assert session.revoked_reason == "reuse_detected"


def test_refresh_tokens_are_stored_hashed(client: TestClient, tokens, db) -> None:
    stored = db.scalars(select(RefreshToken.token)).all()
    assert stored and tokens["refresh_token"] not in stored
    assert all(len(t) == 64 for t in stored)


def test_logout_revokes_session(client: TestClient, tokens, auth) -> None:
    response = client.post("/api/auth/logout", headers=auth, json={"refresh_token": tokens["refresh_token"]})
    assert response.status_code == 204
    assert_error(
        client.post("/api/auth/refresh", json={"refresh_token": tokens["refresh_token"]}),
        401,
        "SESSION_REVOKED",
    )
    assert_error(client.get("/api/auth/me", headers=auth), 401, "SESSION_REVOKED")


def test_other_sessions_survive_a_logout(client: TestClient, user) -> None:
    laptop, phone = login(client), login(client)
    client.post("/api/auth/logout", headers={"Authorization": f"Bearer {laptop['access_token']}"})
    assert (
        client.get("/api/auth/me", headers={"Authorization": f"Bearer {phone['access_token']}"}).status_code
        == 200
    )


def test_wrong_password_and_unknown_email_look_the_same(client: TestClient, user) -> None:
    a = assert_error(
        client.post("/api/auth/login", json={"email": user.email, "password": "wrong-password"}),
        401,
        "INVALID_CREDENTIALS",
    )
    b = assert_error(
        client.post("/api/auth/login", json={"email": "nobody@example.com", "password": "wrong-password"}),
        401,
        "INVALID_CREDENTIALS",
    )
    assert a == b


def test_repeated_failures_are_slowed_with_retry_after(client: TestClient, user) -> None:
    for _ in range(get_settings().auth.login_max_failures):
        client.post("/api/auth/login", json={"email": user.email, "password": "wrong-password"})
    limited = client.post("/api/auth/login", json={"email": user.email, "password": PASSWORD})
    assert_error(limited, 429, "RATE_LIMITED")
    assert int(limited.headers["Retry-After"]) >= 1


def _token(**overrides) -> str:
    now = datetime.now(UTC)
    claims = {
        "sub": "00000000-0000-0000-0000-000000000000",
        "sid": "00000000-0000-0000-0000-000000000000",
        "jti": "00000000-0000-0000-0000-000000000000",
        "type": "access",
        "iat": now,
        "exp": now + timedelta(minutes=5),
    }
    claims.update(overrides)
    secret = claims.pop("secret", get_settings().auth.jwt_secret)
    return jwt.encode(claims, secret, algorithm="HS256")


def test_bad_access_tokens(client: TestClient, tokens, user) -> None:
    me = lambda tok: client.get("/api/auth/me", headers={"Authorization": f"Bearer {tok}"})  # noqa: E731
    past = datetime.now(UTC) - timedelta(hours=1)
    assert_error(me(_token(iat=past - timedelta(minutes=15), exp=past)), 401, "TOKEN_EXPIRED")
    assert_error(me(_token(secret="forged-" + "x" * 40)), 401, "TOKEN_INVALID")
    assert_error(me(tokens["refresh_token"]), 401, "TOKEN_INVALID")  # wrong type
    assert_error(me("not.a.jwt"), 401, "TOKEN_INVALID")
    assert_error(client.get("/api/auth/me"), 401, "NOT_AUTHENTICATED")
    none_alg = jwt.encode({"sub": str(user.id), "type": "access"}, key=None, algorithm="none")
    assert_error(me(none_alg), 401, "TOKEN_INVALID")


def test_access_token_is_not_a_refresh_token(client: TestClient, tokens) -> None:
    assert_error(
        client.post("/api/auth/refresh", json={"refresh_token": tokens["access_token"]}), 401, "TOKEN_INVALID"
    )


def test_no_registration_endpoint(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert not [p for p in paths if "register" in p or "signup" in p]
    assert client.post("/api/auth/register", json={}).status_code == 404
