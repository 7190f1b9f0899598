"""The official Replicate client as our adapters use it, and one prediction run from start to
output: create (a paid, booked, retried call), poll until it ends, return its output URLs.

We poll ourselves rather than call `run()`: `run()` returns None when a `Prefer: wait` answer
comes back `processing` without output, and our own loop gives progress, a deadline and the
shared retry schedule. The client's built-in RetryTransport (up to 10 silent retries of GETs)
is bypassed by mounting a plain transport, so every retry follows our schedule and is seen."""

import threading
from collections.abc import Callable
from functools import lru_cache
from typing import Any

import httpx
import replicate
from replicate.exceptions import ReplicateError

from app.config import get_settings
from app.core.errors import ProviderError
from app.providers.calls import HttpFacts, Service, call, poll_until, require_keys, scrub
from app.usage.prices import PlannedCall

SERVICE = Service("replicate", "Replicate", ("REPLICATE_API_TOKEN",))
TERMINAL = ("succeeded", "failed", "canceled")
# ReplicateError keeps the status but not the headers; the response hook keeps Retry-After
# for the thread that is about to raise it.
_seen = threading.local()


def _remember_headers(response: httpx.Response) -> None:
    _seen.retry_after = response.headers.get("retry-after")


@lru_cache(maxsize=4)
def _client(token: str, base_url: str, timeout: float) -> replicate.Client:
    return replicate.Client(
        api_token=token,
        base_url=base_url,
        timeout=httpx.Timeout(timeout),
        mounts={"all://": httpx.HTTPTransport()},
        event_hooks={"response": [_remember_headers]},
    )


def client() -> replicate.Client:
    """One client (and connection pool) per configuration; httpx clients are thread-safe."""
    settings = get_settings()
    token = require_keys(SERVICE, replicate_api_token=settings.replicate.api_token)["replicate_api_token"]
    return _client(token, settings.replicate.base_url.rstrip("/"), settings.providers.timeout_seconds)


def facts(exc: BaseException) -> HttpFacts | None:
    if isinstance(exc, ReplicateError):
        retry_after = getattr(_seen, "retry_after", None)
        return HttpFacts(
            status=exc.status,
            headers={"retry-after": retry_after} if retry_after else {},
            message=exc.detail or exc.title,
        )
    return None


def output_urls(output: Any, *, what: str) -> list[str]:
    """A prediction's output as a list of links (models answer one string or a list)."""
    items = output if isinstance(output, list) else [output]
    urls = [str(u) for u in items if isinstance(u, str) and u]
    if not urls:
        raise ProviderError(
            f"{what}: the prediction succeeded without an output file", provider=SERVICE.label
        )
    return urls


def run_prediction(
    planned: PlannedCall,
    *,
    input: dict,
    what: str,
    model: str,
    version: str = "",
    on_status: Callable[[str], None] = lambda _s: None,
) -> list[str]:
    """Create a prediction (by version for community models, by name for official ones),
    wait for it to end, and return its output links."""

    def work(attempt) -> list[str]:
        api = client()
        if version:
            prediction = api.predictions.create(version=version, input=input)
        else:
            prediction = api.models.predictions.create(model=model, input=input)
        attempt.accept(prediction.id)

        def finished() -> Any | None:
            if prediction.status not in TERMINAL:
                prediction.reload()  # GET /v1/predictions/{id}
            if prediction.status == "succeeded":
                return prediction.output
            if prediction.status in TERMINAL:
                reason = scrub(str(prediction.error or prediction.status))
                raise ProviderError(
                    f"{what}: the prediction {prediction.status} ({reason})", provider=SERVICE.label
                )
            on_status(prediction.status)
            return None

        output = poll_until(finished, service=SERVICE, facts=facts, what=what)
        return output_urls(output, what=what)

    return call(planned, work, service=SERVICE, facts=facts, what=what)
