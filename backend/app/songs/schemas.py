import uuid
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

from app.jobs.schemas import JobPublic
from app.songs.models import SongStatus


class SongFromTrack(BaseModel):
    track_id: uuid.UUID


class SongPublic(BaseModel):
    id: uuid.UUID
    title: str
    format: str = Field(description="mp3 | wav | flac | m4a | ogg")
    codec: str
    duration: float = Field(description="Seconds, as decoded")
    sample_rate: int
    channels: int
    bytes: int
    source: str = Field(description="upload | track")
    track_id: uuid.UUID | None
    status: SongStatus
    audio_url: str | None = Field(description="Signed link to the file (works in <audio>)")
    job: JobPublic | None = Field(default=None, description="The newest analysis job")
    created_at: datetime


class SongList(BaseModel):
    items: list[SongPublic]


class LyricWordPublic(BaseModel):
    word: str
    start: float | None = Field(description="Seconds; null when the word could not be placed in time")
    end: float | None


class LyricSegmentPublic(BaseModel):
    start: float = Field(description="Seconds from the song's start")
    end: float
    text: str
    words: list[LyricWordPublic]


class LyricsPublic(BaseModel):
    language: str | None = Field(description="As the service names it (e.g. 'english'); null if unsaid")
    provider: str = Field(description="openai | replicate")
    model: str
    segments: list[LyricSegmentPublic] = Field(description="Sung lines in order, with word times")


LyricsStatus = Literal["not_configured", "transcribed", "instrumental", "failed", "not_transcribed"]


class AnalysisPublic(BaseModel):
    song_id: uuid.UUID
    version: str = Field(description="Analyser version: results are cached by content and version")
    seconds: float = Field(description="How long the analysis took")
    unsure: list[str] = Field(description="What the analysis is not sure of, for the creator to check")
    analysis: dict[str, Any] = Field(
        description="Tempo, beats, downbeats, meter, sections, energy per beat, "
        "key, mood, genre, loudness, confidences"
    )
    lyrics: LyricsPublic | None = Field(
        default=None,
        description="Lyrics with segment and word times; null when instrumental or not transcribed",
    )
    lyrics_status: LyricsStatus = Field(
        default="not_configured",
        description="not_configured (no TRANSCRIPTION_PROVIDER) | transcribed | instrumental (nothing sung "
        "was heard) | failed (see warnings; the audio analysis is intact) | not_transcribed (a provider "
        "was chosen after this analysis: analyse again)",
    )
    warnings: list[str] = Field(
        default_factory=list, description="What went wrong without spoiling the analysis"
    )
