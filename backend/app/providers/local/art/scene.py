"""Reading a prompt: which setting (palette), which mood modifiers and which forms to draw.

Setting words vote for a palette ("night", "sunset", ...), mood words shift it ("warm",
"dark", ...) and nature words choose forms ("ocean", "forest", "rain", ...). A prompt with
none of these words becomes an abstract gradient scene with a prompt-hashed palette."""

import hashlib
import re
from dataclasses import dataclass

import numpy as np

from .palette import SETTINGS, Palette, apply_modifiers, hashed_palette, jitter_hue

# word -> (setting, votes). The setting with most votes wins; ties go to the earlier entry
# of SETTINGS. Explicit times of day outweigh moods.
SETTING_WORDS: dict[str, tuple[str, int]] = {
    **dict.fromkeys(
        ["night", "midnight", "nocturnal", "nocturne", "moon", "moonlight", "moonlit", "lunar"], ("night", 3)
    ),
    **dict.fromkeys(["aurora", "borealis", "australis"], ("night", 4)),  # only seen at night
    **dict.fromkeys(
        ["sleep", "sleeping", "sleepy", "lullaby", "dream", "dreamy", "dreaming", "dark", "deep"],
        ("night", 1),
    ),
    **dict.fromkeys(["sunset", "dusk", "evening", "twilight", "golden"], ("sunset", 3)),
    **dict.fromkeys(["dawn", "sunrise", "daybreak"], ("dawn", 3)),
    **dict.fromkeys(["morning", "spring"], ("morning", 3)),
    **dict.fromkeys(["day", "sunny", "noon", "summer", "afternoon", "sky", "bright"], ("day", 2)),
    **dict.fromkeys(
        [
            "space",
            "cosmic",
            "cosmos",
            "galaxy",
            "nebula",
            "universe",
            "astral",
            "orbit",
            "interstellar",
            "celestial",
        ],
        ("space", 3),
    ),
    **dict.fromkeys(
        [
            "rain",
            "rainy",
            "raining",
            "storm",
            "stormy",
            "thunder",
            "overcast",
            "thunderstorm",
            "lightning",
            "monsoon",
            "grey",
            "gray",
            "cloudy",
        ],
        ("storm", 2),
    ),
    **dict.fromkeys(
        ["ice", "icy", "winter", "snow", "snowy", "frozen", "arctic", "glacier", "polar", "cold", "frost"],
        ("winter", 3),
    ),
    **dict.fromkeys(["lofi", "city", "urban", "street", "neon", "cafe", "rooftop", "chill"], ("lofi", 2)),
    **dict.fromkeys(
        [
            "calm",
            "meditation",
            "meditate",
            "zen",
            "peace",
            "peaceful",
            "relax",
            "relaxing",
            "yoga",
            "healing",
            "spa",
            "serene",
            "gentle",
            "soft",
            "focus",
            "study",
            "concentration",
            "mindful",
        ],
        ("calm", 2),
    ),
}

MODIFIER_WORDS: dict[str, str] = {
    **dict.fromkeys(
        ["warm", "cozy", "cosy", "fire", "autumn", "amber", "gold", "golden", "orange", "red"], "warm"
    ),
    **dict.fromkeys(["cold", "cool", "icy", "ice", "frozen", "blue", "frost"], "cold"),
    **dict.fromkeys(["dark", "deep", "gloomy", "shadow", "horror", "ominous"], "dark"),
    # Not "light": "northern lights" and "city lights" are not bright scenes.
    **dict.fromkeys(["bright", "sunny", "happy", "uplifting", "airy"], "bright"),
    **dict.fromkeys(
        [
            "lofi",
            "rainy",
            "foggy",
            "misty",
            "nostalgic",
            "vintage",
            "muted",
            "focus",
            "study",
            "melancholy",
            "melancholic",
        ],
        "muted",
    ),
    **dict.fromkeys(["vibrant", "vivid", "neon", "colorful", "colourful", "psychedelic"], "vivid"),
}

