"""What a synthetic song is: its meter, tempo and tempo shape, swing, drums, key and the order
of its sections — and the distribution the evaluation set draws them from (one seed each)."""

import math
from dataclasses import dataclass

import numpy as np

TEMPLATES = [
    ["intro", "verse", "chorus", "verse", "chorus", "bridge", "chorus", "outro"],
    ["intro", "verse", "chorus", "verse", "chorus", "outro"],
    ["intro", "verse", "verse", "chorus", "bridge", "chorus", "outro"],
    ["intro", "chorus", "verse", "chorus", "bridge", "chorus", "outro"],
]


@dataclass(frozen=True)
class SongSpec:
    seed: int
    meter: str = "4/4"  # "4/4", "3/4", "6/8"
    bpm: float = 120.0
    swing: float = 0.5  # where the off-beat eighth falls within the beat (0.5 = straight)
    tempo_shape: str = "steady"  # "steady", "drift", "ramp"
    ramp: float = 0.0  # relative tempo change over the ramped part
    drums: bool = True
    drumless_intro: bool = False
    breakdown: bool = False  # the bridge (or second verse) without drums
    tonic: int = 0
    mode: str = "major"
    sections: tuple[str, ...] = ("intro", "verse", "chorus", "verse", "chorus", "bridge", "chorus", "outro")
    bars_per_section: int = 8
    intro_bars: int = 4


def random_spec(seed: int) -> SongSpec:
    """A song drawn from the evaluation set's distribution."""
    rng = np.random.default_rng(seed)
    meter = str(rng.choice(["4/4", "3/4", "6/8"], p=[0.55, 0.2, 0.25]))
    low, high = {"4/4": (60, 190), "3/4": (80, 180), "6/8": (60, 100)}[meter]
    bpm = float(math.exp(rng.uniform(math.log(low), math.log(high))))
    swing = float(rng.uniform(0.58, 0.67)) if meter != "6/8" and rng.random() < 0.3 else 0.5
    shape = str(rng.choice(["steady", "drift", "ramp"], p=[0.4, 0.35, 0.25]))
    ramp = float(rng.choice([-1, 1]) * rng.uniform(0.08, 0.18)) if shape == "ramp" else 0.0
    drums = bool(rng.random() < 0.85)
    bar_seconds = {"4/4": 4, "3/4": 3, "6/8": 2}[meter] * 60 / bpm
    return SongSpec(
        seed=seed,
        meter=meter,
        bpm=bpm,
        swing=swing,
        tempo_shape=shape,
        ramp=ramp,
        drums=drums,
        drumless_intro=drums and bool(rng.random() < 0.5),
        breakdown=drums and bool(rng.random() < 0.4),
        tonic=int(rng.integers(12)),
        mode="major" if rng.random() < 0.6 else "minor",
        sections=tuple(TEMPLATES[int(rng.integers(len(TEMPLATES)))]),
        bars_per_section=4 if bar_seconds > 2.6 else 8,
        intro_bars=4 if bar_seconds > 1.6 else 8,
    )
