"""Tempo and beats: a hidden Markov model over tempo and beat phase, decoded with Viterbi.

The state space is the "bar pointer" model of Krebs, Böck and Widmer (2015) at the beat
level, the algorithm behind madmom's DBN beat tracker (BSD code; reimplemented here, with
none of madmom's trained models): a state is (beat period in frames, position within the
beat); the position advances one step a frame, and only when it wraps — on a beat — may
the period change, to a nearby one (probability falling off exponentially with the tempo
ratio). That follows drift and ramps, and keeps a steady beat through a bar with no
onsets. The observation is our onset activation: high inside the short window around each
beat, low elsewhere.

Which level is "the beat" (octave errors): the model prefers the level whose beats land on
the most onset evidence, and a broad prior on tempo (log-normal around PRIOR_BPM) settles
what the evidence leaves open. The activation weighs low and middle bands (kick, snare,
bass, chord attacks: what falls on the beat) above the cymbals that fill the subdivisions,
so the level found is the one a video editor cuts on: the notated beat — the quarter note
in 4/4 and 3/4, the dotted quarter in 6/8 — not the eighth-note pulse of a hi-hat and not
every other beat of a fast song.

Beats are then moved to the onset they belong to (the peak of the activation within a
frame or three, interpolated between frames), so they are not late."""

import math
from dataclasses import dataclass

import numpy as np
from numba import njit

from app.analysis.features import FPS, Features, local_normalise

MIN_BPM, MAX_BPM = 50.0, 220.0
OBSERVATION_LAMBDA = 16  # the beat window is 1/16 of the beat period
TRANSITION_LAMBDA = 100.0  # how sharply tempo changes are penalised, per beat
PRIOR_BPM = 115.0
PRIOR_OCTAVES = 1.0  # width (one standard deviation) of the tempo prior, in octaves
PRIOR_WEIGHT = 1.0  # log-probability units per beat at one standard deviation
REFINE_FRAMES = 3  # how far a beat may move to its onset
LATENCY = 0.0  # seconds added to every beat (the onset function's own delay), from the dev set


@dataclass(frozen=True)
class Beats:
    times: np.ndarray  # seconds
    tempo: float  # BPM: median of the beat-to-beat tempo
    tempo_curve: np.ndarray  # BPM at each beat (from the interval to the next; last repeated)
    confidence: float  # 0..1


@njit(cache=True, nogil=True)
def _viterbi(log_beat: np.ndarray, log_other: np.ndarray, intervals: np.ndarray, log_trans: np.ndarray,
             log_prior: np.ndarray) -> np.ndarray:  # pragma: no cover - compiled
    """Most likely state path; returns each frame's (tempo index, position) as two rows."""
    n_frames = log_beat.shape[0]
    k = intervals.shape[0]
    offsets = np.zeros(k + 1, np.int64)
    for i in range(k):
        offsets[i + 1] = offsets[i] + intervals[i]
    n_states = offsets[k]
    zone = np.zeros(n_states, np.bool_)
    for i in range(k):
        # symmetric around the beat, at least one frame either side: the model's periods are
        # whole frames, so a beat between frames must still find its onset
        width = max(1, round(intervals[i] / (2.0 * OBSERVATION_LAMBDA)))
        for p in range(intervals[i]):
            zone[offsets[i] + p] = p <= width or p >= intervals[i] - width
    prev = np.empty(n_states)
    cur = np.empty(n_states)
    for s in range(n_states):
        prev[s] = log_beat[0] if zone[s] else log_other[0]
    back = np.zeros((n_frames, k), np.int16)
    for t in range(1, n_frames):
        lb = log_beat[t]
        lo = log_other[t]
        for i in range(k):
            o = offsets[i]
            best = -np.inf
            arg = 0
            for j in range(k):
                v = prev[offsets[j] + intervals[j] - 1] + log_trans[j, i]
                if v > best:
                    best = v
                    arg = j
            cur[o] = best + log_prior[i] + (lb if zone[o] else lo)
            back[t, i] = arg
            for p in range(1, intervals[i]):
                cur[o + p] = prev[o + p - 1] + (lb if zone[o + p] else lo)
        top = cur.max()
        for s in range(n_states):
            prev[s] = cur[s] - top
    path = np.zeros((2, n_frames), np.int64)
    s = int(np.argmax(prev))
    i = 0
    while offsets[i + 1] <= s:
        i += 1
    p = s - offsets[i]
    for t in range(n_frames - 1, -1, -1):
        path[0, t] = i
        path[1, t] = p
        if p > 0:
            p -= 1
        else:
            i = back[t, i]
            p = intervals[i] - 1
    return path


