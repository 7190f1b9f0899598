"""A video project: the song it is cut to, the creator's words and aspect, the beat grid as
corrected by the creator, its sections, and the clip plan (one row per clip)."""

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    CheckConstraint,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base


class VideoStatus(StrEnum):
    DRAFT = "draft"  # sections suggested, being edited
    PLANNED = "planned"  # clip plan made from the current sections


class Video(Base):
    __tablename__ = "videos"
    __table_args__ = (
        CheckConstraint("aspect IN ('16:9','9:16','1:1')", name="aspect_values"),
        CheckConstraint("kind IN ('music','ad')", name="kind_values"),
    )

    id: Mapped[uuid.UUID] = mapped_column(
        primary_key=True, default=uuid.uuid4, server_default=text("gen_random_uuid()")
    )
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    # A song in use cannot be deleted: the database refuses too.
    song_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("songs.id", ondelete="RESTRICT"), index=True)
    kind: Mapped[str] = mapped_column(String(10), default="music", server_default="music")
    prompt: Mapped[str] = mapped_column(Text)
    aspect: Mapped[str] = mapped_column(String(5))
    status: Mapped[str] = mapped_column(String(12), default=VideoStatus.DRAFT, server_default="draft")
    # {"beats": [...], "downbeats": [...], "beats_per_bar": n}: the analysis's, as corrected.
    grid: Mapped[dict[str, Any]] = mapped_column(JSONB)
    # [{"start", "end", "label", "note"}]: cover the song, boundaries on the grid.
    sections: Mapped[list[dict[str, Any]]] = mapped_column(JSONB)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.clock_timestamp()
    )


class Clip(Base):
    __tablename__ = "clips"
    __table_args__ = (
        UniqueConstraint("video_id", "index", name="uq_clips_video_index"),
        CheckConstraint('"end" > start', name="positive_length"),
    )

    id: Mapped[uuid.UUID] = mapped_column(
        primary_key=True, default=uuid.uuid4, server_default=text("gen_random_uuid()")
    )
    video_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("videos.id", ondelete="CASCADE"), index=True)
    index: Mapped[int] = mapped_column(Integer)
    start: Mapped[float] = mapped_column(Float)
    end: Mapped[float] = mapped_column(Float)
    section_index: Mapped[int] = mapped_column(Integer)
    label: Mapped[str] = mapped_column(String(40))
    energy: Mapped[float] = mapped_column(Float)
    lyrics: Mapped[list[str]] = mapped_column(JSONB, default=list, server_default=text("'[]'::jsonb"))
