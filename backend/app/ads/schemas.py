"""What the brief endpoints take and give. Free text goes through the API's Line rules (no
control characters) with lengths that also fit the video's text overlays, so whatever a
brief holds can be shown on screen as typed."""

import uuid
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, Field, StringConstraints

from app.jobs.schemas import JobPublic
from app.validation import Line, Text

PRODUCT_MAX, AUDIENCE_MAX, CTA_MAX, MESSAGE_MAX = 100, 200, 80, 100
WORD_MAX, KEYWORD_MAX = 30, 40
DURATIONS = (15, 30, 45, 60)
Duration = Literal[15, 30, 45, 60]
Aspect = Literal["16:9", "9:16", "1:1"]


def _lower(value: str) -> str:
    return value.lower()


Product = Annotated[Line, StringConstraints(strip_whitespace=True, max_length=PRODUCT_MAX)]
Audience = Annotated[Line, StringConstraints(strip_whitespace=True, max_length=AUDIENCE_MAX)]
Word = Annotated[Line, StringConstraints(strip_whitespace=True, min_length=1, max_length=WORD_MAX)]
Keyword = Annotated[Line, StringConstraints(strip_whitespace=True, min_length=1, max_length=KEYWORD_MAX)]
Message = Annotated[Line, StringConstraints(strip_whitespace=True, min_length=1, max_length=MESSAGE_MAX)]
Cta = Annotated[Line, StringConstraints(strip_whitespace=True, max_length=CTA_MAX)]
# The pattern is in the schema too, so a client (and the typed dashboard) knows the rule.
HexColor = Annotated[
    str, StringConstraints(strip_whitespace=True, pattern=r"^#[0-9a-fA-F]{6}$"), AfterValidator(_lower)
]


class BriefFields(BaseModel):
    """Every field of a brief; all may be left out at first (the chat asks for what is missing)."""

    product: Product = Field(default="", description="The product or subject the ad is about")
    audience: Audience = Field(default="", description="Who it is for")
    tone: list[Word] = Field(default=[], max_length=8, description="Tone words, e.g. calm, bold")
    style_keywords: list[Keyword] = Field(default=[], max_length=12, description="Visual style keywords")
    key_messages: list[Message] = Field(default=[], max_length=5)
    call_to_action: Cta = ""
    duration: Duration | None = Field(default=None, description="Seconds: 15, 30, 45 or 60")
    aspect: Aspect | None = None
    brand_colors: list[HexColor] = Field(default=[], max_length=4, description="#rrggbb")
    song_id: uuid.UUID | None = Field(
        default=None, description="A song of your library as the music instead of generated music"
    )


class BriefCreate(BriefFields):
    pass


class BriefUpdate(BaseModel):
    """Only the fields sent change."""

    product: Product | None = None
    audience: Audience | None = None
    tone: list[Word] | None = Field(default=None, max_length=8)
    style_keywords: list[Keyword] | None = Field(default=None, max_length=12)
    key_messages: list[Message] | None = Field(default=None, max_length=5)
    call_to_action: Cta | None = None
    duration: Duration | None = None
    aspect: Aspect | None = None
    brand_colors: list[HexColor] | None = Field(default=None, max_length=4)
    song_id: uuid.UUID | None = None


class ChatMessage(BaseModel):
    message: Annotated[Text, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]


class Turn(BaseModel):
    role: Literal["user", "assistant"]
    text: str
    field: str | None = None


class Direction(BaseModel):
    index: int
    name: str
    keywords: list[str]
    palette: list[str]
    guide: dict[str, Any]
    still_urls: list[str | None]
    chosen: bool


class PaintingEstimate(BaseModel):
    """What painting the mood boards (twelve stills) will cost with the configured image role."""

    stills: int
    usd: float | None = Field(description="None when the image role is not configured")
    providers: list[str]


class BriefPublic(BriefFields):
    id: uuid.UUID
    missing: list[str] = Field(description="Fields the ad still needs before it can be made")
    transcript: list[Turn]
    moodboards: list[Direction]
    moodboards_estimate: PaintingEstimate
    chosen: int | None
    video_id: uuid.UUID | None
    music_song_id: uuid.UUID | None
    warnings: list[str]
    job: JobPublic | None
    created_at: datetime
    updated_at: datetime


class BriefList(BaseModel):
    items: list[BriefPublic]


class ChatReply(BaseModel):
    reply: str
    provider: str = Field(description="local | openai")
    filled: list[str] = Field(description="The fields this message filled or changed")
    warnings: list[str]
    brief: BriefPublic


class AdVideoCreated(BaseModel):
    video_id: uuid.UUID
    brief: BriefPublic
