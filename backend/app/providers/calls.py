"""The behaviour around every call to a paid service, shared by all adapters:

- each attempt of a paid call is checked against the budget and booked in the ledger
  (`call`); polls and downloads are retried the same way but are not booked (`retrying`);
- retries with exponential backoff (base 2 s → 2, 4, 8 s; capped; + up to 25 % jitter) on
  429, 5xx, timeouts and unreachable hosts only; Retry-After is obeyed (a wait longer than
  PROVIDER_RETRY_AFTER_MAX_SECONDS fails now instead of holding the request);
- never on other 4xx: 401/403 become "check your <Service> key", the rest "refused the
  request" with the service's own reason;
- messages are ours, and any configured secret in a service's text is blanked out.

Adapters supply `facts`: a function that reads status, headers and message off their
client's exceptions, so this module needs no knowledge of openai/replicate/httpx types
beyond httpx's own transport errors."""

import email.utils
import json
import logging
import random
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, TypeVar

import httpx
import pydantic
import pydantic.v1

from app.config import get_settings
from app.core.errors import ProviderError
from app.usage import budget, ledger
from app.usage.models import Outcome
from app.usage.prices import PlannedCall, cost_of

log = logging.getLogger("app.providers")
T = TypeVar("T")
JITTER = 0.25  # up to +25 %: spreads retries without ever shortening the documented schedule
TIMED_OUT = "timed out"
# A body that is not JSON, or JSON the client's models reject. Narrow on purpose: a TypeError
# or KeyError in our own code must surface as a bug, not pass for a service's bad answer.
UNREADABLE = (json.JSONDecodeError, pydantic.ValidationError, pydantic.v1.ValidationError)


@dataclass(frozen=True)
class Service:
    name: str  # the ledger's spelling
    label: str  # the creator's spelling
    key_env: tuple[str, ...]  # where its credentials come from, named in "check your key" errors


@dataclass(frozen=True)
class HttpFacts:
    """What a failed request says about itself, whichever client raised it."""

    status: int | None = None
    headers: Mapping[str, str] = field(default_factory=dict)
    message: str | None = None  # the service's own reason, if it gave one
    transport: str | None = None  # "timed out" / "could not be reached": no HTTP answer at all
    no_credit: bool = False  # a 429 that is really "out of credit" (OpenAI insufficient_quota)


@dataclass(frozen=True)
class Failure:
    kind: Outcome
    detail: str
    status: int | None = None
    retry_after: float | None = None
    final: ProviderError | None = None  # already a creator-facing error: pass it on as is


FactsFn = Callable[[BaseException], HttpFacts | None]


def secrets_in_settings() -> list[str]:
    settings = get_settings()
    values = [
        secret.get_secret_value()
        for secret in (
            settings.mubert.customer_id,
            settings.mubert.access_token,
            settings.mubert.pat,
            settings.openai.api_key,
            settings.replicate.api_token,
        )
    ]
    return [v for v in values if len(v) >= 4]


def scrub(text: str, limit: int = 300) -> str:
    """A service's text, fit to show: one line, bounded, with any of our keys blanked out."""
    for secret in secrets_in_settings():
        text = text.replace(secret, "***")
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def require_keys(service: Service, **values: Any) -> dict[str, str]:
    """The plain key values, or a ProviderError naming the missing variables."""
    plain = {
        name: (v.get_secret_value() if hasattr(v, "get_secret_value") else str(v or ""))
        for name, v in values.items()
    }
    missing = [name.upper() for name, v in plain.items() if not v.strip()]
    if missing:
        verb = "is" if len(missing) == 1 else "are"
        raise ProviderError(f"{', '.join(missing)} {verb} not set", provider=service.label)
    return plain


def httpx_facts(exc: BaseException) -> HttpFacts | None:
    if isinstance(exc, httpx.TimeoutException):
        return HttpFacts(transport=TIMED_OUT)
    if isinstance(exc, httpx.TransportError):
        return HttpFacts(transport="could not be reached")
    if isinstance(exc, httpx.HTTPStatusError):
        response = exc.response
        message = None
        try:
            body = response.json()
            if isinstance(body, dict):
                error = body.get("error")
                message = (error.get("message") or error.get("text")) if isinstance(error, dict) else error
                message = message or body.get("message") or body.get("detail")
        except ValueError:
            message = None
        return HttpFacts(
            status=response.status_code, headers=response.headers, message=str(message) if message else None
        )
    return None


def retry_after_seconds(headers: Mapping[str, str]) -> float | None:
    value = (headers.get("retry-after") or headers.get("Retry-After") or "").strip()
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        return max(0.0, (when - datetime.now(UTC)).total_seconds())


def classify(exc: BaseException, facts: FactsFn | None, service: Service) -> Failure | None:
    """How to treat a failure; None for errors that are not the service's (bugs, budget)."""
    if isinstance(exc, ProviderError):
        return Failure(Outcome.FAILED, str(exc), final=exc)
    found = (facts(exc) if facts else None) or httpx_facts(exc)
    if found is None:
        if isinstance(exc, TimeoutError):
            return Failure(Outcome.TRANSIENT, TIMED_OUT)
        if isinstance(exc, UNREADABLE):
            log.warning("%s answered with something we could not read: %s", service.label, scrub(str(exc)))
            return Failure(Outcome.FAILED, "answered with something we could not read")
        return None  # our own bug or the budget guard: not the service's failure, not retried
    if found.transport:
        return Failure(Outcome.TRANSIENT, found.transport)
    status, reason = found.status, f": {scrub(found.message)}" if found.message else ""
    if status in (401, 403):
        return Failure(
            Outcome.AUTH,
            f"refused the key (HTTP {status}): check your {service.label} key ({', '.join(service.key_env)})",
            status,
        )
    if status == 429 and found.no_credit:
        return Failure(Outcome.REJECTED, f"says the account has no credit left (HTTP 429){reason}", status)
    if status in (408, 429) or (status is not None and status >= 500):
        return Failure(Outcome.TRANSIENT, f"HTTP {status}", status, retry_after_seconds(found.headers))
    if status == 402:
        return Failure(
            Outcome.REJECTED, f"needs credit or a payment method on the account (HTTP 402){reason}", status
        )
    return Failure(Outcome.REJECTED, f"refused the request (HTTP {status}){reason}", status)


