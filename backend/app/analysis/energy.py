"""The energy curve: one value per beat, the loudness of the span from that beat to the next
relative to the song's loudest stretch, on a 0..1 scale covering 30 dB (0 = 30 dB or more
below the loud parts, 1 = as loud as they get). Video cuts and effects can follow it."""

import numpy as np

from app.analysis.features import FPS, Features

RANGE_DB = 30.0


def per_beat(beats: np.ndarray, f: Features) -> np.ndarray:
    if len(beats) == 0:
        return np.zeros(0)
    power = 10 ** (f.rms_db / 10)
    frames = np.clip(np.round(beats * FPS).astype(int), 0, f.n_frames - 1)
    ends = np.concatenate(
        [
            frames[1:],
            [min(f.n_frames, frames[-1] + int(np.median(np.diff(frames)) if len(frames) > 1 else 1))],
        ]
    )
    cum = np.concatenate([[0.0], np.cumsum(power)])
    spans = np.maximum(ends - frames, 1)
    mean = (cum[np.minimum(frames + spans, f.n_frames)] - cum[frames]) / spans
    db = 10 * np.log10(np.maximum(mean, 1e-10))
    top = float(np.percentile(db, 95))
    return np.clip(1 + (db - top) / RANGE_DB, 0, 1)
