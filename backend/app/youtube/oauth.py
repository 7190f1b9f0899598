"""Google OAuth 2.0 for a web server app, through google-auth-oauthlib: the consent URL
(with PKCE), the code exchange, credentials for API calls, and revocation."""

import logging
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import httpx
import requests
from google.oauth2.credentials import Credentials
from google_auth_oauthlib.flow import Flow
from oauthlib.oauth2 import OAuth2Error

from app.config import get_settings
from app.providers.youtube import SCOPES, UPLOAD_SCOPE
from app.youtube.errors import NotConfigured

log = logging.getLogger("app.youtube")
# requests-oauthlib and oauthlib log request bodies and whole token responses at DEBUG;
# keep them quiet whatever the root level is, so tokens never reach a log file.
for _name in ("requests_oauthlib", "oauthlib"):
    logging.getLogger(_name).setLevel(logging.WARNING)
CALLBACK_PATH = "/api/auth/youtube/callback"


class RedactCallbackQuery(logging.Filter):
    """uvicorn's access log prints each path with its query string; the callback's carries the
    authorisation code and state. Both are single use, but they stay out of log files too."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) > 2 and str(args[2]).startswith(CALLBACK_PATH + "?"):
            record.args = (*args[:2], CALLBACK_PATH + "?[redacted]", *args[3:])
        return True


logging.getLogger("uvicorn.access").addFilter(RedactCallbackQuery())


@dataclass(frozen=True)
class Grant:
    access_token: str
    refresh_token: str | None
    expires_at: datetime
    scopes: tuple[str, ...]


class ExchangeFailed(Exception):
    """The code could not be turned into tokens; `reason` goes into the dashboard redirect."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


def redirect_uri() -> str:
    settings = get_settings()
    return (
        settings.youtube.redirect_uri
        or f"{settings.web.public_base_url.rstrip('/')}/api/auth/youtube/callback"
    )


def require_client() -> None:
    settings = get_settings()
    if not settings.youtube.client_id or not settings.youtube.client_secret:
        raise NotConfigured(
            "YouTube is not set up on this studio: set YOUTUBE_CLIENT_ID and "
            "YOUTUBE_CLIENT_SECRET (a Google OAuth client of type Web application)"
        )


def _flow(*, code_verifier: str | None = None, state: str | None = None) -> Flow:
    require_client()
    settings = get_settings()
    config = {
        "web": {
            "client_id": settings.youtube.client_id,
            "client_secret": settings.youtube.client_secret,
            "auth_uri": settings.youtube.auth_url,
            "token_uri": settings.youtube.token_url,
            "redirect_uris": [redirect_uri()],
        }
    }
    return Flow.from_client_config(
        config,
        scopes=list(SCOPES),
        redirect_uri=redirect_uri(),
        state=state,
        code_verifier=code_verifier,
        autogenerate_code_verifier=code_verifier is None,
    )


def authorization() -> tuple[str, str, str]:
    """(consent URL, state, PKCE verifier): the caller keeps the last two server-side."""
    state = secrets.token_urlsafe(32)
    flow = _flow()
    url, _ = flow.authorization_url(
        access_type="offline", prompt="consent", include_granted_scopes="true", state=state
    )
    return url, state, flow.code_verifier


def exchange(*, code: str, code_verifier: str, state: str) -> Grant:
    """Trade the code (and the verifier kept since the consent URL was made) for tokens."""
    flow = _flow(code_verifier=code_verifier, state=state)
    timeout = get_settings().youtube.http_timeout_seconds
    try:
        token = flow.fetch_token(code=code, timeout=timeout)
    except Warning as changed:
        # oauthlib raises (not warns) when Google grants other scopes than asked, e.g. the
        # creator unticked one on the consent screen; the scopes are checked below instead.
        token = changed.token  # type: ignore[attr-defined]
    except OAuth2Error as exc:
        raise ExchangeFailed(
            "token_exchange_failed", f"Google refused the authorisation code ({exc.error})"
        ) from exc
    except requests.RequestException as exc:
        raise ExchangeFailed("google_unreachable", f"Could not reach Google ({type(exc).__name__})") from exc
    scope = token.get("scope") or ""
    scopes = tuple(scope.split() if isinstance(scope, str) else scope)
    if UPLOAD_SCOPE not in scopes:
        raise ExchangeFailed(
            "missing_scope",
            "Permission to upload videos was not granted; connect again "
            "and leave 'Manage your YouTube videos' ticked",
        )
    expires_in = int(token.get("expires_in") or 3600)
    return Grant(
        access_token=token["access_token"],
        refresh_token=token.get("refresh_token"),
        expires_at=datetime.now(UTC) + timedelta(seconds=expires_in),
        scopes=scopes,
    )


def credentials(
    *, access_token: str, refresh_token: str, expires_at: datetime, scopes: list[str]
) -> Credentials:
    settings = get_settings()
    return Credentials(
        token=access_token,
        refresh_token=refresh_token,
        token_uri=settings.youtube.token_url,
        client_id=settings.youtube.client_id,
        client_secret=settings.youtube.client_secret,
        scopes=scopes or list(SCOPES),
        # google-auth compares expiry with a naive UTC clock.
        expiry=expires_at.astimezone(UTC).replace(tzinfo=None),
    )


def revoke(token: str) -> bool:
    """Best effort: ask Google to revoke the grant. The token goes in the form body, not the
    URL, so it appears in no access log."""
    try:
        response = httpx.post(
            get_settings().youtube.revoke_url,
            data={"token": token},
            timeout=get_settings().youtube.http_timeout_seconds,
        )
    except httpx.HTTPError as exc:
        log.warning("could not reach Google to revoke the YouTube grant: %s", type(exc).__name__)
        return False
    if response.status_code != 200:
        log.warning("Google answered %d to the revocation (already revoked?)", response.status_code)
    return response.status_code == 200
