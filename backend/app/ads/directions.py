"""Three style directions from a brief: a name, keywords, a palette of hex swatches and a
style guide (the planner's StyleGuide fields) each, plus the four mood-board scenes painted
for it.

Directions come from a small book of looks, ranked by how many of the brief's tone and style
words they share. Three are kept only if their palettes are far apart — measured as the
mean distance in CIE Lab from each swatch to the nearest swatch of the other palette (both
ways): two directions that only differ in name would be no choice at all. "Fresh" rounds skip
looks already shown. Brand colours join each palette as its accent (they are shared on
purpose, so the distance is measured on the directions' own swatches)."""

import math
from dataclasses import dataclass
from typing import Any

MIN_DISTANCE = 25.0  # Lab ΔE between palettes; ~10 is "similar", 25+ reads as another look


@dataclass(frozen=True)
class Look:
    name: str
    tags: frozenset[str]
    keywords: tuple[str, ...]
    palette: tuple[str, ...]  # darkest first
    medium: str
    world: str
    lighting: str
    camera: str


def _look(
    name: str, tags: str, keywords: str, palette: str, medium: str, world: str, light: str, cam: str
) -> Look:
    return Look(
        name,
        frozenset(tags.split()),
        tuple(keywords.split(", ")),
        tuple(palette.split()),
        medium,
        world,
        light,
        cam,
    )


BOOK: tuple[Look, ...] = (
    _look("Neon Night", "neon night dark urban bold energetic edgy cyberpunk futuristic intense sporty",
          "neon, night city, wet reflections, high contrast", "#0b0f1e #1f1147 #c3125f #00c2d1 #f5e663",
          "glossy cinematic night photography", "a rain-slick city at night", "neon signs and wet reflections",
          "fast push-ins and whip pans, low angles"),
    _look("Golden Hour", "warm natural sunlit golden hour friendly hopeful inspiring calm nature relaxed",
          "golden hour, warm sunlight, soft lens flare, natural", "#3b2314 #8a4b24 #d98b3a #f2c572 #fbeed3",
          "warm 35 mm film photography", "open landscapes in late-afternoon sun", "low golden sun, long shadows",
          "slow glides and gentle handheld drift"),
    _look("Clean Studio", "minimal minimalist clean modern premium professional elegant studio flat",
          "clean studio, seamless backdrop, product on a plinth, soft shadows", "#2a2d34 #6b7280 #c9ced6 #eef0f3 #ffffff",
          "crisp studio product photography", "a seamless white studio", "soft box light from above",
          "precise slow orbits and macro slides"),
    _look("Pastel Dream", "pastel dreamy playful gentle soft fun youthful cheerful tender",
          "pastel, soft focus, airy, floating shapes", "#6d5a8c #a58fc7 #f4a6c0 #a8e0d8 #fdf3c7",
          "soft pastel 3d render", "a floating pastel dreamscape", "diffuse shadowless light",
          "weightless drifts and slow floats"),
    _look("Bold Graphic", "bold graphic colorful colourful vibrant playful quirky fun upbeat y2k",
          "flat colour blocks, bold shapes, graphic, saturated", "#111111 #1c3faa #e8362d #ffc700 #f7f4ea",
          "flat graphic illustration with hard shadows", "a world of bold colour blocks", "hard midday light",
          "snappy cuts and punchy zooms"),
    _look("Moody Monochrome", "moody noir monochrome black and white serious mysterious dramatic classy",
          "black and white, deep shadows, film grain", "#050505 #2b2b2b #5e5e5e #a3a3a3 #e6e6e6",
          "high-contrast monochrome film", "shadowed interiors and empty streets", "single hard key light",
          "slow dolly moves and still frames"),
    _look("Lush Nature", "nature organic earthy fresh calm natural peaceful serene adventurous",
          "lush greenery, dew, natural textures, earthy", "#13261b #2e5b3a #6f9a4f #b9cf7a #efe9d2",
          "naturalistic documentary photography", "a lush forest and riverside", "dappled daylight through leaves",
          "steady handheld walks and slow tilts"),
    _look("Luxe Gold", "luxurious premium elegant classy confident rich glossy",
          "black and gold, velvet, glossy highlights, luxury", "#0d0a07 #2e2313 #7a5c2e #c9a45c #f3e3b5",
          "glossy luxury commercial photography", "a dark velvet room with gold accents", "warm rim light on black",
          "slow reveals and elegant orbits"),
    _look("Retro Film", "retro vintage nostalgic analog film grainy warm",
          "70s film, grain, faded colour, vintage", "#2d1e2f #7b3f3f #c97b4a #e5b770 #e9dcc2",
          "faded 1970s analog film", "a sunny retro roadside town", "hazy warm afternoon light",
          "zooms and slow pans like an old commercial"),
)  # fmt: skip


