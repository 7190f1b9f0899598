"""A learned beat activation: how likely each frame is to be a beat (and a downbeat), read
from the mel spectrum around it by a small network of our own.

The hand-made onset functions hear a beat where energy rises. Legato strings and winds give
them little to hold: a bowed note swells rather than strikes, and repeated notes re-enter
under the old one's release. A network that has heard many such pieces with their exact
beats learns what a beat sounds like in them — the shape of a swell, a chord changing, a
bass note entering — from the spectrum of the frames around it.

Inputs: the log mel spectrum pooled to BANDS bands and its rise from the previous frame, at
the offsets in OFFSETS (up to 0.46 s either side), standardised. Two hidden layers (ReLU),
two sigmoid outputs (beat, downbeat). Trained by `training/beat_fit.py` on renderings of
corpus scores and synthetic songs on a sound font the evaluation does not use; the weights
(models/beat_model.npz) are ours, under the project's licence."""

from functools import cache
from pathlib import Path

import numpy as np
from scipy.special import expit

from app.analysis.features import N_MELS

BANDS = 32
OFFSETS = (-40, -30, -20, -14, -10, -6, -4, -2, -1, 0, 1, 2, 4, 6, 10, 14, 20, 30, 40)
WEIGHTS = Path(__file__).with_name("models") / "beat_model.npz"


def frame_inputs(mel: np.ndarray) -> np.ndarray:
    """(frames, 2 * BANDS * len(OFFSETS)) float32: the network's input for every frame, the
    offsets outermost (as the training reads it)."""
    x, reach, n = _padded(mel)
    return np.concatenate([x[:, reach + o : reach + o + n] for o in OFFSETS]).T.copy()


def _padded(mel: np.ndarray) -> tuple[np.ndarray, int, int]:
    """The pooled spectrum and its rise, (2 * BANDS, frames + 2 * reach), edge-padded."""
    pooled = mel[: (N_MELS // BANDS) * BANDS].reshape(BANDS, N_MELS // BANDS, -1).mean(axis=1)
    rise = np.maximum(np.diff(pooled, axis=1, prepend=pooled[:, :1]), 0.0)
    x = np.concatenate([pooled, rise]).astype(np.float32)
    reach = max(abs(o) for o in OFFSETS)
    return np.pad(x, ((0, 0), (reach, reach)), mode="edge"), reach, x.shape[1]


@cache
def _weights() -> tuple[np.ndarray, ...]:
    """The layers, with the inputs' standardisation folded into the first."""
    with np.load(WEIGHTS) as w:
        mean, scale, w1, b1, w2, b2, w3, b3 = (
            w[k].astype(np.float32) for k in ("mean", "scale", "w1", "b1", "w2", "b2", "w3", "b3")
        )
    w1 = w1 / scale[:, None]
    return w1, b1 - mean @ w1, w2, b2, w3, b3


def activations(mel: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per frame: the probability of a beat, and of a downbeat. The first layer is applied
    offset by offset (a frame's input is its neighbours' spectra side by side), so a long
    song never holds every frame's whole input at once."""
    w1, b1, w2, b2, w3, b3 = _weights()
    x, reach, n = _padded(mel)
    rows = x.shape[0]
    spectra = np.ascontiguousarray(x.T)  # (padded frames, rows)
    h = np.broadcast_to(b1, (n, len(b1))).copy()
    for k, o in enumerate(OFFSETS):
        h += spectra[reach + o : reach + o + n] @ w1[k * rows : (k + 1) * rows]
    h = np.maximum(h, 0.0)
    h = np.maximum(h @ w2 + b2, 0.0)
    out = expit(h @ w3 + b3)
    return out[:, 0], out[:, 1]
