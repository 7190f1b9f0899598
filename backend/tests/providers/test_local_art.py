"""The local cover-art provider: format, determinism, prompt steering and image quality."""

from functools import cache
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from app.providers.base import ImageProvider
from app.providers.local.art import LocalImageProvider, sky
from app.providers.local.art.canvas import Canvas
from app.providers.local.art.compose import render
from app.providers.local.art.noise import make_rng
from app.providers.local.art.palette import SETTINGS
from app.providers.local.art.scene import read_prompt

LUMA = np.array([0.2126, 0.7152, 0.0722])


@cache
def _pixels(prompt: str, seed: int = 1) -> np.ndarray:
    return np.asarray(render(prompt=prompt, seed=seed)).astype(np.float64)


def _luma(pixels: np.ndarray) -> np.ndarray:
    return pixels @ LUMA


def _scene(prompt: str):
    return read_prompt(prompt=prompt, rng=make_rng(prompt=prompt, seed=1, purpose="scene"))


def test_provider_writes_a_1920x1080_rgb_png_inside_workdir(tmp_path: Path) -> None:
    provider: ImageProvider = LocalImageProvider()
    path = provider.generate(prompt="deep sleep ocean at night", seed=7, workdir=tmp_path)
    assert provider.name == "local"
    assert path.parent == tmp_path and path.exists()
    assert list(tmp_path.iterdir()) == [path]  # nothing else left behind
    with Image.open(path) as image:
        assert image.format == "PNG"
        assert image.size == (1920, 1080)
        assert image.mode == "RGB"


def test_same_prompt_and_seed_give_identical_bytes(tmp_path: Path) -> None:
    provider = LocalImageProvider()
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = provider.generate(prompt="rainy lofi city", seed=42, workdir=tmp_path / "a")
    second = provider.generate(prompt="rainy lofi city", seed=42, workdir=tmp_path / "b")
    assert first.read_bytes() == second.read_bytes()


def _blocks(pixels: np.ndarray) -> np.ndarray:
    """Mean luminance of 30x30-pixel blocks: the composition, with the grain averaged out."""
    return _luma(pixels).reshape(36, 30, 64, 30).mean(axis=(1, 3))


def test_different_seeds_change_the_composition() -> None:
    one, two = _pixels("misty mountains", 1), _pixels("misty mountains", 2)
    assert np.abs(_blocks(one) - _blocks(two)).mean() > 3


def test_different_prompts_differ() -> None:
    calm_sea, calm_forest = _pixels("calm ocean"), _pixels("calm forest")
    assert np.abs(_blocks(calm_sea) - _blocks(calm_forest)).mean() > 3
    morning, space = _pixels("warm forest morning with birds"), _pixels("dark space drone")
    assert np.abs(morning - space).mean() > 20


def test_dark_night_ocean_is_darker_than_bright_sunny_morning() -> None:
    night = _luma(_pixels("dark night ocean")).mean()
    morning = _luma(_pixels("bright sunny morning")).mean()
    assert night < 60
    assert morning > 120


def test_sunset_is_warmer_than_cold_blue_ice() -> None:
    def warmth(p: np.ndarray) -> float:
        return float((p[..., 0] - p[..., 2]).mean())  # red minus blue

    assert warmth(_pixels("sunset")) > 20
    assert warmth(_pixels("cold blue ice")) < -20


@pytest.mark.parametrize(
    "prompt",
    [
        "deep sleep ocean at night",
        "warm forest morning with birds",
        "dark space drone",
        "rainy lofi city",
        "xylophone quantum marmalade",
    ],
)
def test_image_is_not_flat(prompt: str) -> None:
    luma = _luma(_pixels(prompt))
    assert luma.std() > 8  # real light and shade, not one colour
    # Something in the picture is clearly brighter than its surroundings (moon, lights,
    # glow, nebula): the 99.9th percentile stands well above the median.
    assert np.percentile(luma, 99.9) - np.median(luma) > 40


def test_unknown_prompts_get_a_coloured_scene_with_a_prompt_hashed_palette() -> None:
    one, two = _pixels("xylophone quantum marmalade"), _pixels("ethereal choir")
    assert _scene("xylophone quantum marmalade").setting == "abstract"
    saturation = (one.max(axis=2) - one.min(axis=2)).mean()
    assert saturation > 15  # colourful, not grey
    assert np.abs(one.mean(axis=(0, 1)) - two.mean(axis=(0, 1))).max() > 8  # other hue


def test_smooth_sky_is_dithered_not_banded() -> None:
    canvas = Canvas(width=1920, height=1080)
    sky.gradient(canvas, make_rng(prompt="t", seed=0, purpose="sky"), SETTINGS["night"], horizon=1080)
    pixels = np.asarray(canvas.to_image(rng=make_rng(prompt="t", seed=0, purpose="grain")))
    column = _luma(pixels[:, 700].astype(np.float64))
    # A dark night gradient spans few 8-bit levels; without dithering each level would be
    # a flat band dozens of rows tall. With grain no run of equal values is long...
    runs = np.diff(np.flatnonzero(np.diff(np.round(column)) != 0))
    assert runs.max() < 12
    # ...and averaged over many columns the ramp is smooth: no step between rows.
    ramp = _luma(pixels[:, 600:1300].astype(np.float64)).mean(axis=1)
    assert np.abs(np.diff(ramp)).max() < 1.0
    assert len(np.unique(np.round(ramp, 1))) > 100


@pytest.mark.parametrize(
    ("prompt", "setting", "forms"),
    [
        ("deep sleep ocean at night", "night", {"ocean", "moon", "stars"}),
        ("warm forest morning with birds", "morning", {"forest", "birds", "sun"}),
        ("dark space drone", "space", {"nebula", "stars"}),
        ("rainy lofi city", "lofi", {"rain", "city"}),
        ("Sunset over the mountains", "sunset", {"mountains", "sun"}),
        ("northern lights over a frozen lake", "night", {"aurora", "ocean"}),
        ("snowy pine woods", "winter", {"forest", "snow"}),
    ],
)
def test_prompt_words_choose_setting_and_forms(prompt: str, setting: str, forms: set[str]) -> None:
    scene = _scene(prompt)
    assert scene.setting == setting
    assert forms <= scene.forms


def test_mood_words_shift_the_palette() -> None:
    warm, cold = _scene("warm calm"), _scene("cool calm")
    assert warm.setting == cold.setting == "calm"
    assert (warm.palette.sky_mid[0] - warm.palette.sky_mid[2]) > (
        cold.palette.sky_mid[0] - cold.palette.sky_mid[2]
    )
