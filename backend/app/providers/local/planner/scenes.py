"""Scenes of a local plan, by rules over the sections and their energy:

- each section gets a role (intro, verse, chorus, bridge, outro; letters and unknown labels
  are given one by their place and loudness), and the role sets framing, camera motion,
  light and the transition into its scenes, so a chorus looks and moves unlike a verse;
- energy drives motion: the louder the clip, the stronger the move and the shorter the scene
  (calm neighbours share a scene, loud clips each get their own);
- the bridge changes the view (from above or below, other light, a dip through black);
  intro and outro are wide and calm;
- sections that sound alike (same group, or same label) carry the same motif, so a returning
  chorus is recognisable;
- the video type steers the pictures: story scenes progress through the song, lyric scenes
  keep calm space for captions, visualizer scenes are abstract forms.
Everything is a function of the request: the same request gives the same plan."""

from dataclasses import dataclass

from app.providers.planning import (
    MAX_TRANSITION_SECONDS,
    ClipScene,
    Framing,
    Motion,
    PlanClip,
    PlanRequest,
    Scene,
    StyleGuide,
    Transition,
)

ROLES = ("intro", "verse", "chorus", "bridge", "outro")
ALIASES = {
    "pre-chorus": "verse",
    "prechorus": "verse",
    "refrain": "chorus",
    "hook": "chorus",
    "drop": "chorus",
    "breakdown": "bridge",
    "interlude": "bridge",
    "middle": "bridge",
    "solo": "bridge",
    "ending": "outro",
    "coda": "outro",
}
FRAMINGS: dict[str, tuple[Framing, ...]] = {
    "intro": ("wide", "wide", "aerial"),
    "verse": ("medium", "wide", "medium", "low"),
    "chorus": ("close", "medium", "close", "wide"),
    "bridge": ("aerial", "low", "aerial"),
    "outro": ("wide", "aerial", "wide"),
}
FRAMING_WORDS = {
    "wide": "wide establishing view of",
    "medium": "medium view within",
    "close": "close view, shallow depth, in",
    "aerial": "high aerial view looking down over",
    "low": "low-angle view from the ground up into",
}
ROLE_LIGHT = {
    "intro": "dim and soft, the light only beginning",
    "verse": "soft, even",
    "chorus": "bright and glowing, strong backlight and bloom",
    "bridge": "changed light: cooler, from another side",
    "outro": "fading, the light going down",
}
ROLE_WORDS = {
    "intro": "still and empty, the world waking",
    "verse": "quiet detail, gentle movement",
    "chorus": "the motif at full strength, luminous and open",
    "bridge": "a new angle on the same world",
    "outro": "everything settling, wide and calm",
}
STORY_STAGES = (
    "the journey begins at the edge of",
    "travelling deeper into",
    "the way rises through",
    "the turning point high above",
    "homecoming through",
)
CALM = 0.45  # at or below: neighbouring clips of a section may share one scene
LOUD = 0.65  # at or above: cut straight into the scene
MAX_SHARED_SECONDS = 16.0


@dataclass(frozen=True)
class SectionFacts:
    index: int
    label: str
    group: str
    note: str
    role: str
    energy: float
    first: bool
    last: bool


def _label_role(label: str) -> str | None:
    word = label.strip().lower().rstrip("0123456789 ")
    word = ALIASES.get(word, word)
    return word if word in ROLES else None


def sections_of(request: PlanRequest) -> dict[int, SectionFacts]:
    """Each section's role and mean energy. Unnamed sections (A, B, …) become intro/outro at the
    ends when quiet, chorus when among the loudest, verse otherwise."""
    clips_by_section: dict[int, list[PlanClip]] = {}
    for clip in request.clips:
        clips_by_section.setdefault(clip.section_index, []).append(clip)
    order = sorted(clips_by_section)
    energies = {
        k: sum(c.energy * c.duration for c in cs) / max(sum(c.duration for c in cs), 1e-6)
        for k, cs in clips_by_section.items()
    }
    ranked = sorted(energies.values())
    loud_line = ranked[int(len(ranked) * 0.6)] if ranked else 1.0
    mean = sum(ranked) / len(ranked) if ranked else 0.0
    facts = {}
    for n, k in enumerate(order):
        clip = clips_by_section[k][0]
        role = _label_role(clip.section_label)
        first, last = n == 0, n == len(order) - 1
        if role is None:
            quiet = energies[k] < mean
            if (first or last) and quiet and len(order) > 2:
                role = "intro" if first else "outro"
            elif energies[k] >= loud_line and len(order) > 1 and energies[k] > mean:
                role = "chorus"
            else:
                role = "verse"
        group = (clip.section_group or clip.section_label).strip().lower()
        facts[k] = SectionFacts(
            k, clip.section_label, group, clip.section_note, role, energies[k], first, last
        )
    return facts


def group_clips(request: PlanRequest, facts: dict[int, SectionFacts]) -> list[list[PlanClip]]:
    """Clips in scene order: calm neighbours of one section share a scene (up to two clips and
    16 s); a loud clip, a chorus clip or a section's first clip after a shared pair starts anew."""
    scenes: list[list[PlanClip]] = []
    for clip in sorted(request.clips, key=lambda c: c.index):
        current = scenes[-1] if scenes else None
        calm = clip.energy <= CALM and facts[clip.section_index].role != "chorus"
        if (
            current is not None
            and calm
            and len(current) == 1
            and current[0].section_index == clip.section_index
            and current[0].energy <= CALM
            and current[0].duration + clip.duration <= MAX_SHARED_SECONDS
        ):
            current.append(clip)
        else:
            scenes.append([clip])
    return scenes


