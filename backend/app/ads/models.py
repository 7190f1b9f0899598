"""A brief: what the creator wants an ad to say and look like, the conversation that filled
it, the mood boards painted from it, and the music and video made from it.

The brief's fields are what matters; the transcript is kept beside them so the chat can
resume. Mood boards are a short list (three directions of four stills), kept as JSON on the
brief rather than as rows of their own: they are painted, shown and replaced together."""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, Integer, String, func, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base


class Brief(Base):
    __tablename__ = "briefs"
    __table_args__ = (
        CheckConstraint("duration IS NULL OR duration IN (15, 30, 45, 60)", name="duration_values"),
        CheckConstraint("aspect IS NULL OR aspect IN ('16:9','9:16','1:1')", name="aspect_values"),
    )

    id: Mapped[uuid.UUID] = mapped_column(
        primary_key=True, default=uuid.uuid4, server_default=text("gen_random_uuid()")
    )
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    product: Mapped[str] = mapped_column(String(120), server_default="")
    audience: Mapped[str] = mapped_column(String(200), server_default="")
    tone: Mapped[list[str]] = mapped_column(JSONB, default=list, server_default=text("'[]'::jsonb"))
    style_keywords: Mapped[list[str]] = mapped_column(JSONB, default=list, server_default=text("'[]'::jsonb"))
    key_messages: Mapped[list[str]] = mapped_column(JSONB, default=list, server_default=text("'[]'::jsonb"))
    call_to_action: Mapped[str] = mapped_column(String(80), server_default="")
    duration: Mapped[int | None] = mapped_column(Integer)  # seconds: 15, 30, 45 or 60
    aspect: Mapped[str | None] = mapped_column(String(5))
    brand_colors: Mapped[list[str]] = mapped_column(JSONB, default=list, server_default=text("'[]'::jsonb"))
    # A song of the creator's library as the music, instead of music made for the ad.
    song_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("songs.id", ondelete="SET NULL"))
    # [{"role": "user"|"assistant", "text", "field"?}]: "field" is what the question asked for.
    transcript: Mapped[list[dict[str, Any]]] = mapped_column(
        JSONB, default=list, server_default=text("'[]'::jsonb")
    )
    # Optional fields the creator declined in the chat: not asked again.
    skipped: Mapped[list[str]] = mapped_column(JSONB, default=list, server_default=text("'[]'::jsonb"))
    # [{"name", "keywords", "palette", "guide", "stills": [path …], "seed"}]: three directions.
    moodboards: Mapped[list[dict[str, Any]]] = mapped_column(
        JSONB, default=list, server_default=text("'[]'::jsonb")
    )
    moodboard_round: Mapped[int] = mapped_column(Integer, server_default="0")  # "fresh" counts up
    chosen: Mapped[int | None] = mapped_column(Integer)  # index into moodboards
    # The music made for the ad (kept so a retry does not pay for it twice), and the video.
    music_song_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("songs.id", ondelete="SET NULL"))
    video_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("videos.id", ondelete="SET NULL"))
    warnings: Mapped[list[str]] = mapped_column(JSONB, default=list, server_default=text("'[]'::jsonb"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.clock_timestamp()
    )
