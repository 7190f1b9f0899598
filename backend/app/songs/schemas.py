import uuid
from datetime import datetime
from typing import Any

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


class AnalysisPublic(BaseModel):
    song_id: uuid.UUID
    version: str = Field(description="Analyser version: results are cached by content and version")
    seconds: float = Field(description="How long the analysis took")
    unsure: list[str] = Field(description="What the analysis is not sure of, for the creator to check")
    analysis: dict[str, Any] = Field(
        description="Tempo, beats, downbeats, meter, sections, energy per beat, "
        "key, mood, genre, loudness, confidences"
    )
