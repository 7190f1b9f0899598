"""Deterministic randomness and smooth noise.

Every random choice comes from a generator seeded by (prompt, seed, purpose), so the same
request always draws the same picture. 2-D noise is made small and enlarged with bicubic
resampling: fast, and exactly the softness clouds, mist and nebulae need."""

import hashlib

import numpy as np
from PIL import Image


def make_rng(*, prompt: str, seed: int, purpose: str) -> np.random.Generator:
    """A generator private to one purpose, so adding a layer never reshuffles the others."""
    digest = hashlib.sha256(f"{prompt}\x00{seed}\x00{purpose}".encode()).digest()
    return np.random.default_rng(int.from_bytes(digest[:8], "big"))


def enlarge(values: np.ndarray, *, width: int, height: int) -> np.ndarray:
    """Bicubic resize of a 2-D float array to (height, width)."""
    image = Image.fromarray(np.ascontiguousarray(values, dtype=np.float32))
    return np.asarray(image.resize((width, height), Image.Resampling.BICUBIC))


def _catmull_rom(knots: np.ndarray, pos: np.ndarray) -> np.ndarray:
    """Smooth curve through knots (no flat spots at the knots, unlike smoothstep)."""
    i = np.floor(pos).astype(np.int64)
    t = pos - i
    p0, p1, p2, p3 = knots[i], knots[i + 1], knots[i + 2], knots[i + 3]
    return 0.5 * (
        2 * p1 + (p2 - p0) * t + (2 * p0 - 5 * p1 + 4 * p2 - p3) * t**2 + (3 * p1 - p0 - 3 * p2 + p3) * t**3
    )


def fractal_1d(
    rng: np.random.Generator, *, length: int, cells: float, octaves: int, roughness: float = 0.5
) -> np.ndarray:
    """Fractal noise along a line, roughly in [-1, 1]: ridgelines, aurora rays, tree heights.

    cells is how many hills the coarsest octave has across the line; each octave doubles it
    and multiplies its amplitude by roughness."""
    x = np.arange(length, dtype=np.float64) / length
    total = np.zeros(length)
    amplitude, norm = 1.0, 0.0
    for _ in range(octaves):
        knots = rng.uniform(-1, 1, int(np.ceil(cells)) + 4)
        total += amplitude * _catmull_rom(knots, x * cells)
        norm += amplitude
        amplitude *= roughness
        cells *= 2
    return (total / norm).astype(np.float32)


def fractal_2d(
    rng: np.random.Generator,
    *,
    width: int,
    height: int,
    cells: tuple[float, float],
    octaves: int,
    roughness: float = 0.5,
) -> np.ndarray:
    """Fractal noise on a (height, width) grid, roughly in [-1, 1].

    cells = (across, down) for the coarsest octave; unequal values stretch the texture
    (many cells down and few across give horizontal streaks)."""
    total = np.zeros((height, width), dtype=np.float32)
    across, down = cells
    amplitude, norm = 1.0, 0.0
    for _ in range(octaves):
        grid = rng.uniform(-1, 1, (max(2, round(down)) + 1, max(2, round(across)) + 1))
        total += amplitude * enlarge(grid, width=width, height=height)
        norm += amplitude
        amplitude *= roughness
        across, down = across * 2, down * 2
    return total / np.float32(norm)


def smoothstep(edge0: float, edge1: float, x: np.ndarray | float) -> np.ndarray:
    t = np.clip((x - edge0) / (edge1 - edge0), 0, 1)
    return t * t * (3 - 2 * t)
