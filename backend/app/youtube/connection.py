"""The stored connection to a channel: tokens in and out of the database (encrypted),
refreshed before they expire, and flagged for reconnection when Google says invalid_grant."""

import logging
import uuid
from datetime import UTC, datetime, timedelta

from google.auth.exceptions import RefreshError, TransportError
from google.auth.transport.requests import Request
from google.oauth2.credentials import Credentials
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.config import get_settings
from app.db import session_factory
from app.providers.youtube import YouTubeError, classify
from app.youtube import crypto, oauth
from app.youtube.errors import NotConnected, ReconnectNeeded, Unavailable
from app.youtube.models import YouTubeToken

log = logging.getLogger("app.youtube")


def get(db: Session, *, user_id: uuid.UUID) -> YouTubeToken | None:
    return db.scalar(
        select(YouTubeToken).where(YouTubeToken.user_id == user_id).execution_options(populate_existing=True)
    )


def save_grant(
    db: Session, *, user_id: uuid.UUID, grant: oauth.Grant, channel: tuple[str, str] | None
) -> YouTubeToken:
    row = get(db, user_id=user_id)
    if grant.refresh_token is None and (row is None or row.needs_reconnect):
        # Without a refresh token the connection dies within the hour; prompt=consent should
        # always produce one, so this is Google being unusual rather than the creator's doing.
        raise oauth.ExchangeFailed("no_refresh_token", "Google did not return a refresh token; connect again")
    if row is None:
        row = YouTubeToken(user_id=user_id)
        db.add(row)
    row.access_token = crypto.encrypt(grant.access_token)
    if grant.refresh_token:
        row.refresh_token = crypto.encrypt(grant.refresh_token)
    row.expires_at = grant.expires_at
    row.scopes = " ".join(grant.scopes)
    row.channel_id, row.channel_title = channel or (None, None)
    row.needs_reconnect, row.reconnect_reason = False, None
    db.commit()
    return row


def credentials_of(row: YouTubeToken) -> Credentials:
    return oauth.credentials(
        access_token=crypto.decrypt(row.access_token),
        refresh_token=crypto.decrypt(row.refresh_token),
        expires_at=row.expires_at,
        scopes=row.scopes.split(),
    )


def mark_reconnect(*, user_id: uuid.UUID, reason: str) -> None:
    """In its own transaction: the caller's may be rolled back by the failure being reported."""
    with session_factory()() as db:
        db.execute(
            update(YouTubeToken)
            .where(YouTubeToken.user_id == user_id)
            .values(needs_reconnect=True, reconnect_reason=reason)
        )
        db.commit()
    log.warning("YouTube connection of user %s needs reconnecting", user_id)


def store_refreshed(*, user_id: uuid.UUID, creds: Credentials, stored_token: str) -> str:
    """Persist a token the client library refreshed on its own (before expiry or after a 401).
    Returns the token now stored, so callers can tell when it changes again."""
    if creds.token and creds.token != stored_token:
        expiry = creds.expiry.replace(tzinfo=UTC) if creds.expiry else datetime.now(UTC) + timedelta(hours=1)
        with session_factory()() as db:
            db.execute(
                update(YouTubeToken)
                .where(YouTubeToken.user_id == user_id)
                .values(access_token=crypto.encrypt(creds.token), expires_at=expiry)
            )
            db.commit()
    return creds.token or stored_token


def credentials(db: Session, *, user_id: uuid.UUID) -> tuple[Credentials, str]:
    """Usable credentials (refreshed now when they expire within the margin) and the access
    token they started with. NotConnected / ReconnectNeeded say what the creator must do."""
    row = get(db, user_id=user_id)
    if row is None:
        raise NotConnected("No YouTube channel is connected: connect one in Settings first")
    if row.needs_reconnect:
        raise ReconnectNeeded(row.reconnect_reason or "Reconnect the YouTube channel in Settings")
    creds = credentials_of(row)
    margin = timedelta(seconds=get_settings().youtube.token_refresh_margin_seconds)
    if row.expires_at - margin <= datetime.now(UTC):
        try:
            creds.refresh(Request())
        except (RefreshError, TransportError) as exc:
            error = classify(exc) or YouTubeError("Could not reach Google to refresh the access token.")
            if error.reconnect:
                mark_reconnect(user_id=user_id, reason=str(error))
                raise ReconnectNeeded(str(error)) from exc
            raise Unavailable(f"{error} Try again shortly.") from exc
        store_refreshed(user_id=user_id, creds=creds, stored_token="")
    return creds, creds.token or ""
