"""Key and mode: the song's pitch-class profile (chroma over the whole song, energy-weighted,
with the bass counted again since bass notes state the harmony) correlated with the 24
rotations of the Krumhansl-Kessler key profiles; the best correlation wins. The opening and
the ending count extra, since songs start and end at home. Weights chosen on the dev set."""

from dataclasses import dataclass

import numpy as np

from app.analysis.features import Features

NAMES = ["C", "C#", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B"]
MAJOR = np.array([6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88])
MINOR = np.array([6.33, 2.68, 3.52, 5.38, 2.60, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17])
BASS_WEIGHT = 0.5
ENDING_WEIGHT = 0.5  # the last seconds (songs end on the tonic) count again
START_WEIGHT = 1.0  # and the first ones (they start there)
# A played note also sounds its fifth (3rd harmonic) and major third (5th harmonic), which
# pulls an audio chroma towards the dominant; the profiles are given that colouring too.
FIFTH, THIRD = 0.5, 0.2


@dataclass(frozen=True)
class Key:
    tonic: str
    mode: str  # "major" or "minor"
    confidence: float  # 0..1

    @property
    def name(self) -> str:
        return f"{self.tonic} {self.mode}"


def _corr(profile: np.ndarray, template: np.ndarray) -> np.ndarray:
    """Pearson correlation of a profile with each rotation of a template (index = tonic)."""
    rows = np.stack([np.roll(template, k) for k in range(12)])
    rows = rows - rows.mean(axis=1, keepdims=True)
    p = profile - profile.mean()
    return rows @ p / (np.linalg.norm(rows, axis=1) * np.linalg.norm(p) + 1e-12)


def profile(f: Features) -> np.ndarray:
    weight = np.sqrt(f.chroma_energy)
    treble = (f.chroma * weight).sum(axis=1)
    bass = (f.bass_chroma * weight).sum(axis=1)
    total = treble / (treble.sum() + 1e-12) + BASS_WEIGHT * bass / (bass.sum() + 1e-12)
    edge = max(1, f.chroma.shape[1] // 12)
    end = (f.chroma[:, -edge:] * weight[-edge:]).sum(axis=1)
    start = (f.chroma[:, :edge] * weight[:edge]).sum(axis=1)
    return total + ENDING_WEIGHT * end / (end.sum() + 1e-12) + START_WEIGHT * start / (start.sum() + 1e-12)


def _coloured(template: np.ndarray) -> np.ndarray:
    return template + FIFTH * np.roll(template, 7) + THIRD * np.roll(template, 4)


def estimate(f: Features) -> Key:
    p = profile(f)
    scores = np.concatenate([_corr(p, _coloured(MAJOR)), _corr(p, _coloured(MINOR))])
    order = np.argsort(scores)[::-1]
    best = int(order[0])
    margin = float(scores[order[0]] - scores[order[1]])
    confidence = float(np.clip(margin / 0.15, 0, 1) * np.clip(scores[best], 0, 1))
    return Key(NAMES[best % 12], "major" if best < 12 else "minor", confidence)
