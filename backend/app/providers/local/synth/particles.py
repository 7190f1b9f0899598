"""Dense tiny sounds scattered at random times: raindrops, fire crackles, stream bubbles.

Each kind has a bank of short sound variants. For every hop the engine asks for the
particles that start in it (drawn from a random stream keyed by the hop's index, so any
part of the track can be rendered on its own), plus the tails of the previous hop's, and
they are summed with one vectorised np.bincount per channel.
"""

import math

import numpy as np

from .dsp import HOP, SR, rng_for
from .voices import PAD_LEVEL

LENGTH = 1024  # samples per particle variant (23 ms)
VARIANTS = 48
_T = np.arange(LENGTH) / SR


def _shaped_noise(rng: np.random.Generator, lo: float, hi: float) -> np.ndarray:
    """White noise band-limited to [lo, hi] Hz."""
    spec = np.fft.rfft(rng.standard_normal(LENGTH))
    f = np.fft.rfftfreq(LENGTH, 1 / SR)
    return np.fft.irfft(spec * ((f > lo) & (f < hi)), LENGTH)


def _drop(rng: np.random.Generator) -> np.ndarray:
    """A soft tick, sometimes with a tiny ringing "plink" from a splash."""
    tick = _shaped_noise(rng, 1200, 9000) * np.exp(-_T / rng.uniform(0.0006, 0.002))
    if rng.random() < 0.4:
        tick += (
            0.5 * np.sin(2 * np.pi * rng.uniform(1800, 4500) * _T) * np.exp(-_T / rng.uniform(0.003, 0.01))
        )
    return tick


def _crackle(rng: np.random.Generator) -> np.ndarray:
    """A dry snap; one in five is a deeper, longer pop."""
    if rng.random() < 0.2:
        return _shaped_noise(rng, 200, 3000) * np.exp(-_T / rng.uniform(0.002, 0.005))
    return _shaped_noise(rng, 900, 7000) * np.exp(-_T / rng.uniform(0.0002, 0.0012))


def _bubble(rng: np.random.Generator) -> np.ndarray:
    """A resonating air bubble: a decaying sine whose pitch rises as it nears the surface."""
    f0, tau = np.exp(rng.uniform(np.log(350), np.log(2200))), rng.uniform(0.004, 0.016)
    freq = f0 * (1 + rng.uniform(0.3, 1.2) * _T / tau * 0.25)
    return np.sin(2 * np.pi * np.cumsum(freq) / SR) * np.exp(-_T / tau)


# name: (texture it belongs to, maker, particles per second at level 1, loudest peak).
# Clicks are heard by their peaks more than by their average power, so their level is set
# by the loudest one's peak, relative to the pad's RMS: a few dB above the bed, never so
# high that the limiter would have to duck the whole mix under each one.
KINDS = {
    "drops": ("rain", _drop, 35.0, 1.2),
    "crackles": ("fire", _crackle, 7.0, 2.2),
    "bubbles": ("stream", _bubble, 60.0, 0.9),
}


class Particles:
    def __init__(self, *, kind: str, level: float, seed: int) -> None:
        _, maker, rate, peak = KINDS[kind]
        self._key = list(KINDS).index(kind)
        self._seed = seed
        self._rate = rate * min(level, 1.3)
        rng = rng_for(seed, 40, self._key)
        bank = np.stack([maker(rng) for _ in range(VARIANTS)])
        # ~0.3 ms attack ramp (crisp, not clicky) and a cosine fade over the last quarter,
        # so a slow-decaying bubble or splash never stops abruptly at the end of its buffer.
        t = np.arange(LENGTH)
        envelope = np.minimum(1.0, t / 12) * np.where(
            t < 0.75 * LENGTH, 1.0, np.cos(0.5 * np.pi * (t / LENGTH - 0.75) / 0.25) ** 2
        )
        bank *= envelope / np.abs(bank).max(axis=1, keepdims=True)
        self._bank = bank.astype(np.float32)
        self._scale = peak * math.sqrt(PAD_LEVEL) * min(level, 1.3)

    def _gains(self, rng: np.random.Generator, n: int) -> np.ndarray:
        """Mostly soft, now and then a closer, louder one (log-uniform over 24 dB)."""
        return 10 ** rng.uniform(-1.2, 0.0, n)

    def _hop_events(self, hop: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(start samples, variants, left/right gains (n, 2)) of the particles in a hop."""
        rng = rng_for(self._seed, 42, self._key, hop)
        n = int(rng.poisson(self._rate * HOP / SR))
        pos = np.sort(rng.integers(0, HOP, n)) + hop * HOP
        pan = rng.uniform(0.1, 0.9, n) * (np.pi / 2)
        g = self._gains(rng, n) * self._scale
        return (
            pos,
            rng.integers(0, VARIANTS, n),
            np.stack([g * np.cos(pan), g * np.sin(pan)], axis=1).astype(np.float32),
        )

    def render(self, out: np.ndarray, *, hop: int) -> None:
        """Add this hop's particles (and the tails of the previous hop's) to out (n, 2)."""
        start, n = hop * HOP, len(out)
        hops = [self._hop_events(h) for h in ((hop - 1, hop) if hop > 0 else (hop,))]
        pos, variants, gains = (np.concatenate(parts) for parts in zip(*hops, strict=True))
        near = (pos - start > -LENGTH) & (pos - start < n)
        pos, sounds, gains = pos[near] - start, self._bank[variants[near]], gains[near]
        # All particles at once: sample i of particle k lands at pos[k] + i (offset by
        # LENGTH so tails from the previous hop have non-negative indices).
        idx = ((pos + LENGTH)[:, None] + np.arange(LENGTH)).ravel()
        for ch in (0, 1):
            acc = np.bincount(idx, weights=(sounds * gains[:, ch, None]).ravel(), minlength=n + 2 * LENGTH)
            out[:, ch] += acc[LENGTH : LENGTH + n].astype(np.float32)
