import uuid
from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, EmailStr, Field, StringConstraints

from app.validation import LINE

# Signing in only looks the address up: anything shaped like one is asked about (and an unknown
# one is a 401 like a wrong password). Deliverability rules, which refuse e.g. studio.local,
# belong to creating the user (scripts/create_user.py), not to every sign-in.
LoginEmail = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True,
        min_length=3,
        max_length=320,
        pattern=r"^[^@\s\x00-\x1f\x7f]+@[^@\s\x00-\x1f\x7f]+$",
    ),
    LINE,
]


class LoginRequest(BaseModel):
    email: LoginEmail
    password: str = Field(min_length=1, max_length=200)
    device_token: str | None = Field(
        default=None,
        max_length=2000,
        description="The `device_token` of an earlier sign-in from this browser, if it kept one: repeated "
        "failed sign-ins by others (to this account or from the same address) then do not lock it out",
    )


class RefreshRequest(BaseModel):
    refresh_token: str = Field(min_length=1, max_length=2000)


class TokenPair(BaseModel):
    access_token: str
    refresh_token: str
    token_type: str = "bearer"
    expires_in: int  # seconds until the access token expires


class LoginResult(TokenPair):
    device_token: str = Field(
        description="Keep it (e.g. in a long-lived httpOnly cookie) and send it with the "
        "next sign-in from this browser; it proves nothing but that this "
        "browser signed in before"
    )


class UserPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    email: EmailStr
    created_at: datetime
