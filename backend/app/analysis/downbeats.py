"""Downbeats and meter (beats per bar), from what marks the start of a bar in most music:
the harmony changes there (chords tend to last a bar), and the bass and the kick land there. Each beat gets a "bar-start" score from those cues; meters of 2, 3 and 4
beats and every phase are compared by how well a one-strong-then-weak pattern fits the
scores, and a small hidden Markov model over the beats follows the chosen pattern through
the song while tolerating a beat too many or too few from the beat tracker."""

from dataclasses import dataclass

import numpy as np
from scipy.ndimage import uniform_filter1d

from app.analysis.features import CHROMA_HOP, FPS, SR, Features

METERS = (2, 3, 4)
# weights of the cues: harmonic change, bass-note change, how loud the low band's and the mid
# band's onsets are (the flux of a nearly linear spectrum: the bass, the kick and the chord
# are played harder at the bar), and how loud the beat is as a whole against the beats
# around it (the bar's first beat carries the longest notes and the fullest chords, so its
# span is louder even where its attack is soft, as in a chorale). Chosen on the dev set; the
# overall onset strength, a two-beat chroma novelty, the quiet after a note (its length) and
# the rise out of a rest, tried too, only blurred the picture.
WEIGHTS = np.array([1.0, 0.15, 0.3, 0.2, 0.6])
# beats around a beat for its loudness reference: a whole number of bars of 2, 3 and 4 beats,
# so the reference is not tilted toward any candidate meter's strong beats
LOUDNESS_CONTEXT = 12
# t statistic (bar start against bar middle) above which a duple meter has 4 beats (dev set)
FOUR_OVER_TWO = 1.5
FOUR_FIT = 0.8  # and its one-strong-in-four pattern fits nearly as well as one-in-two
EMISSION = 0.7  # how much one beat's cues weigh against the pattern's continuation (dev set)
SLIP = 0.02  # probability of the bar position skipping or repeating at a beat


@dataclass(frozen=True)
class Downbeats:
    times: np.ndarray
    beats_per_bar: int
    positions: np.ndarray  # position of each beat in its bar, 0 = downbeat
    confidence: float


def _near(x: np.ndarray, frames: np.ndarray, width: int = 2) -> np.ndarray:
    idx = np.clip(frames[:, None] + np.arange(-width, width + 1)[None, :], 0, len(x) - 1)
    return x[idx].max(axis=1)


def _robust_z(x: np.ndarray) -> np.ndarray:
    med = np.median(x)
    mad = np.median(np.abs(x - med)) * 1.4826 + 1e-9
    return np.clip((x - med) / mad, -3, 3)


def beat_chroma(chroma: np.ndarray, beats: np.ndarray) -> np.ndarray:
    """Mean chroma over each beat's span (to the next beat), shape (beats, 12)."""
    frame_of = np.clip(np.round(beats * SR / CHROMA_HOP).astype(int), 0, chroma.shape[1] - 1)
    ends = np.concatenate([frame_of[1:], [min(chroma.shape[1], frame_of[-1] + 4)]])
    cum = np.concatenate([np.zeros((12, 1)), np.cumsum(chroma, axis=1)], axis=1)
    spans = np.maximum(ends - frame_of, 1)
    out = (cum[:, frame_of + spans] - cum[:, frame_of]) / spans
    return out.T


def _span_mean(x: np.ndarray, frames: np.ndarray) -> np.ndarray:
    """Mean of a per-frame curve over each beat's span (to the next beat)."""
    ends = np.concatenate([frames[1:], [min(len(x), frames[-1] + max(1, frames[-1] - frames[-2]))]])
    ends = np.clip(np.maximum(ends, frames + 1), 1, len(x))
    starts = np.minimum(frames, ends - 1)
    cum = np.concatenate([[0.0], np.cumsum(x, dtype=np.float64)])
    return (cum[ends] - cum[starts]) / (ends - starts)


def chroma_change(sync: np.ndarray) -> np.ndarray:
    """1 - cosine similarity between each beat's chroma and the one before."""
    a, b = sync[1:], sync[:-1]
    cos = (a * b).sum(axis=1) / (np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1) + 1e-9)
    return np.concatenate([[1.0], 1 - cos])


def bar_start_scores(beats: np.ndarray, f: Features) -> np.ndarray:
    frames = np.clip(np.round(beats * FPS).astype(int), 0, f.n_frames - 1)
    loud = _span_mean(f.rms_db, frames)
    cues = np.stack(
        [
            chroma_change(beat_chroma(f.chroma, beats)),
            chroma_change(beat_chroma(f.bass_chroma, beats)),
            _near(f.accents[0], frames),
            _near(f.accents[1], frames),
            loud - uniform_filter1d(loud, LOUDNESS_CONTEXT, mode="nearest"),
        ]
    )
    return (WEIGHTS[:, None] * np.array([_robust_z(c) for c in cues])).sum(axis=0)


