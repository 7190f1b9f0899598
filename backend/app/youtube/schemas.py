import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Annotated, Literal

from pydantic import (
    AwareDatetime,
    BaseModel,
    Field,
    StrictBool,
    StringConstraints,
    ValidationInfo,
    field_validator,
)

from app.validation import LINE, TEXT

Privacy = Literal["public", "unlisted", "private"]
MAX_TAGS_CHARS = 500
MAX_DESCRIPTION_BYTES = 5000
# YouTube refuses < and > in titles, descriptions and tags: said in the schema, checked below.
YT_LINE, YT_TEXT = LINE.documenting("<>"), TEXT.documenting("<>")


def tags_length(tags: list[str]) -> int:
    """Length as YouTube counts it: a tag with a space is quoted (+2), tags are comma-separated."""
    return sum(len(t) + (2 if " " in t else 0) for t in tags) + max(0, len(tags) - 1)


def _no_angle_brackets(value: str) -> str:
    if "<" in value or ">" in value:
        raise ValueError("YouTube does not allow the characters < and >")
    return value


class UploadMetadata(BaseModel):
    """What the creator chooses for any upload (a track's video or a music video)."""

    title: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100), YT_LINE]
    description: Annotated[str, StringConstraints(max_length=MAX_DESCRIPTION_BYTES), YT_TEXT] = Field(
        default="", description=f"Up to {MAX_DESCRIPTION_BYTES} bytes (UTF-8), as YouTube counts"
    )
    tags: list[
        Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100), YT_LINE]
    ] = Field(
        default_factory=list,
        description=f"At most {MAX_TAGS_CHARS} characters in all, counted as YouTube does "
        "(commas between tags, quotes around tags with spaces)",
    )
    privacy: Privacy = "private"
    category: Annotated[str, StringConstraints(pattern=r"^\d{1,3}$")] = Field(
        default="10", description="YouTube category id; 10 = Music"
    )
    made_for_kids: StrictBool = Field(
        description="Required by YouTube (COPPA): is the video made for children?"
    )
    contains_synthetic_media: StrictBool = Field(
        default=True, description="Disclose altered or synthetic content (AI-generated music and art)"
    )
    publish_at: AwareDatetime | None = Field(
        default=None,
        description="Schedule: a future time with timezone; YouTube needs privacy 'private' for it",
    )

    @field_validator("title")
    @classmethod
    def _title(cls, v: str) -> str:
        return _no_angle_brackets(v)

    @field_validator("description")
    @classmethod
    def _description(cls, v: str) -> str:
        v = v.strip()
        if len(v.encode()) > MAX_DESCRIPTION_BYTES:
            raise ValueError(
                f"must be at most {MAX_DESCRIPTION_BYTES} bytes (UTF-8); it is {len(v.encode())}"
            )
        return _no_angle_brackets(v)

    @field_validator("tags")
    @classmethod
    def _tags(cls, v: list[str]) -> list[str]:
        seen: dict[str, str] = {}
        for tag in v:
            seen.setdefault(_no_angle_brackets(tag).lower(), tag)  # YouTube ignores repeated tags
        tags = list(seen.values())
        if tags_length(tags) > MAX_TAGS_CHARS:
            raise ValueError(
                f"must be at most {MAX_TAGS_CHARS} characters in all as YouTube counts them; "
                f"these are {tags_length(tags)}"
            )
        return tags

    @field_validator("publish_at")
    @classmethod
    def _publish_at(cls, v: datetime | None, info: ValidationInfo) -> datetime | None:
        if v is None:
            return v
        if v <= datetime.now(UTC) + timedelta(minutes=1):
            raise ValueError("must be in the future")
        if info.data.get("privacy") != "private":
            raise ValueError(
                "scheduling needs privacy 'private' (YouTube makes the video public at that time)"
            )
        return v.astimezone(UTC)


class UploadRequest(UploadMetadata):
    track_id: uuid.UUID


class VideoUploadRequest(UploadMetadata):
    chapters: StrictBool = Field(
        default=True,
        description="Append chapters made from the sections (0:00 Intro, …) to the description",
    )
    captions: StrictBool = Field(
        default=True, description="Add the song's lyrics as a caption track when it has lyrics"
    )


class UploadDefaults(BaseModel):
    """Suggested metadata for the upload dialog; every field is editable there."""

    title: str
    description: str
    tags: list[str]
    privacy: Privacy
    category: str
    made_for_kids: bool | None = Field(description="Always null: the creator must answer")
    contains_synthetic_media: bool
    quota_cost: int = Field(description="API units this upload will use (insert + thumbnail)")


class QuotaPublic(BaseModel):
    day: date = Field(description="The Pacific-time day Google counts the quota in")
    used: int
    limit: int
    remaining: int
    resets_at: datetime = Field(description="Next midnight Pacific time, in UTC")


class YouTubeStatus(BaseModel):
    configured: bool = Field(description="False when the studio has no Google OAuth client set up")
    connected: bool
    channel_id: str | None = None
    channel_title: str | None = None
    token_expires_at: datetime | None = None
    needs_reconnect: bool = False
    reconnect_reason: str | None = None
    quota: QuotaPublic


class AuthUrl(BaseModel):
    auth_url: str = Field(description="Google's consent page; send the browser there")
