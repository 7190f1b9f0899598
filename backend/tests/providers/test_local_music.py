"""The local ambient synthesiser, judged by measuring its output: formats and durations,
loudness and true peak of the encoded files, no clipping or silence, determinism, and that
prompts (moods, nature words) audibly change the sound."""

from functools import cache
from pathlib import Path

import numpy as np
import pytest
from scipy import signal

from app.media.audio import decode_pcm, measure_loudness
from app.media.ffmpeg import probe
from app.providers.base import ProviderError
from app.providers.local.synth import LocalMusicProvider, engine

SR = 44100
PROMPT = "calm rain for sleep"


def _generate(folder: Path, *, prompt: str = PROMPT, seed: int = 7, steps: list[float] | None = None):
    folder.mkdir(parents=True, exist_ok=True)
    return LocalMusicProvider().generate(
        prompt=prompt,
        duration=120,
        seed=seed,
        workdir=folder,
        progress=(steps.append if steps is not None else lambda _: None),
    )


@pytest.fixture(scope="module")
def track(tmp_path_factory: pytest.TempPathFactory) -> dict:
    steps: list[float] = []
    result = _generate(tmp_path_factory.mktemp("music"), steps=steps)
    return {"result": result, "steps": steps, "pcm": decode_pcm(result.mp3_path)}


@cache
def _render(prompt: str, seed: int = 1, seconds: int = 45) -> np.ndarray:
    return engine.render(prompt=prompt, seed=seed, duration=seconds, threads=2, progress=lambda _: None)