def _linear(c: float) -> float:
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def lab(code: str) -> tuple[float, float, float]:
    r, g, b = (_linear(int(code[i : i + 2], 16) / 255) for i in (1, 3, 5))
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    fx, fy, fz = f(x), f(y), f(z)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def palette_distance(a: list[str] | tuple[str, ...], b: list[str] | tuple[str, ...]) -> float:
    """Mean Lab distance from each swatch to the nearest of the other palette, both ways."""
    la, lb = [lab(c) for c in a], [lab(c) for c in b]
    one = sum(min(math.dist(p, q) for q in lb) for p in la) / len(la)
    two = sum(min(math.dist(p, q) for q in la) for p in lb) / len(lb)
    return (one + two) / 2


def _score(look: Look, words: set[str]) -> int:
    return sum(1 for w in words if w in look.tags)


def pick_looks(brief: dict[str, Any], round_: int) -> list[Look]:
    """Three looks for this round: best-matching first, each far enough from those before.
    Round n skips the 3·n looks the earlier rounds most likely showed."""
    words = {
        w.lower()
        for phrase in [*brief.get("tone", []), *brief.get("style_keywords", [])]
        for w in phrase.split()
    }
    words |= {p.lower() for p in brief.get("style_keywords", [])}
    ranked = sorted(BOOK, key=lambda look: (-_score(look, words), BOOK.index(look)))
    start = (3 * round_) % len(ranked)
    order = ranked[start:] + ranked[:start]
    chosen: list[Look] = []
    for look in order:
        if all(palette_distance(look.palette, c.palette) >= MIN_DISTANCE for c in chosen):
            chosen.append(look)
        if len(chosen) == 3:
            break
    for look in order:  # the book is built so this never runs short; keep three regardless
        if len(chosen) == 3:
            break
        if look not in chosen:
            chosen.append(look)
    return chosen


def guide(look: Look, brief: dict[str, Any]) -> dict[str, Any]:
    """The look as a style guide for the storyboard and the painter (planning.StyleGuide)."""
    product = brief.get("product") or "the product"
    palette = list(look.palette)
    accents = [c for c in brief.get("brand_colors", []) if c not in palette][:2]
    palette = palette[: 6 - len(accents)] + accents if accents else palette
    return {
        "medium": look.medium,
        "world": look.world,
        "palette": palette,
        "lighting": look.lighting,
        "camera": look.camera,
        "motifs": [product][:1] + list(look.keywords[:1]),
        "metaphor": f"{product} as the hero of {look.world}",
        "transitions": "cut on the beat when energetic, 0.5 s crossfades when calm",
    }


MOOD_SHOTS = (
    ("close", "push", "hero shot of {product}, centred, {kw}"),
    ("medium", "drift", "{product} in use by {audience}, {kw}"),
    ("wide", "pan_right", "wide establishing view of {world} with {product} in it, {kw}"),
    ("low", "zoom_in", "detail of {product}, texture and material, {kw}"),
)


def mood_scenes(look: Look, brief: dict[str, Any], palette: list[str]) -> list[dict[str, Any]]:
    """Four scenes that show the direction: hero, in use, world, detail (planning.Scene fields)."""
    product = brief.get("product") or "the product"
    audience = brief.get("audience") or "people"
    kw = ", ".join(look.keywords[:3])
    return [
        {
            "index": n,
            "section_index": 0,
            "prompt": text.format(product=product, audience=audience, world=look.world, kw=kw),
            "framing": framing,
            "motion": motion,
            "intensity": 0.4,
            "palette": palette[n % len(palette) :][:3] or palette[:3],
            "lighting": look.lighting,
            "transition": "cut",
            "transition_seconds": 0.0,
            "caption_space": False,
        }
        for n, (framing, motion, text) in enumerate(MOOD_SHOTS)
    ]
