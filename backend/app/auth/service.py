"""Sign-in, refresh-token rotation with reuse detection, logout, and user management."""

import uuid
from datetime import UTC, datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.auth import passwords, tokens
from app.auth.client_address import throttle_key
from app.auth.models import AuthSession, RefreshToken, User
from app.auth.schemas import LoginResult, TokenPair
from app.auth.throttle import login_throttle
from app.config import get_settings
from app.errors import Unauthorized


def _issue_pair(db: Session, *, user: User, session_id: uuid.UUID) -> TokenPair:
    token_id = uuid.uuid4()
    refresh, expires = tokens.create_refresh_token(user_id=user.id, session_id=session_id, token_id=token_id)
    db.add(
        RefreshToken(
            id=token_id,
            user_id=user.id,
            session_id=session_id,
            token=tokens.fingerprint(refresh),
            expires_at=expires,
        )
    )
    access = tokens.create_access_token(user_id=user.id, email=user.email, session_id=session_id)
    return TokenPair(
        access_token=access,
        refresh_token=refresh,
        expires_in=get_settings().auth.jwt_access_token_expire_minutes * 60,
    )


def login(
    db: Session, *, email: str, password: str, client: str, device_token: str | None = None
) -> LoginResult:
    email = email.lower()
    address = throttle_key(client)
    user = db.scalar(select(User).where(User.email == email))
    device = tokens.device_id(device_token, user_id=user.id) if user is not None else None
    login_throttle.check(email=email, address=address, device=device)
    ok = passwords.verify_password(password, user.password_hash if user else passwords.DUMMY_HASH)
    if user is None or not ok:
        login_throttle.failed(email=email, address=address, device=device)
        raise Unauthorized("Incorrect email or password", error_code="INVALID_CREDENTIALS")
    login_throttle.succeeded(email=email, address=address, device=device)
    session = AuthSession(id=uuid.uuid4(), user_id=user.id)
    db.add(session)
    db.flush()
    pair = _issue_pair(db, user=user, session_id=session.id)
    db.commit()
    return LoginResult(**pair.model_dump(), device_token=tokens.create_device_token(user_id=user.id))


def _revoke_session(db: Session, session_id: uuid.UUID, reason: str) -> None:
    db.execute(
        update(AuthSession)
        .where(AuthSession.id == session_id, AuthSession.revoked_at.is_(None))
        .values(revoked_at=datetime.now(UTC), revoked_reason=reason)
    )


def refresh(db: Session, *, refresh_token: str) -> TokenPair:
    claims = tokens.decode(refresh_token, expected="refresh")
    # Lock the row so two concurrent refreshes with one token cannot both succeed.
    row = db.scalar(
        select(RefreshToken).where(RefreshToken.token == tokens.fingerprint(refresh_token)).with_for_update()
    )
    if row is None:
        raise Unauthorized("Refresh token is not recognised", error_code="TOKEN_INVALID")
    session = db.get(AuthSession, row.session_id)
    if session is None or session.revoked_at is not None:
        raise Unauthorized("This session has ended; please sign in again", error_code="SESSION_REVOKED")
    if row.last_used is not None:
        # A rotated token came back: someone holds a copy. End the whole family.
        _revoke_session(db, row.session_id, "reuse_detected")
        db.commit()
        raise Unauthorized(
            "This refresh token was already used; the session has been ended for safety",
            error_code="SESSION_REVOKED",
        )
    row.last_used = datetime.now(UTC)
    user = db.get(User, claims.user_id)
    if user is None:
        raise Unauthorized("User no longer exists", error_code="TOKEN_INVALID")
    pair = _issue_pair(db, user=user, session_id=row.session_id)
    db.commit()
    return pair


def logout(db: Session, *, user: User, refresh_token: str | None, session_id: uuid.UUID) -> None:
    """End the caller's session (the one its access token belongs to), and the refresh
    token's session if a different one of the same user's was given."""
    _revoke_session(db, session_id, "logout")
    if refresh_token:
        row = db.scalar(select(RefreshToken).where(RefreshToken.token == tokens.fingerprint(refresh_token)))
        if row is not None and row.user_id == user.id:
            _revoke_session(db, row.session_id, "logout")
    db.commit()


def authenticate_access(db: Session, *, token: str) -> tuple[User, uuid.UUID]:
    claims = tokens.decode(token, expected="access")
    session = db.get(AuthSession, claims.session_id)
    if session is None or session.revoked_at is not None:
        raise Unauthorized("This session has ended; please sign in again", error_code="SESSION_REVOKED")
    user = db.get(User, claims.user_id)
    if user is None:
        raise Unauthorized("User no longer exists", error_code="TOKEN_INVALID")
    return user, session.id


def upsert_user(db: Session, *, email: str, password: str, reset: bool) -> str:
    """Create the user or (with reset) set a new password. Returns what happened:
    'created', 'reset' or 'unchanged'. Raises WeakPassword, or ValueError('exists')."""
    passwords.check_strength(password)
    email = email.lower()
    user = db.scalar(select(User).where(User.email == email))
    if user is None:
        db.add(User(email=email, password_hash=passwords.hash_password(password)))
        db.commit()
        return "created"
    if passwords.verify_password(password, user.password_hash):
        return "unchanged"
    if not reset:
        raise ValueError("exists")
    user.password_hash = passwords.hash_password(password)
    # A new password ends every existing session.
    for (sid,) in db.execute(select(AuthSession.id).where(AuthSession.user_id == user.id)):
        _revoke_session(db, sid, "password_reset")
    db.commit()
    return "reset"
