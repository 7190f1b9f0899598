"""Slows repeated failed logins: after N failures for one email from one address, further
attempts get 429 with Retry-After, the wait doubling with each further failure.

Kept in memory: the studio is one process by design (see architecture.md); a restart
clears the counters, which costs an attacker a restart they cannot trigger."""

import math
import threading
import time
from dataclasses import dataclass

from app.config import get_settings
from app.errors import RateLimited

MAX_LOCK_SECONDS = 15 * 60


@dataclass
class _Entry:
    failures: int = 0
    locked_until: float = 0.0


class LoginThrottle:
    def __init__(self) -> None:
        self._entries: dict[tuple[str, str], _Entry] = {}
        self._lock = threading.Lock()

    def check(self, *, email: str, client: str) -> None:
        with self._lock:
            entry = self._entries.get((email.lower(), client))
            remaining = entry.locked_until - time.monotonic() if entry else 0
        if remaining > 0:
            raise RateLimited(
                f"Too many failed sign-in attempts; try again in {math.ceil(remaining)} s",
                retry_after=math.ceil(remaining),
            )

    def failed(self, *, email: str, client: str) -> None:
        settings = get_settings()
        with self._lock:
            entry = self._entries.setdefault((email.lower(), client), _Entry())
            entry.failures += 1
            extra = entry.failures - settings.auth.login_max_failures
            if extra >= 0:
                wait = min(settings.auth.login_lockout_seconds * 2**extra, MAX_LOCK_SECONDS)
                entry.locked_until = time.monotonic() + wait

    def succeeded(self, *, email: str, client: str) -> None:
        with self._lock:
            self._entries.pop((email.lower(), client), None)

    def reset(self) -> None:
        with self._lock:
            self._entries.clear()


login_throttle = LoginThrottle()
