"""Silhouettes: mountain ridges, hills, dunes, forests and city skylines.

Each is a height profile (the top edge's row for every column) filled below with one
colour that fades into haze further down, the look of mist lying in valleys. Far layers
are painted first in hazier colours, nearer ones darker: atmospheric perspective."""

from dataclasses import dataclass

import numpy as np
from scipy.ndimage import gaussian_filter1d

from .canvas import Canvas
from .noise import fractal_1d, smoothstep
from .palette import Colour


@dataclass(frozen=True)
class Skyline:
    """A city profile plus what window lighting needs to know about its buildings."""

    profile: np.ndarray  # top row per column
    building: np.ndarray  # building index per column
    edges: np.ndarray  # left column of each building, plus the right end


def ridge(rng: np.random.Generator, *, width: int, base: float, amplitude: float, kind: str) -> np.ndarray:
    """Top edge of a mountain range ("mountains": sharp ridged peaks), rolling "hills",
    or smooth "dunes"."""
    if kind == "mountains":
        smooth = fractal_1d(rng, length=width, cells=rng.uniform(2, 3.5), octaves=4)
        sharp = 1 - np.abs(fractal_1d(rng, length=width, cells=rng.uniform(3, 5), octaves=6, roughness=0.5))
        height = 0.55 * (smooth * 0.5 + 0.5) + 0.45 * sharp**1.5
    elif kind == "dunes":  # sharp crests where the noise crosses zero, smooth slopes
        wave = fractal_1d(rng, length=width, cells=rng.uniform(1.5, 2.5), octaves=3, roughness=0.3)
        height = (1 - np.abs(wave)) ** 2
    else:
        height = fractal_1d(rng, length=width, cells=rng.uniform(1.2, 2.2), octaves=4, roughness=0.35)
    # Stretch to exactly 0..1 so `amplitude` means the same for every kind and seed.
    height = (height - height.min()) / max(float(np.ptp(height)), 1e-6)
    return (base - amplitude * height).astype(np.float32)


def forest(rng: np.random.Generator, *, ground: np.ndarray, tree_height: float, pines: float) -> np.ndarray:
    """Tree line standing on `ground`: pine cones and round crowns (share `pines` of them
    are pines), with fine per-column jitter for needles and leaves."""
    width = ground.shape[0]
    count = int(width / (tree_height * 0.16))
    centres = np.sort(rng.uniform(-tree_height, width + tree_height, count))
    is_pine = rng.random(count) < pines
    heights = tree_height * rng.uniform(0.55, 1.1, count) * np.where(is_pine, 1.0, 0.7)
    half = np.where(is_pine, 0.2, 0.45) * heights * rng.uniform(0.8, 1.2, count)
    x = np.arange(width, dtype=np.float32)[None, :]
    u = np.abs(x - centres[:, None]) / half[:, None]  # 0 at a tree's axis, 1 at its edge
    shape = np.where(is_pine[:, None], 1 - u, np.sqrt(np.clip(1 - u * u, 0, 1)))
    shape = np.where(u < 1, shape, -np.inf)
    stand = ground[np.clip(centres.astype(np.int64), 0, width - 1)]
    tops = (stand[:, None] - heights[:, None] * shape).min(axis=0)
    jitter = fractal_1d(rng, length=width, cells=width / 6, octaves=2) * tree_height * 0.04
    return np.minimum(ground, tops + jitter).astype(np.float32)


def skyline(rng: np.random.Generator, *, width: int, base: float, tallest: float) -> Skyline:
    """Blocks of varied width and height, with an occasional tower."""
    widths = rng.uniform(0.025, 0.07, 80) * width
    edges = np.concatenate([[0.0], np.cumsum(widths)])
    edges = edges[: np.searchsorted(edges, width) + 1].astype(np.int64)
    n = len(edges) - 1
    heights = tallest * rng.uniform(0.25, 0.75, n) ** 1.3
    heights[rng.random(n) < 0.12] = tallest * rng.uniform(0.85, 1.0)
    building = np.searchsorted(edges, np.arange(width), side="right") - 1
    profile = (base - heights[building]).astype(np.float32)
    return Skyline(profile=profile, building=building, edges=edges)


def silhouette(
    canvas: Canvas,
    profile: np.ndarray,
    colour: Colour,
    *,
    haze: Colour,
    mist: float,
    mist_depth: float,
    bottom: int,
) -> None:
    """Fill below the profile: `colour` at the top edge fading by `mist` towards `haze`
    over `mist_depth` pixels downwards, down to row `bottom`.

    The fade follows a smoothed copy of the profile; following every peak and tree top
    exactly would paint vertical streaks under them."""
    top = max(0, int(profile.min()) - 1)
    if bottom <= top:
        return
    rows = canvas.rows(top, bottom)
    alpha = np.clip(rows - profile[None, :] + 0.5, 0, 1)  # anti-aliased edge
    if mist > 0:
        level = gaussian_filter1d(profile, sigma=canvas.width / 40, mode="nearest")
        below = rows - level[None, :]
        fade = (smoothstep(-mist_depth * 0.2, mist_depth, below) * np.float32(mist))[..., None]
        canvas.paint(colour + (haze - colour) * fade, alpha, top=top)
    else:
        canvas.paint(colour, alpha, top=top)


def windows(
    canvas: Canvas,
    rng: np.random.Generator,
    city: Skyline,
    colour: Colour,
    *,
    scale: float,
    lit_share: float,
    brightness: float,
    bottom: int,
) -> None:
    """Small lit windows in a grid per building, down to row `bottom`; a random share glow."""
    top = max(0, int(city.profile.min()))
    if bottom <= top:
        return
    rows = canvas.rows(top, bottom)[:, 0]
    cell_w, cell_h = 9 * scale, 12 * scale
    floors = int(canvas.height / cell_h) + 1
    lit = rng.random((len(city.edges), floors)) < lit_share
    level = rng.uniform(0.5, 1.0, (len(city.edges), floors)).astype(np.float32)
    floor = (rows / cell_h).astype(np.int64)
    in_x = ((np.arange(canvas.width) - city.edges[city.building]) % cell_w) / cell_w
    window_x = (in_x > 0.35) & (in_x < 0.8)
    window_y = ((rows / cell_h) % 1 > 0.3) & ((rows / cell_h) % 1 < 0.8)
    margin = rows[:, None] > city.profile[None, :] + cell_h * 0.8
    on = lit[city.building[None, :], floor[:, None]] & window_x[None, :] & window_y[:, None]
    glow = np.where(on & margin, level[city.building[None, :], floor[:, None]], 0)
    canvas.paint(colour, glow.astype(np.float32) * np.float32(brightness), top=top)
