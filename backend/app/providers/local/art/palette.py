"""Colour palettes: one per setting (night, sunset, ...), mood modifiers that shift a whole
palette (warm, cold, dark, muted, ...), and a prompt-hashed palette for prompts the word
tables do not recognise.

Colours are float32 RGB arrays in [0, 1] (sRGB), so layers can mix them with numpy."""

import colorsys
from dataclasses import dataclass, fields, replace

import numpy as np

Colour = np.ndarray  # shape (3,), float32, sRGB in [0, 1]


def hex_colour(code: str) -> Colour:
    code = code.lstrip("#")
    return np.array([int(code[i : i + 2], 16) / 255 for i in (0, 2, 4)], dtype=np.float32)


def hsv_colour(hue: float, saturation: float, value: float) -> Colour:
    return np.array(colorsys.hsv_to_rgb(hue % 1.0, saturation, value), dtype=np.float32)


def mix(a: Colour, b: Colour, t: float) -> Colour:
    return (a + (b - a) * np.float32(t)).astype(np.float32)


@dataclass(frozen=True)
class Palette:
    sky_top: Colour
    sky_mid: Colour
    horizon: Colour  # sky just above the horizon, usually the brightest band
    haze: Colour  # colour distant land fades into (atmospheric perspective)
    land: Colour  # nearest silhouettes
    water: Colour  # deep water near the viewer
    light: Colour  # moon or sun disc
    glow: Colour  # halo around the light, sunlit cloud edges
    accent: Colour  # aurora base, nebula
    accent2: Colour  # aurora tops, second nebula colour
    window: Colour  # lit city windows


def _palette(*codes: str) -> Palette:
    return Palette(*(hex_colour(code) for code in codes))


# Field order: sky_top, sky_mid, horizon, haze, land, water, light, glow, accent, accent2, window.
SETTINGS: dict[str, Palette] = {
    "night": _palette(
        "#02050d",
        "#0a1a35",
        "#2a4673",
        "#2c4670",
        "#03070f",
        "#040b18",
        "#f7f2e2",
        "#8fb0e6",
        "#38e0a0",
        "#7d5ce0",
        "#ffc36e",
    ),
    "sunset": _palette(
        "#1b1538",
        "#7e3563",
        "#ff9a55",
        "#d8706a",
        "#180c1e",
        "#2a1433",
        "#fff0c8",
        "#ff8a48",
        "#ff5e7e",
        "#ffd36b",
        "#ffcf80",
    ),
    "dawn": _palette(
        "#233c6b",
        "#a27d9f",
        "#ffd0a0",
        "#dcaeb0",
        "#201d31",
        "#3f3b5c",
        "#fff6e0",
        "#ffc08e",
        "#ff9eb0",
        "#ffe0a0",
        "#ffd79a",
    ),
    "morning": _palette(
        "#7fa6cf",
        "#f1d2b0",
        "#fff1d6",
        "#e9d5b8",
        "#1b2518",
        "#4d6a80",
        "#fffbea",
        "#ffe0a0",
        "#ffd27a",
        "#fff0c0",
        "#ffe0a0",
    ),
    "day": _palette(
        "#2a72c4",
        "#6fb0e6",
        "#d6edf9",
        "#b8d6ea",
        "#1f3a30",
        "#1d5f94",
        "#ffffff",
        "#fff4d0",
        "#9fe0ff",
        "#ffffff",
        "#fff0c0",
    ),
    "space": _palette(
        "#010107",
        "#050416",
        "#0c0a24",
        "#141036",
        "#000002",
        "#020210",
        "#ffffff",
        "#8c7cff",
        "#6a2bb0",
        "#1fb0c8",
        "#ffffff",
    ),
    "storm": _palette(
        "#161b23",
        "#323b48",
        "#68717f",
        "#78818e",
        "#10141a",
        "#232b34",
        "#dfe3ea",
        "#a9b3c0",
        "#8aa0b8",
        "#c0c8d4",
        "#ffb868",
    ),
    "winter": _palette(
        "#16304f",
        "#5a84ad",
        "#d6e7f3",
        "#b5d0e5",
        "#1c3350",
        "#2e5275",
        "#f6fbff",
        "#cfe6ff",
        "#78f2dc",
        "#a88cff",
        "#ffd9a0",
    ),
    "lofi": _palette(
        "#17132c",
        "#3b2c55",
        "#b06a8c",
        "#7a5888",
        "#120f20",
        "#1f1a33",
        "#ffe4bc",
        "#ff9fb0",
        "#6cd6d0",
        "#ff8fb8",
        "#ffc877",
    ),
    "calm": _palette(
        "#3f4f7c",
        "#9aa8cc",
        "#f3dcd4",
        "#d8cde2",
        "#343a5a",
        "#56608a",
        "#fffaf0",
        "#ffe2d0",
        "#a0e8d8",
        "#d0b8ff",
        "#ffe0b0",
    ),
}


