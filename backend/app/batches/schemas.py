import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field, StrictBool

from app.tracks.schemas import Duration, Prompt, TrackPublic

ItemStatus = Literal["pending", "generating", "rendering", "uploading", "success", "failed"]


class BatchUploadOptions(BaseModel):
    """Applied to every item; titles, descriptions and tags come from each track's defaults."""

    privacy: Literal["public", "unlisted", "private"] = "private"
    made_for_kids: StrictBool = Field(
        description="Required by YouTube (COPPA): are these videos made for children?"
    )
    contains_synthetic_media: StrictBool = True
    category: str = Field(default="10", pattern=r"^\d{1,3}$")


class BatchCreate(BaseModel):
    id: uuid.UUID | None = Field(
        default=None,
        description="Optional id chosen by the client so it can poll GET /api/batch/{id} while this "
        "request runs; sending it again returns that batch instead of starting another",
    )
    prompts: list[Prompt] = Field(min_length=1, max_length=10)
    duration: Duration
    render: StrictBool = False
    upload: BatchUploadOptions | None = Field(default=None, description="Upload each video (implies render)")


class BatchItemPublic(BaseModel):
    id: uuid.UUID
    position: int
    prompt: str
    status: ItemStatus
    stage: str | None = Field(description="The running step of this item's track")
    progress: int | None = Field(description="Percent of that step, 0–100")
    error_message: str | None
    track: TrackPublic | None
    started_at: datetime | None
    completed_at: datetime | None
    elapsed_seconds: float | None


class BatchSummary(BaseModel):
    id: uuid.UUID
    status: Literal["processing", "completed"]
    total: int
    successful: int
    failed: int
    duration_seconds: int
    created_at: datetime
    completed_at: datetime | None


class BatchPublic(BatchSummary):
    render: bool
    upload: BatchUploadOptions | None
    elapsed_seconds: float
    eta_seconds: float | None = Field(description="Estimated seconds left, from the items finished so far")
    items: list[BatchItemPublic]
