"""The official OpenAI client as every OpenAI adapter uses it: key and base URL from
settings, our timeout, and the SDK's own retries off (our call loop retries, so each attempt
is budgeted and booked); plus reading status, headers and reason off its exceptions."""

from functools import lru_cache

import openai

from app.config import get_settings
from app.providers.calls import TIMED_OUT, HttpFacts, Service, require_keys

SERVICE = Service("openai", "OpenAI", ("OPENAI_API_KEY",))


@lru_cache(maxsize=4)
def _client(api_key: str, base_url: str, timeout: float) -> openai.OpenAI:
    return openai.OpenAI(api_key=api_key, base_url=base_url, timeout=timeout, max_retries=0)


def client() -> openai.OpenAI:
    settings = get_settings()
    key = require_keys(SERVICE, openai_api_key=settings.openai.api_key)["openai_api_key"]
    return _client(key, settings.openai.base_url.rstrip("/"), settings.providers.timeout_seconds)


def facts(exc: BaseException) -> HttpFacts | None:
    if isinstance(exc, openai.APITimeoutError):
        return HttpFacts(transport=TIMED_OUT)
    if isinstance(exc, openai.APIConnectionError):
        return HttpFacts(transport="could not be reached")
    if isinstance(exc, openai.APIStatusError):
        body = exc.body if isinstance(exc.body, dict) else {}
        message = body.get("message") if isinstance(body.get("message"), str) else None
        return HttpFacts(
            status=exc.status_code,
            headers=exc.response.headers,
            message=message,
            no_credit=exc.code == "insufficient_quota",
        )
    if isinstance(exc, openai.APIResponseValidationError):
        return None  # treated like any unreadable answer
    return None