def hashed_palette(*, hue: float) -> Palette:
    """A handsome palette built around one hue: dark top, luminous horizon, deep land.

    Neighbouring hues (analogous colours) keep it harmonious whatever the hash picks."""
    # The top of the sky leans towards deep blue-violet whatever the hue: a brown or olive
    # zenith looks muddy, a navy, plum or teal one looks like evening.
    toward_blue = ((0.68 - hue + 0.5) % 1.0 - 0.5) * 0.5
    return Palette(
        sky_top=hsv_colour(hue + toward_blue, 0.7, 0.2),
        sky_mid=hsv_colour(hue, 0.5, 0.6),
        horizon=hsv_colour(hue - 0.07, 0.38, 0.97),
        haze=hsv_colour(hue - 0.03, 0.35, 0.78),
        land=hsv_colour(hue + 0.08, 0.65, 0.09),
        water=hsv_colour(hue + 0.04, 0.6, 0.2),
        light=hsv_colour(hue - 0.1, 0.12, 1.0),
        glow=hsv_colour(hue - 0.1, 0.45, 1.0),
        accent=hsv_colour(hue + 0.33, 0.6, 0.9),
        accent2=hsv_colour(hue - 0.2, 0.5, 1.0),
        window=hex_colour("#ffd08a"),
    )


def _map(palette: Palette, fn) -> Palette:
    """Apply fn to every colour (windows and the light disc keep their own character)."""
    keep = {"window", "light"}
    return replace(
        palette,
        **{
            f.name: np.clip(fn(getattr(palette, f.name)), 0, 1).astype(np.float32)
            for f in fields(palette)
            if f.name not in keep
        },
    )


def _luminance(c: Colour) -> float:
    return float(c @ np.array([0.2126, 0.7152, 0.0722], dtype=np.float32))


# Each modifier nudges the whole palette; several can stack ("warm calm" = warm + soft).
MODIFIERS = {
    "warm": lambda c: c * np.array([1.08, 1.0, 0.84], dtype=np.float32),
    "cold": lambda c: c * np.array([0.86, 0.97, 1.1], dtype=np.float32),
    "dark": lambda c: c * 0.78,
    "bright": lambda c: 1 - (1 - c) * 0.72,
    "muted": lambda c: c + (_luminance(c) - c) * 0.35,
    "vivid": lambda c: np.clip(c + (c - _luminance(c)) * 0.35, 0, 1),
}


def apply_modifiers(palette: Palette, modifiers: tuple[str, ...]) -> Palette:
    for name in modifiers:
        palette = _map(palette, MODIFIERS[name])
    return palette


def jitter_hue(palette: Palette, *, shift: float) -> Palette:
    """Rotate hues a little so different seeds of the same prompt are not identical twins."""

    def rotate(c: Colour) -> Colour:
        h, s, v = colorsys.rgb_to_hsv(*(float(x) for x in c))
        return hsv_colour(h + shift, s, v)

    return _map(palette, rotate)


def _saturation(c: Colour) -> float:
    return float(c.max() - c.min())


def palette_from_codes(codes: list[str]) -> Palette:
    """A full painter's palette from a few #rrggbb colours (a style guide's): ordered by
    brightness, the darkest become land and the top of the sky, the brightest the horizon and
    the light, the most saturated the accents. Any list of two or more colours works, so a
    palette a language model wrote paints as well as one of ours."""
    colours = sorted((hex_colour(code) for code in codes), key=_luminance)
    if len(colours) < 2:
        raise ValueError("a palette needs at least two colours")
    last = len(colours) - 1

    def at(t: float) -> Colour:
        x = t * last
        i = min(int(x), last - 1)
        return mix(colours[i], colours[i + 1], x - i)

    vivid = sorted(colours, key=_saturation, reverse=True)
    white = np.ones(3, dtype=np.float32)
    return Palette(
        sky_top=at(0.12),
        sky_mid=at(0.5),
        horizon=at(1.0),
        haze=at(0.72),
        land=(at(0.0) * 0.8).astype(np.float32),
        water=mix(at(0.08), at(0.45), 0.3),
        light=mix(at(1.0), white, 0.75),
        glow=at(0.9),
        accent=vivid[0],
        accent2=vivid[1],
        window=hex_colour("#ffd08a"),
    )
