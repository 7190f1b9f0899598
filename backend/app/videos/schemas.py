import uuid
from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, Field, StringConstraints

from app.validation import Line, Text
from app.videos.models import VideoStatus

VideoPrompt = Annotated[Text, StringConstraints(strip_whitespace=True, min_length=10, max_length=500)]


class VideoCreate(BaseModel):
    song_id: uuid.UUID
    prompt: VideoPrompt
    aspect: Literal["16:9", "9:16"] = "16:9"


class SectionBody(BaseModel):
    start: float = Field(ge=0)
    end: float = Field(ge=0)
    label: Annotated[Line, StringConstraints(min_length=1, max_length=20)]
    note: Annotated[Line, StringConstraints(max_length=100)] = ""


class SectionsReplace(BaseModel):
    sections: list[SectionBody] = Field(min_length=1, max_length=200)
    any_beat: bool = Field(default=False, description="Snap boundaries to any beat, not only downbeats")


class SectionEdit(BaseModel):
    """One edit: split at a time, merge a section with the next, move a section's start,
    relabel, or set a note. Boundaries snap to the nearest downbeat (any beat with any_beat)."""

    op: Literal["split", "merge", "move", "relabel", "note"]
    index: int | None = Field(default=None, ge=0, description="The section (0-based); not for split")
    at: float | None = Field(default=None, ge=0, description="split: where; move: the section's new start")
    label: Annotated[Line, StringConstraints(min_length=1, max_length=20)] | None = None
    note: Annotated[Line, StringConstraints(max_length=100)] | None = None
    any_beat: bool = False


class GridEdit(BaseModel):
    """Correct the beat grid: double or halve the tempo, shift the downbeat by whole beats,
    move every beat to the off-beat (half a beat later), nudge every beat by milliseconds, or
    set the beats per bar."""

    op: Literal["double", "halve", "shift", "offbeat", "nudge", "meter"]
    by: int | None = Field(default=None, ge=-16, le=16, description="shift: beats (+ later, - earlier)")
    ms: float | None = Field(default=None, ge=-1000, le=1000, description="nudge: milliseconds")
    beats_per_bar: int | None = Field(default=None, ge=1, le=16, description="meter")
    first_downbeat: float | None = Field(default=None, ge=0, description="meter: a downbeat to count from")


class GridPublic(BaseModel):
    tempo: float
    beats_per_bar: int
    beats: list[float]
    downbeats: list[float]


class SectionPublic(BaseModel):
    index: int
    start: float
    end: float
    label: str
    note: str


class ClipPublic(BaseModel):
    index: int
    start: float
    end: float
    duration: float
    section_index: int
    section_label: str
    energy: float = Field(description="Mean energy over the clip's beats, 0–1")
    lyrics: list[str]


class VideoPublic(BaseModel):
    id: uuid.UUID
    song_id: uuid.UUID
    kind: str
    prompt: str
    aspect: str
    status: VideoStatus
    duration: float
    grid: GridPublic
    sections: list[SectionPublic]
    clips: list[ClipPublic] = Field(description="The clip plan; empty until POST …/clips/plan")
    created_at: datetime
    updated_at: datetime
