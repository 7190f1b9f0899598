"""Tempo and beats: a hidden Markov model over tempo and beat phase, decoded with Viterbi,
run twice — once to find the music's fastest regular pulse, once to track the beat.

The model is the "bar pointer" state space of Krebs, Böck and Widmer (2015) at the beat
level, the algorithm behind madmom's DBN beat tracker (BSD code; reimplemented here, with
none of madmom's trained models): a state is (beat period in frames, position within the
beat); the position advances one step a frame, and only when it wraps — on a beat — may
the period change, to a nearby one (probability falling off exponentially with the tempo
ratio). That follows drift and ramps, and keeps a steady beat through bars without onsets.
The observation is an onset activation in [0, 1]: high inside a short window around each
beat, low elsewhere.

Which level is "the beat" — the classic octave error — is decided on purpose, as a video
editor would cut: on the notated beat (the quarter note in 4/4 and 3/4, the dotted quarter
in 6/8), not on the eighth-note pulse of a hi-hat or an arpeggio, and not on every other
beat of a fast song.

1. Pulse: the model runs from 55 to 330 BPM with a small reward per beat, so it settles on
   the fastest regular pulse — often the eighths or sixteenths.
2. Grouping: while the pulse's phases clearly differ in loudness — every other (or every
   third) pulse louder in the low band (kick, bass) and in the high band (hi-hat accents)
   alike — it is a subdivision, and it is grouped by 2 or 3. Between true beats the kick
   and the snare disagree (the kick louder low, the snare louder high), so grouping stops
   at the beat. A pulse faster than 160 BPM groups on weaker evidence and one faster than
   200 always does; no grouping makes a beat slower than 55 BPM (70 on weak evidence).
   Without a cymbal band to judge by (and without a strong bass line to judge alone), or
   when the pulse search found no real pulse (it sits at its ceiling: legato strings), the grouping is not trusted and
   the level comes from periodicity instead (tempo.py: the autocorrelation of the onset
   function under a log-normal tempo prior around 100 BPM, each lag scored with its half
   and its double too, so a level at 3/2 of the beat loses. A slower, wider prior read the
   slow dev pieces right but halved fast 2/4 pieces elsewhere: not kept.)
3. Tracking: the model runs again within a factor of 1.3 of that tempo (1.1 for a tempo
   from periodicity) — room for ramps and drift, none for octave jumps — on an activation
   that weighs the low band double, since the kick and the bass mark the beat where
   arpeggios fill the subdivisions. For a level from periodicity (no drum kit, often legato
   playing) the onsets say little about which notes fall on beats: there the tracker
   follows the learned beat activation instead (beat_model.py), which has heard such music
   with its beats; it also joins the periodicity evidence that picks the level. On the
   evaluation set's real pieces (a sound font the model never heard) the two raised the beat
   F-measure from 0.84 to 0.95 (dev) and 0.69 to 0.86 (held-out), and the beats within a
   frame from 0.90 to 0.98.
4. Harmonic rhythm: for a level from periodicity, where the chords and the bass change
   clearly on every other tracked beat only, and half the tempo is still a beat, the
   tracked pulse was a slow piece's subdivision: every other beat is kept (tempo.py).

Beats are then placed on the attacks they belong to, on a finer onset function, by a
smoothing fit that keeps the tempo from jittering where played notes spread around the beat
(beat_placement.py): on the evaluation set their mean offset is a few milliseconds. The
pulse carried on into a silent lead-in or a ringing final chord is dropped there.
The thresholds were chosen on the evaluation set's development half (bench/analysis.py)."""

import math
from dataclasses import dataclass

import numpy as np
from numba import njit

from app.analysis import beat_model, beat_placement
from app.analysis import tempo as tempo_level
from app.analysis.features import FINE_FPS, FPS, Features, local_normalise, scaled
from app.analysis.tempo import FASTEST_BEAT, SLOWEST_BEAT, periodicity_tempo

