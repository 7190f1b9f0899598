"""Prompt words → musical choices: key, mode, pace of harmony, timbre and nature textures.

Each mood word maps to a profile; when a prompt names several moods their numbers are
averaged and the first one picks the mode family. Randomness (which key, which mode of the
family) comes from the caller's rng, so the same prompt + seed always gives the same mood.
"""

import re
from dataclasses import dataclass

import numpy as np

MODES: dict[str, tuple[int, ...]] = {
    "ionian": (0, 2, 4, 5, 7, 9, 11),
    "lydian": (0, 2, 4, 6, 7, 9, 11),
    "mixolydian": (0, 2, 4, 5, 7, 9, 10),
    "dorian": (0, 2, 3, 5, 7, 9, 10),
    "aeolian": (0, 2, 3, 5, 7, 8, 10),
    "phrygian": (0, 1, 3, 5, 7, 8, 10),
}


@dataclass(frozen=True)
class Profile:
    modes: tuple[str, ...]
    chord_seconds: float  # mean time between chord changes
    brightness: float  # 0 = muffled, 1 = open and airy
    register: float  # 0 = low, 1 = high (shifts the key's octave)
    shimmer: float  # level of the octave-up halo, 0..1
    bells: float  # density of soft bell notes, 0..1
    pedal: bool  # bass holds the tonic instead of following the chords
    choir: float  # 0 = string-like pad, 1 = vowel-shaped "choir" pad


PROFILES: dict[str, Profile] = {
    "sleep": Profile(("ionian", "mixolydian", "aeolian"), 46, 0.22, 0.2, 0.2, 0.0, True, 0.3),
    "calm": Profile(("ionian", "lydian", "dorian"), 32, 0.45, 0.5, 0.35, 0.3, False, 0.3),
    "dark": Profile(("phrygian", "aeolian"), 40, 0.2, 0.0, 0.15, 0.12, True, 0.6),
    "bright": Profile(("lydian", "ionian"), 22, 0.85, 0.9, 0.6, 0.55, False, 0.0),
    "focus": Profile(("dorian", "ionian", "mixolydian"), 28, 0.5, 0.6, 0.25, 0.4, False, 0.1),
    "meditation": Profile(("dorian", "mixolydian"), 60, 0.35, 0.35, 0.4, 0.25, True, 0.9),
    "space": Profile(("lydian", "aeolian"), 40, 0.6, 0.7, 0.9, 0.2, True, 0.4),
    "sad": Profile(("aeolian", "dorian"), 34, 0.35, 0.4, 0.3, 0.3, False, 0.4),
    "dream": Profile(("lydian", "dorian"), 36, 0.55, 0.7, 0.7, 0.35, False, 0.5),
}


def _each(words: str, value: str) -> dict[str, str]:
    return {word: value for word in words.split()}


MOOD_WORDS: dict[str, str] = {
    **_each("sleep sleeping sleepy night nighttime bedtime lullaby rest insomnia", "sleep"),
    **_each("calm relax relaxing peaceful chill gentle soft soothing serene quiet cozy", "calm"),
    **_each("dark ominous eerie haunting shadow shadows horror gloomy deep cave", "dark"),
    **_each("bright happy uplifting morning sunny hope hopeful joy sunrise summer", "bright"),
    **_each("focus study studying work concentration productivity reading coding", "focus"),
    **_each("meditation meditate zen yoga mindful mindfulness spiritual healing breathe", "meditation"),
    **_each("space cosmic galaxy stars astral universe nebula orbit interstellar", "space"),
    **_each("sad melancholy melancholic nostalgic lonely winter autumn grief", "sad"),
    **_each("dream dreamy ethereal mysterious mystic ancient floating", "dream"),
}

# Nature words → texture; a few words also set a level (relative loudness, 1 = prominent)
# or bring several textures.
TEXTURE_WORDS: dict[str, str] = {
    **_each("rain rainy raining rainfall showers drizzle downpour", "rain"),
    **_each("thunder lightning", "thunder"),
    **_each("wind windy breeze gust gusty blizzard", "wind"),
    **_each("ocean sea waves wave beach shore tide coast surf seaside", "ocean"),
    **_each("forest birds bird birdsong woods woodland jungle nature garden", "forest"),
    **_each("fire fireplace campfire crackle crackling hearth bonfire", "fire"),
    **_each("stream river brook creek water waterfall", "stream"),
}
SPECIAL_WORDS: dict[str, dict[str, float]] = {
    "drizzle": {"rain": 0.6},
    "downpour": {"rain": 1.3},
    **{w: {"rain": 1.1, "thunder": 1.0, "wind": 0.6} for w in ("storm", "stormy", "thunderstorm", "monsoon")},
}


@dataclass(frozen=True)
class Mood:
    mode: str
    scale: tuple[int, ...]  # semitone offsets of the mode
    tonic_midi: int  # tonic of the pad's lowest octave (MIDI note number)
    chord_seconds: float
    brightness: float
    shimmer: float
    bells: float
    pedal: bool
    choir: float
    ensemble_cents: float  # spread of each partial: wider = lusher chorus
    textures: dict[str, float]  # texture name → level, only the requested ones


def words_of(prompt: str) -> list[str]:
    return re.findall(r"[a-z]+", prompt.lower())


def mood_from_prompt(*, prompt: str, rng: np.random.Generator) -> Mood:
    words = words_of(prompt)
    names = [MOOD_WORDS[w] for w in words if w in MOOD_WORDS] or ["calm"]
    profiles = [PROFILES[n] for n in dict.fromkeys(names)]  # unique, in prompt order

    def mean(attr: str) -> float:
        return float(np.mean([getattr(p, attr) for p in profiles]))

    first = profiles[0]
    mode = first.modes[int(rng.integers(len(first.modes)))]
    register = mean("register")
    # Pads sit around C3-G3; darker moods a few semitones lower, brighter ones higher.
    tonic = 43 + round(register * 7) + int(rng.integers(0, 5))

    textures: dict[str, float] = {}
    for w in words:
        found = SPECIAL_WORDS.get(w) or ({TEXTURE_WORDS[w]: 1.0} if w in TEXTURE_WORDS else {})
        for name, level in found.items():
            textures[name] = max(textures.get(name, 0.0), level)
    # Textures take the foreground a little away from bells and shimmer.
    busy = min(1.0, 0.25 * len(textures))
    return Mood(
        mode=mode,
        scale=MODES[mode],
        tonic_midi=tonic,
        chord_seconds=mean("chord_seconds") * float(rng.uniform(0.9, 1.1)),
        brightness=mean("brightness"),
        shimmer=mean("shimmer") * (1 - 0.5 * busy),
        bells=mean("bells") * (1 - 0.6 * busy),
        pedal=first.pedal,
        choir=mean("choir"),
        ensemble_cents=float(rng.uniform(7.0, 13.0)),
        textures=textures,
    )
