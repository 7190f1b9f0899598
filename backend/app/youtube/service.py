"""Connecting a channel (consent URL, callback), its status, and disconnecting."""

import logging
import uuid
from datetime import UTC, datetime, timedelta
from urllib.parse import urlencode

from sqlalchemy import delete, exists, select
from sqlalchemy.orm import Session

from app.auth.models import User
from app.config import get_settings
from app.errors import Conflict
from app.providers.youtube import YouTubeClient, YouTubeError
from app.tracks.models import Track, TrackStatus
from app.youtube import connection, crypto, oauth, quota
from app.youtube.errors import StateRejected
from app.youtube.models import OAuthState
from app.youtube.schemas import QuotaPublic, YouTubeStatus

log = logging.getLogger("app.youtube")
STATE_TTL = timedelta(minutes=10)


def start_connect(db: Session, *, user: User) -> str:
    """The Google consent URL; its state and PKCE verifier are kept here, single use."""
    oauth.require_client()
    crypto.encrypt("")  # fail now, not after the creator has consented, when ENCRYPTION_KEY is missing
    url, state, verifier = oauth.authorization()
    now = datetime.now(UTC)
    db.execute(delete(OAuthState).where(OAuthState.expires_at < now))
    db.add(OAuthState(state=state, user_id=user.id, code_verifier=verifier, expires_at=now + STATE_TTL))
    db.commit()
    return url


def _consume_state(db: Session, *, state: str) -> tuple[uuid.UUID, str]:
    """Delete-and-return in one statement: of two callbacks racing with the same state, only
    one gets the row. Unknown, used and expired states are all refused the same way."""
    row = db.execute(
        delete(OAuthState)
        .where(OAuthState.state == state)
        .returning(OAuthState.user_id, OAuthState.code_verifier, OAuthState.expires_at)
    ).first()
    db.commit()
    if row is None:
        raise StateRejected(
            "This YouTube sign-in link is not valid or was already used; start connecting again from Settings"
        )
    if row.expires_at < datetime.now(UTC):
        raise StateRejected(
            "This YouTube sign-in link expired (they last 10 minutes); start connecting again from Settings"
        )
    return row.user_id, row.code_verifier


def dashboard_redirect(*, reason: str | None = None, message: str | None = None) -> str:
    query = (
        {"youtube": "connected"}
        if reason is None
        else {"youtube": "error", "reason": reason, "message": message or ""}
    )
    return f"{get_settings().youtube.dashboard_url.rstrip('/')}/settings?{urlencode(query)}"


def finish_connect(db: Session, *, state: str | None, code: str | None, error: str | None) -> str:
    """Handle Google's redirect back; returns where to send the browser. A bad state is a 403
    (someone else's or a replayed link); anything after that goes back to the dashboard."""
    if not state:
        raise StateRejected(
            "The YouTube sign-in answer carries no state; start connecting again from Settings"
        )
    user_id, verifier = _consume_state(db, state=state)
    if error:
        log.info("YouTube consent not given by user %s: %s", user_id, error)
        if error == "access_denied":
            return dashboard_redirect(reason="access_denied", message="Access to the channel was not granted")
        return dashboard_redirect(reason="google_error", message=f"Google answered: {error}")
    if not code:
        return dashboard_redirect(
            reason="missing_code", message="Google's answer carried no authorisation code"
        )
    try:
        grant = oauth.exchange(code=code, code_verifier=verifier, state=state)
        creds = oauth.credentials(
            access_token=grant.access_token,
            refresh_token=grant.refresh_token or "",
            expires_at=grant.expires_at,
            scopes=list(grant.scopes),
        )
        try:
            channel = YouTubeClient(creds).channel()
        finally:
            quota.record(
                operation="channels.list", units=get_settings().youtube.quota_cost_list, user_id=user_id
            )
        if channel is None:
            raise oauth.ExchangeFailed(
                "no_channel",
                "This Google account has no YouTube channel; create one on YouTube, then connect again",
            )
        connection.save_grant(db, user_id=user_id, grant=grant, channel=channel)
    except oauth.ExchangeFailed as exc:
        log.warning("YouTube connection of user %s failed: %s", user_id, exc.reason)
        return dashboard_redirect(reason=exc.reason, message=str(exc))
    except YouTubeError as exc:
        log.warning(
            "YouTube connection of user %s failed reading the channel: %s", user_id, exc.reason or exc.status
        )
        return dashboard_redirect(reason="channel_lookup_failed", message=str(exc))
    log.info("user %s connected YouTube channel %s", user_id, channel[0])
    return dashboard_redirect()


def status(db: Session, *, user: User) -> YouTubeStatus:
    settings = get_settings()
    current = quota.state(db)
    quota_public = QuotaPublic(
        day=current.day,
        used=current.used,
        limit=current.limit,
        remaining=current.remaining,
        resets_at=current.resets_at,
    )
    row = connection.get(db, user_id=user.id)
    configured = bool(settings.youtube.client_id and settings.youtube.client_secret)
    if row is None:
        return YouTubeStatus(configured=configured, connected=False, quota=quota_public)
    return YouTubeStatus(
        configured=configured,
        connected=True,
        channel_id=row.channel_id,
        channel_title=row.channel_title,
        token_expires_at=row.expires_at,
        needs_reconnect=row.needs_reconnect,
        reconnect_reason=row.reconnect_reason,
        quota=quota_public,
    )


def disconnect(db: Session, *, user: User) -> None:
    """Revoke at Google (best effort: the grant may already be gone) and forget the tokens."""
    busy = db.scalar(select(exists().where(Track.user_id == user.id, Track.status == TrackStatus.UPLOADING)))
    if busy:
        raise Conflict("An upload is running; wait for it to finish before disconnecting YouTube")
    row = connection.get(db, user_id=user.id)
    db.execute(delete(OAuthState).where(OAuthState.user_id == user.id))
    if row is None:
        db.commit()
        return
    try:
        # Revoking the refresh token ends the whole grant, access tokens included.
        oauth.revoke(crypto.decrypt(row.refresh_token))
    except Exception:
        log.warning("could not revoke the YouTube grant of user %s; deleting it here anyway", user.id)
    db.delete(row)
    db.commit()
    log.info("user %s disconnected YouTube", user.id)
