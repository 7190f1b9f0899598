"""The light source: a moon or sun disc with its halo, and sun rays through the haze."""

from dataclasses import dataclass

import numpy as np

from .canvas import Canvas
from .noise import enlarge, fractal_1d, fractal_2d, smoothstep
from .palette import Palette

LOW = 4  # halos and rays are smooth: computed at 1/LOW resolution


@dataclass(frozen=True)
class Light:
    kind: str  # "moon" or "sun"
    x: float  # centre, pixels
    y: float
    radius: float


def _distance(canvas: Canvas, light: Light, *, rows: int) -> np.ndarray:
    """Distance in full-resolution pixels from the light centre, on a 1/LOW grid."""
    y, x = np.mgrid[0 : rows // LOW, 0 : canvas.width // LOW].astype(np.float32) * LOW
    return np.hypot(x - light.x, y - light.y)


def halo(canvas: Canvas, palette: Palette, light: Light, *, horizon: int) -> None:
    """Soft glow around the light; a low sun also floods the horizon with colour."""
    d = _distance(canvas, light, rows=horizon)
    r = light.radius
    if light.kind == "sun":
        amount = 0.6 * np.exp(-d / (r * 1.8)) + 0.4 * np.exp(-((d / (r * 8)) ** 2))
        y, x = np.mgrid[0 : horizon // LOW, 0 : canvas.width // LOW].astype(np.float32) * LOW
        nearness = smoothstep(canvas.height * 0.45, 0, horizon - light.y)  # 1 when low
        band = np.exp(-(((horizon - y) / (canvas.height * 0.12)) ** 2))
        amount += nearness * 0.45 * band * np.exp(-(((x - light.x) / canvas.width) ** 2))
    else:
        amount = 0.4 * np.exp(-d / (r * 1.3)) + 0.14 * np.exp(-((d / (r * 7)) ** 2))
    canvas.shine(palette.glow, enlarge(amount, width=canvas.width, height=horizon))


def disc(canvas: Canvas, rng: np.random.Generator, palette: Palette, light: Light) -> None:
    """The disc itself, anti-aliased; the moon gets faint maria and a darker limb."""
    r = light.radius
    top, left = int(light.y - r - 2), int(light.x - r - 2)
    size = int(2 * r + 5)
    y, x = np.mgrid[top : top + size, left : left + size].astype(np.float32)
    d = np.hypot(x - light.x, y - light.y)
    alpha = np.clip(r - d + 0.5, 0, 1)
    if light.kind == "moon":
        maria = fractal_2d(rng, width=size, height=size, cells=(3, 3), octaves=4)
        shade = 1 - 0.13 * smoothstep(-0.1, 0.5, maria) - 0.12 * (d / r) ** 4
        colour = palette.light * np.clip(shade, 0, 1)[..., None]
    else:
        colour = np.broadcast_to(palette.light, (size, size, 3))
    # Clip the box to the canvas: a low sun may hang partly outside the frame.
    y0, x0 = max(top, 0), max(left, 0)
    y1, x1 = min(top + size, canvas.height), min(left + size, canvas.width)
    if y1 <= y0 or x1 <= x0:
        return
    inner = (slice(y0 - top, y1 - top), slice(x0 - left, x1 - left))
    region = canvas.rgb[y0:y1, x0:x1]
    region += (colour[inner] - region) * alpha[inner][..., None]


def rays(canvas: Canvas, rng: np.random.Generator, palette: Palette, light: Light) -> None:
    """Crepuscular rays: light shafts fanning out from the sun through haze."""
    h, w = canvas.height // LOW, canvas.width // LOW
    y, x = np.mgrid[0:h, 0:w].astype(np.float32) * LOW
    angle = np.arctan2(y - light.y, x - light.x)  # -pi..pi
    pattern = 0.5 + 0.5 * fractal_1d(rng, length=720, cells=24, octaves=3, roughness=0.6)
    shafts = pattern[((angle + np.pi) / (2 * np.pi) * 719).astype(np.int64)] ** 3
    falloff = np.exp(-np.hypot(x - light.x, y - light.y) / (canvas.height * 0.6))
    falloff *= 0.3 + 0.7 * smoothstep(light.y - light.radius, light.y + 4 * light.radius, y)
    canvas.shine(palette.glow, enlarge(shafts * falloff * 0.4, width=canvas.width, height=canvas.height))
