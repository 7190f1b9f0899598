"""Time in a synthetic song: the tempo of each beat (steady, drifting or ramping) and a clock
that turns positions in beats (swung sub-beats included) into seconds."""

import math

import numpy as np

from evalset.spec import SongSpec


def beats_per_bar(meter: str) -> int:
    return {"4/4": 4, "3/4": 3, "6/8": 2}[meter]


def tempo_curve(spec: SongSpec, n_beats: int, rng: np.random.Generator) -> np.ndarray:
    """BPM of each beat."""
    k = np.arange(n_beats, dtype=float)
    if spec.tempo_shape == "drift":
        walk = np.cumsum(rng.normal(0, 0.004, n_beats))
        walk -= np.linspace(0, walk[-1], n_beats) * 0.5  # keep it wandering, not running away
        walk = np.convolve(walk, np.ones(8) / 8, mode="same")
        return spec.bpm * np.exp(np.clip(walk, -0.05, 0.05))
    if spec.tempo_shape == "ramp":
        start, end = 0.3 * n_beats, 0.7 * n_beats  # steady, then a ramp through the middle, then held
        share = np.clip((k - start) / (end - start), 0, 1)
        return spec.bpm * (1 + spec.ramp * share)
    return np.full(n_beats, spec.bpm)


class Clock:
    """Maps positions in beats (fractional: sub-beats, swung) to seconds."""

    def __init__(self, beat_times: np.ndarray, subdivision: int, swing: float):
        self.beats, self.subdivision, self.swing = beat_times, subdivision, swing

    def time(self, position: float) -> float:
        k = min(math.floor(position), len(self.beats) - 2)
        frac = position - k
        if self.subdivision == 2 and self.swing != 0.5:  # swing the eighths (and the 16ths with them)
            frac = (
                frac / 0.5 * self.swing if frac < 0.5 else self.swing + (frac - 0.5) / 0.5 * (1 - self.swing)
            )
        return float(self.beats[k] + frac * (self.beats[k + 1] - self.beats[k]))
