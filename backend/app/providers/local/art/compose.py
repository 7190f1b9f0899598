"""The recipe: read the prompt, then paint back to front: sky, light, land or sea,
weather, grain. Every random choice comes from a seeded generator, so one
(prompt, seed) always gives the same picture and another seed rearranges it."""

from collections.abc import Callable

import numpy as np
from PIL import Image

from . import light, sky, weather
from .canvas import Canvas
from .ground import RngFor, paint_ground
from .light import Light
from .noise import make_rng
from .palette import mix
from .scene import GROUNDS, Scene, read_prompt

# How high a sun of each setting stands, as a fraction of the sky above the horizon.
SUN_HEIGHT = {"sunset": (0.02, 0.25), "dawn": (0.2, 0.32), "morning": (0.3, 0.45), "day": (0.6, 0.75)}


def _place_light(
    scene: Scene, rng: np.random.Generator, *, width: int, height: int, horizon: int
) -> Light | None:
    if "moon" in scene.forms:
        return Light(
            "moon",
            x=rng.uniform(0.15, 0.85) * width,
            y=rng.uniform(0.13, 0.3) * height,
            radius=rng.uniform(0.03, 0.045) * height,
        )
    if "sun" in scene.forms:
        low, high = SUN_HEIGHT.get(scene.setting, (0.18, 0.3))
        radius = rng.uniform(0.045, 0.06) * height
        return Light(
            "sun",
            x=rng.uniform(0.25, 0.75) * width,
            y=horizon - radius * 0.3 - rng.uniform(low, high) * horizon,
            radius=radius,
        )
    return None


# Called after each group of layers with the group's name ("sky", "light", "clouds",
# "land", "rays", "weather") and the canvas as it stands: how layers.py separates them.
StageFn = Callable[[str, Canvas], None]


def _no_stage(_: str, __: Canvas) -> None:
    return None


def paint(scene: Scene, rng_for: RngFor, *, width: int, height: int, stage: StageFn = _no_stage) -> Canvas:
    """Paint the scene; rng_for(purpose) gives each layer its own seeded generator."""
    f, p = scene.forms, scene.palette
    layout = rng_for("layout")
    has_ground = bool(f & set(GROUNDS))
    horizon = int(height * layout.uniform(0.56, 0.64 if "ocean" in f else 0.7))
    if not has_ground:  # open space: the sky fills the frame
        horizon = height
    canvas = Canvas(width=width, height=height)
    sky.gradient(canvas, rng_for("sky"), p, horizon=horizon)
    if "nebula" in f:
        sky.nebula(canvas, rng_for("nebula"), p)
    if "stars" in f and "rain" not in f:
        count = 3500 if scene.setting == "space" else 900
        sky.stars(canvas, rng_for("stars"), p, horizon=horizon, count=count)
    if "aurora" in f:
        sky.aurora(canvas, rng_for("aurora"), p, horizon=horizon)
    stage("sky", canvas)
    source = _place_light(scene, layout, width=width, height=height, horizon=horizon)
    if source is not None:
        light.halo(canvas, p, source, horizon=horizon)
        light.disc(canvas, rng_for("disc"), p, source)
    stage("light", canvas)
    if "clouds" in f or "rain" in f:
        light_x = source.x / width if source else 0.5
        sky.clouds(
            canvas,
            rng_for("clouds"),
            p,
            horizon=horizon,
            light_x=light_x,
            heavy="rain" in f or scene.setting == "storm",
        )
    stage("clouds", canvas)
    if has_ground:
        paint_ground(canvas, rng_for, scene, horizon=horizon, source=source)
    stage("land", canvas)
    if source is not None and source.kind == "sun" and f & {"forest", "fog"}:
        light.rays(canvas, rng_for("rays"), p, source)
    stage("rays", canvas)
    if "rain" in f:
        weather.rain(canvas, rng_for("rain"), p, count=1500)
    if "snow" in f:
        weather.snow(canvas, rng_for("snow"), p, count=700)
    if "birds" in f:
        flock = rng_for("birds")
        weather.birds(
            canvas,
            flock,
            mix(p.land, p.sky_mid, 0.25),
            x=flock.uniform(0.3, 0.7) * width,
            y=flock.uniform(0.2, 0.32) * height,
            span=width * 0.2,
        )
    stage("weather", canvas)
    return canvas


def seeded(*, prompt: str, seed: int) -> RngFor:
    """The generator of each purpose for one (prompt, seed)."""

    def rng_for(purpose: str) -> np.random.Generator:
        return make_rng(prompt=prompt, seed=seed, purpose=purpose)

    return rng_for


def render(
    *, prompt: str, seed: int, width: int = 1920, height: int = 1080, scene: Scene | None = None
) -> Image.Image:
    """The cover picture for a prompt: RGB, width x height, identical for identical input.
    `scene`, when given, is drawn instead of the one the prompt reads as (a video's stills
    share one world); the prompt and seed still arrange it."""
    rng_for = seeded(prompt=prompt, seed=seed)
    if scene is None:
        scene = read_prompt(prompt=prompt, rng=rng_for("scene"))
    canvas = paint(scene, rng_for, width=width, height=height)
    return canvas.to_image(rng=rng_for("grain"))
