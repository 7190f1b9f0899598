"""The planner role: a song's analysis and the creator's prompt → a scene plan.

The plan has two parts: a style guide shared by the whole video (so that every clip looks
like the same film) and scenes. Every clip of the song is mapped to one scene; neighbouring
clips of one section may share a scene, and the storyboard paints one still per scene.

The result models double as the schema a structured-output model fills in, so they use plain
types only: no bounds, lengths or defaults (OpenAI's strict mode refuses some of those, and
the SDK forwards them as they are). Ranges, palette codes and the clip coverage are checked
in code after parsing, by `check_plan`."""

import re
from typing import Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field

VideoType = Literal["visualizer", "scenery", "story", "lyric"]
Aspect = Literal["16:9", "9:16", "1:1"]
Motion = Literal["still", "drift", "zoom_in", "zoom_out", "push", "pan_left", "pan_right", "tilt_up", "orbit"]
Framing = Literal["wide", "medium", "close", "aerial", "low"]
Transition = Literal["cut", "crossfade", "dip"]

VIDEO_TYPES: tuple[VideoType, ...] = ("visualizer", "scenery", "story", "lyric")
ASPECT_SIZES: dict[str, tuple[int, int]] = {"16:9": (1920, 1080), "9:16": (1080, 1920), "1:1": (1080, 1080)}
MAX_TRANSITION_SECONDS = 2.0  # longer blends blur the cut on the beat into mush
HEX = re.compile(r"^#[0-9a-fA-F]{6}$")


# --- the request -------------------------------------------------------------------------
class PlanClip(BaseModel):
    """A clip the plan must fill: where it sits in the song and in which section."""

    index: int
    start: float
    end: float
    section_index: int
    section_label: str  # "intro", "verse", "chorus", "bridge", "outro", or "A"/"B"… when unclear
    section_group: str = ""  # sections that sound alike share this letter
    section_note: str = ""  # the creator's words for the section
    energy: float = Field(ge=0, le=1)
    lyrics: list[str] = []

    @property
    def duration(self) -> float:
        return self.end - self.start


class PlanRequest(BaseModel):
    prompt: str  # the creator's words for the video
    video_type: VideoType = "scenery"
    aspect: Aspect = "16:9"
    tempo: float | None = None
    key: str | None = None  # e.g. "A minor"
    mode: str | None = None  # "major" / "minor"
    mood: list[str] = []
    genre: str | None = None
    clips: list[PlanClip]

    @property
    def duration(self) -> float:
        return max((c.end for c in self.clips), default=0.0)


# --- the result (also the strict structured-output schema) --------------------------------
class StyleGuide(BaseModel):
    model_config = ConfigDict(extra="forbid")

    medium: str = Field(description="How it is made: e.g. 'soft matte painting', '35 mm film still'")
    world: str = Field(description="The one place or world every scene belongs to, in a few words")
    palette: list[str] = Field(description="Four to six colours as #rrggbb, darkest first")
    lighting: str = Field(description="The light of the whole video: source, time of day, quality")
    camera: str = Field(description="Camera language: lenses, speed of moves, what it never does")
    motifs: list[str] = Field(description="One to four recurring objects or forms")
    metaphor: str = Field(description="The visual metaphor the song is told through")
    transitions: str = Field(description="The transition policy: when to cut, blend or dip")


class Scene(BaseModel):
    model_config = ConfigDict(extra="forbid")

    index: int = Field(description="0-based, in order of appearance")
    section_index: int
    prompt: str = Field(description="What is seen, self-contained image prompt, never text or letters")
    framing: Framing
    motion: Motion
    intensity: float = Field(description="How fast and far the camera moves, 0 (barely) to 1 (strong)")
    palette: list[str] = Field(
        description="Two to four #rrggbb colours of this scene, from the style palette"
    )
    lighting: str
    transition: Transition = Field(description="How this scene begins")
    transition_seconds: float = Field(description="Length of the crossfade or dip, 0 for a cut, at most 2")
    caption_space: bool = Field(description="True when the frame keeps a calm area for lyric captions")


