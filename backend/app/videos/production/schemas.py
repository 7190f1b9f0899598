"""What the production endpoints take and give: scenes and stills, composition options, the
composed output and its share link."""

from typing import Annotated, Literal

from pydantic import BaseModel, Field, StringConstraints

from app.validation import Line, Text
from app.videos.schemas import ClipPublic, VideoPublic

VideoType = Literal["visualizer", "scenery", "story", "lyric"]
SceneWords = Annotated[Text, StringConstraints(strip_whitespace=True, min_length=3, max_length=500)]
Overlay = Annotated[Line, StringConstraints(strip_whitespace=True, max_length=100)]


class SceneUpdate(BaseModel):
    """Paint a still again: a new seed (omitted: the next one), or edited scene words."""

    prompt: SceneWords | None = None
    seed: int | None = Field(default=None, ge=0, le=2**31 - 1)


class OptionsUpdate(BaseModel):
    """How the video is made: its type (steers the scene plan) and the composition's text
    overlays and loudness. Only the fields sent change."""

    video_type: VideoType | None = None
    title: Overlay | None = Field(default=None, description="Shown over the first seconds; empty for none")
    cta: Overlay | None = Field(default=None, description="Call to action over the last seconds")
    captions: bool | None = Field(default=None, description="Lyrics as captions (default: lyric videos)")
    loudnorm: bool | None = Field(
        default=None, description="Normalise to -14 LUFS (default: the song as it is)"
    )


class ScenePublic(BaseModel):
    index: int
    section_index: int
    prompt: str
    framing: str
    motion: str
    intensity: float
    palette: list[str]
    lighting: str
    transition: str
    transition_seconds: float
    seed: int
    provider: str | None
    approved: bool
    still_url: str | None
    clip_indices: list[int]


class ProductionClip(ClipPublic):
    scene_index: int | None
    status: str = Field(description="planned | ready | failed")
    provider: str | None
    error: str | None
    regenerated: bool


class Output(BaseModel):
    url: str
    download_url: str
    bytes: int | None
    duration: float | None


class Regenerations(BaseModel):
    clips: list[int] = Field(description="Clips already regenerated (each may be, once)")
    sections: list[int] = Field(description="Sections already regenerated (each may be, once)")


class VideoType_(BaseModel):
    type: VideoType
    reasons: list[str]


class ProductionVideo(VideoPublic):
    clips: list[ProductionClip]  # type: ignore[assignment]
    video_type: VideoType | None
    suggested_type: VideoType_ | None
    style: dict | None = Field(description="The scene plan's style guide, shared by every still")
    warnings: list[str]
    options: dict
    scenes: list[ScenePublic]
    output: Output | None
    share_path: str | None = Field(description="The share page's path on the dashboard, /v/{token}")
    regenerated: Regenerations
    cost_usd: float = Field(description="Provider spend booked to this video's jobs")


class SharedVideo(BaseModel):
    title: str
    aspect: str
    duration: float | None
    video_url: str


class VideoList(BaseModel):
    items: list[ProductionVideo]


class EstimateLine(BaseModel):
    what: str = Field(description="stills | clips")
    count: int
    usd: float
    providers: list[str]


class Estimate(BaseModel):
    """What the remaining paid calls will cost, from the price table (an estimate)."""

    lines: list[EstimateLine]
    total_usd: float
