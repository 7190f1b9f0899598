"""The ad's scene plan: 3–8 scenes whose lengths add up to the brief's duration exactly, each
with what is seen (the product named in it), framing, motion and the transition into it (a
cut, or a 0.5 s crossfade).

The result reuses the planner's Scene and adds the scene's length and its part in the ad; as
the schema a language model fills in it keeps to plain types (see planning.py). Lengths are
worked in whole milliseconds so that the sum is exact, and when the music has a beat the
boundaries between scenes move to the nearest beat within ±0.25 s — the first scene still
starts at 0 and the last still ends at the brief's duration."""

import bisect
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from app.providers.planning import HEX, MAX_TRANSITION_SECONDS, Scene

Role = Literal["hook", "audience", "message", "product", "cta"]
MIN_SCENES, MAX_SCENES = 3, 8
SNAP_SECONDS = 0.25  # a boundary moves to a beat only this far
MIN_SCENE_SECONDS = 1.5  # shorter scenes read as a flicker, not a shot
CROSSFADE_SECONDS = 0.5
CALM = frozenset(
    [
        "calm",
        "gentle",
        "dreamy",
        "serene",
        "soothing",
        "relaxed",
        "peaceful",
        "tender",
        "elegant",
        "luxurious",
        "warm",
        "cozy",
        "cosy",
        "chill",
    ]
)


class AdPlanRequest(BaseModel):
    """What the ad planner gets: the brief's fields and the chosen direction's style guide."""

    product: str
    audience: str = ""
    tone: list[str] = []
    style_keywords: list[str] = []
    key_messages: list[str] = []
    call_to_action: str = ""
    duration: int
    aspect: str = "16:9"
    style: dict = {}
    tempo: float | None = None


class AdScene(Scene):
    model_config = ConfigDict(extra="forbid")

    duration: float = Field(description="Seconds on screen; all scenes add up to the ad's duration")
    role: Role = Field(description="hook (names the product), audience, message, product, cta (last)")