def backoff(attempt: int, retry_after: float | None, service: Service) -> float:
    """Seconds to wait after failed attempt number `attempt` (1-based)."""
    settings = get_settings()
    delay = min(
        settings.providers.retry_base_seconds * 2 ** (attempt - 1), settings.providers.retry_max_seconds
    )
    delay *= 1 + random.uniform(0, JITTER)  # spreading retries, not security
    if retry_after is not None:
        if retry_after > settings.providers.retry_after_max_seconds:
            raise ProviderError(
                f"is rate-limiting us and asks us to wait {retry_after:.0f} s; try again later",
                provider=service.label,
                retryable=True,
            )
        delay = max(delay, retry_after)
    return delay


def retrying(fn: Callable[[int], T], *, service: Service, what: str, facts: FactsFn | None = None) -> T:
    """Run fn(attempt) until it succeeds, retrying transient failures on the backoff schedule."""
    attempts = get_settings().providers.retry_attempts
    for n in range(1, attempts + 1):
        try:
            return fn(n)
        except Exception as exc:
            failure = classify(exc, facts, service)
            if failure is None:
                raise
            if failure.final is not None:
                raise failure.final from exc
            if failure.kind is not Outcome.TRANSIENT:
                raise ProviderError(failure.detail, provider=service.label) from exc
            if n == attempts:
                raise ProviderError(
                    f"{what} kept failing ({failure.detail}) after {n} attempts; try again later",
                    provider=service.label,
                    retryable=True,
                ) from exc
            delay = backoff(n, failure.retry_after, service)
            log.warning(
                "%s: %s failed (%s); attempt %d of %d, next in %.2f s",
                service.label,
                what,
                failure.detail,
                n,
                attempts,
                delay,
            )
            time.sleep(delay)
    raise AssertionError("unreachable")


class Attempt:
    """One booked attempt at a paid call; the adapter tells it what the service said."""

    def __init__(self, planned: PlannedCall, row_id) -> None:
        self.planned, self.row_id = planned, row_id
        self.external_id: str | None = None
        self.units: float | None = None  # actual units when they differ from the plan (tokens)
        self.accepted = False  # the service took the work: it may bill even if it fails later

    def accept(self, external_id: str | None = None) -> None:
        self.accepted, self.external_id = True, external_id or self.external_id

    def succeed(self) -> None:
        ledger.close_row(
            self.row_id,
            outcome=Outcome.OK,
            cost=cost_of(self.planned, units=self.units),
            units=self.units,
            external_id=self.external_id,
        )

    def fail(self, failure: Failure | None, exc: BaseException) -> None:
        # Charged when the service had the work (or may have: a timeout) — an estimate errs high.
        charged = self.accepted or (failure is not None and failure.detail == TIMED_OUT)
        ledger.close_row(
            self.row_id,
            outcome=failure.kind if failure else Outcome.FAILED,
            cost=cost_of(self.planned) if charged else cost_of(self.planned, units=0),
            http_status=failure.status if failure else None,
            error=scrub(failure.detail if failure else type(exc).__name__),
            external_id=self.external_id,
        )


def call(
    planned: PlannedCall,
    work: Callable[[Attempt], T],
    *,
    service: Service,
    what: str,
    facts: FactsFn | None = None,
) -> T:
    """A paid call: every attempt passes the budget guard and gets its own ledger row."""

    def once(n: int) -> T:
        attempt = Attempt(planned, budget.reserve(planned, attempt=n))
        try:
            result = work(attempt)
        except BaseException as exc:
            attempt.fail(classify(exc, facts, service) if isinstance(exc, Exception) else None, exc)
            raise
        attempt.succeed()
        return result

    return retrying(once, service=service, facts=facts, what=what)


def poll_until(
    check: Callable[[], T | None], *, service: Service, what: str, facts: FactsFn | None = None
) -> T:
    """Ask `check` every PROVIDER_POLL_SECONDS until it returns something; each check is
    retried like any request. Gives up after PROVIDER_MAX_WAIT_SECONDS."""
    settings = get_settings()
    deadline = time.monotonic() + settings.providers.max_wait_seconds
    while True:
        result = retrying(lambda _n: check(), service=service, facts=facts, what=what)
        if result is not None:
            return result
        if time.monotonic() >= deadline:
            raise ProviderError(
                f"{what} did not finish within {settings.providers.max_wait_seconds:.0f} s; try again later",
                provider=service.label,
                retryable=True,
            )
        time.sleep(settings.providers.poll_seconds)


def pick(data: Any, *path: str | int, service: Service, what: str) -> Any:
    """data[path...], or a clear error when the service's answer lacks it."""
    current = data
    for key in path:
        try:
            current = current[key]
        except (KeyError, IndexError, TypeError):
            where = ".".join(str(p) for p in path)
            raise ProviderError(f"{what}: the answer has no {where}", provider=service.label) from None
    if current is None:
        raise ProviderError(
            f"{what}: the answer's {'.'.join(str(p) for p in path)} is empty", provider=service.label
        )
    return current
