"""JWTs (HS256). Access tokens live 15 minutes and carry the session id (`sid`) so that a
revoked session stops them too; refresh tokens live 7 days and are stored only as a hash."""

import hashlib
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Literal

import jwt

from app.config import get_settings
from app.errors import Unauthorized

ALGORITHM = "HS256"
TokenType = Literal["access", "refresh"]


@dataclass(frozen=True)
class TokenClaims:
    user_id: uuid.UUID
    session_id: uuid.UUID
    token_id: uuid.UUID
    expires_at: datetime


def _encode(claims: dict) -> str:
    return jwt.encode(claims, get_settings().auth.jwt_secret, algorithm=ALGORITHM)


def create_access_token(*, user_id: uuid.UUID, email: str, session_id: uuid.UUID) -> str:
    now = datetime.now(UTC)
    ttl = timedelta(minutes=get_settings().auth.jwt_access_token_expire_minutes)
    return _encode(
        {
            "sub": str(user_id),
            "email": email,
            "sid": str(session_id),
            "jti": str(uuid.uuid4()),
            "type": "access",
            "iat": now,
            "exp": now + ttl,
        }
    )


def create_refresh_token(
    *, user_id: uuid.UUID, session_id: uuid.UUID, token_id: uuid.UUID
) -> tuple[str, datetime]:
    now = datetime.now(UTC)
    expires = now + timedelta(days=get_settings().auth.jwt_refresh_token_expire_days)
    token = _encode(
        {
            "sub": str(user_id),
            "sid": str(session_id),
            "jti": str(token_id),
            "type": "refresh",
            "iat": now,
            "exp": expires,
        }
    )
    return token, expires


def decode(token: str, *, expected: TokenType) -> TokenClaims:
    try:
        claims = jwt.decode(
            token,
            get_settings().auth.jwt_secret,
            algorithms=[ALGORITHM],
            options={"require": ["exp", "iat", "sub", "sid", "jti", "type"]},
        )
    except jwt.ExpiredSignatureError:
        kind = "Access" if expected == "access" else "Refresh"
        raise Unauthorized(f"{kind} token has expired", error_code="TOKEN_EXPIRED") from None
    except jwt.PyJWTError:
        raise Unauthorized("Token is invalid", error_code="TOKEN_INVALID") from None
    if claims.get("type") != expected:
        raise Unauthorized(f"Expected an {expected} token", error_code="TOKEN_INVALID")
    try:
        return TokenClaims(
            user_id=uuid.UUID(claims["sub"]),
            session_id=uuid.UUID(claims["sid"]),
            token_id=uuid.UUID(claims["jti"]),
            expires_at=datetime.fromtimestamp(claims["exp"], UTC),
        )
    except (ValueError, TypeError):
        raise Unauthorized("Token is invalid", error_code="TOKEN_INVALID") from None


def fingerprint(token: str) -> str:
    """What the database keeps of a refresh token."""
    return hashlib.sha256(token.encode()).hexdigest()


# --- Device tokens: "this browser signed in to this account before" ---------------------------
DEVICE_TOKEN_DAYS = 180


def create_device_token(*, user_id: uuid.UUID) -> str:
    """Given with every successful sign-in. It opens nothing by itself: it only lets the sign-in
    throttle tell the owner's browser from whoever is guessing (see throttle.py)."""
    now = datetime.now(UTC)
    return _encode(
        {
            "sub": str(user_id),
            "jti": str(uuid.uuid4()),
            "type": "device",
            "iat": now,
            "exp": now + timedelta(days=DEVICE_TOKEN_DAYS),
        }
    )


def device_id(token: str | None, *, user_id: uuid.UUID) -> str | None:
    """The token's id when it is a valid, unexpired device token for this user; else None."""
    if not token:
        return None
    try:
        claims = jwt.decode(
            token,
            get_settings().auth.jwt_secret,
            algorithms=[ALGORITHM],
            options={"require": ["exp", "sub", "jti", "type"]},
        )
    except jwt.PyJWTError:
        return None
    if claims.get("type") != "device" or claims.get("sub") != str(user_id):
        return None
    return str(claims["jti"])