FORM_WORDS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(
        [
            "ocean",
            "sea",
            "wave",
            "beach",
            "shore",
            "coast",
            "lake",
            "water",
            "bay",
            "tide",
            "harbor",
            "harbour",
            "seaside",
        ],
        ("ocean",),
    ),
    **dict.fromkeys(["island", "archipelago"], ("ocean", "hills")),
    **dict.fromkeys(
        [
            "mountain",
            "peak",
            "alps",
            "alpine",
            "ridge",
            "summit",
            "canyon",
            "glacier",
            "highland",
            "valley",
            "cliff",
        ],
        ("mountains",),
    ),
    **dict.fromkeys(["hill", "meadow", "field", "countryside", "prairie", "grassland"], ("hills",)),
    **dict.fromkeys(["desert", "dune", "sand", "sahara"], ("dunes",)),
    **dict.fromkeys(
        ["forest", "tree", "wood", "woodland", "pine", "jungle", "grove", "taiga", "nature"], ("forest",)
    ),
    **dict.fromkeys(
        ["city", "urban", "street", "skyline", "town", "downtown", "rooftop", "tokyo", "cyberpunk", "lofi"],
        ("city",),
    ),
    **dict.fromkeys(["star", "starry", "starlight", "starfield"], ("stars",)),
    **dict.fromkeys(["moon", "moonlight", "moonlit", "lunar"], ("moon",)),
    **dict.fromkeys(["sun", "sunlight", "sunshine", "sunny"], ("sun",)),
    **dict.fromkeys(["aurora", "borealis", "australis"], ("aurora", "stars")),
    **dict.fromkeys(["nebula", "galaxy", "cosmic", "cosmos"], ("nebula", "stars")),
    **dict.fromkeys(["fog", "foggy", "mist", "misty", "haze", "hazy", "cloud", "cloudy"], ("fog",)),
    **dict.fromkeys(
        ["rain", "rainy", "raining", "drizzle", "storm", "stormy", "thunder", "thunderstorm", "monsoon"],
        ("rain",),
    ),
    **dict.fromkeys(["snow", "snowy", "snowfall", "blizzard"], ("snow",)),
    **dict.fromkeys(["bird", "birdsong", "seagull", "gull", "flock"], ("birds",)),
}

# What a setting shows when the prompt names no forms of that kind.
SETTING_FORMS: dict[str, tuple[str, ...]] = {
    "night": ("stars", "moon"),
    "sunset": ("sun", "clouds"),
    "dawn": ("sun", "fog"),
    "morning": ("sun", "fog"),
    "day": ("sun", "clouds"),
    "space": ("stars", "nebula"),
    "storm": ("clouds", "fog"),
    "winter": ("fog", "sun"),
    "lofi": ("city", "moon"),
    "calm": ("sun", "fog"),
}
GROUNDS = ("ocean", "mountains", "hills", "dunes", "forest", "city")
LIGHTS = ("moon", "sun")


@dataclass(frozen=True)
class Scene:
    setting: str  # a key of SETTINGS, or "abstract"
    palette: Palette
    forms: frozenset[str]


def _words(prompt: str) -> list[str]:
    """Lower-case words, with a plural 's' dropped when the singular is a known word."""
    known = SETTING_WORDS.keys() | MODIFIER_WORDS.keys() | FORM_WORDS.keys()
    words = []
    for word in re.findall(r"[a-z]+", prompt.lower().replace("lo-fi", "lofi")):
        if word not in known and word.endswith("s") and word[:-1] in known:
            word = word[:-1]
        words.append(word)
    if "northern light" in " ".join(words):
        words.append("aurora")
    return words


def _setting(words: list[str]) -> str | None:
    votes = dict.fromkeys(SETTINGS, 0)
    for word in words:
        if word in SETTING_WORDS:
            name, weight = SETTING_WORDS[word]
            votes[name] += weight
    best = max(votes, key=lambda name: votes[name])  # first maximum wins ties
    return best if votes[best] > 0 else None


def _forms(words: list[str], setting: str, rng: np.random.Generator) -> frozenset[str]:
    named = {form for word in words for form in FORM_WORDS.get(word, ())}
    forms = set(named) | set(SETTING_FORMS.get(setting, ()))
    if named & set(LIGHTS):  # a light the prompt names replaces the setting's default one
        forms -= set(LIGHTS) - named
    if setting == "abstract":
        forms |= {"sun", "fog"}
    if not forms & set(GROUNDS) and setting != "space":
        choices = ["mountains"] if setting == "winter" else ["hills", "mountains", "hills"]
        forms.add(str(rng.choice(choices)))
    return frozenset(forms)


def read_prompt(*, prompt: str, rng: np.random.Generator) -> Scene:
    """Turn a prompt into a Scene; rng (seeded per prompt and seed) picks unstated details."""
    words = _words(prompt)
    setting = _setting(words)
    if setting is None:
        digest = hashlib.sha256(prompt.strip().lower().encode()).digest()
        # Hues from teal round through blue, violet and pink to red: yellow-green, olive
        # and brown skies look sickly, so the hash never lands there.
        palette = hashed_palette(hue=0.45 + 0.57 * int.from_bytes(digest[:2], "big") / 65536)
        setting = "abstract"
    else:
        palette = SETTINGS[setting]
    modifiers = tuple(dict.fromkeys(MODIFIER_WORDS[w] for w in words if w in MODIFIER_WORDS))
    palette = apply_modifiers(palette, modifiers)
    palette = jitter_hue(palette, shift=float(rng.uniform(-0.025, 0.025)))
    return Scene(setting=setting, palette=palette, forms=_forms(words, setting, rng))