class ClipScene(BaseModel):
    model_config = ConfigDict(extra="forbid")

    clip_index: int
    scene_index: int


class ScenePlan(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: str
    style: StyleGuide
    scenes: list[Scene]
    clips: list[ClipScene] = Field(description="Every clip_index of the request once, in order")

    def scene_of(self, clip_index: int) -> Scene:
        by_clip = {c.clip_index: c.scene_index for c in self.clips}
        return self.scenes[by_clip[clip_index]]

    def shots(self) -> list["Shot"]:
        """Per clip, what the animator needs: the scene, and the transition into the clip (a
        clip that continues its predecessor's scene starts with a plain cut)."""
        shots, previous = [], None
        for c in sorted(self.clips, key=lambda c: c.clip_index):
            scene = self.scenes[c.scene_index]
            fresh = c.scene_index != previous
            shots.append(
                Shot(
                    clip_index=c.clip_index,
                    scene_index=c.scene_index,
                    motion=scene.motion,
                    intensity=scene.intensity,
                    transition=scene.transition if fresh else "cut",
                    transition_seconds=scene.transition_seconds if fresh else 0.0,
                )
            )
            previous = c.scene_index
        return shots


class Shot(BaseModel):
    clip_index: int
    scene_index: int
    motion: Motion
    intensity: float
    transition: Transition
    transition_seconds: float


def check_plan(plan: ScenePlan, request: PlanRequest) -> list[str]:
    """What is wrong with a plan for this request (empty when it is sound): the checks the
    schema cannot carry. A plan from a language model is refused when this finds anything."""
    problems: list[str] = []
    wanted = [c.index for c in request.clips]
    given = [c.clip_index for c in plan.clips]
    if sorted(given) != sorted(wanted):
        problems.append("the plan does not cover every clip exactly once")
    if not plan.scenes:
        problems.append("the plan has no scenes")
    if [s.index for s in plan.scenes] != list(range(len(plan.scenes))):
        problems.append("scenes are not numbered 0, 1, 2 … in order")
    if any(not 0 <= c.scene_index < len(plan.scenes) for c in plan.clips):
        problems.append("a clip points at a scene that does not exist")
        return problems
    used = {c.scene_index for c in plan.clips}
    if len(used) != len(plan.scenes):
        problems.append("a scene is used by no clip")
    clips = {c.index: c for c in request.clips}
    order = [c.scene_index for c in sorted(plan.clips, key=lambda c: c.clip_index)]
    seen: set[int] = set()
    for k, scene_index in enumerate(order):
        if scene_index in seen and order[k - 1] != scene_index:
            problems.append(f"scene {scene_index} is used by clips that are not neighbours")
            break
        seen.add(scene_index)
    for c in plan.clips:
        clip = clips.get(c.clip_index)
        if clip is not None and plan.scenes[c.scene_index].section_index != clip.section_index:
            problems.append(f"clip {c.clip_index} shares a scene across sections")
            break
    for name, codes in [("style", plan.style.palette)] + [
        (f"scene {s.index}", s.palette) for s in plan.scenes
    ]:
        if not codes or not all(HEX.match(code) for code in codes):
            problems.append(f"the {name} palette is not a list of #rrggbb colours")
    if not 3 <= len(plan.style.palette) <= 8:
        problems.append("the style palette needs three to eight colours")
    for s in plan.scenes:
        if not 0 <= s.intensity <= 1:
            problems.append(f"scene {s.index}: intensity {s.intensity} is outside 0–1")
        if not 0 <= s.transition_seconds <= MAX_TRANSITION_SECONDS:
            problems.append(f"scene {s.index}: transition of {s.transition_seconds} s is outside 0–2 s")
        if s.transition == "cut" and s.transition_seconds != 0:
            problems.append(f"scene {s.index}: a cut lasts 0 s")
        if not s.prompt.strip():
            problems.append(f"scene {s.index} has an empty prompt")
    return problems


class PlannerProvider(Protocol):
    name: str

    def plan(self, *, request: PlanRequest) -> ScenePlan: ...
