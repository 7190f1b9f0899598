"""What the dashboard reads about a music video's upload: where it stands, and the suggested
metadata for the dialog (with the chapters and whether it goes up as a Short)."""

import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from app.youtube.schemas import Privacy


class VideoUploadState(BaseModel):
    video_id: uuid.UUID
    status: Literal["not_uploaded", "uploading", "uploaded", "failed"]
    youtube_video_id: str | None = None
    youtube_url: str | None = None
    youtube_privacy: str | None = Field(default=None, description="As YouTube reports it after the upload")
    upload_warnings: list[str] = Field(default_factory=list)
    uploaded_at: datetime | None = None
    stage: str | None = None
    progress: float | None = Field(default=None, description="0–1 while uploading")
    error_message: str | None = None
    error_code: str | None = None
    retryable: bool = Field(default=False, description="A failed upload that POST …/upload/retry continues")


class ChapterPublic(BaseModel):
    start: int = Field(description="Whole seconds from the start")
    stamp: str = Field(description="As written in the description, e.g. 1:05")
    label: str


class VideoUploadDefaults(BaseModel):
    """Suggested metadata for the dialog; every field is editable there. `description` is what
    the creator writes; the chapters are appended on upload (see `description_preview`)."""

    title: str
    description: str
    tags: list[str]
    privacy: Privacy
    category: str
    made_for_kids: bool | None = Field(description="Always null: the creator must answer")
    contains_synthetic_media: bool
    chapters: list[ChapterPublic] = Field(
        description="Empty when the sections cannot make 3 chapters of 10 s"
    )
    chapters_text: str = Field(description="The block appended to the description")
    short: bool = Field(description="9:16 and under 60 s: goes up as a Short (#Shorts is added)")
    has_lyrics: bool = Field(description="The song has timed lyrics: they can go up as captions")
    quota_cost: int = Field(description="API units this upload will use (insert + thumbnail + captions)")
