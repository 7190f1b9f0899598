"""`CurrentUser`: the signed-in user, from the `Authorization: Bearer` access token."""

import uuid
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from app.auth import service
from app.auth.models import User
from app.db import DbSession, session_factory
from app.errors import Unauthorized

bearer = HTTPBearer(auto_error=False, description="Access token from POST /api/auth/login")


@dataclass(frozen=True)
class Principal:
    user: User
    session_id: uuid.UUID


def get_principal(
    db: DbSession, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]
) -> Principal:
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise Unauthorized("Sign in first: send 'Authorization: Bearer <access token>'")
    user, session_id = service.authenticate_access(db, token=credentials.credentials)
    return Principal(user=user, session_id=session_id)


def get_current_user(principal: Annotated[Principal, Depends(get_principal)]) -> User:
    return principal.user


CurrentPrincipal = Annotated[Principal, Depends(get_principal)]
CurrentUser = Annotated[User, Depends(get_current_user)]


def get_stream_user(credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]) -> User:
    """For long-lived responses (event streams): the user checked in a session of its own that
    is closed before the response starts, so an open stream holds no database connection."""
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise Unauthorized("Sign in first: send 'Authorization: Bearer <access token>'")
    with session_factory()() as db:
        user, _ = service.authenticate_access(db, token=credentials.credentials)
        db.expunge(user)
    return user


StreamUser = Annotated[User, Depends(get_stream_user)]
