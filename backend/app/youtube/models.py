import uuid
from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base


class YouTubeToken(Base):
    """The connected channel's OAuth tokens, both Fernet-encrypted (ENCRYPTION_KEY)."""

    __tablename__ = "youtube_tokens"

    id: Mapped[uuid.UUID] = mapped_column(
        primary_key=True, default=uuid.uuid4, server_default=text("gen_random_uuid()")
    )
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    # Text, not VARCHAR(1000): Google access tokens may be up to 2048 bytes, and Fernet adds ~40 %.
    access_token: Mapped[str] = mapped_column(Text)
    refresh_token: Mapped[str] = mapped_column(Text)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    scopes: Mapped[str] = mapped_column(Text, default="", server_default="")
    channel_id: Mapped[str | None] = mapped_column(String(64))
    channel_title: Mapped[str | None] = mapped_column(String(200))
    # Set when Google answers invalid_grant (revoked, or the 7-day expiry of "Testing" apps):
    # the row stays so the dashboard can say which channel needs reconnecting.
    needs_reconnect: Mapped[bool] = mapped_column(Boolean, default=False, server_default="false")
    reconnect_reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )


class OAuthState(Base):
    """One pending consent: the `state` sent to Google and the PKCE verifier that must go with
    the code. Deleted when used (single use) and worthless after `expires_at`."""

    __tablename__ = "oauth_states"

    state: Mapped[str] = mapped_column(String(128), primary_key=True)
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    code_verifier: Mapped[str] = mapped_column(String(128))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class UploadSession(Base):
    """An upload in progress, of a track or of a music video (exactly one): what was asked for,
    and where YouTube's resumable session stands, so a retry after a 5xx, a timeout or a
    restart continues instead of starting over."""

    __tablename__ = "upload_sessions"
    __table_args__ = (
        CheckConstraint("bytes_confirmed >= 0 AND bytes_confirmed <= total_bytes", name="bytes_range"),
        CheckConstraint("(track_id IS NULL) <> (video_id IS NULL)", name="one_subject"),
    )

    id: Mapped[uuid.UUID] = mapped_column(
        primary_key=True, default=uuid.uuid4, server_default=text("gen_random_uuid()")
    )
    track_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("tracks.id", ondelete="CASCADE"), unique=True
    )
    video_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("videos.id", ondelete="CASCADE"), unique=True
    )
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    # The metadata the creator chose (title, description, tags, privacy, …), as validated.
    request: Mapped[dict] = mapped_column(JSONB)
    # Fernet-encrypted: whoever holds a session URI can write to the upload.
    session_uri: Mapped[str | None] = mapped_column(Text)
    total_bytes: Mapped[int] = mapped_column(BigInteger)
    bytes_confirmed: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
    # Set once YouTube has the whole file, so a retry only does what is left (thumbnail, checks).
    youtube_video_id: Mapped[str | None] = mapped_column(String(32))
    thumbnail_done: Mapped[bool] = mapped_column(Boolean, default=False, server_default="false")
    # A caption track is a paid insert (400 units): never sent twice for one upload.
    captions_done: Mapped[bool] = mapped_column(Boolean, default=False, server_default="false")
    warnings: Mapped[list] = mapped_column(JSONB, default=list, server_default=text("'[]'::jsonb"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )


class QuotaUsage(Base):
    """A ledger of YouTube API units, one row per call (or reservation), by Pacific-time day —
    Google resets the project's quota at midnight Pacific."""

    __tablename__ = "youtube_quota_usage"
    __table_args__ = (CheckConstraint("units >= 0", name="units_positive"),)

    id: Mapped[uuid.UUID] = mapped_column(
        primary_key=True, default=uuid.uuid4, server_default=text("gen_random_uuid()")
    )
    day: Mapped[date] = mapped_column(Date, index=True)
    operation: Mapped[str] = mapped_column(String(40))  # videos.insert, thumbnails.set, videos.list, …
    units: Mapped[int] = mapped_column(Integer)
    user_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    track_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("tracks.id", ondelete="SET NULL"))
    video_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("videos.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
