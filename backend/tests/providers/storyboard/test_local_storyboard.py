"""Storyboard stills of the local painter: the video's frame, one world per video (measured:
colour histograms of one video's stills are close, another video's are far), framing that
differs from scene to scene (measured: where the horizon and the light sit), deterministic."""

from functools import cache
from pathlib import Path

import numpy as np
from PIL import Image

from app.providers.local.art.storyboard import frame_for, paint_still, paint_storyboard_still
from app.providers.local.planner import plan_locally
from app.providers.planning import ScenePlan
from tests.providers.planner.songs import song

SMALL = (480, 270)  # measured on small stills: the painter draws the same forms at any size
LUMA = np.array([0.2126, 0.7152, 0.0722])


@cache
def plan(prompt: str) -> ScenePlan:
    return plan_locally(song(prompt=prompt, clips_per_section=2))


@cache
def still(prompt: str, index: int) -> np.ndarray:
    p = plan(prompt)
    return np.asarray(paint_still(p.style, p.scenes[index], size=SMALL, seed=1000 + index)).astype(np.float64)


def histogram(pixels: np.ndarray) -> np.ndarray:
    """A coarse joint colour histogram (4 levels per channel), normalised."""
    bins = (pixels // 64).astype(int)
    codes = bins[..., 0] * 16 + bins[..., 1] * 4 + bins[..., 2]
    counts = np.bincount(codes.ravel(), minlength=64).astype(np.float64)
    return counts / counts.sum()


def distance(a: np.ndarray, b: np.ndarray) -> float:
    return 0.5 * float(np.abs(histogram(a) - histogram(b)).sum())  # total variation, 0..1


def horizon_row(pixels: np.ndarray) -> int:
    """The row where brightness changes most sharply on average: the sky meeting land or sea."""
    rows = (pixels @ LUMA).mean(axis=1)
    return int(np.argmax(np.abs(np.diff(rows))[5:-5])) + 5


def test_stills_have_the_videos_frame(tmp_path: Path) -> None:
    p = plan("Misty lake at dawn")
    for aspect, size in {"16:9": (1920, 1080), "9:16": (1080, 1920), "1:1": (1080, 1080)}.items():
        folder = tmp_path / aspect.replace(":", "x")
        folder.mkdir()
        path = paint_storyboard_still(p.style, p.scenes[1], aspect, 7, folder)
        with Image.open(path) as image:
            assert (image.size, image.mode, image.format) == (size, "RGB", "PNG")


def test_stills_of_one_video_belong_together_and_differ_from_another_video() -> None:
    prompts = ("Misty lake at dawn, slow and warm", "Neon city at midnight in the rain")
    scenes = range(6)
    within = [distance(still(p, i), still(p, j)) for p in prompts for i in scenes for j in scenes if i < j]
    between = [distance(still(prompts[0], i), still(prompts[1], j)) for i in scenes for j in scenes]
    assert max(within) < min(between), (max(within), min(between))
    assert np.mean(within) < 0.5 * np.mean(between), (np.mean(within), np.mean(between))


def test_framing_differs_from_scene_to_scene() -> None:
    p = plan("Misty lake at dawn, slow and warm")
    framings = [s.framing for s in p.scenes[:6]]
    assert len(set(framings)) >= 3
    horizons = [horizon_row(still("Misty lake at dawn, slow and warm", i)) for i in range(6)]
    assert len(set(horizons)) >= 5, horizons  # no two stills share their horizon line
    # The light (the brightest spot) moves too.
    spots = {
        tuple(np.unravel_index(np.argmax(still("Misty lake at dawn, slow and warm", i) @ LUMA), SMALL[::-1]))
        for i in range(6)
    }
    assert len(spots) >= 5
    # An aerial view sits low in a larger painting (the horizon rises), a low view high.
    aerial = frame_for("aerial", width=1920, height=1080, seed=1)
    low = frame_for("low", width=1920, height=1080, seed=1)
    assert aerial.top == aerial.paint_height - 1080 and low.top == 0


def test_same_scene_and_seed_same_still_another_seed_another() -> None:
    p = plan("Misty lake at dawn")
    a = np.asarray(paint_still(p.style, p.scenes[2], size=SMALL, seed=3))
    assert np.array_equal(a, np.asarray(paint_still(p.style, p.scenes[2], size=SMALL, seed=3)))
    assert not np.array_equal(a, np.asarray(paint_still(p.style, p.scenes[2], size=SMALL, seed=4)))


def test_a_style_written_by_a_language_model_paints_in_its_own_colours() -> None:
    style = {
        "world": "a misty shoreline at dusk",
        "palette": ["#0b1d2e", "#23465f", "#5d8aa8", "#f2b880"],
        "motifs": ["a lone lighthouse beam"],
        "title": "extra keys are ignored",
    }
    scene = {"prompt": "wide view of the shore, rain", "framing": "wide", "lighting": "dusk"}
    pixels = np.asarray(paint_still(style, scene, size=SMALL, seed=1)).astype(np.float64)
    mean = pixels.reshape(-1, 3).mean(axis=0)
    assert mean[2] > mean[0]  # a blue palette paints a blue picture
