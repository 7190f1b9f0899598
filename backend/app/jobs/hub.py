"""Wakes the event streams waiting on a job or a subject when an event is written.

Events are written from worker threads; streams wait on the event loop. A notification only
says "look again": the stream reads what is new from the database, so nothing is lost when a
wake-up is missed (streams also look every few seconds, for events of another process)."""

import asyncio
import contextlib
import threading
from dataclasses import dataclass, field


@dataclass(eq=False)
class Subscription:
    keys: tuple[str, ...]
    loop: asyncio.AbstractEventLoop
    wake: asyncio.Event = field(default_factory=asyncio.Event)


class Hub:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._by_key: dict[str, set[Subscription]] = {}

    def subscribe(self, *keys: str) -> Subscription:
        sub = Subscription(keys=keys, loop=asyncio.get_running_loop())
        with self._lock:
            for key in keys:
                self._by_key.setdefault(key, set()).add(sub)
        return sub

    def unsubscribe(self, sub: Subscription) -> None:
        with self._lock:
            for key in sub.keys:
                subs = self._by_key.get(key)
                if subs is not None:
                    subs.discard(sub)
                    if not subs:
                        del self._by_key[key]

    def notify(self, *keys: str) -> None:
        with self._lock:
            subs = {sub for key in keys for sub in self._by_key.get(key, ())}
        for sub in subs:
            # A stream whose loop has closed raises here; it unsubscribes on its way out.
            with contextlib.suppress(RuntimeError):
                sub.loop.call_soon_threadsafe(sub.wake.set)

    def listeners(self) -> int:
        with self._lock:
            return len({sub for subs in self._by_key.values() for sub in subs})


def job_key(job_id: object) -> str:
    return f"job:{job_id}"


def subject_key(subject_type: str, subject_id: object) -> str:
    return f"{subject_type}:{subject_id}"


hub = Hub()
