"""The style guide of a local plan: one world, one palette, one light and one camera language
for the whole video, read from the creator's prompt, the song's mood and key, and the video
type. The world is written in words the local painter reads back (setting and forms), so the
storyboard stills of a local plan show the place the guide describes."""

import re

from app.providers.local.art.noise import make_rng
from app.providers.local.art.palette import Colour
from app.providers.local.art.scene import Scene as ArtScene
from app.providers.local.art.scene import read_prompt
from app.providers.planning import PlanRequest, StyleGuide

# How each form the painter knows is named in the world text (and read back by it).
FORM_NAMES = {
    "ocean": "open water",
    "mountains": "mountain ridges",
    "hills": "rolling hills",
    "dunes": "sand dunes",
    "forest": "pine forest",
    "city": "a city skyline",
    "stars": "stars",
    "moon": "the moon",
    "sun": "the sun",
    "aurora": "aurora",
    "nebula": "a nebula",
    "fog": "mist",
    "rain": "rain",
    "snow": "snow",
    "birds": "birds",
    "clouds": "clouds",
}
FORM_ORDER = tuple(FORM_NAMES)
MOTIFS = {
    "moon": "the moon",
    "birds": "a flock of birds",
    "aurora": "ribbons of aurora",
    "city": "lit windows in the dark",
    "forest": "a lone pine",
    "ocean": "a line of slow surf",
    "mountains": "a distant peak",
    "sun": "a low sun disc",
    "nebula": "a glowing nebula",
    "fog": "drifting mist",
    "rain": "falling rain",
    "snow": "falling snow",
    "dunes": "wind-carved ridges of sand",
    "hills": "a winding path over the hills",
    "stars": "a field of stars",
}
SETTING_NAMES = {
    "night": "night",
    "sunset": "sunset",
    "dawn": "dawn",
    "morning": "morning",
    "day": "bright day",
    "space": "deep space",
    "storm": "a storm",
    "winter": "winter",
    "lofi": "a neon night",
    "calm": "soft evening",
    "abstract": "an abstract dusk",
}
LIGHTING = {
    "night": "cool moonlight, deep blue shadows, small warm highlights",
    "sunset": "low golden sun, long shadows, warm rim light",
    "dawn": "first light, pale gold on cool haze",
    "morning": "soft morning sun through mist",
    "day": "clear high daylight, crisp shadows",
    "space": "starlight and the glow of distant gas, no ground light",
    "storm": "grey diffuse light, flashes in the clouds",
    "winter": "cold white light, blue shadows on snow",
    "lofi": "neon glow and lit windows against a violet dusk",
    "calm": "soft pastel evening light",
    "abstract": "luminous glow from within the forms",
}
MEDIUM_WORDS = {
    "watercolour": "soft watercolour",
    "watercolor": "soft watercolour",
    "oil": "oil painting",
    "film": "35 mm film still",
    "analog": "35 mm film still",
    "anime": "hand-painted anime background",
    "ink": "ink wash",
    "pastel": "pastel drawing",
    "pixel": "pixel art",
    "photo": "photograph",
    "photographic": "photograph",
}
MEDIUM_BY_TYPE = {
    "scenery": "soft matte painting with deep atmospheric perspective",
    "story": "cinematic film still, anamorphic widescreen feel",
    "visualizer": "abstract generative light forms on a dark field",
    "lyric": "minimal matte painting with calm negative space",
}
# Mood tags of the analysis that also steer the palette (as the painter's modifier words).
MOOD_WORDS = {
    "melancholic": "muted",
    "dark": "dark",
    "bright": "bright",
    "warm": "warm",
    "uplifting": "bright",
}
VISUALIZER_WORLD = "nebula and aurora"  # no ground: forms float in open space


def _hex(colour: Colour) -> str:
    return "#" + "".join(f"{round(float(v) * 255):02x}" for v in colour)


def read_world(request: PlanRequest) -> ArtScene:
    """The painter's reading of the prompt, steered by the song's mood and, when the prompt
    names no time or place, by its key: a minor song at dusk, a major one in the morning."""
    moods = " ".join(MOOD_WORDS[m] for m in request.mood if m in MOOD_WORDS)
    text = f"{request.prompt} {moods}"
    if request.video_type == "visualizer":
        text = f"{text} {VISUALIZER_WORLD}"
    rng = make_rng(prompt=text, seed=0, purpose="plan")
    scene = read_prompt(prompt=text, rng=rng)
    if scene.setting == "abstract" and request.video_type != "visualizer":
        hint = "dusk" if (request.mode or "").lower() == "minor" else "morning"
        scene = read_prompt(prompt=f"{text} {hint}", rng=make_rng(prompt=text, seed=0, purpose="plan"))
    return scene


def world_text(scene: ArtScene) -> str:
    forms = [FORM_NAMES[f] for f in FORM_ORDER if f in scene.forms]
    return f"{SETTING_NAMES.get(scene.setting, scene.setting)} over {', '.join(forms)}"


def palette_codes(scene: ArtScene) -> list[str]:
    """Six colours of the painter's palette, darkest first: what the whole video is made of."""
    p = scene.palette
    colours = [p.sky_top, p.land, p.sky_mid, p.haze, p.glow, p.horizon]
    return [_hex(c) for c in sorted(colours, key=lambda c: float(c @ [0.2126, 0.7152, 0.0722]))]


def motifs(scene: ArtScene) -> list[str]:
    order = (
        *("moon", "birds", "aurora", "city", "forest", "ocean", "mountains", "sun", "nebula"),
        *("dunes", "fog", "rain", "snow", "hills", "stars"),
    )
    return [MOTIFS[f] for f in order if f in scene.forms][:3] or ["drifting mist"]


def medium(request: PlanRequest) -> str:
    words = re.findall(r"[a-z]+", request.prompt.lower())
    for word in words:
        if word in MEDIUM_WORDS:
            return MEDIUM_WORDS[word]
    return MEDIUM_BY_TYPE[request.video_type]


def style_guide(request: PlanRequest, scene: ArtScene) -> StyleGuide:
    tempo = request.tempo or 90.0
    beat = 60.0 / tempo
    minor = (request.mode or "").lower() == "minor"
    found = motifs(scene)
    metaphor = (
        f"{found[0]} as distance and longing that slowly turns to light"
        if minor
        else f"{found[0]} as a heartbeat of quiet joy, growing brighter"
    )
    if request.video_type == "story":
        metaphor = f"a journey through {world_text(scene)}, told by {found[0]}"
    speed = "slow, gliding" if tempo < 100 else "steady" if tempo < 125 else "brisk"
    camera = f"{speed} moves timed to {tempo:.0f} BPM; no shake, no snap zooms; wide lenses, calm horizons"
    transitions = (
        f"cut on the downbeat in loud sections; crossfade about {beat:.1f} s in quiet ones; "
        "dip through black into the bridge and at both ends"
    )
    return StyleGuide(
        medium=medium(request),
        world=world_text(scene),
        palette=palette_codes(scene),
        lighting=LIGHTING.get(scene.setting, LIGHTING["abstract"]),
        camera=camera,
        motifs=found,
        metaphor=metaphor,
        transitions=transitions,
    )
