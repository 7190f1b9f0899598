"""The planner role: a song's analysis and the creator's prompt → a scene plan, one image
prompt (with motion and transition) per clip. Used by the music-video pipeline; the schema
is what a structured-output model must fill in, so every field is required and plain."""

from typing import Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field


class ClipSlot(BaseModel):
    """A clip the plan must fill: where it sits in the song and in which section."""

    index: int
    start: float
    end: float
    section: str  # e.g. "intro", "verse", "chorus"
    energy: float = Field(ge=0, le=1)


class PlanRequest(BaseModel):
    prompt: str  # the creator's words for the video
    duration: float
    bpm: float | None = None
    key: str | None = None
    mood: list[str] = []
    clips: list[ClipSlot]


class Scene(BaseModel):
    model_config = ConfigDict(extra="forbid")

    clip_index: int
    prompt: str = Field(description="Image prompt for this clip, self-contained, no text in the image")
    motion: Literal["zoom_in", "zoom_out", "pan_left", "pan_right", "drift", "still"]
    transition: Literal["cut", "crossfade"] = Field(description="How this clip starts")


class ScenePlan(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: str
    style: str = Field(description="Visual style shared by every scene: medium, palette, lighting")
    palette: list[str] = Field(description="Three to six colour names or hex codes")
    scenes: list[Scene]

    def covers(self, request: PlanRequest) -> bool:
        return sorted(s.clip_index for s in self.scenes) == sorted(c.index for c in request.clips)


class PlannerProvider(Protocol):
    name: str

    def plan(self, *, request: PlanRequest) -> ScenePlan: ...
