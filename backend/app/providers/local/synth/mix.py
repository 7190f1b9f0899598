"""Level: BS.1770 loudness measured while rendering, one gain to the target, and a
look-ahead peak limiter that keeps true peaks under the ceiling after lossy encoding."""

import math

import numpy as np
from scipy import ndimage, signal

from .dsp import K_SOS, SR

TARGET_LUFS = -14.0  # YouTube's reference level
# Sample-peak ceiling. Inter-sample peaks and MP3/AAC coding add up to ~1.1 dB on noisy,
# bright textures (heavy rain), so this keeps the encoded files' true peak under -1 dBTP.
CEILING_DB = -2.8
SUB_BLOCK = SR // 10  # BS.1770 gating blocks are 400 ms with 75% overlap: 4 x 100 ms


def k_weighted_blocks(pcm: np.ndarray, *, settle: int = 4096) -> np.ndarray:
    """Mean-square K-weighted power (summed over channels) of each 100 ms sub-block.

    The filter starts from rest, so the first `settle` samples are skipped while its
    38 Hz high-pass settles; the caller measures long stretches so this costs little.
    """
    weighted = signal.sosfilt(K_SOS.astype(np.float32), pcm, axis=0)[settle:]
    m = len(weighted) // SUB_BLOCK
    if m == 0:
        return np.zeros(0)
    blocks = weighted[: m * SUB_BLOCK].reshape(m, SUB_BLOCK, pcm.shape[1]).astype(np.float64)
    return np.mean(blocks**2, axis=1).sum(axis=1)


def integrated_loudness(runs: list[np.ndarray]) -> float:
    """Gated integrated loudness (LUFS) from runs of consecutive 100 ms sub-block powers.

    Runs are measured stretches of the track; blocks never straddle two runs.
    """
    blocks = [np.convolve(r, np.ones(4) / 4, mode="valid") for r in runs if len(r) >= 4]
    z = np.concatenate(blocks) if blocks else np.zeros(0)
    z = z[z > 10 ** ((-70 + 0.691) / 10)]  # absolute gate
    if len(z) == 0:
        return -math.inf
    relative = -0.691 + 10 * math.log10(z.mean()) - 10
    z = z[z > 10 ** ((relative + 0.691) / 10)]
    return -0.691 + 10 * math.log10(z.mean())


def gain_for(loudness: float) -> float:
    if not math.isfinite(loudness):
        raise ValueError("the synthesised audio is silent")
    return 10 ** ((TARGET_LUFS - loudness) / 20)


STEP = 64  # limiter control block, samples


def block_peaks(pcm: np.ndarray) -> np.ndarray:
    """Largest absolute sample (either channel) in each STEP-sample block; a partial last
    block counts as one. Call on chunks that start at a multiple of STEP."""
    m = len(pcm) // STEP
    peaks = np.abs(pcm[: m * STEP]).reshape(m, STEP * 2).max(axis=1)
    if len(pcm) > m * STEP:
        peaks = np.r_[peaks, np.abs(pcm[m * STEP :]).max()]
    return peaks


def limit(pcm: np.ndarray, *, peaks: np.ndarray, ceiling_db: float = CEILING_DB) -> float:
    """Pull the rare peaks above the ceiling down, in place; returns the deepest cut in dB.

    The gain each block needs is spread over ±12 ms (a minimum filter, then a moving
    average of the same width), so it dips smoothly before a peak and recovers after it
    without distorting the waveform. Only the blocks that need it are touched.
    """
    need = np.minimum(1.0, 10 ** (ceiling_db / 20) / np.maximum(peaks, 1e-12))
    if need.min(initial=1.0) >= 1.0:
        return 0.0
    width = 17  # control blocks: ~25 ms
    smooth = ndimage.uniform_filter1d(
        ndimage.minimum_filter1d(need, width, mode="nearest"), width, mode="nearest"
    )
    smooth = np.minimum(smooth, need)  # guard against rounding in the average
    # Gain at block edges: never more than either neighbour needs, then linear in between.
    edges = np.minimum(np.r_[smooth[:1], smooth], np.r_[smooth, smooth[-1:]])
    busy = np.nonzero((edges[:-1] < 1.0) | (edges[1:] < 1.0))[0]
    ramp = np.arange(STEP, dtype=np.float32) / STEP
    gains = (edges[busy, None] + (edges[busy + 1] - edges[busy])[:, None] * ramp).astype(np.float32)
    m = len(pcm) // STEP
    full = busy < m
    pcm[: m * STEP].reshape(m, STEP, 2)[busy[full]] *= gains[full][:, :, None]
    if not full.all():  # the partial block at the very end
        tail = pcm[m * STEP :]
        tail *= gains[-1][: len(tail), None]
    return float(-20 * math.log10(float(edges.min())))
