"""Things in the air in front of the land: mist banks, rain, snow and a flock of birds."""

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from .canvas import Canvas
from .noise import enlarge, fractal_2d
from .palette import Colour, Palette, mix


def mist(
    canvas: Canvas,
    rng: np.random.Generator,
    colour: Colour,
    *,
    centre: float,
    thickness: float,
    strength: float,
) -> None:
    """A horizontal bank of mist centred on row `centre`, broken up by streaky noise."""
    top = max(0, int(centre - 2.5 * thickness))
    bottom = min(canvas.height, int(centre + 2.5 * thickness))
    if bottom - top < 8:
        return
    rows = canvas.rows(top, bottom)
    veil = fractal_2d(
        rng, width=canvas.width // 8, height=max(2, (bottom - top) // 8), cells=(5, 2), octaves=3
    )
    veil = enlarge(0.65 + 0.35 * veil, width=canvas.width, height=bottom - top)
    alpha = np.exp(-(((rows - centre) / thickness) ** 2)) * veil * np.float32(strength)
    canvas.paint(colour, np.clip(alpha, 0, 1), top=top)


def _streak_layer(canvas: Canvas, draw_fn, *, blur: float) -> np.ndarray:
    """Draw with PIL at half resolution, soften, and enlarge: cheap anti-aliasing."""
    layer = Image.new("L", (canvas.width // 2, canvas.height // 2), 0)
    draw_fn(ImageDraw.Draw(layer))
    layer = layer.filter(ImageFilter.GaussianBlur(blur))
    layer = layer.resize((canvas.width, canvas.height), Image.Resampling.BILINEAR)
    return np.asarray(layer, dtype=np.float32) / 255


def rain(canvas: Canvas, rng: np.random.Generator, palette: Palette, *, count: int) -> None:
    """Slanted streaks at two depths: many faint short ones, fewer long bright ones."""
    slant = rng.uniform(-0.25, 0.1)
    w, h = canvas.width // 2, canvas.height // 2
    xs, ys = rng.uniform(-40, w + 40, count), rng.uniform(-40, h, count)
    near = rng.random(count) < 0.2
    lengths = np.where(near, rng.uniform(25, 45, count), rng.uniform(8, 20, count))
    values = np.where(near, rng.uniform(110, 180, count), rng.uniform(50, 110, count))

    def draw(d: ImageDraw.ImageDraw) -> None:
        for x, y, length, value in zip(xs, ys, lengths, values, strict=True):
            d.line([(x, y), (x + slant * length, y + length)], fill=int(value), width=1)

    streaks = _streak_layer(canvas, draw, blur=0.5)
    canvas.shine(mix(palette.haze, palette.light, 0.5), streaks * 0.55)


def snow(canvas: Canvas, rng: np.random.Generator, palette: Palette, *, count: int) -> None:
    """Soft flakes of a few sizes, bigger (nearer) ones rarer."""
    w, h = canvas.width // 2, canvas.height // 2
    xs, ys = rng.uniform(0, w, count), rng.uniform(0, h, count)
    sizes = np.minimum(0.5 + rng.pareto(3.0, count) * 0.8, 3.5)
    values = rng.uniform(120, 230, count)

    def draw(d: ImageDraw.ImageDraw) -> None:
        for x, y, r, value in zip(xs, ys, sizes, values, strict=True):
            d.ellipse([x - r, y - r, x + r, y + r], fill=int(value))

    flakes = _streak_layer(canvas, draw, blur=0.8)
    canvas.shine(mix(palette.light, palette.haze, 0.2), flakes * 0.8)


def birds(
    canvas: Canvas, rng: np.random.Generator, colour: Colour, *, x: float, y: float, span: float
) -> None:
    """A loose flock of gull-like 'm' shapes, drawn 4x larger and shrunk to anti-alias."""
    count = int(rng.integers(5, 10))
    scale = 4
    box_w, box_h = int(span * 1.3), int(span * 0.6)
    left, top = int(x - box_w / 2), int(y - box_h / 2)
    if left < 0 or top < 0 or left + box_w > canvas.width or top + box_h > canvas.height:
        return
    layer = Image.new("L", (box_w * scale, box_h * scale), 0)
    d = ImageDraw.Draw(layer)
    for _ in range(count):
        bx = rng.uniform(0.1, 0.9) * box_w * scale
        by = rng.uniform(0.2, 0.8) * box_h * scale
        size = rng.uniform(0.025, 0.05) * span * scale
        lift = rng.uniform(0.2, 0.6)  # wing angle differs per bird: mid-flap
        wing = [
            (bx - size, by - size * lift * 0.4),
            (bx - size * 0.5, by - size * lift),
            (bx, by),
            (bx + size * 0.5, by - size * lift),
            (bx + size, by - size * lift * 0.4),
        ]
        d.line(wing, fill=255, width=max(2, int(size * 0.14)), joint="curve")
    alpha = layer.resize((box_w, box_h), Image.Resampling.LANCZOS)
    canvas.rgb[top : top + box_h, left : left + box_w] += (
        colour - canvas.rgb[top : top + box_h, left : left + box_w]
    ) * (np.asarray(alpha, dtype=np.float32)[..., None] / 255 * 0.9)
