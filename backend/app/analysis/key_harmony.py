"""The key as the harmony follows it: chords estimated on half-second blocks (24 triads and
"no chord", from the chroma with the bass note counted for the root), then a hidden Markov
model over the 24 keys whose emissions score the chords by their function in each key (the
tonic triad most likely, then the dominant and subdominant, then the other diatonic chords,
anything else rarely). A key is kept from block to block unless the chords insist on another.

Two figures per key come out: the share of the song the key path spends in it, and its share
of the song's cadences — a dominant (or subdominant) chord moving to the key's tonic triad.
A pitch profile cannot tell a key from its dominant (the same notes); the path and the
cadences can, since in C major G major resolves to C and in G major it does not."""

import numpy as np

from app.analysis.features import Features

BLOCK = 5  # chroma frames (~0.46 s): about a beat at common tempi
BASS_WEIGHT = 0.5  # the bass on the chord's root adds this to the triad's match
SHARPNESS = 12.0  # how sharply chord posteriors follow the match
NO_CHORD = 0.6  # the match a block must beat to count as a chord at all
STAY = 0.98  # probability that the key holds from one block to the next
PLAGAL = 0.5  # a IV→I counts this much of a V→I
FLOOR = 0.02  # a chord foreign to the key
# (degree above the tonic, 0 major / 1 minor triad) → weight, before normalising
MAJOR_FUNCTIONS = {
    (0, 0): 1.0,
    (7, 0): 0.8,
    (5, 0): 0.6,
    (9, 1): 0.4,
    (2, 1): 0.35,
    (4, 1): 0.2,
    (2, 0): 0.15,
}
MINOR_FUNCTIONS = {
    (0, 1): 1.0,
    (7, 0): 0.8,  # the dominant, major by the raised leading note
    (7, 1): 0.2,
    (5, 1): 0.6,
    (8, 0): 0.5,
    (3, 0): 0.5,
    (10, 0): 0.4,
    (0, 0): 0.15,  # a major tonic at a cadence
}


def _templates() -> np.ndarray:
    """24 unit triad templates (0-11 major on C..B, 12-23 minor), coloured by the fifth each
    note sounds as an overtone."""
    rows = []
    for third in (4, 3):
        for root in range(12):
            t = np.zeros(12)
            t[[root, (root + third) % 12, (root + 7) % 12]] = 1.0
            t = t + 0.3 * np.roll(t, 7)
            rows.append(t / np.linalg.norm(t))
    return np.array(rows)


def _functions() -> np.ndarray:
    """P(chord | key): 24 keys × (24 triads + no chord)."""
    m = np.full((24, 25), FLOOR)
    for k in range(24):
        tonic, table = k % 12, (MAJOR_FUNCTIONS if k < 12 else MINOR_FUNCTIONS)
        for (degree, minor), w in table.items():
            m[k, 12 * minor + (tonic + degree) % 12] = w + FLOOR
        m[k, 24] = 0.3
    return m / m.sum(axis=1, keepdims=True)


TRIADS = _templates()
FUNCTIONS = _functions()
ROOTS = np.tile(np.arange(12), 2)
KEYS = np.arange(24)
TONIC_CHORD = np.where(KEYS < 12, KEYS, 12 + KEYS % 12)  # the tonic triad of each key
DOMINANT_CHORD = (KEYS + 7) % 12  # major in both modes
SUBDOMINANT_CHORD = np.where(KEYS < 12, (KEYS + 5) % 12, 12 + (KEYS + 5) % 12)


def blocks(f: Features) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Energy-weighted chroma and bass chroma per block (12 × n each, columns summing to 1)
    and each block's energy."""
    e = f.chroma_energy
    size = BLOCK if len(e) >= BLOCK else max(1, len(e))
    n = max(1, len(e) // size)
    w = e[: n * size].reshape(n, size)
    c = (f.chroma[:, : n * size].reshape(12, n, size) * w).sum(axis=2)
    b = (f.bass_chroma[:, : n * size].reshape(12, n, size) * w).sum(axis=2)
    c /= c.sum(axis=0, keepdims=True) + 1e-12
    b /= b.sum(axis=0, keepdims=True) + 1e-12
    return c, b, w.sum(axis=1)


def chords(chroma: np.ndarray, bass: np.ndarray) -> np.ndarray:
    """Posterior of each chord (24 triads + no chord) per block: 25 × n."""
    unit = chroma / (np.linalg.norm(chroma, axis=0, keepdims=True) + 1e-12)
    match = TRIADS @ unit + BASS_WEIGHT * bass[ROOTS]
    match = np.vstack([match, np.full(match.shape[1], NO_CHORD)])
    p = np.exp(SHARPNESS * (match - match.max(axis=0)))
    return p / p.sum(axis=0)


def key_path(emissions: np.ndarray) -> np.ndarray:
    """Viterbi path over the 24 keys (emissions: n × 24 log-likelihoods); any key may follow
    any other at the same small cost."""
    n = len(emissions)
    stay, move = np.log(STAY), np.log((1 - STAY) / 23)
    score = emissions[0].copy()
    back = np.zeros((n, 24), dtype=np.int64)
    for t in range(1, n):
        best = int(score.argmax())
        held = score + stay
        back[t] = np.where(held >= score[best] + move, KEYS, best)
        score = np.maximum(held, score[best] + move) + emissions[t]
    path = np.zeros(n, dtype=np.int64)
    path[-1] = int(score.argmax())
    for t in range(n - 1, 0, -1):
        path[t - 1] = back[t, path[t]]
    return path


def evidence(f: Features, sound_level: float = 0.05) -> tuple[np.ndarray, np.ndarray]:
    """(share of the sounding blocks the key path spends in each key, share of the cadences
    that resolve to each key's tonic), both length 24."""
    chroma, bass, energy = blocks(f)
    sounding = energy > sound_level * np.percentile(energy, 95)
    if not sounding.any():
        return np.zeros(24), np.zeros(24)
    post = chords(chroma[:, sounding], bass[:, sounding])
    path = key_path(np.log(FUNCTIONS @ post + 1e-12).T)
    time = np.bincount(path, minlength=24) / len(path)
    # the chord sequence without repeats or "no chord", then its moves onto each tonic
    seq = post.argmax(axis=0)
    seq = seq[seq < 24]
    if len(seq) > 1:
        seq = seq[np.concatenate([[True], seq[1:] != seq[:-1]])]
    before, after = seq[:-1, None], seq[1:, None]
    onto_tonic = after == TONIC_CHORD[None, :]
    cadence = (onto_tonic & (before == DOMINANT_CHORD[None, :])).sum(axis=0) + PLAGAL * (
        onto_tonic & (before == SUBDOMINANT_CHORD[None, :])
    ).sum(axis=0)
    cadence = cadence / (cadence.sum() + 1e-9)
    return time, cadence
