"""Shared building blocks: the sample/grain grid, seeded randomness, slow LFOs, spectral
filter shapes and the BS.1770 K-weighting filter."""

import hashlib
import math

import numpy as np
from scipy import signal

SR = 44100
# Sounds are built as overlapping "grains": a spectrum (noise with random phases, plus
# steady tones) turned into 3 s of audio by one inverse FFT. Consecutive grains overlap by
# half, weighted by a sine window whose squares sum to one, so independent noise grains
# crossfade at constant power (tones are handled so that they sum exactly: see Tones).
GRAIN = 1 << 17
HOP = GRAIN // 2
NBINS = GRAIN // 2 + 1
BIN_HZ = SR / GRAIN
FREQS = (np.arange(NBINS) * BIN_HZ).astype(np.float32)
WINDOW = np.sin(np.pi * (np.arange(GRAIN) + 0.5) / GRAIN).astype(np.float32)
# The complex noise behind every grain has this expected power per bin (int8 re/im parts).
NOISE_POWER = 2 * (256**2 - 1) / 12


def prompt_key(prompt: str) -> int:
    """A stable integer for a prompt (Python's hash() changes between runs)."""
    return int.from_bytes(hashlib.sha256(prompt.strip().lower().encode()).digest()[:8], "little")


def rng_for(seed: int, *keys: int) -> np.random.Generator:
    """An independent, reproducible random stream for one purpose (layer, grain, ...)."""
    return np.random.default_rng([seed & 0xFFFFFFFFFFFFFFFF, *keys])


def midi_hz(note: float) -> float:
    return 440.0 * 2.0 ** ((note - 69) / 12)


class SlowLfo:
    """Smooth wandering value in [-1, 1]: a few sines with unrelated periods, so the
    pattern does not repeat within a track. Evaluates at any time (random access)."""

    def __init__(self, rng: np.random.Generator, *, min_period: float, max_period: float) -> None:
        periods = np.exp(rng.uniform(math.log(min_period), math.log(max_period), 3))
        phases = rng.uniform(0, 2 * np.pi, 3)
        amps = rng.uniform(0.5, 1.0, 3)
        # Plain floats: called thousands of times on scalars, where numpy is slow.
        self._parts = [
            (float(2 * np.pi / p), float(ph), float(a / amps.sum()))
            for p, ph, a in zip(periods, phases, amps, strict=True)
        ]

    def __call__(self, t: float) -> float:
        return sum(a * math.sin(w * t + ph) for w, ph, a in self._parts)


def lerp_steps(values: np.ndarray, *, step: int, n: int) -> np.ndarray:
    """Linear interpolation of control values taken every `step` samples (one more value
    than full steps), to n samples. Much cheaper than np.interp on a uniform grid."""
    values = values.astype(np.float32)
    ramp = np.arange(step, dtype=np.float32) / step
    m = len(values) - 1
    return (values[:-1, None] + (values[1:] - values[:-1])[:, None] * ramp).reshape(m * step)[:n]


_KERNEL_BINS = 16  # bins each sinusoid is written into (accurate to about -60 dB)


def _dirichlet(alpha: np.ndarray) -> np.ndarray:
    """sum(exp(1j*alpha*n) for n in range(GRAIN)), in closed form."""
    s = np.sin(alpha / 2)
    safe = np.abs(s) > 1e-12
    ratio = np.where(safe, np.sin(alpha * GRAIN / 2) / np.where(safe, s, 1.0), GRAIN)
    return np.exp(0.5j * alpha * (GRAIN - 1)) * ratio


