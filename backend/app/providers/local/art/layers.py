"""The painting taken apart: one RGBA image per group of layers (sky, light, clouds, land,
rays, weather) with a depth, so an animator can move near things more than far ones.

The painter works back to front on one canvas; after each group the canvas is copied, and
each group's layer is what changed since the copy before. A pixel changed by a lot is the
group's own colour, fully opaque; a pixel changed a little (haze at a ridge's foot, a halo's
edge) becomes partly transparent, its colour chosen so that laid over the copy before it
gives back exactly what the painter drew. Laid over each other in place, the layers are
the picture before its finishing pass."""

from dataclasses import dataclass

import numpy as np
from PIL import Image

from .canvas import Canvas
from .compose import paint, seeded
from .scene import Scene, read_prompt

# Depth of each group: 1 is the far sky, 0 the viewer's eye.
DEPTHS = {"sky": 1.0, "light": 0.95, "clouds": 0.85, "land": 0.45, "rays": 0.3, "weather": 0.15}

# A change this large (in [0, 1] per channel) makes a pixel fully the group's own.
OPAQUE_CHANGE = 0.04


@dataclass(frozen=True)
class PaintedLayer:
    kind: str  # a key of DEPTHS
    depth: float
    image: Image.Image  # RGBA, only the box that holds the layer's pixels
    left: int  # where the box sits in the frame
    top: int


def render_layers(
    *, prompt: str, seed: int, width: int = 1920, height: int = 1080, scene: Scene | None = None
) -> tuple[Image.Image, list[PaintedLayer]]:
    """The finished picture (the same pixels `render` gives for these arguments) and its
    layers, far to near. The sky layer covers the whole frame and is opaque; groups the
    scene has none of (no light, no weather) are left out."""
    rng_for = seeded(prompt=prompt, seed=seed)
    if scene is None:
        scene = read_prompt(prompt=prompt, rng=rng_for("scene"))
    stages: list[tuple[str, np.ndarray]] = []

    def keep(name: str, canvas: Canvas) -> None:
        stages.append((name, canvas.rgb.copy()))

    canvas = paint(scene, rng_for, width=width, height=height, stage=keep)
    vignette = canvas.vignette()[..., None]
    # The sky is finished like the picture (grain keeps a smooth sky from banding once
    # encoded); the layers above it are only darkened like it towards the corners.
    sky = Canvas(width=width, height=height)
    sky.rgb = stages[0][1].copy()
    layers = [PaintedLayer("sky", DEPTHS["sky"], sky.to_image(rng=rng_for("grain")).convert("RGBA"), 0, 0)]
    for (_, before), (name, after) in zip(stages, stages[1:], strict=False):
        layer = _difference(name, before, after, vignette)
        if layer is not None:
            layers.append(layer)
    flat = canvas.to_image(rng=rng_for("grain"))
    return flat, layers


def _difference(
    name: str, before: np.ndarray, after: np.ndarray, vignette: np.ndarray
) -> PaintedLayer | None:
    change = after - before
    size = np.abs(change).max(axis=2)
    alpha = np.clip(size / OPAQUE_CHANGE, 0, 1)
    rows, cols = np.nonzero(alpha.max(axis=1) > 1 / 255)[0], np.nonzero(alpha.max(axis=0) > 1 / 255)[0]
    if not len(rows) or not len(cols):
        return None
    top, bottom, left, right = rows[0], rows[-1] + 1, cols[0], cols[-1] + 1
    a = alpha[top:bottom, left:right, None]
    # colour * a + before * (1 - a) == after, wherever a > 0
    colour = before[top:bottom, left:right] + change[top:bottom, left:right] / np.maximum(a, 1e-6)
    colour = np.clip(colour * vignette[top:bottom, left:right], 0, 1)
    rgba = np.concatenate([colour, a], axis=2) * 255 + 0.5
    image = Image.fromarray(rgba.astype(np.uint8), "RGBA")
    return PaintedLayer(name, DEPTHS[name], image, int(left), int(top))