def _model(min_bpm: float, max_bpm: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    intervals = np.arange(math.floor(60 * FPS / max_bpm), math.ceil(60 * FPS / min_bpm) + 1)
    ratio = intervals[None, :] / intervals[:, None]
    trans = np.exp(-TRANSITION_LAMBDA * np.abs(ratio - 1))
    trans[trans < 1e-6] = 0
    trans /= trans.sum(axis=1, keepdims=True)
    with np.errstate(divide="ignore"):
        log_trans = np.log(trans)
    bpm = 60 * FPS / intervals
    log_prior = -0.5 * PRIOR_WEIGHT * (np.log2(bpm / PRIOR_BPM) / PRIOR_OCTAVES) ** 2
    return intervals.astype(np.int64), log_trans, log_prior


def decode_frames(activation: np.ndarray, min_bpm: float, max_bpm: float) -> np.ndarray:
    """Beat frames of the most likely path with tempi between min_bpm and max_bpm."""
    eps = 1e-3
    a = np.clip(activation, 0, 1) * (1 - 2 * eps) + eps
    log_beat = np.log(a)
    log_other = np.log(1 - a) - math.log(OBSERVATION_LAMBDA - 1)
    intervals, log_trans, log_prior = _model(min_bpm, max_bpm)
    path = _viterbi(log_beat, log_other, intervals, log_trans, log_prior)
    return np.flatnonzero(path[1] == 0)


def track(activation: np.ndarray, onset: np.ndarray, *, min_bpm: float = MIN_BPM,
          max_bpm: float = MAX_BPM) -> Beats:
    """Beats from a beat activation in [0, 1] (per frame); `onset` is the raw onset function
    the beats are refined to."""
    frames = decode_frames(activation, min_bpm, max_bpm)
    if len(frames) < 2:
        return Beats(np.array([]), 0.0, np.array([]), 0.0)
    times = _refine(frames, onset) / FPS + LATENCY
    times = times[(times >= 0)]
    ibi = np.diff(times)
    curve = 60 / np.concatenate([ibi, ibi[-1:]])
    tempo = float(np.median(60 / ibi))
    return Beats(times, tempo, curve, _confidence(frames, activation))


def _refine(frames: np.ndarray, onset: np.ndarray) -> np.ndarray:
    """Each beat moved to the strongest onset within REFINE_FRAMES, with the peak's position
    interpolated between frames (a parabola through the peak and its neighbours)."""
    out = frames.astype(float)
    n = len(onset)
    for k, f in enumerate(frames):
        lo, hi = max(1, f - REFINE_FRAMES), min(n - 1, f + REFINE_FRAMES + 1)
        if hi <= lo:
            continue
        window = onset[lo:hi]
        m = lo + int(np.argmax(window))
        if onset[m] <= 0 or m <= 0 or m >= n - 1:
            continue
        a, b, c = onset[m - 1], onset[m], onset[m + 1]
        denom = a - 2 * b + c
        shift = 0.5 * (a - c) / denom if denom < 0 else 0.0
        out[k] = m + float(np.clip(shift, -0.5, 0.5))
    return out


def _confidence(frames: np.ndarray, activation: np.ndarray) -> float:
    """How clearly the beats stand on onsets: activation at the beats against halfway
    between them (the usual alternative level), mapped to 0..1."""
    if len(frames) < 4:
        return 0.0
    n = len(activation)
    near = lambda f: float(activation[max(0, f - 1) : min(n, f + 2)].max())
    on = np.array([near(int(f)) for f in frames])
    mids = ((frames[:-1] + frames[1:]) // 2).astype(int)
    off = np.array([near(int(f)) for f in mids])
    contrast = (on.mean() - off.mean()) / (on.mean() + off.mean() + 1e-9)
    support = float(np.mean(on > 0.3))
    return float(np.clip(0.5 * support + 0.5 * np.clip(contrast * 2, 0, 1), 0, 1))


def activation(f: Features) -> np.ndarray:
    """The beat activation the model observes, per frame, in [0, 1]."""
    return local_normalise(f.onset)
