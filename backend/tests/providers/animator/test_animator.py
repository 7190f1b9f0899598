"""The local animator: motion chosen from the scene and the music, and what it looks like
once composed (real ffmpeg): livelier in a chorus, smooth pans, parallax from the layers."""

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from app.media.compose import Shot, Timeline, compose
from app.media.image import save_png
from app.providers.local.animator import animate, energy_within, intensity_of, motion_of, save_layers
from app.providers.local.art.layers import render_layers
from tests.media.compose.helpers import frames, song

W, H = 640, 360


def test_camera_words_pick_the_motion() -> None:
    assert motion_of("Slow push in on the lighthouse", energy=0.3, seed=0) == "zoom_in"
    assert motion_of("the camera pulls back to reveal the bay", energy=0.3, seed=0) == "zoom_out"
    assert motion_of("pan left across the dunes", energy=0.3, seed=0) == "pan_left"
    assert motion_of("tilt up to the stars", energy=0.3, seed=0) == "pan_up"
    assert motion_of("static wide shot", energy=0.3, seed=0) == "still"
    assert motion_of("static wide shot", energy=0.9, seed=0) == "drift"  # a chorus never holds still
    assert {motion_of("", energy=0.5, seed=s) for s in range(5)} >= {"zoom_in", "pan_right", "drift"}


def test_accents_and_energy_are_seen_from_the_clip() -> None:
    motion = animate(
        still=Path("s.png"),
        camera="drift",
        start=10.0,
        end=14.0,
        downbeats=[8.0, 10.0, 12.0, 14.0],
        energy=[(0.0, 0.2), (11.0, 0.8), (20.0, 0.1)],
        seed=1,
    )
    assert motion.accents == (0.0, 2.0)
    assert motion.energy == ((0.0, 0.2), (1.0, 0.8))
    assert motion.intensity == pytest.approx((1 * 0.2 + 3 * 0.8) / 4, abs=1e-3)
    assert energy_within([], 0, 1) == ((0.0, 0.5),)
    assert intensity_of(((0.0, 1.0),), 2.0) == 1.0


@pytest.fixture(scope="module")
def picture(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, tuple]:
    folder = tmp_path_factory.mktemp("animator")
    flat, layers = render_layers(prompt="sunset mountains clouds birds", seed=4, width=W, height=H)
    still = save_png(flat, folder / "still.png")
    return still, song(folder / "song.wav", 3.0), save_layers(layers, folder / "layers")


def _render(tmp: Path, picture: tuple, camera: str, level: float, *, layered: bool = False) -> np.ndarray:
    still, audio, layers = picture
    motion = animate(
        still=still,
        camera=camera,
        start=0.0,
        end=3.0,
        downbeats=[],
        energy=[(0.0, level)],
        seed=2,
        layers=layers if layered else (),
    )
    tl = Timeline(W, H, 30, audio, 3.0, (Shot(0.0, 3.0, motion),))
    name = f"{camera.replace(' ', '-')}-{level}-{layered}.mp4"
    result = compose(tl, out=tmp / name, workdir=tmp, cache=tmp / "cache")
    return frames(result.path, width=W, height=H).mean(axis=3)  # grey


def _enlarged(first: np.ndarray, last: np.ndarray) -> tuple[float, float]:
    """How much `last` shows `first` enlarged about the frame's centre (the best of a fine
    range of factors), and how well that explains it (mean grey difference)."""
    source = Image.fromarray(first.astype(np.uint8))

    def error(z: float) -> float:
        w, h = round(W * z), round(H * z)
        big = np.asarray(source.resize((w, h), Image.Resampling.BILINEAR), dtype=np.float32)
        x, y = (w - W) // 2, (h - H) // 2
        return float(np.abs(big[y : y + H, x : x + W] - last).mean())

    best = min(np.arange(1.0, 1.3, 0.004), key=error)
    return float(best), error(best)


def test_a_chorus_zooms_further_than_a_verse_about_the_centre(tmp_path: Path, picture: tuple) -> None:
    verse = _render(tmp_path, picture, "slow push in", 0.2)
    chorus = _render(tmp_path, picture, "slow push in", 0.95)
    (v, v_error), (c, c_error) = _enlarged(verse[0], verse[-1]), _enlarged(chorus[0], chorus[-1])
    assert v > 1.02, "the verse moves too"
    assert c - 1 > 1.7 * (v - 1)
    # A zoom about the centre explains the last frame (a drifting centre would not).
    assert v_error < 4 and c_error < 4


def _shift(a: np.ndarray, b: np.ndarray, most: int = 12) -> int:
    """How many pixels to the left b's content sits compared with a's (best match)."""
    errors = [np.abs(a[:, s : a.shape[1] - most + s] - b[:, : a.shape[1] - most]).mean() for s in range(most)]
    return int(np.argmin(errors))


def test_a_pan_moves_by_the_same_whole_step_every_frame(tmp_path: Path, picture: tuple) -> None:
    grey = _render(tmp_path, picture, "pan right", 0.5)
    steps = [_shift(grey[k], grey[k + 1]) for k in range(len(grey) - 1)]
    assert min(steps) >= 1, "never a frame without movement (no stalls, no jitter)"
    assert len(set(steps)) == 1


def test_near_layers_move_more_than_the_sky(tmp_path: Path, picture: tuple) -> None:
    grey = _render(tmp_path, picture, "pan right", 0.5, layered=True)
    top, bottom = grey[:, : H // 3], grey[:, -H // 6 :]
    sky = [_shift(top[k], top[k + 10], 40) for k in range(0, 60, 10)]
    land = [_shift(bottom[k], bottom[k + 10], 40) for k in range(0, 60, 10)]
    assert np.median(land) >= 1.8 * np.median(sky) > 0
