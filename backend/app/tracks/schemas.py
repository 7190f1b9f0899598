import uuid
from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, Field, StrictInt, StringConstraints

from app.jobs.schemas import JobPublic
from app.tracks.models import TrackStatus
from app.usage.report import QuotaUse
from app.validation import TEXT

Prompt = Annotated[str, StringConstraints(strip_whitespace=True, min_length=10, max_length=500), TEXT]
# Strict: JSON true, 300.0 or "300" is not a duration (or a seed); only an integer is.
Duration = Annotated[StrictInt, Field(ge=120, le=900, description="Seconds (2 to 15 minutes)")]


class GenerateRequest(BaseModel):
    prompt: Prompt
    duration: Duration
    seed: StrictInt | None = Field(
        default=None, ge=0, le=2**31 - 1, description="Same prompt + seed → same music and art"
    )
    id: uuid.UUID | None = Field(
        default=None,
        description="Optional id chosen by the client, so it can poll GET /api/tracks/{id} while this request runs; "
        "sending the same id again returns that track instead of starting a second one",
    )


class RenderRequest(BaseModel):
    track_id: uuid.UUID


class TrackPublic(BaseModel):
    id: uuid.UUID
    prompt: str
    duration: int
    seed: int
    status: TrackStatus
    stage: str | None = Field(description="The step running now, e.g. 'composing music'")
    progress: int | None = Field(description="Percent of the running step, 0–100")
    error_message: str | None
    failed_stage: str | None = Field(description="generate | render | upload: what POST /retry re-runs")
    music_url: str | None
    image_url: str | None
    video_url: str | None
    youtube_url: str | None
    youtube_video_id: str | None = None
    youtube_privacy: str | None = Field(
        default=None, description="public | unlisted | private, as YouTube reports it"
    )
    upload_warnings: list[str] = Field(
        default_factory=list, description="Upload succeeded, but: e.g. thumbnail refused, forced private"
    )
    music_bytes: int
    video_bytes: int
    created_at: datetime
    updated_at: datetime
    job: JobPublic | None = Field(
        default=None, description="The track's newest job: follow it live at /api/jobs/{id}/events"
    )


class HistoryPage(BaseModel):
    items: list[TrackPublic]
    page: int
    page_size: int
    total: int
    pages: int


class Stats(BaseModel):
    tracks_by_status: dict[str, int]
    total_tracks: int
    storage_bytes: int
    month_generations: int
    monthly_quota: int
    quota_used_percent: float
    quota_alert: bool = Field(description="True past the alert ratio (80 % by default)")
    # Paid providers
    spend_by_provider: dict[str, float] | None = Field(
        default=None,
        description="Estimated USD spent this calendar month per provider (from the call ledger)",
    )
    mubert_quota: QuotaUse | None = Field(
        default=None, description="Mubert tracks this month against the plan; null when Mubert is not in use"
    )


class Waveform(BaseModel):
    peaks: list[float] = Field(description="Peak level per point, 0–1, evenly spaced over the track")
