"""A video project: the song it is cut to, the creator's words and aspect, the beat grid as
corrected by the creator, its sections, and the clip plan (one row per clip)."""

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    BigInteger,
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
    """Where the project stands; what is running (and what failed) lives on its jobs."""

    DRAFT = "draft"  # sections suggested, being edited
    PLANNED = "planned"  # clip plan made from the current sections
    STORYBOARDED = "storyboarded"  # scene plan written and one still per scene painted
    APPROVED = "approved"  # the creator approved the storyboard: motion may be made
    COMPOSED = "composed"  # clips made and the video composed; review and regenerate
    FINALIZED = "finalized"  # intermediates removed, frozen


# Statuses in which the project is still edited before any video exists.
EDITABLE = (VideoStatus.DRAFT, VideoStatus.PLANNED, VideoStatus.STORYBOARDED, VideoStatus.APPROVED)


class ClipStatus(StrEnum):
    PLANNED = "planned"  # no motion yet
    READY = "ready"  # local motion chosen, or the provider's clip downloaded
    FAILED = "failed"  # failed for good this run: shown failed, can be regenerated


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
    # The analysis the grid and sections came from (energy and lyrics are read from it).
    analysis_version: Mapped[str] = mapped_column(String(20), server_default="1")
    seed: Mapped[int] = mapped_column(Integer, server_default="0")  # one world per video
    video_type: Mapped[str | None] = mapped_column(String(20))
    # The scene plan's shared style guide, and what the planner warned about (e.g. a fallback).
    style: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    warnings: Mapped[list[str]] = mapped_column(JSONB, default=list, server_default=text("'[]'::jsonb"))
    # Clips and sections already regenerated once (each may be, once).
    regenerated: Mapped[dict[str, list[int]]] = mapped_column(
        JSONB, default=dict, server_default=text("'{}'::jsonb")
    )
    # How the creator wants it composed: title, call to action, captions, loudness.
    options: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict, server_default=text("'{}'::jsonb"))
    output_path: Mapped[str | None] = mapped_column(String(500))
    output_bytes: Mapped[int | None] = mapped_column(BigInteger)
    output_duration: Mapped[float | None] = mapped_column(Float)
    share_token: Mapped[str | None] = mapped_column(String(64), unique=True)
    finalized_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # On YouTube: the id, the watch link, the visibility YouTube reports (it may lock unaudited
    # projects' uploads to private) and what went wrong around the upload (thumbnail, captions).
    youtube_video_id: Mapped[str | None] = mapped_column(String(32))
    youtube_url: Mapped[str | None] = mapped_column(String(200))
    youtube_privacy: Mapped[str | None] = mapped_column(String(20))
    upload_warnings: Mapped[list[str]] = mapped_column(
        JSONB, default=list, server_default=text("'[]'::jsonb")
    )
    uploaded_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
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
    scene_index: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(10), default=ClipStatus.PLANNED, server_default="planned")
    # Local clips: the animator's choice of motion (no pixels until composition).
    motion: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    # Provider clips: the downloaded file, and what made it.
    source_path: Mapped[str | None] = mapped_column(String(500))
    provider: Mapped[str | None] = mapped_column(String(20))
    seed: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    error: Mapped[str | None] = mapped_column(Text)


class Scene(Base):
    """One scene of the plan and its storyboard still; neighbouring clips may share it."""

    __tablename__ = "scenes"
    __table_args__ = (UniqueConstraint("video_id", "index", name="uq_scenes_video_index"),)

    id: Mapped[uuid.UUID] = mapped_column(
        primary_key=True, default=uuid.uuid4, server_default=text("gen_random_uuid()")
    )
    video_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("videos.id", ondelete="CASCADE"), index=True)
    index: Mapped[int] = mapped_column(Integer)
    data: Mapped[dict[str, Any]] = mapped_column(JSONB)  # the planner's scene: what, camera, light …
    still_path: Mapped[str | None] = mapped_column(String(500))
    # What the still was painted from (scene text, seed, style): a scene whose key no longer
    # matches is painted again, and only those are.
    painted_key: Mapped[str | None] = mapped_column(String(64))
    # The painter's layers for parallax (local stills only): [{"name", "depth", "path"}].
    layers: Mapped[list[dict[str, Any]]] = mapped_column(
        JSONB, default=list, server_default=text("'[]'::jsonb")
    )
    seed: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    provider: Mapped[str | None] = mapped_column(String(20))
    approved: Mapped[bool] = mapped_column(default=False, server_default=text("false"))