class Tones:
    """Steady sinusoids cos(2*pi*f*t + phase), written straight into grain spectra.

    Within a grain each tone is multiplied by the sine window; the engine applies the
    window again in time, so the tone ends up Hann-windowed, and Hann windows at 50%
    overlap sum to exactly one: consecutive grains rebuild a continuous tone, without
    ripple. Writing a tone costs a few bins per grain instead of a sine per sample. The
    bins (the window's spectrum around each frequency) only depend on the frequency, so
    they are computed once; each grain only turns the phase.
    """

    def __init__(self, freqs: np.ndarray, phases: np.ndarray) -> None:
        self.freqs = freqs.astype(np.float64)
        self._phases = phases.astype(np.float64)
        nu = self.freqs * GRAIN / SR  # position in bins
        k = np.floor(nu)[:, None] + np.arange(-_KERNEL_BINS // 2 + 1, _KERNEL_BINS // 2 + 1)
        beta = 2 * np.pi * (nu[:, None] - k) / GRAIN
        edge = np.pi / (2 * GRAIN)  # the sine window is a sum of two complex exponentials
        window = (
            np.exp(1j * edge) * _dirichlet(beta + 2 * edge) - np.exp(-1j * edge) * _dirichlet(beta - 2 * edge)
        ) / 2j
        self._idx = k.astype(np.int64).ravel()
        self._kernel = (0.5 * window).astype(np.complex64)

    def add_to(self, spectrum: np.ndarray, *, grain: int, amps: np.ndarray) -> None:
        """spectrum += the tones, with amplitudes `amps`, in grain number `grain`."""
        # Phase at the grain's first sample, from global time: continuous across grains.
        cycles = np.mod(self.freqs * ((grain - 1) * HOP / SR), 1.0)
        rotor = (amps * np.exp(1j * (self._phases + 2 * np.pi * cycles))).astype(np.complex64)
        np.add.at(spectrum, self._idx, (self._kernel * rotor[:, None]).ravel())


def highpass_power(fc: float, order: int = 2) -> np.ndarray:
    """Power response of a Butterworth high-pass at the grain's bins."""
    with np.errstate(divide="ignore"):
        return (1.0 / (1.0 + (fc / np.maximum(FREQS, 1e-3)) ** (2 * order))).astype(np.float32)


def lowpass_power(fc: float, order: int = 2) -> np.ndarray:
    return (1.0 / (1.0 + (FREQS / fc) ** (2 * order))).astype(np.float32)


def band_power(centre: float, octaves: float) -> np.ndarray:
    """A bump centred on `centre` Hz, Gaussian in log-frequency, `octaves` wide (std dev)."""
    logf = np.log2(np.maximum(FREQS, 1.0) / centre)
    return np.exp(-0.5 * (logf / octaves) ** 2).astype(np.float32)


def pink_power(ref: float = 1000.0) -> np.ndarray:
    """1/f power (equal energy per octave), 1 at `ref` Hz."""
    return (ref / np.maximum(FREQS, 20.0)).astype(np.float32)


def _biquad(kind: str, *, fc: float, q: float, gain_db: float = 0.0) -> np.ndarray:
    """RBJ cookbook biquad as one second-order section (the same as pyloudnorm's)."""
    a_ = 10 ** (gain_db / 40)
    w0 = 2 * math.pi * fc / SR
    alpha, cw = math.sin(w0) / (2 * q), math.cos(w0)
    if kind == "high_shelf":
        b = [
            a_ * ((a_ + 1) + (a_ - 1) * cw + 2 * math.sqrt(a_) * alpha),
            -2 * a_ * ((a_ - 1) + (a_ + 1) * cw),
            a_ * ((a_ + 1) + (a_ - 1) * cw - 2 * math.sqrt(a_) * alpha),
        ]
        a = [
            (a_ + 1) - (a_ - 1) * cw + 2 * math.sqrt(a_) * alpha,
            2 * ((a_ - 1) - (a_ + 1) * cw),
            (a_ + 1) - (a_ - 1) * cw - 2 * math.sqrt(a_) * alpha,
        ]
    else:  # high_pass
        b = [(1 + cw) / 2, -(1 + cw), (1 + cw) / 2]
        a = [1 + alpha, -2 * cw, 1 - alpha]
    return np.array([*b, *a]) / a[0]


# BS.1770 K-weighting: a +4 dB shelf above ~1.5 kHz and a high-pass at 38 Hz.
K_SOS = np.stack(
    [_biquad("high_shelf", fc=1500.0, q=1 / math.sqrt(2), gain_db=4.0), _biquad("high_pass", fc=38.0, q=0.5)]
)
K_POWER = (np.abs(signal.sosfreqz(K_SOS, worN=FREQS.astype(np.float64), fs=SR)[1]) ** 2).astype(np.float32)


def k_power_of(shape: np.ndarray) -> float:
    """K-weighted power of a grain whose bins have power `shape` (a relative measure)."""
    # Not np.dot: that wakes OpenBLAS's thread pool, whose spinning steals the CPU the
    # synthesis threads and the encoders need.
    return float((shape * K_POWER).sum())
