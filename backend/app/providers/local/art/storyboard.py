"""Storyboard stills: one picture per scene of a music video, painted so that the stills of
one video belong together and still differ shot to shot.

- One world per video: the palette is the style guide's (every still of the video uses it),
  and the forms come from the guide's world — the same land, water and light in every still.
- Each scene varies the framing: its own seed moves the horizon and the light; its framing
  crops a larger painting (a close view is a detail of it, an aerial view looks down so the
  horizon rises, a low view looks up so the sky fills the frame); its light shifts the palette
  a little (a chorus glows, a bridge turns cooler); weather or stars its words name join in.

Style and scene may be the planner's models or the plain dicts the studio stores."""

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from PIL import Image

from app.media.image import save_png
from app.providers.planning import ASPECT_SIZES

from .compose import render
from .layers import PaintedLayer, render_layers
from .noise import make_rng
from .palette import apply_modifiers, palette_from_codes
from .scene import Scene, read_prompt

# framing → (how much larger the painting is than the frame, where the frame sits in it
# vertically: 0 top … 1 bottom). The horizontal place comes from the still's seed.
FRAMES: dict[str, tuple[float, float]] = {
    "wide": (1.0, 0.5),
    "medium": (1.22, 0.55),
    "close": (1.5, 0.45),
    "aerial": (1.6, 1.0),  # the lower part: the horizon rises in the frame, as seen from above
    "low": (1.35, 0.0),  # the upper part: the horizon sinks, the sky fills the frame
}
# Forms a scene's words may add on top of the world (sky and weather only: the land stays).
PASSING_FORMS = {"rain", "snow", "birds", "fog", "clouds", "stars", "aurora"}
LIGHT_MOODS = (("glow", ("vivid",)), ("bright", ("vivid",)), ("cooler", ("cold",)), ("dim", ("dark",)))


@dataclass(frozen=True)
class Frame:
    paint_width: int
    paint_height: int
    left: int
    top: int
    width: int
    height: int


def _get(obj: Mapping[str, Any] | Any, name: str, default: Any = None) -> Any:
    if isinstance(obj, Mapping):
        return obj.get(name, default)
    return getattr(obj, name, default)


def _world_words(style: Mapping[str, Any] | Any) -> str:
    return f"{_get(style, 'world', '')} {' '.join(_get(style, 'motifs', []) or [])}"


def art_scene(style: Mapping[str, Any] | Any, scene: Mapping[str, Any] | Any) -> Scene:
    """What the painter draws for this scene: the video's world and palette, this scene's light."""
    words = _world_words(style)
    world = read_prompt(prompt=words, rng=make_rng(prompt=words, seed=0, purpose="world"))
    extra = read_prompt(
        prompt=str(_get(scene, "prompt", "")), rng=make_rng(prompt="", seed=0, purpose="scene")
    )
    forms = set(world.forms) | (set(extra.forms) & PASSING_FORMS)
    codes = [c for c in _get(style, "palette", []) or [] if isinstance(c, str)]
    try:
        palette = palette_from_codes(codes)
    except (ValueError, IndexError):
        palette = world.palette  # a guide without usable colours: the world's own
    # The scene's own part of its light (after the video's, when written "video; scene").
    lighting = str(_get(scene, "lighting", "")).lower().split(";")[-1]
    for word, modifiers in LIGHT_MOODS:
        if word in lighting:
            palette = apply_modifiers(palette, modifiers)
            break
    return replace(world, palette=palette, forms=frozenset(forms))


def frame_for(framing: str, *, width: int, height: int, seed: int) -> Frame:
    scale, vertical = FRAMES.get(framing, FRAMES["wide"])
    paint_width, paint_height = round(width * scale), round(height * scale)
    sideways = make_rng(prompt=framing, seed=seed, purpose="frame").uniform(0.15, 0.85)
    left = round((paint_width - width) * sideways)
    top = round((paint_height - height) * vertical)
    return Frame(paint_width, paint_height, left, top, width, height)


def _key(style: Mapping[str, Any] | Any, scene: Mapping[str, Any] | Any) -> str:
    """The painter's prompt key (its randomness is seeded by it): the world and the scene."""
    text = f"{_world_words(style)}\x00{_get(scene, 'prompt', '')}\x00{_get(scene, 'framing', 'wide')}"
    return hashlib.sha256(text.encode()).hexdigest()


def paint_still(
    style: Mapping[str, Any] | Any, scene: Mapping[str, Any] | Any, *, size: tuple[int, int], seed: int
) -> Image.Image:
    frame = frame_for(str(_get(scene, "framing", "wide")), width=size[0], height=size[1], seed=seed)
    painting = render(
        prompt=_key(style, scene),
        seed=seed,
        width=frame.paint_width,
        height=frame.paint_height,
        scene=art_scene(style, scene),
    )
    return painting.crop((frame.left, frame.top, frame.left + frame.width, frame.top + frame.height))


def paint_storyboard_still(
    style: Mapping[str, Any] | Any, scene: Mapping[str, Any] | Any, aspect: str, seed: int, workdir: Path
) -> Path:
    """The scene's still as a PNG of the video's frame (1920×1080, 1080×1920 or 1080×1080)."""
    image = paint_still(style, scene, size=ASPECT_SIZES[aspect], seed=seed)
    return save_png(image, workdir / "still.png")


def paint_storyboard_layers(
    style: Mapping[str, Any] | Any, scene: Mapping[str, Any] | Any, *, size: tuple[int, int], seed: int
) -> tuple[Image.Image, list[PaintedLayer]]:
    """The same still with its layers (far to near) cut to the frame, for the animator's
    parallax: the flat picture is pixel for pixel `paint_still`'s."""
    frame = frame_for(str(_get(scene, "framing", "wide")), width=size[0], height=size[1], seed=seed)
    flat, layers = render_layers(
        prompt=_key(style, scene),
        seed=seed,
        width=frame.paint_width,
        height=frame.paint_height,
        scene=art_scene(style, scene),
    )
    box = (frame.left, frame.top, frame.left + frame.width, frame.top + frame.height)
    cut = []
    for layer in layers:
        x0, y0 = max(layer.left, box[0]), max(layer.top, box[1])
        x1 = min(layer.left + layer.image.width, box[2])
        y1 = min(layer.top + layer.image.height, box[3])
        if x1 <= x0 or y1 <= y0:
            continue  # wholly outside this framing
        image = layer.image.crop((x0 - layer.left, y0 - layer.top, x1 - layer.left, y1 - layer.top))
        cut.append(replace(layer, image=image, left=x0 - box[0], top=y0 - box[1]))
    return flat.crop(box), cut
