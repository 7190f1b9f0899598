import uuid
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import BigInteger, DateTime, Float, ForeignKey, String, UniqueConstraint, func, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base


class SongStatus(StrEnum):
    UPLOADED = "uploaded"
    ANALYSING = "analysing"
    ANALYSED = "analysed"
    FAILED = "failed"


class Song(Base):
    __tablename__ = "songs"
    # The same bytes uploaded twice are the same song.
    __table_args__ = (UniqueConstraint("user_id", "content_hash", name="uq_songs_user_content"),)

    id: Mapped[uuid.UUID] = mapped_column(
        primary_key=True, default=uuid.uuid4, server_default=text("gen_random_uuid()")
    )
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    content_hash: Mapped[str] = mapped_column(String(64))  # sha256 of the file's bytes
    path: Mapped[str] = mapped_column(String(500))
    format: Mapped[str] = mapped_column(String(20))  # mp3 | wav | flac | m4a | ogg
    codec: Mapped[str] = mapped_column(String(20))
    duration: Mapped[float] = mapped_column(Float)
    sample_rate: Mapped[int] = mapped_column(BigInteger)
    channels: Mapped[int] = mapped_column(BigInteger)
    bytes: Mapped[int] = mapped_column(BigInteger)
    source: Mapped[str] = mapped_column(String(10))  # upload | track
    track_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("tracks.id", ondelete="SET NULL"))
    status: Mapped[str] = mapped_column(String(12), default=SongStatus.UPLOADED, server_default="uploaded")
    # Why the last analysis has no lyrics although a transcription provider is set (its beats
    # and sections are kept); cleared when lyrics are found.
    lyrics_warning: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.clock_timestamp()
    )


class SongAnalysis(Base):
    """An analysis, keyed by the audio's content and the analyser's version: the same audio
    (another upload, another user's copy) is never analysed twice by the same analyser."""

    __tablename__ = "song_analyses"

    content_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    version: Mapped[str] = mapped_column(String(20), primary_key=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSONB)
    seconds: Mapped[float] = mapped_column(Float)  # how long the analysis took
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class SongLyrics(Base):
    """Lyrics with times, keyed by the audio's content and the service that heard them: a
    re-analysis with the same provider and model costs nothing. Not part of the analysis' own
    key, so the audio analysis stays valid whichever transcription provider is chosen."""

    __tablename__ = "song_lyrics"

    content_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    provider: Mapped[str] = mapped_column(String(20), primary_key=True)
    model: Mapped[str] = mapped_column(String(100), primary_key=True)
    # {"language", "provider", "model", "segments": [{start, end, text, words: [{word, start, end}]}]}
    data: Mapped[dict[str, Any]] = mapped_column(JSONB)
    seconds: Mapped[float] = mapped_column(Float)  # how long the transcription took
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
