"""The probe that found the bypass: uvicorn believing X-Forwarded-For from 127.0.0.1 (its
default, and what a proxy that passes the client's header on amounts to) and a client rotating
it. Whatever uvicorn is told, the account's count stops the guessing."""

import json
import urllib.error
import urllib.request

from app.config import get_settings
from tests.uvicorn_thread import serve


def _login(base: str, email: str, forwarded: str) -> int:
    request = urllib.request.Request(
        f"{base}/api/auth/login",
        method="POST",
        data=json.dumps({"email": email, "password": "wrong-password"}).encode(),
        headers={"Content-Type": "application/json", "X-Forwarded-For": forwarded},
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def test_rotating_forwarded_for_gets_no_unlimited_guesses(user) -> None:
    with serve(proxy_headers=True, forwarded_allow_ips="127.0.0.1") as base:
        statuses = [_login(base, user.email, f"203.0.113.{i}") for i in range(24)]
    allowed = get_settings().auth.login_max_failures
    assert statuses.count(401) == allowed
    assert statuses.count(429) == 24 - allowed
