"""Slows password guessing without locking the owner out.

Failures are counted three ways, and each count starts slowing after LOGIN_MAX_FAILURES: the
wait is LOGIN_LOCKOUT_SECONDS, doubling with each further failure, never over 15 minutes.

- per address (the client, see client_address.py): one machine guessing many accounts;
- per account (the email, whether or not it exists): many machines guessing one account, or
  one machine hiding behind a forged or rotating X-Forwarded-For;
- per known browser: a sign-in that carries a valid device token for that account (given out
  by every successful sign-in) is judged only by that token's own count, so an attacker's
  failures against the account or from a shared address (everyone behind the dashboard when
  its proxy does not pass the client's address on) cannot keep the owner out. The token says
  only "this browser signed in before"; the password is still checked every time.

A locked request is refused before the password is hashed, so guessing costs no CPU either.
Kept in memory: the studio is one process by design; a restart clears the counters, which
costs an attacker a restart they cannot trigger."""

import math
import threading
import time
from dataclasses import dataclass

from app.config import get_settings
from app.errors import RateLimited

MAX_LOCK_SECONDS = 15 * 60
FORGET_AFTER_SECONDS = 24 * 3600  # a count with no new failure for a day starts again from zero
MAX_ENTRIES = 50_000  # per kind; beyond it, counts that lock nothing are dropped, oldest first


@dataclass
class _Entry:
    failures: int = 0
    locked_until: float = 0.0
    last_failure: float = 0.0


class _Counter:
    def __init__(self) -> None:
        self.entries: dict[str, _Entry] = {}

    def remaining(self, key: str, now: float) -> float:
        entry = self.entries.get(key)
        if entry is None:
            return 0.0
        if now - entry.last_failure > FORGET_AFTER_SECONDS:
            del self.entries[key]
            return 0.0
        return max(0.0, entry.locked_until - now)

    def fail(self, key: str, now: float) -> None:
        settings = get_settings().auth
        entry = self.entries.get(key)
        if entry is None or now - entry.last_failure > FORGET_AFTER_SECONDS:
            entry = self.entries[key] = _Entry()
        entry.failures += 1
        entry.last_failure = now
        extra = entry.failures - settings.login_max_failures
        if extra >= 0:
            wait = settings.login_lockout_seconds * 2 ** min(extra, 30)
            entry.locked_until = now + min(wait, MAX_LOCK_SECONDS)
        if len(self.entries) > MAX_ENTRIES:
            self._prune(now)

    def _prune(self, now: float) -> None:
        idle = sorted((e.last_failure, k) for k, e in self.entries.items() if e.locked_until <= now)
        for _, key in idle[: len(self.entries) - MAX_ENTRIES // 2]:
            del self.entries[key]


class LoginThrottle:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._address, self._account, self._device = _Counter(), _Counter(), _Counter()

    def _known_browser(self, device: str | None, now: float) -> bool:
        return device is not None and self._device.remaining(device, now) == 0

    def check(self, *, email: str, address: str, device: str | None = None) -> None:
        """Raise 429 if this attempt must wait. `device` is the id of a valid device token for
        this account, or None."""
        now = time.monotonic()
        with self._lock:
            if self._known_browser(device, now):
                return
            remaining = max(
                self._address.remaining(address, now), self._account.remaining(email.lower(), now)
            )
        if remaining > 0:
            wait = math.ceil(remaining)
            raise RateLimited(f"Too many failed sign-in attempts; try again in {wait} s", retry_after=wait)

    def failed(self, *, email: str, address: str, device: str | None = None) -> None:
        now = time.monotonic()
        with self._lock:
            if self._known_browser(device, now):
                self._device.fail(device, now)  # type: ignore[arg-type]
                return
            self._address.fail(address, now)
            self._account.fail(email.lower(), now)

    def succeeded(self, *, email: str, address: str, device: str | None = None) -> None:
        now = time.monotonic()
        with self._lock:
            if self._known_browser(device, now):
                # The account's count stays: the owner signing in must not hand whoever is
                # guessing a fresh set of tries.
                self._device.entries.pop(device, None)  # type: ignore[arg-type]
                return
            self._address.entries.pop(address, None)
            self._account.entries.pop(email.lower(), None)

    def reset(self) -> None:
        with self._lock:
            self._address, self._account, self._device = _Counter(), _Counter(), _Counter()


login_throttle = LoginThrottle()