MIN_BPM, MAX_BPM = 50.0, 220.0
OBSERVATION_LAMBDA = 16  # the beat window is 1/16 of the beat period
TRANSITION_LAMBDA = 100.0  # how sharply tempo changes are penalised, per beat
PRIOR_BPM = 115.0  # (the final tracking centres its prior on the chosen level instead)
PRIOR_OCTAVES = 1.0  # width (one standard deviation) of the tempo prior, in octaves
PRIOR_WEIGHT = 1.0  # log-probability units per beat at one standard deviation
FASTEST_PULSE = 330.0  # the pulse search reaches sixteenths of slow songs
GROUP_SCORE = 0.4  # log2 loudness ratio above which a pulse is a subdivision (dev set)
FAST_BEAT = 160.0  # above this a pulse is grouped on weaker evidence (FAST_GROUP_SCORE)
FAST_GROUP_SCORE = 0.0
WEAK_SLOWEST = 70.0  # BPM: weak evidence never makes a beat slower than this
MIN_BAND_SHARE = 0.05  # of the onset energy; below it a band does not judge the grouping
BASS_JUDGES_ALONE = 0.15  # a low band this strong (a clear bass line) judges without cymbals
PULSE_BONUS = 0.3
LOW_BOOST = 2.0  # the kick and bass mark beats where arpeggios fill the subdivisions (dev set)
ACF_LEVEL_SPAN = 1.1  # the same for a tempo from periodicity: acoustic music drifts less, and
# legato playing gives the tracker little to hold it, so wider lets it wander off the level
LEVEL_SPAN = 1.3  # the final tracking keeps within this factor of the beat level's tempo
REFINE_FRAMES = 3  # how far a beat may move to its onset
LATENCY = 0.0  # seconds added to every beat; the dev set's mean offset is within ±5 ms, so none


@dataclass(frozen=True)
class Beats:
    times: np.ndarray  # seconds
    tempo: float  # BPM: median of the beat-to-beat tempo
    tempo_curve: np.ndarray  # BPM at each beat (from the interval to the next; last repeated)
    confidence: float  # 0..1


@njit(cache=True, nogil=True)
def _viterbi(
    log_beat: np.ndarray,
    log_other: np.ndarray,
    intervals: np.ndarray,
    log_trans: np.ndarray,
    log_prior: np.ndarray,
    lo: np.ndarray,
    hi: np.ndarray,
) -> np.ndarray:  # pragma: no cover - compiled
    """Most likely state path; returns each frame's (tempo index, position) as two rows.
    A beat of tempo i can follow only tempi lo[i]..hi[i]-1 (the others are too far)."""
    n_frames = log_beat.shape[0]
    k = intervals.shape[0]
    offsets = np.zeros(k + 1, np.int64)
    for i in range(k):
        offsets[i + 1] = offsets[i] + intervals[i]
    n_states = offsets[k]
    # Each tempo's positions: 0..width and period-width.. are the beat's window (symmetric
    # around the beat, at least one frame either side: the model's periods are whole frames,
    # so a beat between frames must still find its onset), the rest lie between beats. The
    # loops below run over these runs rather than testing each state, so they vectorise.
    widths = np.zeros(k, np.int64)
    for i in range(k):
        widths[i] = min(max(1, round(intervals[i] / (2.0 * OBSERVATION_LAMBDA))), intervals[i] - 1)
    prev = np.empty(n_states)
    cur = np.empty(n_states)
    for i in range(k):
        for p in range(intervals[i]):
            in_zone = p <= widths[i] or p >= intervals[i] - widths[i]
            prev[offsets[i] + p] = log_beat[0] if in_zone else log_other[0]
    back = np.zeros((n_frames, k), np.int16)
    for t in range(1, n_frames):
        lb = log_beat[t]
        ln = log_other[t]
        for i in range(k):
            o = offsets[i]
            best = -np.inf
            arg = lo[i]
            for j in range(lo[i], hi[i]):
                v = prev[offsets[j] + intervals[j] - 1] + log_trans[j, i]
                if v > best:
                    best = v
                    arg = j
            cur[o] = best + log_prior[i] + lb
            back[t, i] = arg
            w = widths[i]
            end = intervals[i]
            for p in range(1, w + 1):
                cur[o + p] = prev[o + p - 1] + lb
            for p in range(w + 1, end - w):
                cur[o + p] = prev[o + p - 1] + ln
            for p in range(max(w + 1, end - w), end):
                cur[o + p] = prev[o + p - 1] + lb
        prev, cur = cur, prev
        if t % 32 == 0:  # keep the scores near zero; every frame would only cost time
            prev -= prev.max()
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


