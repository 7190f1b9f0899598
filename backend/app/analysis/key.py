"""Key and mode.

Two kinds of evidence are added up for each of the 24 keys:

- the song's pitch-class profile (chroma over the whole song, energy-weighted, with the bass
  counted again since bass notes state the harmony) correlated with the Krumhansl-Kessler key
  profiles, coloured by the overtones a played note brings with it;
- the chord the song opens with and the chord it ends on. Songs start and end at home, so the
  tonic triad of the right key matches those chords, and the bass plays its root. A profile
  alone cannot tell a key from its dominant or its relative key — the same seven notes, nearly
  the same weights — while the opening and closing chords usually can.

- the harmony followed chord by chord (key_harmony.py): where a key path over the chords
  spends its time, and which tonic the song's cadences resolve to.

Weights chosen on the development half of the evaluation set."""

from dataclasses import dataclass

import numpy as np

from app.analysis import key_harmony
from app.analysis.features import CHROMA_HOP, SR, Features

NAMES = ["C", "C#", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B"]
MAJOR = np.array([6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88])
MINOR = np.array([6.33, 2.68, 3.52, 5.38, 2.60, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17])
BASS_WEIGHT = 0.5
# A played note also sounds its fifth (3rd harmonic) and major third (5th harmonic), which
# pulls an audio chroma towards the dominant; the profiles are given that colouring too.
FIFTH, THIRD = 0.5, 0.2
# The opening and closing chords: how long each is listened to, what counts as sound (a share
# of the song's loud level, so a fade or a reverb tail is not taken for the last chord), and
# how much the tonic triad's match and the bass on the tonic add to a key's score (which is a
# correlation, -1..1).
EDGE_SECONDS = 2.0
SOUND_LEVEL = 0.05
START_TRIAD, END_TRIAD = 0.3, 0.2
START_BASS, END_BASS = 0.3, 0.3
# the harmony-following model (key_harmony.py): the share of the song its key path spends in a
# key and the key's share of the song's cadences
PATH_WEIGHT, CADENCE_WEIGHT = 0.1, 0.1


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


def _coloured(template: np.ndarray) -> np.ndarray:
    return template + FIFTH * np.roll(template, 7) + THIRD * np.roll(template, 4)


def _triad(intervals: list[int]) -> np.ndarray:
    t = np.zeros(12)
    t[intervals] = 1.0
    return t


MAJOR_TRIAD, MINOR_TRIAD = _triad([0, 4, 7]), _triad([0, 3, 7])


def profile(f: Features) -> np.ndarray:
    """The whole song's pitch-class profile: treble and bass, each summing to 1."""
    weight = np.sqrt(f.chroma_energy)
    treble = (f.chroma * weight).sum(axis=1)
    bass = (f.bass_chroma * weight).sum(axis=1)
    return treble / (treble.sum() + 1e-12) + BASS_WEIGHT * bass / (bass.sum() + 1e-12)


def edges(f: Features) -> tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]:
    """(chroma, bass chroma) of the first and of the last seconds of sound, energy-weighted."""
    energy = f.chroma_energy
    sounding = np.flatnonzero(energy > SOUND_LEVEL * np.percentile(energy, 95))
    if len(sounding) == 0:
        sounding = np.arange(len(energy))
    n = max(2, int(EDGE_SECONDS * SR / CHROMA_HOP))
    first, last = int(sounding[0]), int(sounding[-1])
    out = []
    for part in (slice(first, first + n), slice(max(0, last - n + 1), last + 1)):
        w = energy[part]
        total = float(w.sum()) + 1e-12
        out.append(
            ((f.chroma[:, part] * w).sum(axis=1) / total, (f.bass_chroma[:, part] * w).sum(axis=1) / total)
        )
    return out[0], out[1]


def scores(f: Features) -> np.ndarray:
    """A score for each key: index 0-11 the major keys on C..B, 12-23 the minor ones."""
    s = np.concatenate([_corr(profile(f), _coloured(MAJOR)), _corr(profile(f), _coloured(MINOR))])
    (start, start_bass), (end, end_bass) = edges(f)
    for chroma, bass, w_triad, w_bass in (
        (start, start_bass, START_TRIAD, START_BASS),
        (end, end_bass, END_TRIAD, END_BASS),
    ):
        s += w_triad * np.concatenate([_corr(chroma, MAJOR_TRIAD), _corr(chroma, MINOR_TRIAD)])
        s += w_bass * np.tile(bass, 2)
    time, cadences = key_harmony.evidence(f, SOUND_LEVEL)
    return s + PATH_WEIGHT * time + CADENCE_WEIGHT * cadences


def estimate(f: Features) -> Key:
    s = scores(f)
    order = np.argsort(s)[::-1]
    best = int(order[0])
    margin = float(s[order[0]] - s[order[1]])
    confidence = float(np.clip(margin / 0.15, 0, 1) * np.clip(s[best] / 1.5, 0, 1))
    return Key(NAMES[best % 12], "major" if best < 12 else "minor", confidence)
