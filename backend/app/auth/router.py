from fastapi import APIRouter, Request, status

from app.auth import service
from app.auth.client_address import client_address
from app.auth.deps import CurrentPrincipal, CurrentUser
from app.auth.schemas import LoginRequest, LoginResult, RefreshRequest, TokenPair, UserPublic
from app.db import DbSession
from app.openapi import errors

router = APIRouter(prefix="/api/auth", tags=["auth"])


@router.post("/login", responses=errors(401, 429))
def login(body: LoginRequest, request: Request, db: DbSession) -> LoginResult:
    """Exchange email + password for an access token (15 min) and a refresh token (7 days),
    plus a device token to send with this browser's next sign-in."""
    return service.login(
        db,
        email=body.email,
        password=body.password,
        client=client_address(request),
        device_token=body.device_token,
    )


@router.post("/refresh", responses=errors(401))
def refresh(body: RefreshRequest, db: DbSession) -> TokenPair:
    """Rotate: the refresh token given stops working and a new pair is returned.
    Presenting an already-rotated token ends the whole session."""
    return service.refresh(db, refresh_token=body.refresh_token)


@router.post("/logout", status_code=status.HTTP_204_NO_CONTENT)
def logout(principal: CurrentPrincipal, db: DbSession, body: RefreshRequest | None = None) -> None:
    """End this session: its refresh tokens and access tokens stop working."""
    service.logout(
        db,
        user=principal.user,
        session_id=principal.session_id,
        refresh_token=body.refresh_token if body else None,
    )


@router.get("/me")
def me(user: CurrentUser) -> UserPublic:
    return UserPublic.model_validate(user)