def motif_for_groups(facts: dict[int, SectionFacts], motifs: list[str]) -> dict[str, str]:
    """One motif per group of alike sections; choruses get the main one."""
    groups: dict[str, str] = {}
    chorus_groups = [f.group for f in facts.values() if f.role == "chorus"]
    if chorus_groups:
        groups[chorus_groups[0]] = motifs[0]
    n = 1 if chorus_groups else 0
    for k in sorted(facts):
        group = facts[k].group
        if group not in groups:
            groups[group] = motifs[n % len(motifs)]
            n += 1
    return groups


def _motion(role: str, energy: float, n: int) -> Motion:
    if role == "intro":
        return "zoom_in" if n == 0 else "drift"
    if role == "outro":
        return "zoom_out"
    if role == "bridge":
        return "orbit" if energy >= CALM else "tilt_up"
    if role == "chorus":
        return "push" if energy >= LOUD else ("zoom_in", "orbit")[n % 2]
    if energy < 0.25:
        return ("drift", "still")[n % 2]
    return ("pan_left", "pan_right", "drift")[n % 3]


def _intensity(role: str, energy: float, video_type: str) -> float:
    value = 0.12 + 0.8 * energy
    if role in ("intro", "outro"):
        value *= 0.6
    if video_type == "lyric":  # captions must stay readable over the picture
        value *= 0.7
    if video_type == "visualizer":
        value = min(1.0, value * 1.15)
    return round(min(1.0, max(0.05, value)), 2)


def _transition(
    request: PlanRequest, clips: list[PlanClip], facts: SectionFacts, *, opens_section: bool, first: bool
):
    beat = 60.0 / (request.tempo or 90.0)
    room = clips[0].duration / 2  # a blend never eats more than half the clip it opens
    kind: Transition
    if first or (opens_section and facts.role in ("bridge", "outro") and facts.energy < LOUD):
        kind, seconds = "dip", 2 * beat
    elif clips[0].energy >= LOUD or (opens_section and facts.role == "chorus"):
        kind, seconds = "cut", 0.0
    else:
        kind, seconds = "crossfade", beat * (2 if facts.role in ("intro", "outro") else 1)
    if kind != "cut":
        seconds = round(min(seconds, room, MAX_TRANSITION_SECONDS), 2)
    return kind, seconds


def _palette(style: StyleGuide, role: str) -> list[str]:
    codes = style.palette  # darkest first
    if role == "chorus":
        return codes[-3:]
    if role == "bridge":
        return [codes[0], codes[len(codes) // 2], codes[-2]]
    if role in ("intro", "outro"):
        return codes[:3]
    return codes[1:4] if len(codes) > 3 else codes


def _subject(request: PlanRequest, facts: SectionFacts, style: StyleGuide, clip: PlanClip, motif: str) -> str:
    duration = request.duration or 1.0
    if request.video_type == "visualizer":
        return f"abstract luminous forms pulsing like {motif}, {ROLE_WORDS[facts.role]}"
    if request.video_type == "story":
        stage = STORY_STAGES[min(len(STORY_STAGES) - 1, int(clip.start / duration * len(STORY_STAGES)))]
        return f"a lone traveller, {stage} {style.world}; {motif} returns; {ROLE_WORDS[facts.role]}"
    return f"{motif}, {ROLE_WORDS[facts.role]}"


def build_scenes(request: PlanRequest, style: StyleGuide) -> tuple[list[Scene], list[ClipScene]]:
    facts = sections_of(request)
    motifs = motif_for_groups(facts, style.motifs)
    scenes: list[Scene] = []
    assignments: list[ClipScene] = []
    per_role: dict[str, int] = {}
    previous_section: int | None = None
    for clips in group_clips(request, facts):
        head = clips[0]
        f = facts[head.section_index]
        n = per_role.get(f.role, 0)
        per_role[f.role] = n + 1
        energy = max(c.energy for c in clips)
        framing = FRAMINGS[f.role][n % len(FRAMINGS[f.role])]
        lyric = request.video_type == "lyric"
        if lyric and framing == "close":
            framing = "medium"  # a close-up leaves no calm space for the words
        opens = head.section_index != previous_section
        kind, seconds = _transition(request, clips, f, opens_section=opens, first=not scenes)
        light = f"{style.lighting}; {ROLE_LIGHT[f.role]}"
        parts = [
            f"{FRAMING_WORDS[framing]} {style.world}",
            _subject(request, f, style, head, motifs[f.group]),
        ]
        lines = [line for c in clips for line in c.lyrics]
        if lines and request.video_type in ("lyric", "story"):
            parts.append(f"evoking the words “{lines[0][:80]}” (shown as imagery only)")
        if f.note:
            parts.append(f.note)
        if lyric:
            parts.append("a calm, uncluttered lower third")
        parts += [light, style.medium, "no text, no letters, no logos"]
        index = len(scenes)
        scenes.append(
            Scene(
                index=index,
                section_index=head.section_index,
                prompt=", ".join(parts),
                framing=framing,
                motion=_motion(f.role, energy, n),
                intensity=_intensity(f.role, energy, request.video_type),
                palette=_palette(style, f.role),
                lighting=light,
                transition=kind,
                transition_seconds=seconds,
                caption_space=lyric or (bool(lines) and request.video_type == "story"),
            )
        )
        assignments += [ClipScene(clip_index=c.index, scene_index=index) for c in clips]
        previous_section = head.section_index
    return scenes, assignments
