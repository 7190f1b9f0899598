"""Everything above the horizon except the light source: the gradient sky, clouds, stars,
the aurora and space nebulae."""

import numpy as np

from .canvas import Canvas
from .noise import enlarge, fractal_1d, fractal_2d, smoothstep
from .palette import Palette, mix

LOW = 4  # soft layers are computed at 1/LOW resolution and enlarged


def gradient(canvas: Canvas, rng: np.random.Generator, palette: Palette, *, horizon: int) -> None:
    """Three-stop vertical gradient, top -> mid -> horizon, with a faint large-scale mottle
    so the sky is not a perfect digital ramp."""
    t = np.clip(canvas.rows()[:, 0] / horizon, 0, 1)
    upper = smoothstep(0, 1, t / 0.6)[:, None]
    lower = smoothstep(0, 1, (t - 0.6) / 0.4)[:, None] ** 0.8
    column = palette.sky_top + (palette.sky_mid - palette.sky_top) * upper
    column = column + (palette.horizon - column) * lower
    mottle = fractal_2d(rng, width=canvas.width // 16, height=canvas.height // 16, cells=(3, 2), octaves=3)
    mottle = 1 + 0.05 * enlarge(mottle, width=canvas.width, height=canvas.height)
    canvas.rgb[:] = column[:, None, :] * mottle[..., None]


def clouds(
    canvas: Canvas,
    rng: np.random.Generator,
    palette: Palette,
    *,
    horizon: int,
    light_x: float,
    heavy: bool,
) -> None:
    """Soft cloud banks: long streaks lit by the light source (sunset) or a heavy grey
    ceiling (storm)."""
    w, h = canvas.width // LOW, horizon // LOW
    cells = (4, 3) if heavy else (2, 9)
    shape = fractal_2d(rng, width=w, height=h, cells=cells, octaves=5, roughness=0.55)
    y = np.arange(h, dtype=np.float32)[:, None] / h
    band = np.exp(-(((y - rng.uniform(0.35, 0.6)) / (0.45 if heavy else 0.22)) ** 2))
    coverage = 0.1 if heavy else 0.28
    density = smoothstep(coverage, coverage + 0.35, shape * 0.9 + band * 0.55 - 0.3)
    density *= smoothstep(1.0, 0.8, y)  # clouds thin out just above the horizon
    density = enlarge(density, width=canvas.width, height=horizon)
    # Edges nearest the light catch its glow; the rest take the upper-sky colour.
    x = canvas.columns() / canvas.width
    lit = np.exp(-(((x - light_x) / 0.35) ** 2)) * (0.35 if heavy else 0.8)
    base = mix(palette.sky_mid, palette.sky_top, 0.55 if heavy else 0.35)
    colour = base + (palette.glow - base) * (lit * (1 - density * 0.6))[..., None]
    canvas.paint(colour, density * (0.9 if heavy else 0.75))


def stars(
    canvas: Canvas,
    rng: np.random.Generator,
    palette: Palette,
    *,
    horizon: int,
    count: int,
) -> None:
    """Point stars with a power-law brightness, anti-aliased by bilinear splatting; the
    few brightest get a soft halo. Above land they fade towards the horizon haze."""
    h, w = horizon, canvas.width
    ys = rng.uniform(0, h - 1.001, count)
    xs = rng.uniform(0, w - 1.001, count)
    bright = np.minimum(0.12 + rng.pareto(2.4, count) * 0.35, 1.6).astype(np.float32)
    field = np.zeros((h, w), dtype=np.float32)
    y0, x0 = ys.astype(np.int64), xs.astype(np.int64)
    fy, fx = (ys - y0).astype(np.float32), (xs - x0).astype(np.float32)
    for dy, wy in ((0, 1 - fy), (1, fy)):
        for dx, wx in ((0, 1 - fx), (1, fx)):
            np.add.at(field, (y0 + dy, x0 + dx), bright * wy * wx)
    yy, xx = np.mgrid[-8:9, -8:9].astype(np.float32)
    halo = np.exp(-(xx * xx + yy * yy) / 10)
    for i in np.argsort(bright)[-(count // 60) :]:  # brightest few: small gaussian halo
        top, left = int(ys[i]) - 8, int(xs[i]) - 8
        if top >= 0 and top + 17 <= h and left >= 0 and left + 17 <= w:
            field[top : top + 17, left : left + 17] += halo * bright[i] * 0.25
    if horizon < canvas.height:
        field *= smoothstep(1.0, 0.55, canvas.rows(0, h) / h)
    canvas.shine(mix(palette.light, np.ones(3, np.float32), 0.5), field)


def nebula(canvas: Canvas, rng: np.random.Generator, palette: Palette) -> None:
    """Glowing gas along a tilted band across the frame, two colours, with darker dust lanes."""
    w, h = canvas.width // LOW, canvas.height // LOW
    y, x = np.mgrid[0:h, 0:w].astype(np.float32)
    angle = rng.uniform(-0.6, 0.6)
    cx, cy = rng.uniform(0.3, 0.7) * w, rng.uniform(0.35, 0.6) * h
    across = (x - cx) * np.sin(angle) - (y - cy) * np.cos(angle)
    band = np.exp(-((across / (h * rng.uniform(0.22, 0.32))) ** 2))
    gas = fractal_2d(rng, width=w, height=h, cells=(4, 3), octaves=6, roughness=0.58)
    density = np.clip(gas * 0.9 + band * 0.85 - 0.45, 0, None) ** 1.4
    dust = smoothstep(0.1, 0.5, fractal_2d(rng, width=w, height=h, cells=(6, 4), octaves=5))
    density *= 1 - 0.75 * dust
    core = np.exp(-((x - cx) ** 2 + (y - cy) ** 2) / (2 * (h * 0.12) ** 2)) * band
    hue = smoothstep(-0.4, 0.4, fractal_2d(rng, width=w, height=h, cells=(2, 2), octaves=3))
    full = {"width": canvas.width, "height": canvas.height}
    density, hue = enlarge(density, **full), enlarge(hue, **full)
    canvas.shine(palette.accent, density * (1 - hue) * 1.5)
    canvas.shine(palette.accent2, density * hue * 1.2)
    canvas.shine(palette.glow, enlarge(core, **full) * 0.5)


def aurora(canvas: Canvas, rng: np.random.Generator, palette: Palette, *, horizon: int) -> None:
    """Two folded curtains of light: a wavy bright lower edge, soft vertical rays, fading
    upwards from accent (green) to accent2 (violet), strong in some places, absent in others."""
    w, h = canvas.width // LOW, horizon // LOW
    y = np.arange(h, dtype=np.float32)[:, None]
    curtain = np.zeros((h, w), dtype=np.float32)
    upper = np.zeros((h, w), dtype=np.float32)
    for weight in (1.0, 0.6):
        base = h * (rng.uniform(0.45, 0.6) + 0.35 * fractal_1d(rng, length=w, cells=2.2, octaves=3))
        height = h * (0.3 + 0.12 * fractal_1d(rng, length=w, cells=2.5, octaves=2))
        rays = 0.55 + 0.45 * fractal_1d(rng, length=w, cells=45, octaves=2, roughness=0.5)
        strength = smoothstep(-0.25, 0.45, fractal_1d(rng, length=w, cells=2, octaves=3))
        above = np.clip(base - y, 0, None)
        shape = np.where(y < base, np.exp(-above / height), np.exp(-(((y - base) / 2.0) ** 2)))
        layer = shape * strength * rays * weight
        curtain += layer
        upper += layer * np.clip(above / height, 0, 1)  # 0 at the lower edge, 1 high up
    upper /= np.maximum(curtain, 1e-4)
    full = {"width": canvas.width, "height": horizon}
    curtain, upper = enlarge(curtain, **full), enlarge(upper, **full)
    canvas.shine(palette.accent, curtain * (1 - upper) * 0.8)
    canvas.shine(palette.accent2, curtain * upper * 0.5)
