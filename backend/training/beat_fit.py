"""Train the beat model (app/analysis/beat_model.py) on the training pieces (beat_data.py) and
write its weights. Plain numpy: minibatch Adam on the binary cross-entropy of the beat and
downbeat outputs; a tenth of the pieces is kept aside to choose the epoch.

    python -m training.beat_fit           # renders what is missing, trains, writes the weights

Seeded, so a run on the same pieces gives the same weights."""

import sys
import time
from pathlib import Path

import numpy as np
from scipy.special import expit

from app.analysis import beat_model, features
from training import beat_data

HIDDEN = (128, 64)
EPOCHS = 6  # the validation loss is lowest after the second epoch and rises from the fourth
BATCH = 512
RATE = 1e-3
SEED = 11
# a beat is one frame in about forty: its neighbours count half, so the target is not a
# needle the network can only miss, and a beat between two frames is both
NEIGHBOUR = 0.5


def targets(times: list[float], n: int) -> np.ndarray:
    y = np.zeros(n, np.float32)
    for t in times:
        k = int(round(t * features.FPS))
        for j, v in ((k - 1, NEIGHBOUR), (k, 1.0), (k + 1, NEIGHBOUR)):
            if 0 <= j < n:
                y[j] = max(y[j], v)
    return y


def piece_data(item: beat_data.Item) -> tuple[np.ndarray, np.ndarray]:
    stereo = features.decode(item.audio)
    f = features.compute(((stereo[:, 0] + stereo[:, 1]) * 0.5).astype(np.float32))
    truth = item.truth()
    n = f.n_frames
    y = np.stack([targets(truth.beats, n), targets(truth.downbeats, n)], axis=1)
    return beat_model.frame_inputs(f.mel), y


def _init(rng: np.random.Generator, dims: list[int]) -> list[np.ndarray]:
    params = []
    for a, b in zip(dims[:-1], dims[1:], strict=True):
        params += [(rng.standard_normal((a, b)) * np.sqrt(2 / a)).astype(np.float32), np.zeros(b, np.float32)]
    return params


def _loss_and_grads(params: list[np.ndarray], x: np.ndarray, y: np.ndarray) -> tuple[float, list[np.ndarray]]:
    w1, b1, w2, b2, w3, b3 = params
    z1 = x @ w1 + b1
    h1 = np.maximum(z1, 0)
    z2 = h1 @ w2 + b2
    h2 = np.maximum(z2, 0)
    p = expit(h2 @ w3 + b3)
    eps = 1e-6
    loss = float(-np.mean(y * np.log(p + eps) + (1 - y) * np.log(1 - p + eps)))
    d3 = (p - y) / len(x)
    g_w3, g_b3 = h2.T @ d3, d3.sum(0)
    d2 = (d3 @ w3.T) * (z2 > 0)
    g_w2, g_b2 = h1.T @ d2, d2.sum(0)
    d1 = (d2 @ w2.T) * (z1 > 0)
    g_w1, g_b1 = x.T @ d1, d1.sum(0)
    return loss, [g_w1, g_b1, g_w2, g_b2, g_w3, g_b3]


def _validation_loss(params: list[np.ndarray], x: np.ndarray, y: np.ndarray) -> float:
    losses = [
        _loss_and_grads(params, x[i : i + 8192], y[i : i + 8192])[0] * len(x[i : i + 8192])
        for i in range(0, len(x), 8192)
    ]
    return float(sum(losses) / len(x))


def train(items: list[beat_data.Item], out: Path) -> None:
    rng = np.random.default_rng(SEED)
    order = rng.permutation(len(items))
    held = {int(i) for i in order[: max(1, len(items) // 10)]}
    parts = [piece_data(item) for item in items]
    x_train = np.concatenate([p[0] for i, p in enumerate(parts) if i not in held])
    y_train = np.concatenate([p[1] for i, p in enumerate(parts) if i not in held])
    x_val = np.concatenate([p[0] for i, p in enumerate(parts) if i in held])
    y_val = np.concatenate([p[1] for i, p in enumerate(parts) if i in held])
    mean = x_train.mean(axis=0)
    scale = x_train.std(axis=0) + 1e-3
    x_train = (x_train - mean) / scale
    x_val = (x_val - mean) / scale
    print(
        f"{len(x_train)} training frames, {len(x_val)} validation frames, {x_train.shape[1]} inputs",
        flush=True,
    )
    params = _init(rng, [x_train.shape[1], *HIDDEN, 2])
    m = [np.zeros_like(p) for p in params]
    v = [np.zeros_like(p) for p in params]
    best, best_params, step = np.inf, params, 0
    for epoch in range(EPOCHS):
        started = time.perf_counter()
        perm = rng.permutation(len(x_train))
        for i in range(0, len(perm) - BATCH + 1, BATCH):
            idx = perm[i : i + BATCH]
            _, grads = _loss_and_grads(params, x_train[idx], y_train[idx])
            step += 1
            for k, g in enumerate(grads):
                m[k] = 0.9 * m[k] + 0.1 * g
                v[k] = 0.999 * v[k] + 0.001 * g * g
                m_hat = m[k] / (1 - 0.9**step)
                v_hat = v[k] / (1 - 0.999**step)
                params[k] = params[k] - RATE * m_hat / (np.sqrt(v_hat) + 1e-8)
        val = _validation_loss(params, x_val, y_val)
        print(
            f"epoch {epoch + 1}: validation loss {val:.4f} ({time.perf_counter() - started:.0f} s)",
            flush=True,
        )
        if val < best:
            best, best_params = val, [p.copy() for p in params]
    w1, b1, w2, b2, w3, b3 = best_params
    out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(out, mean=mean, scale=scale, w1=w1, b1=b1, w2=w2, b2=b2, w3=w3, b3=b3)
    print(f"weights written to {out} (validation loss {best:.4f})")


if __name__ == "__main__":
    if not beat_data.FONT.exists():
        sys.exit(f"{beat_data.FONT} is missing: apt-get install musescore-general-soundfont-lossless")
    train(beat_data.items(), beat_model.WEIGHTS)
