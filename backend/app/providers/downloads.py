"""Fetching what a service made, from the link it gave: bounded in size while it streams
(a runaway or hostile answer cannot fill the disk), retried like any request, and never sent
our credentials (links point at storage hosts, not at the API)."""

import base64
import binascii
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from app.config import get_settings
from app.core.errors import ProviderError
from app.providers.calls import Service, retrying

# A signed link that no longer works answers one of these; the adapter may ask for a fresh one.
GONE = frozenset({401, 403, 404, 410})


class LinkGone(ProviderError):
    """The download link expired or is refused."""


def _too_large(service: Service, what: str, max_bytes: int) -> ProviderError:
    return ProviderError(
        f"{what} is larger than the {max_bytes / 1e6:.0f} MB we accept", provider=service.label
    )


def _save_data_uri(url: str, *, dest: Path, max_bytes: int, service: Service, what: str) -> Path:
    header, _, payload = url.partition(",")
    if ";base64" not in header:
        raise ProviderError(f"{what} came as a data: link we cannot read", provider=service.label)
    if len(payload) * 3 // 4 > max_bytes:
        raise _too_large(service, what, max_bytes)
    try:
        dest.write_bytes(base64.b64decode(payload, validate=True))
    except (binascii.Error, ValueError) as exc:
        raise ProviderError(f"{what} came as broken base64", provider=service.label) from exc
    return dest


def fetch_once(
    url: str,
    *,
    dest: Path,
    max_bytes: int,
    service: Service,
    what: str,
    not_ready: frozenset[int] = frozenset(),
) -> Path | None:
    """One GET into dest; None when the status says "not yet" (in `not_ready`)."""
    if url.startswith("data:"):
        return _save_data_uri(url, dest=dest, max_bytes=max_bytes, service=service, what=what)
    if urlsplit(url).scheme not in ("http", "https"):
        raise ProviderError(
            f"{what}: the service gave a link we will not open ({urlsplit(url).scheme}:)",
            provider=service.label,
        )
    timeout = get_settings().providers.timeout_seconds
    with (
        httpx.Client(timeout=timeout, follow_redirects=True) as client,
        client.stream("GET", url) as response,
    ):
        if response.status_code in not_ready:
            return None
        if response.status_code in GONE:
            raise LinkGone(
                f"the link to {what} no longer works (HTTP {response.status_code})", provider=service.label
            )
        if response.status_code >= 400:
            response.read()  # so the error classifier can read the service's reason
            response.raise_for_status()
        declared = int(response.headers.get("content-length") or 0)
        if declared > max_bytes:
            raise _too_large(service, what, max_bytes)
        written = 0
        partial = dest.with_name(dest.name + ".part")
        with partial.open("wb") as out:
            for chunk in response.iter_bytes():
                written += len(chunk)
                if written > max_bytes:
                    raise _too_large(service, what, max_bytes)
                out.write(chunk)
        if written == 0:
            raise ProviderError(f"{what} is empty", provider=service.label)
        partial.replace(dest)
    return dest


def download(url: str, *, dest: Path, max_bytes: int, service: Service, what: str) -> Path:
    """GET url into dest, retrying 429/5xx/timeouts on the usual schedule."""
    result = retrying(
        lambda _n: fetch_once(url, dest=dest, max_bytes=max_bytes, service=service, what=what),
        service=service,
        what=f"downloading {what}",
    )
    assert result is not None  # no not_ready statuses were given
    return result