class AdPlan(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: str
    scenes: list[AdScene]


def scene_count(duration: int) -> int:
    return {15: 3, 30: 5, 45: 6, 60: 8}.get(duration, max(MIN_SCENES, min(MAX_SCENES, round(duration / 7.5))))


def roles_for(count: int, messages: int) -> list[Role]:
    """Hook first, call to action last; messages, then audience and product shots between."""
    middle: list[Role] = []
    fill: list[Role] = ["message"] * max(1, min(messages, count - 2))
    extra: list[Role] = ["product", "audience", "product", "message", "product", "audience"]
    middle = fill + extra
    return ["hook", *middle[: count - 2], "cta"]


WEIGHTS = {"hook": 1.0, "audience": 1.0, "message": 1.2, "product": 1.1, "cta": 1.0}


def split_ms(total_ms: int, weights: list[float]) -> list[int]:
    """Whole milliseconds in proportion to the weights, summing to total_ms exactly."""
    raw = [total_ms * w / sum(weights) for w in weights]
    parts = [int(r) for r in raw]
    short = total_ms - sum(parts)
    for i in sorted(range(len(raw)), key=lambda i: raw[i] - parts[i], reverse=True)[:short]:
        parts[i] += 1
    return parts


def _prompt(role: Role, r: AdPlanRequest, n: int) -> tuple[str, str, str]:
    """(what is seen, framing, motion) for a scene of this role; the product is always named."""
    p, who = r.product, r.audience or "people"
    messages = r.key_messages or [f"why {p} matters"]
    world = r.style.get("world", "a bright space")
    if role == "hook":
        return f"{p} revealed as the hero, centred in {world}", "close", "push"
    if role == "audience":
        return f"{who} enjoying {p} in {world}", "medium", "drift"
    if role == "message":
        return f"{p} showing: {messages[n % len(messages)]}, in {world}", "medium", "zoom_in"
    if role == "product":
        return f"detail of {p}: texture, shape and finish, in {world}", "close", "orbit"
    return f"{p} framed with calm space for the call to action, in {world}", "wide", "zoom_out"


def plan_locally(r: AdPlanRequest) -> AdPlan:
    count = scene_count(r.duration)
    roles = roles_for(count, len(r.key_messages))
    lengths = split_ms(r.duration * 1000, [WEIGHTS[role] for role in roles])
    calm = bool(CALM & {t.lower() for t in r.tone})
    palette = [c for c in r.style.get("palette", []) if HEX.match(c)] or ["#1d2b3a", "#6b8fa3", "#f2c9a0"]
    message_n = 0
    scenes = []
    for i, (role, ms) in enumerate(zip(roles, lengths, strict=True)):
        prompt, framing, motion = _prompt(role, r, message_n)
        message_n += role == "message"
        blend = i > 0 and (calm or role == "cta")
        scenes.append(
            AdScene(
                index=i,
                section_index=i,
                prompt=prompt,
                framing=framing,
                motion=motion,
                intensity=0.3 if calm else 0.6,
                palette=[palette[(i + k) % len(palette)] for k in range(3)],
                lighting=r.style.get("lighting", "soft even light"),
                transition="crossfade" if blend else "cut",
                transition_seconds=CROSSFADE_SECONDS if blend else 0.0,
                caption_space=role in ("hook", "cta"),
                duration=ms / 1000,
                role=role,
            )
        )
    return AdPlan(title=r.product, scenes=scenes)


def check_ad_plan(plan: AdPlan, r: AdPlanRequest) -> list[str]:
    problems = []
    if not MIN_SCENES <= len(plan.scenes) <= MAX_SCENES:
        problems.append(f"the plan has {len(plan.scenes)} scenes, not 3 to 8")
    if [s.index for s in plan.scenes] != list(range(len(plan.scenes))):
        problems.append("scenes are not numbered 0, 1, 2 … in order")
    if any(s.duration < MIN_SCENE_SECONDS for s in plan.scenes):
        problems.append(f"a scene is shorter than {MIN_SCENE_SECONDS} s")
    total = sum(s.duration for s in plan.scenes)
    if abs(total - r.duration) > 0.5:
        problems.append(f"the scenes last {total:.2f} s, not {r.duration} s")
    for s in plan.scenes:
        if s.transition == "cut" and s.transition_seconds != 0:
            problems.append(f"scene {s.index}: a cut lasts 0 s")
        if not 0 <= s.transition_seconds <= MAX_TRANSITION_SECONDS:
            problems.append(f"scene {s.index}: transition outside 0–2 s")
        if not 0 <= s.intensity <= 1:
            problems.append(f"scene {s.index}: intensity outside 0–1")
        if not s.palette or not all(HEX.match(c) for c in s.palette):
            problems.append(f"scene {s.index}: the palette is not #rrggbb colours")
        if not s.prompt.strip():
            problems.append(f"scene {s.index} has an empty prompt")
    return problems


def settle(plan: AdPlan, r: AdPlanRequest) -> AdPlan:
    """The plan made exact and fit for the pipeline: lengths in whole ms summing to the
    duration (a model's small rounding goes to the longest scene), scenes numbered as their
    own sections, the product named in every scene, crossfades of 0.5 s, a first scene cut in."""
    ms = [round(s.duration * 1000) for s in plan.scenes]
    longest = max(range(len(ms)), key=lambda i: ms[i])
    ms[longest] += r.duration * 1000 - sum(ms)
    scenes = []
    for i, (s, length) in enumerate(zip(plan.scenes, ms, strict=True)):
        prompt = s.prompt if r.product.lower() in s.prompt.lower() else f"{r.product}: {s.prompt}"
        transition = "cut" if i == 0 or s.transition == "cut" else "crossfade"
        scenes.append(
            s.model_copy(
                update={
                    "index": i,
                    "section_index": i,
                    "prompt": prompt,
                    "transition": transition,
                    "transition_seconds": 0.0 if transition == "cut" else CROSSFADE_SECONDS,
                    "duration": length / 1000,
                }
            )
        )
    return AdPlan(title=plan.title or r.product, scenes=scenes)


def boundaries_ms(plan: AdPlan) -> list[int]:
    """[0, end of scene 0, …, duration] in whole milliseconds."""
    edges = [0]
    for s in plan.scenes:
        edges.append(edges[-1] + round(s.duration * 1000))
    return edges


def snap_to_beats(edges: list[int], beats: list[float]) -> list[int]:
    """Inner boundaries moved to the nearest beat within ±0.25 s, never past a neighbour's
    minimum length; the first (0) and last (the duration) stay where they are."""
    if not beats:
        return list(edges)
    beat_ms = sorted(round(b * 1000) for b in beats)
    out = list(edges)
    floor = round(MIN_SCENE_SECONDS * 1000)
    for i in range(1, len(edges) - 1):
        t = edges[i]
        j = bisect.bisect_left(beat_ms, t)
        near = [beat_ms[k] for k in (j - 1, j) if 0 <= k < len(beat_ms)]
        if not near:
            continue
        best = min(near, key=lambda b: (abs(b - t), b))
        if (
            abs(best - t) <= SNAP_SECONDS * 1000
            and best - out[i - 1] >= floor
            and edges[i + 1] - best >= floor
        ):
            out[i] = best
    return out


def with_edges(plan: AdPlan, edges: list[int]) -> AdPlan:
    scenes = [
        s.model_copy(update={"duration": (edges[i + 1] - edges[i]) / 1000}) for i, s in enumerate(plan.scenes)
    ]
    return AdPlan(title=plan.title, scenes=scenes)
