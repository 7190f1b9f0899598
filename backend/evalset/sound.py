"""The instruments of the synthetic songs: enveloped tones, a few drum and keyboard voices, and
the mix they are written into — plain numpy, the same on every machine."""

from typing import ClassVar

import numpy as np

SR = 44100


def _env(n: int, attack: float, decay: float) -> np.ndarray:
    t = np.arange(n, dtype=np.float32) / SR
    return (np.minimum(1.0, t / max(attack, 1e-4)) * np.exp(-t / decay)).astype(np.float32)


def _tone(
    freq: float, seconds: float, partials: list[float], attack: float, decay: float, detune: float = 0.0
) -> np.ndarray:
    n = int(seconds * SR)
    t = np.arange(n, dtype=np.float32) / SR
    out = np.zeros(n, np.float32)
    for k, amp in enumerate(partials, start=1):
        if freq * k > SR / 2.2:
            break
        stretched = freq * k * (1 + 0.0004 * k * k)  # a little inharmonicity, like strings
        out += amp * np.sin(2 * np.pi * stretched * t).astype(np.float32) * _env(n, attack, decay / k**0.4)
        if detune:
            out += (
                amp
                * np.sin(2 * np.pi * stretched * (1 + detune) * t).astype(np.float32)
                * _env(n, attack, decay)
            )
    return out


def _midi_hz(note: int) -> float:
    return 440.0 * 2 ** ((note - 69) / 12)


class Instruments:
    """Each note of each instrument is rendered once per song, then reused."""

    SPECS: ClassVar[
        dict[str, tuple[list[float], float, float, float, float]]
    ] = {  # partials, attack, decay, length, detune
        "piano": ([1, 0.5, 0.33, 0.25, 0.15, 0.1, 0.06], 0.003, 0.7, 2.0, 0.0),
        "pluck": ([1, 0.7, 0.4, 0.3, 0.2, 0.12], 0.002, 0.25, 1.0, 0.0),
        "pad": ([1, 0.5, 0.33, 0.25, 0.2, 0.16, 0.14, 0.12], 0.25, 6.0, 5.0, 0.004),
        "bass": ([1, 0.6, 0.3, 0.15, 0.08], 0.004, 0.9, 2.5, 0.0),
        "lead": ([1, 0.0, 0.33, 0.0, 0.2, 0.0, 0.14], 0.012, 1.5, 2.0, 0.002),
    }

    def __init__(self, rng: np.random.Generator):
        self.rng = rng
        self.cache: dict[tuple[str, int], np.ndarray] = {}
        n = int(0.4 * SR)
        t = np.arange(n, dtype=np.float32) / SR
        sweep = 2 * np.pi * np.cumsum(48 + 100 * np.exp(-t / 0.03)) / SR
        noise = rng.standard_normal(n).astype(np.float32)
        hp = np.diff(noise, prepend=0).astype(np.float32)  # first difference: a crude high-pass
        self.drums = {
            "kick": (np.sin(sweep) * np.exp(-t / 0.13) * 1.0).astype(np.float32),
            "snare": (
                0.45 * noise * np.exp(-t / 0.07) + 0.5 * np.sin(2 * np.pi * 185 * t) * np.exp(-t / 0.05)
            ).astype(np.float32),
            "hat": (0.18 * hp * np.exp(-t / 0.018)).astype(np.float32),
            "open": (0.14 * hp * np.exp(-t / 0.15)).astype(np.float32),
            "crash": np.concatenate([0.15 * hp * np.exp(-t / 0.5), np.zeros(0, np.float32)]).astype(
                np.float32
            ),
        }

    def note(self, name: str, midi: int) -> np.ndarray:
        key = (name, midi)
        if key not in self.cache:
            partials, attack, decay, length, detune = self.SPECS[name]
            self.cache[key] = _tone(_midi_hz(midi), length, partials, attack, decay, detune)
        return self.cache[key]


class Mix:
    def __init__(self, seconds: float):
        self.buf = np.zeros(int(seconds * SR) + SR, np.float32)

    def add(self, wave: np.ndarray, at: float, gain: float, length: float | None = None) -> None:
        start = round(at * SR)
        if start < 0 or start >= len(self.buf):
            return
        n = len(wave) if length is None else min(len(wave), int(length * SR))
        n = min(n, len(self.buf) - start)
        piece = wave[:n] * gain
        release = min(n, int(0.02 * SR))
        if length is not None and release:
            piece[-release:] *= np.linspace(1, 0, release, dtype=np.float32)
        self.buf[start : start + n] += piece


# ---------------------------------------------------------------- the song
