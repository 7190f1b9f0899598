"""The sea or a lake below the horizon: a perspective wave texture, the sky's reflection,
mirrored distant land and a glittering path under the moon or sun."""

import numpy as np

from .canvas import Canvas
from .light import Light
from .noise import enlarge, fractal_2d, smoothstep
from .palette import Colour, Palette, mix


def _streaks(rng: np.random.Generator, *, width: int, rows: int, cells: tuple[int, int]) -> np.ndarray:
    """Horizontal wave streaks, compressed towards the horizon like real perspective."""
    texture = fractal_2d(rng, width=width // 8, height=rows // 2, cells=cells, octaves=4, roughness=0.6)
    texture = enlarge(texture, width=width, height=rows)
    depth = np.arange(rows, dtype=np.float32) / rows  # 0 at the horizon, 1 at the bottom
    source = (np.sqrt(depth) * (rows - 1)).astype(np.int64)  # more waves per row far away
    return texture[source]


def ocean(
    canvas: Canvas,
    rng: np.random.Generator,
    palette: Palette,
    *,
    horizon: int,
    light: Light | None,
) -> None:
    rows = canvas.height - horizon
    depth = canvas.rows(0, rows) / rows
    far = mix(palette.horizon, palette.haze, 0.4) * np.float32(0.82)
    column = far + (palette.water - far) * smoothstep(0, 0.7, depth) ** 0.6
    waves = _streaks(rng, width=canvas.width, rows=rows, cells=(3, 40))
    # Wave faces tilted up mirror the brighter sky; troughs show the dark water.
    sky = mix(palette.sky_mid, palette.horizon, 0.5)
    lift = (np.clip(waves, 0, 1) * 0.35 * (1 - depth * 0.5))[..., None]
    canvas.rgb[horizon:] = column[:, None, :] * (1 + 0.18 * waves[..., None])
    canvas.rgb[horizon:] += (sky - canvas.rgb[horizon:]) * lift
    if light is None or light.y > horizon:
        return
    glints = _streaks(rng, width=canvas.width, rows=rows, cells=(12, 90))
    dx = canvas.columns() - light.x
    spread = light.radius * (1.0 + 7 * depth) + canvas.width * 0.02 * depth
    path = np.exp(-((dx / spread) ** 2))
    strength = 1.0 if light.kind == "sun" else 0.8
    sparkle = smoothstep(0.05, 0.45, glints) * path * strength
    canvas.shine(palette.glow, path * 0.18 * (1 - depth * 0.6), top=horizon)
    canvas.shine(palette.light, sparkle, top=horizon)


def mirror(canvas: Canvas, profile: np.ndarray, colour: Colour, *, horizon: int) -> None:
    """Soft reflection of land standing on the horizon, squashed and faded."""
    height = np.clip(horizon - profile, 0, None) * 0.6
    reach = int(height.max()) + 2
    if reach <= 2:
        return
    below = canvas.rows(0, min(reach, canvas.height - horizon))
    alpha = np.clip(height[None, :] - below, 0, 1) * 0.55 * (1 - below / reach)
    canvas.paint(colour, alpha, top=horizon)
