"""Chords for the pad: a seeded walk over the mode's consonant chords, voiced so that
common tones are held and the other voices move by small steps."""

import bisect
import math
from dataclasses import dataclass

import numpy as np

from .mood import Mood

# How much each scale degree is favoured (I, ii, iii, IV, V, vi, vii in major terms).
# Ambient harmony leans on I, IV and vi; V is used sparingly so nothing sounds like a cadence.
DEGREE_WEIGHTS = (3.0, 1.5, 1.0, 2.2, 1.1, 2.0, 1.3)


@dataclass(frozen=True)
class Chord:
    start: float  # seconds
    end: float
    pitches: tuple[int, ...]  # MIDI notes of the pad voicing, low to high
    bass: int  # MIDI note of the sine drone under the pad
    bells: tuple[int, ...]  # chord tones above the pad that bell notes may play


def _pc(mood: Mood, degree: int) -> int:
    """Semitones above the tonic of a scale degree (any integer, wraps by octaves)."""
    return mood.scale[degree % 7] + 12 * (degree // 7)


def _consonant_degrees(mood: Mood) -> list[int]:
    """Degrees whose triad has a perfect fifth (no diminished chords: they sound tense)."""
    return [d for d in range(7) if (_pc(mood, d + 4) - _pc(mood, d)) % 12 == 7]


def _chord_classes(mood: Mood, degree: int, rng: np.random.Generator) -> list[int]:
    """Pitch classes (semitones above tonic) of a chord: triad plus gentle colour tones."""
    root = _pc(mood, degree)
    third, fifth = _pc(mood, degree + 2), _pc(mood, degree + 4)
    ninth_ok = (_pc(mood, degree + 1) - root) % 12 == 2  # a major ninth, never a minor one
    seventh_ok = (_pc(mood, degree + 6) - root) % 12 in (10, 11)
    tones = [root, fifth]
    # sus2 instead of the third now and then: open, unresolved, very "ambient"
    tones.append(_pc(mood, degree + 1) if ninth_ok and rng.random() < 0.2 else third)
    if ninth_ok and rng.random() < 0.6:
        tones.append(_pc(mood, degree + 1))
    if seventh_ok and rng.random() < 0.45:
        tones.append(_pc(mood, degree + 6))
    return [t % 12 for t in dict.fromkeys(tones)]


def _voice(mood: Mood, classes: list[int]) -> tuple[tuple[int, ...], int, tuple[int, ...]]:
    """Place pitch classes: root low, fifth above it, colour tones in a fixed upper window.

    A fixed window keeps common tones on the same notes and makes other voices move by
    the smallest interval, which is what makes chord changes sound smooth.
    """
    tonic = mood.tonic_midi
    root = tonic + (classes[0] + 6) % 12 - 6  # root within a fourth/fifth of the tonic
    low = [root, root + 7]
    window = range(tonic + 10, tonic + 24)
    upper = [next(m for m in window if m % 12 == (tonic + c) % 12) for c in classes[2:]]
    upper += [next(m for m in window if m % 12 == (tonic + classes[0]) % 12)]
    upper = sorted(set(upper))
    for i in range(1, len(upper)):  # a semitone cluster (a ninth on a minor third) grates:
        if upper[i] - upper[i - 1] == 1:  # lift the upper note an octave, a major seventh away
            upper[i] += 12
    pitches = tuple(sorted(set(low + upper)))
    bass = (tonic - 12) if mood.pedal else root - 12
    # Bell notes: the upper chord tones one and two octaves up, kept in a soft mid-high range.
    bells = tuple(sorted(p + k for p in upper for k in (12, 24) if tonic + 17 <= p + k <= tonic + 34))
    return pitches, bass, bells


def progression(*, mood: Mood, duration: float, rng: np.random.Generator) -> list[Chord]:
    """Chords covering [0, duration]; each lasts around mood.chord_seconds."""
    degrees = _consonant_degrees(mood)
    weights = np.array([DEGREE_WEIGHTS[d] for d in degrees])
    chords: list[Chord] = []
    t, degree, since_tonic = 0.0, 0, 0
    while t < duration:
        length = mood.chord_seconds * float(rng.uniform(0.75, 1.3))
        pitches, bass, bells = _voice(mood, _chord_classes(mood, degree, rng))
        chords.append(Chord(start=t, end=t + length, pitches=pitches, bass=bass, bells=bells))
        t += length
        since_tonic = 0 if degree == 0 else since_tonic + 1
        w = weights * np.array([d != degree for d in degrees])  # never repeat a chord
        if since_tonic >= 3:  # drift home now and then so the key stays clear
            w = w * np.array([4.0 if d == 0 else 1.0 for d in degrees])
        degree = degrees[int(rng.choice(len(degrees), p=w / w.sum()))]
    return chords


class ChordTimeline:
    """Which chords sound at a time, with equal-power crossfades around each change."""

    def __init__(self, chords: list[Chord], *, crossfade: float) -> None:
        self.chords = chords
        self.crossfade = crossfade
        self._starts = [c.start for c in chords]

    def weights(self, t: float) -> list[tuple[Chord, float]]:
        i = max(0, bisect.bisect_right(self._starts, t) - 1)
        half = self.crossfade / 2
        if i + 1 < len(self.chords) and t > self.chords[i].end - half:
            u = (t - (self.chords[i].end - half)) / self.crossfade
            return [
                (self.chords[i], math.cos(u * math.pi / 2)),
                (self.chords[i + 1], math.sin(u * math.pi / 2)),
            ]
        if i > 0 and t < self.chords[i].start + half:
            u = (t - (self.chords[i].start - half)) / self.crossfade
            return [
                (self.chords[i - 1], math.cos(u * math.pi / 2)),
                (self.chords[i], math.sin(u * math.pi / 2)),
            ]
        return [(self.chords[i], 1.0)]
