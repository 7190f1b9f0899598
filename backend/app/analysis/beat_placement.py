"""Where exactly each beat lands, once the tracker has said which beats there are.

The tracker works on whole frames of 11.6 ms and lets its tempo change only at beats, so a
beat it reports can sit a frame or two from the attack it stands for. Each beat is moved
towards the strongest attack near it on a finer onset function (5.8 ms frames, the peak
interpolated between frames); but played music does not put every note of a beat at one
instant — bowed strings and winds swell into a note, voices enter a little apart, and some
beats have no attack of their own — so the attacks alone would make a jittery grid. The
beat times are therefore a smoothing fit: close to the attacks, in proportion to how strong
each attack is, while the beat-to-beat interval changes slowly (a penalty on the second
difference of the times, which a steady tempo or a gentle ritardando hardly pays). Attacks
far from the fit (an off-beat note that happened to be louder) are down-weighted and the fit
repeated, so they do not pull the grid. A drum kit's beats, whose attacks already lie on a
smooth grid, are left on their attacks.

The tracker also carries its pulse on through silence: into a lead-in before the first note
and through a final chord ringing out. Those beats are heard by nobody, so the beats
reported run from the first to the last one with an attack of its own (`sounding`); the
video grid extends the pulse over the edges where a cut needs it (app/videos/grid.py)."""

import numpy as np
from scipy.linalg import solveh_banded

SEARCH = 0.08  # seconds either side of a tracked beat in which its attack is looked for
SMOOTHNESS = 1.0  # weight of the second-difference penalty (times in seconds, weights ≤ 1)
OUTLIER = 0.03  # seconds: an attack this far from the fit no longer pulls it
# Pull of the tracker's own beat, against at most 1 for an attack. The tracker's beat is a
# second estimate, not only a fallback where there is no attack: its activation holds the
# harmony's change, which marks a legato note where it is heard, so a little of it steadies
# the grid (on the development half 0.2 put 0.898 of the real beats within a frame, against
# 0.887 at 0.05, 0.892 at 0.5 and 0.895 at 1; drums stay on their attacks either way).
TRACKED_WEIGHT = 0.2
ROUNDS = 5
NEAR = 0.04  # seconds either side of a placed beat in which its own attack is looked for
QUIET = 0.35  # an attack under this share of the median beat's does not make a beat (dev set)


def attacks(times: np.ndarray, onset: np.ndarray, fps: float) -> tuple[np.ndarray, np.ndarray]:
    """For each beat, the time of the strongest attack within SEARCH (interpolated between
    frames) and its strength; the beat itself and 0 where there is none. Frame k of `onset`
    stands for the time (k - 0.5) / fps (it measures the change from frame k-1 to k)."""
    n = len(onset)
    out, strength = times.astype(float), np.zeros(len(times))
    half = int(round(SEARCH * fps))
    for i, f in enumerate(np.round(times * fps + 0.5).astype(int)):
        lo, hi = max(1, f - half), min(n - 1, f + half + 1)
        if hi <= lo:
            continue
        m = lo + int(np.argmax(onset[lo:hi]))
        a, b, c = float(onset[m - 1]), float(onset[m]), float(onset[m + 1])
        if b <= 0:
            continue
        denom = a - 2 * b + c
        shift = 0.5 * (a - c) / denom if denom < 0 else 0.0
        out[i] = (m + float(np.clip(shift, -0.5, 0.5)) - 0.5) / fps
        strength[i] = b
    return out, strength


def place(times: np.ndarray, onset: np.ndarray, fps: float) -> np.ndarray:
    """The beats `times` (seconds) placed on the attacks of `onset` (a fine onset function at
    `fps` frames a second), smoothed as described above."""
    n = len(times)
    if n == 0 or len(onset) < 3:
        return times.astype(float)
    seen, strength = attacks(times, onset, fps)
    if n < 4:
        return seen
    weight = np.clip(strength / (float(np.percentile(strength, 90)) + 1e-9), 0.0, 1.0)
    penalty = _second_difference_bands(n) * SMOOTHNESS
    fit = times.astype(float)
    keep = np.ones(n)
    for _ in range(ROUNDS):
        w = weight * keep
        bands = penalty.copy()
        bands[2] += w + TRACKED_WEIGHT  # the diagonal
        fit = solveh_banded(bands, w * seen + TRACKED_WEIGHT * times)
        r = (fit - seen) / OUTLIER
        keep = np.where(np.abs(r) < 1, (1 - r**2) ** 2, 0.0)  # Tukey's biweight
    return np.sort(np.asarray(fit, dtype=float))  # (a fit never reorders beats; this makes sure)


def sounding(times: np.ndarray, onset: np.ndarray, fps: float) -> np.ndarray:
    """The beats `times` from the first to the last with an attack of their own on `onset`
    (within NEAR, at least QUIET of the median beat's attack); the beats between are all kept
    (a rest or a held note inside the music is still counted through)."""
    if len(times) < 2 or len(onset) == 0:
        return times
    half = max(1, int(round(NEAR * fps)))
    frames = np.round(times * fps + 0.5).astype(int)
    strength = np.array([onset[max(0, f - half) : max(0, f + half + 1)].max(initial=0.0) for f in frames])
    heard = np.flatnonzero(strength >= QUIET * float(np.median(strength)))
    if len(heard) < 2:
        return times
    return times[heard[0] : heard[-1] + 1]


def _second_difference_bands(n: int) -> np.ndarray:
    """D'D for the (n-2, n) second-difference matrix D, in the upper banded form that
    solveh_banded takes: row 2 the diagonal, rows 1 and 0 the first and second
    superdiagonals (right-aligned). n >= 4."""
    main = np.full(n, 6.0)
    main[[0, -1]] = 1.0
    main[[1, -2]] = 5.0
    first = np.full(n - 1, -4.0)
    first[[0, -1]] = -2.0
    out = np.zeros((3, n))
    out[2] = main
    out[1, 1:] = first
    out[0, 2:] = 1.0
    return out
