"""Below the sky: choosing silhouette layers from the scene's forms, painting them far to
near, and the sea with distant land mirrored in it."""

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from . import land, water, weather
from .canvas import Canvas
from .light import Light
from .noise import smoothstep
from .palette import Colour, mix
from .scene import GROUNDS, Scene

RngFor = Callable[[str], np.random.Generator]


@dataclass(frozen=True)
class Layer:
    kind: str  # "mountains", "hills", "dunes", "forest" or "city"
    profile: np.ndarray  # top row per column
    colour: Colour
    mist: float  # how far the layer fades into haze towards its foot
    nearness: float  # 0 far .. 1 nearest
    city: land.Skyline | None = None


def _plan(forms: frozenset[str], *, on_water: bool) -> list[str]:
    """Kinds of silhouette from far to near."""
    far = "mountains" if "mountains" in forms else "dunes" if "dunes" in forms else "hills"
    plan = [far] * (3 if far == "mountains" else 2)
    if "city" in forms:
        plan += ["city", "city"]
    if "forest" in forms:
        plan += ["forest", "forest", "forest"]
    if on_water:  # only distant land along part of the horizon, leaving open sea
        return plan[:1] + [kind for kind in plan if kind in ("city", "forest")][:1]
    if plan[-1] != "forest":
        plan.append("hills")  # a dark foreground to stand on
    return plan


def _layers(
    canvas: Canvas, rng: np.random.Generator, scene: Scene, *, horizon: int, on_water: bool
) -> list[Layer]:
    p, h, w = scene.palette, canvas.height, canvas.width
    plan = _plan(scene.forms, on_water=on_water)
    haze = mix(p.haze, p.glow, 0.15)
    # On water, land rises from one side and tapers off before the other.
    side = rng.choice([-1.0, 1.0])
    x = np.arange(w, dtype=np.float32) / w
    reach = smoothstep(rng.uniform(0.0, 0.45), rng.uniform(0.6, 1.0), 0.5 + side * (x - 0.5))
    layers = []
    for i, kind in enumerate(plan):
        t = (i + 1) / len(plan)
        spread = 0.72 * (i / max(1, len(plan) - 1)) ** 1.3  # nearer layers stand lower
        base = horizon + (h - horizon) * (0.02 if on_water else spread)
        scale = (0.6 if kind == "mountains" else 0.35) if on_water else 1.0
        city = None
        if kind == "forest":
            ground = land.ridge(rng, width=w, base=base, amplitude=h * 0.05, kind="hills")
            profile = land.forest(
                rng,
                ground=ground,
                tree_height=h * scale * (0.03 + 0.09 * t),
                pines=0.9 if scene.setting == "winter" else 0.6,
            )
        elif kind == "city":
            city = land.skyline(rng, width=w, base=base, tallest=h * scale * (0.2 + 0.14 * t))
            profile = city.profile
        else:
            amplitude = {"mountains": 0.24 - 0.1 * t, "dunes": 0.1, "hills": 0.09}[kind]
            profile = land.ridge(rng, width=w, base=base, amplitude=h * amplitude * scale, kind=kind)
        if on_water:
            profile = horizon - (horizon - profile) * reach
        colour = mix(haze, p.land, 0.35 + 0.3 * t if on_water else t**1.3)
        mist = (0.75 if "fog" in scene.forms else 0.45) * (1 - t) ** 0.6
        layers.append(Layer(kind, profile, colour, mist, t, city))
    return layers


def _paint_layers(
    canvas: Canvas, rng: np.random.Generator, scene: Scene, layers: list[Layer], *, horizon: int, bottom: int
) -> None:
    p, h = scene.palette, canvas.height
    haze = mix(p.haze, p.glow, 0.15)
    for i, layer in enumerate(layers):
        # Below the next layer's lowest top edge everything is covered again: stop there.
        nearer = layers[i + 1].profile.max() + 2 if i + 1 < len(layers) else bottom
        stop = int(min(bottom, nearer))
        land.silhouette(
            canvas,
            layer.profile,
            layer.colour,
            haze=haze,
            mist=layer.mist,
            mist_depth=(h - horizon) * 0.4,
            bottom=stop,
        )
        if layer.city is not None:
            dark_sky = 1 - float(p.sky_mid.mean())
            land.windows(
                canvas,
                rng,
                layer.city,
                p.window,
                scale=0.6 + 0.7 * layer.nearness,
                lit_share=0.3,
                brightness=(0.35 + 0.6 * layer.nearness) * dark_sky,
                bottom=stop,
            )
        if "fog" in scene.forms and i + 1 < len(layers):
            weather.mist(
                canvas,
                rng,
                haze,
                centre=float(np.median(layer.profile)) + h * 0.03,
                thickness=h * 0.05,
                strength=0.55,
            )


def paint_ground(
    canvas: Canvas, rng_for: RngFor, scene: Scene, *, horizon: int, source: Light | None
) -> None:
    """Land, or sea with optional distant land, from the horizon down."""
    rng = rng_for("land")
    if "ocean" not in scene.forms:
        layers = _layers(canvas, rng, scene, horizon=horizon, on_water=False)
        _paint_layers(canvas, rng, scene, layers, horizon=horizon, bottom=canvas.height)
        return
    layers = []
    if scene.forms & (set(GROUNDS) - {"ocean"}) or rng.random() < 0.5:
        layers = _layers(canvas, rng, scene, horizon=horizon, on_water=True)
        _paint_layers(canvas, rng, scene, layers, horizon=horizon, bottom=horizon + 1)
    water.ocean(canvas, rng_for("water"), scene.palette, horizon=horizon, light=source)
    for layer in layers:
        water.mirror(canvas, layer.profile, layer.colour * np.float32(0.7), horizon=horizon)
    if "fog" in scene.forms:
        weather.mist(
            canvas,
            rng_for("mist"),
            scene.palette.haze,
            centre=horizon,
            thickness=canvas.height * 0.04,
            strength=0.5,
        )
