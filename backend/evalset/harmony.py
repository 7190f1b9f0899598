"""The synthetic songs' harmony and melody: scales, chord progressions per section kind, triads
on a scale degree and a two-bar motif."""

import numpy as np

MAJOR = [0, 2, 4, 5, 7, 9, 11]
MINOR = [0, 2, 3, 5, 7, 8, 10]
# Progressions as scale degrees (0 = tonic); a chord per bar.
PROGRESSIONS = {
    "major": {
        "verse": [[0, 5, 3, 4], [0, 3, 5, 4], [0, 4, 5, 3], [0, 0, 3, 4]],
        "chorus": [[3, 4, 0, 5], [5, 3, 0, 4], [3, 0, 4, 4], [0, 4, 3, 4]],
        "bridge": [[1, 4, 2, 5], [3, 3, 0, 4], [5, 5, 3, 4]],
    },
    "minor": {
        "verse": [[0, 5, 2, 6], [0, 3, 6, 2], [0, 5, 3, 4], [0, 0, 5, 4]],
        "chorus": [[5, 2, 6, 0], [3, 6, 2, 5], [5, 6, 0, 0], [3, 4, 0, 0]],
        "bridge": [[3, 3, 0, 4], [5, 6, 2, 4], [1, 4, 0, 4]],
    },
}


def chord(tonic: int, mode: str, degree: int) -> list[int]:
    """Triad (pitch classes relative to C, as offsets from tonic) on a scale degree; in minor
    the dominant is major (harmonic minor), as in most songs."""
    scale = MAJOR if mode == "major" else MINOR
    notes = [scale[(degree + i) % 7] + 12 * ((degree + i) // 7) for i in (0, 2, 4)]
    if mode == "minor" and degree == 4:
        notes[1] = 11
    return [tonic + n for n in notes]


def motif(rng: np.random.Generator, bpb: int, subdivision: int) -> list[tuple[float, int, float]]:
    """A two-bar melody: (position in beats, scale step, length in beats)."""
    slots = [i / subdivision for i in range(2 * bpb * subdivision)]
    chosen = sorted({0.0, *rng.choice(slots, size=min(len(slots), 3 + int(rng.integers(4))), replace=False)})
    steps = np.cumsum(rng.integers(-2, 3, len(chosen)))
    ends = [*chosen[1:], 2.0 * bpb]
    return [(float(p), int(s), float(e - p)) for p, s, e in zip(chosen, steps, ends, strict=True)]