def _fit(scores: np.ndarray, meter: int) -> np.ndarray:
    """Normalised correlation of the scores with a one-strong pattern, for each phase."""
    template = np.full(meter, -1.0 / (meter - 1))
    template[0] = 1.0
    norm = np.sqrt((template**2).mean())
    out = np.zeros(meter)
    for phase in range(meter):
        pos = (np.arange(len(scores)) - phase) % meter
        out[phase] = (scores * template[pos]).mean() / norm
    return out


def _follow(scores: np.ndarray, meter: int, phase: int) -> np.ndarray:
    """Bar positions along the beats (Viterbi), starting from the global phase."""
    n = len(scores)
    strong = np.where(np.arange(meter) == 0, 1.0, -1.0 / (meter - 1))
    emit = EMISSION * scores[:, None] * strong[None, :]
    trans = np.full((meter, meter), -np.inf)
    for p in range(meter):
        trans[p, (p + 1) % meter] = np.log(1 - 2 * SLIP)
        trans[p, p] = np.log(SLIP)
        trans[p, (p + 2) % meter] = np.logaddexp(trans[p, (p + 2) % meter], np.log(SLIP))
    start = np.full(meter, np.log(SLIP))
    start[(0 - phase) % meter] = 0.0
    score = start + emit[0]
    back = np.zeros((n, meter), int)
    for t in range(1, n):
        cand = score[:, None] + trans
        back[t] = np.argmax(cand, axis=0)
        score = cand[back[t], np.arange(meter)] + emit[t]
    pos = np.zeros(n, int)
    pos[-1] = int(np.argmax(score))
    for t in range(n - 1, 0, -1):
        pos[t - 1] = back[t, pos[t]]
    return pos


def _halves_differ(scores: np.ndarray, phase: int) -> float:
    """With bars of four beats from `phase`: how surely the first beat of a bar is a stronger
    bar start than the third (a paired t statistic over the bars). In 4/4 the harmony changes
    and the bass lands more at the bar than at its middle; in 2/4 the two halves are bars
    alike, so the difference is noise."""
    n = (len(scores) - phase) // 4
    if n < 3:
        return 0.0
    bars = scores[phase : phase + 4 * n].reshape(n, 4)
    d = bars[:, 0] - bars[:, 2]
    return float(d.mean() / (d.std() / np.sqrt(n) + 1e-9))


def _same_starts(meter: int, phase: int, other: int, other_phase: int) -> bool:
    """Whether another reading's bar starts lie on the chosen reading's, or it on theirs: the
    reading itself, and two beats to the bar against four on beats of the same parity."""
    if {meter, other} == {2, 4}:
        return phase % 2 == other_phase % 2
    return (meter, phase) == (other, other_phase)


def track(beats: np.ndarray, f: Features) -> Downbeats:
    if len(beats) < 8:
        return Downbeats(beats[:1], 4, np.arange(len(beats)) % 4, 0.0)
    scores = bar_start_scores(beats, f)
    fits = {m: _fit(scores, m) for m in METERS}
    ranked = sorted(((float(v), m, p) for m, row in fits.items() for p, v in enumerate(row)), reverse=True)
    best, meter, phase = ranked[0]
    if meter != 3:
        # Two against four: the one-strong patterns alone cannot tell them apart (a 4/4
        # bar's middle is a half-strong start, a 2/4 piece's pairs of bars make phrases), so
        # the family is duple, and four beats only when bar starts clearly alternate in
        # strength and the four-beat pattern fits about as well as the two-beat one.
        phase4 = int(np.argmax(fits[4]))
        four = _halves_differ(scores, phase4) >= FOUR_OVER_TWO
        if four and fits[4][phase4] >= FOUR_FIT * fits[2].max():
            meter, phase, best = 4, phase4, float(fits[4][phase4])
        else:
            meter, phase, best = 2, phase4 % 2, float(fits[2][phase4 % 2])
    # How sure: the chosen reading against the best one that puts bar starts elsewhere. Two
    # against four beats is left out of the rivalry: either reading still marks the true bar
    # starts (a cut on every bar or every other one), and counting it made most songs, found
    # right, read as unsure.
    rival = max(
        float(v) for m, row in fits.items() for p, v in enumerate(row) if not _same_starts(meter, phase, m, p)
    )
    positions = _follow(scores, meter, phase)
    confidence = float(np.clip((best - rival) / 0.5, 0, 1) * np.clip(best / 1.0, 0, 1))
    return Downbeats(beats[positions == 0], meter, positions, confidence)
