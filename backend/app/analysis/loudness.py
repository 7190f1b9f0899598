"""Integrated loudness (ITU-R BS.1770-4 / EBU R128, in LUFS).

pyloudnorm designs the K-weighting filters for any sample rate; its own gating loop runs in
Python per 400 ms block (about 2 s for a 5-minute song), so the gating here is the same
arithmetic done with cumulative sums."""

import numpy as np
from scipy.signal import sosfilt, tf2sos

BLOCK = 0.4  # seconds
STEP = 0.1  # 75 % overlap
ABSOLUTE_GATE = -70.0
RELATIVE_GATE = -10.0


def integrated_lufs(stereo: np.ndarray, rate: int) -> float:
    """Integrated loudness of float samples shaped (n, channels); -inf for silence."""
    import pyloudnorm

    meter = pyloudnorm.Meter(rate)
    stages = list(meter._filters.values())  # high shelf, then high pass ("K-weighting")
    sos = np.concatenate([tf2sos(s.b, s.a) for s in stages])
    gain = float(np.prod([s.passband_gain for s in stages]))
    x = np.asarray(stereo, dtype=np.float32)
    channels = np.ascontiguousarray((x[:, None] if x.ndim == 1 else x).T)  # float32 halves the time
    step = int(STEP * rate)
    per_block = round(BLOCK / STEP)  # a 400 ms block is four 100 ms steps
    n_steps = channels.shape[1] // step
    if n_steps < per_block:
        return float("-inf")
    steps = np.zeros(n_steps)
    for ch in channels:  # channel weights are 1.0 for left, right and centre
        y = sosfilt(sos.astype(np.float32), ch)[: n_steps * step] * np.float32(gain)
        steps += np.einsum("ij,ij->i", y.reshape(n_steps, step), y.reshape(n_steps, step), dtype=np.float64)
    window = np.convolve(steps, np.ones(per_block), mode="valid")
    summed = window / (per_block * step)  # mean square per 400 ms block, summed over channels
    with np.errstate(divide="ignore"):
        loud = -0.691 + 10 * np.log10(summed)
    gated = summed[loud >= ABSOLUTE_GATE]
    if len(gated) == 0:
        return float("-inf")
    relative = -0.691 + 10 * np.log10(gated.mean()) + RELATIVE_GATE
    gated = summed[(loud >= ABSOLUTE_GATE) & (loud >= relative)]
    return float(-0.691 + 10 * np.log10(gated.mean()))
