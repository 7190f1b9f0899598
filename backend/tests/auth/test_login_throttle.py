"""The sign-in throttle: which address it counts, per-address and per-account back-off, and
the owner's known browser getting in while someone else is guessing."""

import itertools
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from starlette.requests import Request

from app.auth import throttle
from app.auth.client_address import client_address, throttle_key
from app.config import get_settings
from tests.auth.test_auth_flow import assert_error
from tests.conftest import PASSWORD

MAX = get_settings().auth.login_max_failures
_ports = itertools.count(40000)


def _client_from(host: str) -> TestClient:
    from app.main import app

    return TestClient(app, raise_server_exceptions=False, client=(host, next(_ports)))


def _attempt(client: TestClient, email: str, password: str = "wrong-password", **headers: str):
    return client.post("/api/auth/login", json={"email": email, "password": password}, headers=headers)


def _request(peer: str, *forwarded: str) -> Request:
    headers = [(b"x-forwarded-for", v.encode()) for v in forwarded]
    return Request(
        {"type": "http", "method": "POST", "path": "/", "headers": headers, "client": (peer, 1234)}
    )


@pytest.mark.parametrize(
    ("peer", "forwarded", "expected"),
    [
        ("203.0.113.9", ["198.51.100.1"], "203.0.113.9"),  # untrusted peer: its header is ignored
        ("127.0.0.1", ["198.51.100.1"], "198.51.100.1"),  # the dashboard's proxy: its last hop
        ("127.0.0.1", ["6.6.6.6, 198.51.100.1"], "198.51.100.1"),  # earlier hops are the client's word
        ("127.0.0.1", ["6.6.6.6", "198.51.100.2"], "198.51.100.2"),  # repeated header lines
        ("::1", ["2001:db8::5"], "2001:db8::5"),
        ("::ffff:127.0.0.1", ["::ffff:198.51.100.3"], "198.51.100.3"),  # Node's IPv4-in-IPv6 form
        ("127.0.0.1", ["not-an-address"], "127.0.0.1"),  # garbage: the peer itself
        ("127.0.0.1", [], "127.0.0.1"),
        ("testclient", ["198.51.100.1"], "testclient"),
    ],
)
def test_client_address(peer: str, forwarded: list[str], expected: str) -> None:
    assert client_address(_request(peer, *forwarded)) == expected


def test_trusted_proxies_setting(monkeypatch) -> None:
    monkeypatch.setattr(get_settings().web, "trusted_proxies", "10.1.0.0/16")
    assert client_address(_request("10.1.2.3", "198.51.100.1")) == "198.51.100.1"
    assert client_address(_request("127.0.0.1", "198.51.100.1")) == "127.0.0.1"
    monkeypatch.setattr(get_settings().web, "trusted_proxies", "")
    assert client_address(_request("127.0.0.1", "198.51.100.1")) == "127.0.0.1"


def test_ipv6_clients_are_counted_per_64() -> None:
    assert throttle_key("2001:db8:1:2::5") == throttle_key("2001:db8:1:2:ffff::9") == "2001:db8:1:2::/64"
    assert throttle_key("198.51.100.1") != throttle_key("198.51.100.2")


def test_rotating_forwarded_for_through_the_proxy_cannot_reset_the_count(user) -> None:
    """A proxy that passes the client's header on (or a client that reaches the API from the
    proxy's address) makes the last hop the client's choice: the account's count still holds."""
    with _client_from("127.0.0.1") as client:
        statuses = [
            _attempt(client, user.email, **{"X-Forwarded-For": f"198.51.100.{i}"}).status_code
            for i in range(MAX + 3)
        ]
    assert statuses[:MAX] == [401] * MAX
    assert statuses[MAX:] == [429] * 3


def test_rotating_forwarded_for_from_an_untrusted_peer_is_ignored(user) -> None:
    with _client_from("203.0.113.7") as client:
        for i in range(MAX):
            _attempt(client, f"someone{i}@example.com", **{"X-Forwarded-For": f"198.51.100.{i}"})
        limited = _attempt(client, "another@example.com", **{"X-Forwarded-For": "198.51.100.200"})
    assert_error(limited, 429, "RATE_LIMITED")