def _spectrum(pcm: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Long-term power spectrum of the mono mix (Welch), normalised to unit total power."""
    f, p = signal.welch(pcm.mean(axis=1), fs=SR, nperseg=1 << 15)
    return f, p / p.sum()


def test_files_formats_and_durations(track: dict) -> None:
    result = track["result"]
    mp3, aac = probe(result.mp3_path), probe(result.aac_path)
    (s,) = mp3["streams"]
    assert (s["codec_name"], int(s["sample_rate"]), s["channels"], int(s["bit_rate"])) == (
        "mp3",
        SR,
        2,
        320_000,
    )
    (a,) = aac["streams"]
    assert (a["codec_name"], a["profile"], int(a["sample_rate"]), a["channels"]) == ("aac", "LC", 48000, 2)
    assert 300_000 <= int(a["bit_rate"]) <= 400_000  # 384k asked; quiet, simple passages need less
    for info in (mp3, aac):
        assert abs(float(info["format"]["duration"]) - 120) < 0.06
    assert abs(result.duration - 120) < 0.06
    assert {p.name for p in result.mp3_path.parent.iterdir()} == {"music.mp3", "music.m4a"}


def test_loudness_and_true_peak(track: dict) -> None:
    for path in (track["result"].mp3_path, track["result"].aac_path):
        level = measure_loudness(path)
        assert -15.0 <= level.integrated_lufs <= -13.0, (path.name, level)
        assert level.true_peak_dbtp <= -1.0, (path.name, level)


def test_no_clipping_and_no_silence_outside_the_fades(track: dict) -> None:
    pcm = track["pcm"]
    assert np.abs(pcm).max() < 0.95
    quiet = np.abs(pcm).max(axis=1) < 10 ** (-60 / 20)  # the usual -60 dBFS silence threshold
    body = quiet[3 * SR : -5 * SR]  # the fade in (3 s) and out (5 s) may be quiet
    edges = np.flatnonzero(np.diff(np.r_[0, body.astype(np.int8), 0]))
    longest = max(np.diff(edges)[::2], default=0) / SR
    assert longest < 0.5


def test_stereo_is_wide_but_not_out_of_phase(track: dict) -> None:
    left, right = track["pcm"][:, 0].astype(np.float64), track["pcm"][:, 1].astype(np.float64)
    correlation = np.dot(left, right) / np.sqrt(np.dot(left, left) * np.dot(right, right))
    assert 0.2 < correlation < 0.9


def test_same_prompt_and_seed_give_identical_files(track: dict, tmp_path: Path) -> None:
    again = _generate(tmp_path)
    assert again.mp3_path.read_bytes() == track["result"].mp3_path.read_bytes()
    assert again.aac_path.read_bytes() == track["result"].aac_path.read_bytes()


def test_the_core_count_does_not_change_the_audio() -> None:
    one = engine.render(prompt="ocean forest storm", seed=3, duration=15, threads=1, progress=lambda _: None)
    three = engine.render(
        prompt="ocean forest storm", seed=3, duration=15, threads=3, progress=lambda _: None
    )
    assert np.array_equal(one, three)


def test_another_seed_gives_other_music() -> None:
    assert not np.array_equal(_render(PROMPT, seed=1, seconds=20), _render(PROMPT, seed=2, seconds=20))


def test_progress_grows_from_zero_to_one(track: dict) -> None:
    steps = track["steps"]
    assert steps[0] == 0.0 and steps[-1] == 1.0 and steps == sorted(steps) and len(steps) > 10


def test_no_repeated_block(track: dict) -> None:
    """A looped buffer would match itself (correlation 1); steady chords stay far below.
    (At a quarter of the sample rate, to be quick: a repeat survives any filtering.)"""
    rate = SR // 4
    x = track["pcm"].mean(axis=1).reshape(-1, 4).mean(axis=1).astype(np.float64)
    n = 2 * rate
    energy = np.r_[0.0, np.cumsum(x**2)]
    for start in (20 * rate, 60 * rate, 95 * rate):
        w = x[start : start + n]
        dots = signal.fftconvolve(x, w[::-1], mode="valid")
        r = dots / np.sqrt((energy[n:] - energy[:-n]) * np.dot(w, w) + 1e-12)
        r[start - rate : start + rate] = 0  # the window itself
        assert r.max() < 0.85


def test_the_chords_move(track: dict) -> None:
    """Harmony changes every few tens of seconds: the pitch-class profile (chroma) of the
    track is not the same from start to end."""
    x = track["pcm"].mean(axis=1)
    chromas = []
    for start in range(5, 110, 10):
        f, p = signal.welch(x[start * SR : (start + 10) * SR], fs=SR, nperseg=1 << 15)
        keep = (f > 60) & (f < 2000)
        pitch_class = np.round(12 * np.log2(f[keep] / 440.0)).astype(int) % 12
        chroma = np.bincount(pitch_class, weights=p[keep], minlength=12)
        chromas.append(chroma / np.linalg.norm(chroma))
    similarity = np.array(chromas) @ np.array(chromas).T
    assert similarity.min() < 0.9


def test_moods_sound_different() -> None:
    bright, dark = _render("bright happy morning"), _render("dark deep night")
    centroid = [float((f * p).sum()) for f, p in map(_spectrum, (bright, dark))]
    assert centroid[0] > 1.3 * centroid[1]


@pytest.mark.parametrize(
    ("word", "low", "high"),
    [
        ("rain", 4000, 10000),
        ("ocean", 300, 3000),
        ("wind", 150, 800),
        ("forest", 2500, 7000),
        ("fire", 40, 300),
        ("thunder", 30, 150),
        ("stream", 700, 3000),
    ],
)
def test_nature_words_add_their_texture(word: str, low: float, high: float) -> None:
    """Pad partials are narrow lines; a texture is noise that fills the gaps between them
    in its band, so the band's median spectral level rises by an order of magnitude."""

    def floor(pcm: np.ndarray) -> float:
        f, p = _spectrum(pcm)
        return float(np.median(p[(f >= low) & (f < high)]))

    assert floor(_render(f"calm {word}")) > 5 * floor(_render("calm"))


def test_fire_crackles() -> None:
    """Crackles are sharp clicks: above 2 kHz the signal becomes spiky (a high crest factor)."""

    def crest(pcm: np.ndarray) -> float:
        high = signal.sosfilt(signal.butter(4, 2000, "highpass", fs=SR, output="sos"), pcm.mean(axis=1))[SR:]
        return float(np.abs(high).max() / np.sqrt(np.mean(high**2)))

    assert crest(_render("calm fire")) > 2 * crest(_render("calm"))


def test_rain_adds_broadband_high_frequencies() -> None:
    def high_share(pcm: np.ndarray) -> float:
        f, p = _spectrum(pcm)
        return float(p[f > 4000].sum())

    assert high_share(_render("calm rain")) > 20 * high_share(_render("calm"))


def test_no_clicks_in_the_pad() -> None:
    """A click is broadband. The pad, drone and bells have nothing above ~10 kHz, so any
    discontinuity (a bad grain join, a note starting abruptly) would show up there: a
    step of just -40 dBFS leaves a -53 dBFS trace above 12 kHz."""
    pcm = _render("calm", seconds=30).astype(np.float64)
    above_12k = signal.sosfilt(signal.butter(8, 12000, "highpass", fs=SR, output="sos"), pcm, axis=0)[SR:]
    assert np.abs(above_12k).max() < 10 ** (-70 / 20)


@pytest.mark.parametrize("duration", [5, 901])
def test_rejects_durations_out_of_range(tmp_path: Path, duration: int) -> None:
    with pytest.raises(ProviderError):
        LocalMusicProvider().generate(
            prompt=PROMPT, duration=duration, seed=1, workdir=tmp_path, progress=lambda _: None
        )
