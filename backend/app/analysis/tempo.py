"""Which pulse is the beat, where the onsets alone cannot tell: music without a drum kit.

A video editor cuts on the notated beat — the pulse the harmony and the bass move on — not
on the running eighths of a slow piece's inner voices. Two estimates work together:

1. Periodicity: the tempo whose period the onsets and the harmonic changes (weighted alike:
   legato lines blur the onsets, and the chords move on beats) repeat at most (autocorrelation
   over 8 s windows, averaged), each lag scored with its half and its double too (a beat
   level is periodic at its subdivision and at two beats; a level at 3/2 of the beat finds
   neither), under a log-normal prior around 100 BPM, one octave wide. Between 60 and
   70 BPM and its double the prior hardly chooses, so slow pieces often come out at twice
   their beat here.
2. Harmonic rhythm, once that level is tracked: where the chords and the bass note change
   on every other tracked beat, clearly (a paired t statistic over the pairs of beats, in
   the chroma and in the bass chroma alike, with the same phase), and half the tracked tempo
   is still a beat (at least HALF_SLOWEST BPM), the tracked pulse is the subdivision of a
   slow piece: its beats are every other tracked beat, on the phase where the harmony
   changes. Fast pieces whose chords last two beats pass too, but at their tempo the
   difference between the phases is weaker (the running notes between changes move the
   chroma on every beat), which the threshold was set by (development half only)."""

import numpy as np

from app.analysis.downbeats import beat_chroma, chroma_change
from app.analysis.features import FPS, Features, scaled

SLOWEST_BEAT = 55.0  # BPM
FASTEST_BEAT = 200.0
ACF_PRIOR_BPM = 100.0  # centre of the periodicity estimate's tempo prior
ACF_PRIOR_OCTAVES = 1.0  # its width (one standard deviation)
METRIC = 0.25  # weight of a level's half and double periods in its periodicity score (dev set)
ACF_WINDOW = 8.0  # seconds
HALF_SLOWEST = 58.0  # BPM: halving never makes a beat slower than this
HALVE_T = 2.5  # paired t statistic of the harmony's and the bass's change between the phases


def _acf(x: np.ndarray) -> np.ndarray:
    """Autocorrelation over ACF_WINDOW windows (a quarter apart), each normalised, summed."""
    o = x - x.mean()
    win = int(ACF_WINDOW * FPS)
    acc = np.zeros(win)
    window = np.hanning(win)
    for start in range(0, max(1, len(o) - win), win // 4):
        seg = o[start : start + win]
        if len(seg) < win:
            seg = np.pad(seg, (0, win - len(seg)))
        ac = np.fft.irfft(np.abs(np.fft.rfft(seg * window, 2 * win)) ** 2)[:win]
        if ac[0] > 0:
            acc += ac / ac[0]
    return acc


def periodicity_tempo(onset: np.ndarray) -> float:
    """The tempo whose period the onset function repeats at most (autocorrelation over 8 s
    windows, averaged) under a log-normal prior around ACF_PRIOR_BPM: the classic estimate,
    steadier than the grouping when there is no cymbal band to judge by."""
    acc = _acf(onset)
    win = len(acc)
    lags = np.arange(1, win)
    if METRIC > 0:
        # a beat level is periodic at its half (the subdivision) and its double (two beats)
        # too; a level at 3/2 or 2/3 of the beat finds its half or its double between beats
        half = np.interp(lags / 2, np.arange(win), acc)
        double = np.interp(np.minimum(2 * lags, win - 1), np.arange(win), acc)
        acc = acc.copy()
        acc[1:] += METRIC * (half + double)
    bpm = 60 * FPS / lags
    prior = np.exp(-0.5 * (np.log2(bpm / ACF_PRIOR_BPM) / ACF_PRIOR_OCTAVES) ** 2)
    score = np.where((bpm >= SLOWEST_BEAT) & (bpm <= FASTEST_BEAT), acc[1:] * prior, -np.inf)
    return float(bpm[int(np.argmax(score))])


def periodic_evidence(f: Features, learned: np.ndarray | None = None) -> np.ndarray:
    """What periodicity_tempo reads for music without a drum kit: the onsets, the harmonic
    change and the learned beat activation (beat_model.py), each scaled by its 99th
    percentile and weighted alike. On the development half any weight of the harmony from 0.5
    to 4 gave the same tempi (one fast 3/4 movement, whose onsets alone repeat most at two
    beats, is found at its beat). The learned activation, which stands on beats rather than
    on every note, put three more dev pieces at their beat (beat F 0.925 -> 0.954); on its
    own, without the onsets, it lost one (weight 2: 0.948)."""
    evidence = scaled(f.onset) + scaled(f.harmonic)
    return evidence if learned is None else evidence + scaled(learned)


def _pair_t(x: np.ndarray) -> float:
    """Paired t statistic of the even against the odd entries of x (positive: even larger)."""
    n = len(x) // 2
    d = x[0 : 2 * n : 2] - x[1 : 2 * n : 2]
    return float(d.mean() / (d.std() / np.sqrt(n) + 1e-9))


def harmonic_phase(times: np.ndarray, f: Features) -> int | None:
    """0 or 1 when the harmony and the bass change clearly on every other beat of `times`
    starting there (so the beat is every other one of them); None otherwise."""
    if len(times) < 16 or 30.0 / float(np.median(np.diff(times))) < HALF_SLOWEST:
        return None
    changes = []
    for chroma in (f.chroma, f.bass_chroma):
        change = chroma_change(beat_chroma(chroma, times))
        change[0] = np.median(change)  # the first beat has nothing before it
        changes.append(change)
    stats = [_pair_t(c) for c in changes]
    if all(t >= HALVE_T for t in stats):
        phase = 0
    elif all(t <= -HALVE_T for t in stats):
        phase = 1
    else:
        return None
    # A fast piece whose chords last a bar changes harmony on every fourth beat: on every
    # other beat too, but among those beats the change alternates again, more clearly still
    # (the bar's start against its middle), where a slow piece's beats change more alike.
    if any(abs(_pair_t(c[phase::2])) >= abs(t) for c, t in zip(changes, stats, strict=True)):
        return None
    return phase
