"""Which kind of music video suits a song: abstract visualizer, ambient scenery, cinematic
story or lyric video. A suggestion with its reasons, for the creator to accept or change;
the chosen type then steers the scene plan.

The analysis is taken as the plain dict the studio stores (tempo, sections, energy, mood,
genre, descriptors), so this module needs nothing from the analysis package."""

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from app.providers.planning import VIDEO_TYPES, VideoType

TITLES: dict[VideoType, str] = {
    "visualizer": "Abstract visualizer",
    "scenery": "Ambient scenery",
    "story": "Cinematic story",
    "lyric": "Lyric video",
}
# The creator's own words outrank everything the analysis suggests.
PROMPT_WORDS: dict[VideoType, tuple[str, ...]] = {
    "lyric": ("lyric", "lyrics", "words", "karaoke", "caption", "captions", "sing-along"),
    "story": ("story", "journey", "narrative", "character", "tale", "film", "cinematic", "quest"),
    "visualizer": (
        "visualizer",
        "visualiser",
        "abstract",
        "geometric",
        "shapes",
        "particles",
        "pulse",
        "fractal",
    ),
    "scenery": ("landscape", "scenery", "nature", "ocean", "forest", "mountain", "lake", "sky", "view"),
}
LYRIC_GENRES = {"pop", "rock", "hip-hop", "folk"}
DANCE_GENRES = {"electronic"}


@dataclass(frozen=True)
class Suggestion:
    video_type: VideoType
    reasons: list[str]
    allowed: list[VideoType]  # what the creator may choose instead (no lyric video without lyrics)


def _field(analysis: Mapping[str, Any] | Any, name: str, default: Any) -> Any:
    if isinstance(analysis, Mapping):
        return analysis.get(name, default)
    return getattr(analysis, name, default)


def allowed_types(has_lyrics: bool) -> list[VideoType]:
    return [t for t in VIDEO_TYPES if t != "lyric" or has_lyrics]


def suggest_video_type(analysis: Mapping[str, Any] | Any, has_lyrics: bool, prompt: str = "") -> Suggestion:
    """The type that suits the song and the prompt, with the reasons a creator can read."""
    allowed = allowed_types(has_lyrics)
    words = set(re.findall(r"[a-z-]+", prompt.lower()))
    for kind in ("lyric", "story", "visualizer", "scenery"):
        named = sorted(words & set(PROMPT_WORDS[kind]))
        if named and kind in allowed:
            return Suggestion(kind, [f"the prompt says {', '.join(repr(w) for w in named)}"], allowed)

    genre = str(_field(analysis, "genre", "") or "")
    mood = [str(m) for m in _field(analysis, "mood", ()) or ()]
    tempo = float(_field(analysis, "tempo", 0) or 0)
    descriptors = _field(analysis, "descriptors", {}) or {}
    drums = float(descriptors.get("drums", 0.0))
    movement = float(descriptors.get("movement", 0.0))
    labels = [str(_field(s, "label", "")) for s in _field(analysis, "sections", ()) or ()]
    song_form = {"verse", "chorus"} <= set(labels)

    if has_lyrics and (genre in LYRIC_GENRES or song_form):
        why = [f"the song has lyrics and {'a verse–chorus form' if song_form else f'reads as {genre}'}"]
        return Suggestion(
            "lyric", [*why, "captions carry the words; the pictures stay calm behind them"], allowed
        )
    if genre in DANCE_GENRES or (tempo >= 118 and drums > 0.45) or "energetic" in mood:
        reasons = [f"{genre or 'driving'} music at {tempo:.0f} BPM" if tempo else "driving, percussive music"]
        reasons.append("abstract forms can pulse with the beat without needing a story")
        return Suggestion("visualizer", reasons, allowed)
    if song_form and (movement > 0.5 or "dynamic" in mood or len(labels) >= 5):
        return Suggestion(
            "story",
            [
                "the song moves through distinct sections (verse, chorus, bridge)",
                "a story can progress from one section to the next",
            ],
            allowed,
        )
    calm = [m for m in mood if m in {"calm", "dreamy", "melancholic", "warm"}]
    reasons = [
        f"the song is {', '.join(calm)}" if calm else f"{genre or 'quiet'} music without lyrics to show"
    ]
    reasons.append("slow, wide landscapes let the music breathe")
    return Suggestion("scenery", reasons, allowed)
