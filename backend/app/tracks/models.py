import uuid
from datetime import datetime
from enum import StrEnum

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base


class TrackStatus(StrEnum):
    GENERATING = "generating"
    GENERATED = "generated"
    RENDERING = "rendering"
    RENDERED = "rendered"
    UPLOADING = "uploading"
    UPLOADED = "uploaded"
    FAILED = "failed"


class Track(Base):
    __tablename__ = "tracks"
    __table_args__ = (
        CheckConstraint("length(prompt) >= 10 AND length(prompt) <= 500", name="prompt_length"),
        CheckConstraint("duration >= 120 AND duration <= 900", name="duration_range"),
        CheckConstraint(
            "status IN ('generating','generated','rendering','rendered','uploading','uploaded','failed')",
            name="status_values",
        ),
        Index("ix_tracks_created_at", text("created_at DESC")),
    )

    id: Mapped[uuid.UUID] = mapped_column(
        primary_key=True, default=uuid.uuid4, server_default=text("gen_random_uuid()")
    )
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    prompt: Mapped[str] = mapped_column(Text)
    seed: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
    music_path: Mapped[str | None] = mapped_column(String(500))
    # AAC-LC 48 kHz made at generation so the renderer never encodes the same audio twice.
    audio_path: Mapped[str | None] = mapped_column(String(500))
    image_path: Mapped[str | None] = mapped_column(String(500))
    video_path: Mapped[str | None] = mapped_column(String(500))
    youtube_url: Mapped[str | None] = mapped_column(String(500))
    # --- YouTube (migration 0002) ---
    youtube_video_id: Mapped[str | None] = mapped_column(String(32))
    youtube_privacy: Mapped[str | None] = mapped_column(String(20))  # as YouTube reports it after upload
    # Things the creator should know that did not fail the upload (thumbnail refused, forced private).
    upload_warnings: Mapped[list[str]] = mapped_column(
        JSONB, default=list, server_default=text("'[]'::jsonb")
    )
    duration: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(
        String(20), default=TrackStatus.GENERATING, server_default="generating", index=True
    )
    # What is running now, how far it is, and why a step failed: the track's jobs (app.jobs).
    music_bytes: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
    image_bytes: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
    video_bytes: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.clock_timestamp()
    )