def _model(
    min_bpm: float, max_bpm: float, prior: bool = True, centre: float = PRIOR_BPM
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    intervals = np.arange(math.floor(60 * FPS / max_bpm), math.ceil(60 * FPS / min_bpm) + 1)
    ratio = intervals[None, :] / intervals[:, None]
    trans = np.exp(-TRANSITION_LAMBDA * np.abs(ratio - 1))
    trans[trans < 1e-6] = 0
    trans /= trans.sum(axis=1, keepdims=True)
    with np.errstate(divide="ignore"):
        log_trans = np.log(trans)
    bpm = 60 * FPS / intervals
    log_prior = -0.5 * PRIOR_WEIGHT * (np.log2(bpm / centre) / PRIOR_OCTAVES) ** 2
    if not prior:  # the pulse search: a small reward per beat, so the fastest regular pulse wins
        log_prior = np.full(len(intervals), PULSE_BONUS)
    return intervals.astype(np.int64), log_trans, log_prior


def decode_frames(
    activation: np.ndarray, min_bpm: float, max_bpm: float, prior: bool = True, centre: float = PRIOR_BPM
) -> np.ndarray:
    """Beat frames of the most likely path with tempi between min_bpm and max_bpm (without
    `prior`: with a small reward per beat instead of the tempo prior)."""
    eps = 1e-3
    a = np.clip(activation.astype(np.float64), 0, 1) * (1 - 2 * eps) + eps  # one compiled signature
    log_beat = np.log(a)
    log_other = np.log(1 - a) - math.log(OBSERVATION_LAMBDA - 1)
    intervals, log_trans, log_prior = _model(min_bpm, max_bpm, prior, centre)
    reachable = np.isfinite(log_trans)  # [from, to]
    lo = np.argmax(reachable, axis=0).astype(np.int64)
    hi = (len(intervals) - np.argmax(reachable[::-1], axis=0)).astype(np.int64)
    path = _viterbi(log_beat, log_other, intervals, log_trans, log_prior, lo, hi)
    return np.flatnonzero(path[1] == 0)


def _pulse_accents(frames: np.ndarray, accents: np.ndarray) -> np.ndarray:
    """Each band's accent at each pulse (the maximum within a frame), bands scaled alike."""
    scaled = accents / (np.percentile(accents, 99, axis=1, keepdims=True) + 1e-9)
    idx = np.clip(frames, 1, accents.shape[1] - 2)
    return np.maximum(np.maximum(scaled[:, idx - 1], scaled[:, idx]), scaled[:, idx + 1])


def _grouping(x: np.ndarray, judges: list[int], groups: tuple[int, ...] = (2, 3)) -> tuple[int, int, float]:
    """How a pulse groups: for groups of 2 and 3, the phase whose pulses are loudest and how
    much louder they are than the rest (log2 ratio) in the judging band that agrees least —
    the low band and the high band, those that carry sound. A subdivision is quieter than
    its beat in both (the kick and bass on the beat, the hi-hat accented there), while
    between beats the kick and the snare disagree (the kick louder low, the snare louder
    high), which keeps beats apart."""
    best = (2, 0, -np.inf)
    for m in groups:
        n = (x.shape[1] // m) * m
        if n < 4 * m:
            continue
        phases = x[:, :n].reshape(x.shape[0], -1, m).mean(axis=1)
        p = int(np.argmax(phases.sum(axis=0)))
        others = np.delete(phases, p, axis=1).mean(axis=1)
        ratios = np.log2((phases[:, p] + 1e-3) / (others + 1e-3))
        score = float(min(ratios[j] for j in judges))
        if score > best[2]:
            best = (m, p, score)
    return best


def beat_level(pulse: np.ndarray, accents: np.ndarray) -> float | None:
    """The beat's tempo (BPM), from the fastest regular pulse: group the pulse by 2 or 3 while
    its phases differ clearly in loudness (a subdivision under a beat), or, on weaker
    evidence, while it is faster than a beat usually is; stop before the beat gets slow.
    None when the grouping cannot be judged (see track)."""
    share = accents.sum(axis=1) / (accents.sum() + 1e-9)
    heard = share >= MIN_BAND_SHARE  # a band with (almost) nothing in it judges nothing
    rows = np.flatnonzero(heard)
    pulse_tempo = 60 * FPS / float(np.median(np.diff(pulse)))
    strong_bass = share[0] >= BASS_JUDGES_ALONE
    if not ((heard[0] and heard[2]) or strong_bass) or pulse_tempo > 0.95 * FASTEST_PULSE:
        return None  # nothing to judge by, or no real pulse (it sits at the search's ceiling)
    judges = [int(np.searchsorted(rows, b)) for b in (0, 2) if heard[b]]
    level = pulse
    while len(level) > 8:
        tempo = 60 * FPS / float(np.median(np.diff(level)))
        x = _pulse_accents(level, accents)[rows]
        m, p, score = _grouping(x, judges)
        if score < GROUP_SCORE and tempo > FAST_BEAT:
            # a fast pulse groups on weaker evidence, unless that makes a slow beat (a swung
            # fast beat reads a little like triplets)
            options = [
                (mm, pp, sc)
                for mm, pp, sc in (_grouping(x, judges, (g,)) for g in (2, 3))
                if tempo / mm >= WEAK_SLOWEST and (sc >= FAST_GROUP_SCORE or tempo > FASTEST_BEAT)
            ]
            if options:
                m, p, score = max(options, key=lambda o: o[2])
                score = GROUP_SCORE
        if tempo / m < SLOWEST_BEAT or score < GROUP_SCORE:
            return tempo
        level = level[p::m]
    return 60 * FPS / float(np.median(np.diff(level))) if len(level) > 1 else 120.0


def track(
    activation: np.ndarray,
    onset: np.ndarray,
    accents: np.ndarray,
    beat_activation: np.ndarray | None = None,
    fine_onset: np.ndarray | None = None,
    features: Features | None = None,
) -> Beats:
    """Beats from a beat activation in [0, 1] (per frame); `accents` are the band-wise
    accents that decide the metrical level. The beats are placed on the attacks of
    `fine_onset` (FINE_FPS frames a second) when given, else refined to `onset`. With
    `features`, a level from periodicity is tracked on the learned activation, which is
    computed only then: with a drum kit it would go unused."""
    pulse = decode_frames(activation, SLOWEST_BEAT, FASTEST_PULSE, prior=False)
    level = beat_level(pulse, accents) if len(pulse) > 8 else None
    learned = None
    if level is not None:
        tempo = level
    elif features is None:
        tempo = periodicity_tempo(onset)
    else:
        learned, _ = beat_model.activations(features.mel)
        tempo = periodicity_tempo(tempo_level.periodic_evidence(features, learned))
    span = LEVEL_SPAN if level is not None else ACF_LEVEL_SPAN
    final = beat_activation if level is not None or learned is None else learned
    final = activation if final is None else final
    frames = decode_frames(final, max(MIN_BPM, tempo / span), min(MAX_BPM, tempo * span), centre=tempo)
    if len(frames) < 2:
        return Beats(np.array([]), 0.0, np.array([]), 0.0)
    if level is None and features is not None:
        # no drum kit to judge the level by: the harmonic rhythm may show the tracked pulse
        # to be the subdivision of a slow beat (tempo.py)
        phase = tempo_level.harmonic_phase(frames / FPS, features)
        if phase is not None:
            frames = frames[phase::2]
    if fine_onset is not None and len(fine_onset):
        times = beat_placement.place(frames / FPS, fine_onset, FINE_FPS) + LATENCY
        times = beat_placement.sounding(times, fine_onset, FINE_FPS)
    else:
        times = _refine(frames, onset) / FPS + LATENCY
    times = times[(times >= 0)]
    if len(times) < 2:
        return Beats(np.array([]), 0.0, np.array([]), 0.0)
    ibi = np.diff(times)
    curve = 60 / np.concatenate([ibi, ibi[-1:]])
    tempo = float(np.median(60 / ibi))
    confidence = _confidence(frames, activation if level is not None else final)
    return Beats(times, tempo, curve, confidence)


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
    """How clearly the beats stand on the activation they were tracked by (the onsets with a
    drum kit, the learned one without): activation at the beats against halfway between them
    (the usual alternative level), mapped to 0..1."""
    if len(frames) < 4:
        return 0.0
    n = len(activation)

    def near(f: int) -> float:
        return float(activation[max(0, f - 1) : min(n, f + 2)].max())

    on = np.array([near(int(f)) for f in frames])
    mids = ((frames[:-1] + frames[1:]) // 2).astype(int)
    off = np.array([near(int(f)) for f in mids])
    contrast = (on.mean() - off.mean()) / (on.mean() + off.mean() + 1e-9)
    support = float(np.mean(on > 0.3))
    return float(np.clip(0.5 * support + 0.5 * np.clip(contrast * 2, 0, 1), 0, 1))


def activation(f: Features) -> np.ndarray:
    """The beat activation the model observes, per frame, in [0, 1]."""
    return local_normalise(f.onset)


def track_features(f: Features) -> Beats:
    if float(f.onset.max()) <= 1e-6:  # silence (or a constant tone): nothing to stand a beat on
        return Beats(np.array([]), 0.0, np.array([]), 0.0)

    beat_act = scaled(f.onset) + LOW_BOOST * scaled(f.onset_low)
    return track(activation(f), f.onset, f.accents, local_normalise(beat_act), f.onset_fine, features=f)