def test_one_address_guessing_many_accounts_is_slowed(user) -> None:
    with _client_from("203.0.113.8") as client:
        for i in range(MAX):
            assert _attempt(client, f"guess{i}@example.com").status_code == 401
        assert_error(_attempt(client, user.email, PASSWORD), 429, "RATE_LIMITED")
    with _client_from("203.0.113.99") as elsewhere:  # the owner, from another address
        assert _attempt(elsewhere, user.email, PASSWORD).status_code == 200


def test_many_addresses_guessing_one_account_are_slowed(user) -> None:
    for i in range(MAX):
        with _client_from(f"198.51.100.{i + 1}") as client:
            assert _attempt(client, user.email).status_code == 401
    with _client_from("198.51.100.77") as client:
        limited = _attempt(client, user.email, PASSWORD)
    assert_error(limited, 429, "RATE_LIMITED")
    assert int(limited.headers["Retry-After"]) >= 1


def test_the_owners_known_browser_gets_in_while_others_guess(user) -> None:
    with _client_from("127.0.0.1") as dashboard:  # everyone behind the dashboard shares its address
        first = _attempt(dashboard, user.email, PASSWORD)
        assert first.status_code == 200
        device = first.json()["device_token"]
        for _ in range(MAX * 4):
            _attempt(dashboard, user.email)
        assert_error(_attempt(dashboard, user.email, PASSWORD), 429, "RATE_LIMITED")  # a new browser waits
        owner = dashboard.post(
            "/api/auth/login", json={"email": user.email, "password": PASSWORD, "device_token": device}
        )
        assert owner.status_code == 200, owner.text
        # The owner signing in does not give the guesser a fresh set of tries.
        assert_error(_attempt(dashboard, user.email), 429, "RATE_LIMITED")


def test_a_device_token_still_needs_the_password_and_has_its_own_limit(user, db, password_hash) -> None:
    from tests.conftest import make_user

    make_user(db, password_hash, email="other@example.com")
    with _client_from("127.0.0.1") as client:
        device = _attempt(client, user.email, PASSWORD).json()["device_token"]
        other = _attempt(client, "other@example.com", PASSWORD).json()["device_token"]
        for _ in range(MAX * 2):  # lock the account for browsers it does not know
            _attempt(client, user.email)
        # Another account's token, or garbage, is not this account's known browser.
        for token in (other, "not-a-token"):
            body = {"email": user.email, "password": PASSWORD, "device_token": token}
            assert_error(client.post("/api/auth/login", json=body), 429, "RATE_LIMITED")
        wrong = {"email": user.email, "password": "wrong-password", "device_token": device}
        for _ in range(MAX):
            assert_error(client.post("/api/auth/login", json=wrong), 401, "INVALID_CREDENTIALS")
        # Its own failures used up: now it waits like any other browser.
        right = {"email": user.email, "password": PASSWORD, "device_token": device}
        assert_error(client.post("/api/auth/login", json=right), 429, "RATE_LIMITED")


@pytest.fixture
def clock(monkeypatch) -> Iterator[list[float]]:
    now = [1000.0]
    monkeypatch.setattr(throttle.time, "monotonic", lambda: now[0])
    yield now


def test_the_wait_doubles_up_to_a_cap_and_a_quiet_day_forgets(clock) -> None:
    t = throttle.LoginThrottle()
    base = get_settings().auth.login_lockout_seconds
    waits = []
    for _ in range(MAX + 12):
        try:
            t.check(email="a@example.com", address="198.51.100.1")
        except Exception as exc:
            waits.append(exc.retry_after)  # type: ignore[attr-defined]
            clock[0] += exc.retry_after  # type: ignore[attr-defined]
        t.failed(email="a@example.com", address="198.51.100.1")
    assert waits[0] == base and waits[1] == 2 * base
    assert max(waits) == throttle.MAX_LOCK_SECONDS
    clock[0] += throttle.FORGET_AFTER_SECONDS + 1
    t.check(email="a@example.com", address="198.51.100.1")  # no longer locked
    t.failed(email="a@example.com", address="198.51.100.1")
    t.check(email="a@example.com", address="198.51.100.1")  # and counting from one again


def test_many_accounts_do_not_grow_memory_without_bound(clock, monkeypatch) -> None:
    monkeypatch.setattr(throttle, "MAX_ENTRIES", 100)
    t = throttle.LoginThrottle()
    for i in range(1000):
        clock[0] += 1
        t.failed(email=f"user{i}@example.com", address=f"198.51.{i // 250}.{i % 250}")
    assert len(t._account.entries) <= 101 and len(t._address.entries) <= 101
