"""Steady nature sounds as spectra: rain hiss, wind, a stream's rush, a fire's roar,
leaves, distant surf, and the ocean's breaking waves.

Noise-like sounds are fully described by their power spectrum and how loud they are over
time. Most change slowly enough to be set once per grain (every 1.5 s, crossfaded) and are
mixed into the pad's grains for free. Breaking waves swell faster, so the ocean gets its
own grain stream and a per-sample envelope (see Ocean).
"""

from collections.abc import Callable

import numpy as np

from .dsp import (
    FREQS,
    SR,
    SlowLfo,
    band_power,
    highpass_power,
    k_power_of,
    lowpass_power,
    pink_power,
    rng_for,
)
from .voices import PAD_LEVEL

TEXTURE_LEVEL = 0.55 * PAD_LEVEL  # K-weighted power of a texture at level 1
TEXTURE_TOP_HZ = 16_000.0  # texture spectra are cut here: nothing above it but hiss
_LOG_F = np.log2(np.maximum(FREQS, 1.0))


def _unit(shape: np.ndarray) -> np.ndarray:
    """Scale a spectral shape to unit K-weighted power, so levels compare perceptually."""
    return (shape / k_power_of(shape)).astype(np.float32)


def _gusts(lfo: SlowLfo, depth: float) -> Callable[[float], float]:
    """Log-normal level: mostly moderate, with occasional stronger swells."""
    norm = np.exp(-0.5 * depth**2 * 0.4)  # keeps the average power near 1
    return lambda t: float(np.exp(depth * lfo(t)) * norm)


class Beds:
    """The slowly varying textures, summed into one power spectrum per grain."""

    def __init__(self, *, textures: dict[str, float], seed: int) -> None:
        self._layers: list[tuple[np.ndarray, float, Callable[[float], float]]] = []
        self._howl: tuple[float, SlowLfo, Callable[[float], float]] | None = None

        def lfo(key: int, lo: float, hi: float) -> SlowLfo:
            return SlowLfo(rng_for(seed, 30, key), min_period=lo, max_period=hi)

        def add(shape: np.ndarray, level: float, env: Callable[[float], float]) -> None:
            self._layers.append((_unit(shape), level * TEXTURE_LEVEL, env))

        if level := textures.get("rain"):
            intensity = lfo(1, 30, 120)
            # Broadband, brightest around 1-5 kHz, rolled off above 8 kHz so it never hisses.
            rain = highpass_power(500) * lowpass_power(8000) * pink_power() ** 0.4
            add(rain, 0.8 * level, _gusts(intensity, 0.5))
            add(lowpass_power(350) * highpass_power(50), 0.15 * level, _gusts(intensity, 0.5))
        if level := textures.get("wind"):
            gust = _gusts(lfo(2, 8, 40), 0.9)
            add(highpass_power(40) * lowpass_power(600), 0.8 * level, gust)
            add(band_power(3000, 0.5), 0.08 * level, gust)
            # The howl: a resonance that slides with the gusts, set per grain in power().
            self._howl = (0.35 * level * TEXTURE_LEVEL, lfo(3, 10, 35), gust)
        if level := textures.get("stream"):
            add(band_power(1300, 0.9) * highpass_power(200), 0.8 * level, _gusts(lfo(4, 6, 30), 0.3))
        if level := textures.get("fire"):
            add(lowpass_power(350) * highpass_power(35), 0.5 * level, _gusts(lfo(5, 2, 12), 0.5))
        if level := textures.get("forest"):
            leaves = _gusts(lfo(6, 6, 30), 0.8)
            add(band_power(4500, 0.45) * lowpass_power(9000), 0.12 * level, leaves)
            add(highpass_power(80) * lowpass_power(900), 0.18 * level, leaves)
        if level := textures.get("ocean"):
            # Distant surf under the breaking waves, so the sea never falls silent.
            add(lowpass_power(900, 1) * highpass_power(45), 0.3 * level, _gusts(lfo(7, 20, 60), 0.3))

    @property
    def empty(self) -> bool:
        return not self._layers

    def power(self, t: float) -> np.ndarray | None:
        if not self._layers:
            return None
        spec = np.zeros(len(FREQS), dtype=np.float32)
        for shape, level, env in self._layers:
            spec += np.float32(level * env(t)) * shape
        if self._howl is not None:
            level, slide, gust = self._howl
            centre = 420.0 * 2 ** (0.7 * slide(t) + 0.3 * np.log2(gust(t) + 0.5))
            howl = np.exp(-0.5 * ((_LOG_F - np.log2(centre)) / 0.22) ** 2).astype(np.float32)
            spec += np.float32(level * gust(t)) * _unit(howl)
        return spec


class Ocean:
    """Breaking waves: their own grains (spectrum brightening as a wave crashes) times a
    per-sample swell envelope, one wave every 7-13 s with random size and shape."""

    def __init__(self, *, level: float, duration: float, seed: int) -> None:
        rng = rng_for(seed, 31)
        peaks, t = [], float(rng.uniform(2, 6))
        while t < duration + 15:
            peaks.append(t)
            t += float(rng.uniform(7, 13))
        n = len(peaks)
        self._peak = np.array(peaks)
        self._size = rng.uniform(0.55, 1.0, n)
        self._rise = rng.uniform(2.5, 4.5, n)
        self._fall = rng.uniform(4.0, 7.5, n)
        self._level = level * TEXTURE_LEVEL
        self._body = _unit(lowpass_power(500) * highpass_power(40))
        self._wash = _unit(highpass_power(700) * lowpass_power(7000, 1) * pink_power() ** 0.5)

    def envelope(self, times: np.ndarray) -> np.ndarray:
        """Amplitude (not power) of the waves at the given times, in seconds."""
        lo = np.searchsorted(self._peak, times.min() - 10)
        hi = np.searchsorted(self._peak, times.max() + 10)
        dt = times[:, None] - self._peak[None, lo:hi]
        rise, fall = self._rise[None, lo:hi], self._fall[None, lo:hi]
        up = np.sin(0.5 * np.pi * np.clip(1 + dt / rise, 0, 1)) ** 2
        down = np.cos(0.5 * np.pi * np.clip(dt / fall, 0, 1)) ** 2
        wave = np.where(dt < 0, up, down) * self._size[None, lo:hi]
        return 0.25 + wave.sum(axis=1)  # a floor of foam between the waves

    def power(self, t: float) -> np.ndarray:
        """Spectrum of the wave grains: brighter (more wash) near a crash."""
        crash = float(np.clip(self.envelope(np.array([t]))[0] - 0.25, 0, 1))
        return np.float32(self._level) * ((1 - 0.6 * crash) * self._body + (0.3 + crash) * self._wash)

    def gain(self, *, start: int, n: int, step: int) -> np.ndarray:
        """Control values every `step` samples covering [start, start+n] (for lerp_steps)."""
        times = (start + np.arange(0, n + step, step)) / SR
        return self.envelope(times)
