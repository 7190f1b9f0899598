"""Decoding and the features every other step shares, computed once per song.

The audio is decoded by ffmpeg to float32 stereo at 44.1 kHz (loudness needs both channels
and the full band); everything else uses the mono mix. One short-time Fourier transform
(2048-sample Hann window, hop 512 → 86.13 frames a second) feeds the onset functions, the
mel spectrum (timbre) and the frame energy; a second, coarse one (8192 / 4096) resolves
pitch for chroma — a long window is what separates semitones in the bass, and at an eighth
of the frame count it costs little."""

import subprocess
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
import scipy.fft
from scipy.ndimage import maximum_filter1d, uniform_filter1d

from app.media.ffmpeg import MediaError, binary

SR = 44100
N_FFT = 2048
HOP = 512
FPS = SR / HOP
CHROMA_FFT = 8192
CHROMA_HOP = 4096
N_MELS = 96
# Mel-band groups for the band-wise onset functions: kick and bass, body, cymbals.
LOW_HZ, HIGH_HZ = 200.0, 5000.0
# A finer onset function places the beats: a 1024-sample window every 256 samples (5.8 ms)
# resolves an attack to a fraction of a 30 fps video frame, which hop 512 cannot.
FINE_FFT = 1024
FINE_HOP = 256
FINE_FPS = SR / FINE_HOP
FINE_MELS = 64


@dataclass(frozen=True)
class Features:
    duration: float  # seconds
    onset: np.ndarray  # full-band spectral flux (SuperFlux: vibrato-tolerant), per frame
    onset_low: np.ndarray  # flux below LOW_HZ
    onset_mid: np.ndarray
    onset_high: np.ndarray  # flux above HIGH_HZ
    accents: (
        np.ndarray
    )  # (3, frames): low, mid, high flux of a nearly linear spectrum (how loud each onset is)
    harmonic: np.ndarray  # harmonic change per frame (chroma flux): where chords and notes change
    mel: np.ndarray  # (N_MELS, frames), log-compressed
    rms_db: np.ndarray  # frame energy in dBFS
    chroma: np.ndarray  # (12, chroma frames), each frame summing to 1 (or 0 in silence)
    chroma_energy: np.ndarray  # energy of each chroma frame (for weighting)
    bass_chroma: np.ndarray  # (12, chroma frames) from the range below ~260 Hz
    centroid: np.ndarray  # spectral centroid in Hz, per frame
    # spectral flux on the fine hop (FINE_FPS frames a second); frame k measures the change
    # from k-1 to k, so it stands for the time (k - 0.5) / FINE_FPS
    onset_fine: np.ndarray = field(default_factory=lambda: np.zeros(0, np.float32))

    @property
    def n_frames(self) -> int:
        return len(self.onset)

    @staticmethod
    def frame_time(frames: np.ndarray | float) -> np.ndarray | float:
        return np.asarray(frames) / FPS if isinstance(frames, np.ndarray) else frames / FPS

    @staticmethod
    def chroma_time(frames: np.ndarray) -> np.ndarray:
        return frames * CHROMA_HOP / SR


def decode(path: Path) -> np.ndarray:
    """The file's audio as float32 stereo (n, 2) at 44.1 kHz (mono files are duplicated)."""
    cmd = [
        binary("ffmpeg"),
        "-hide_banner",
        "-nostdin",
        "-loglevel",
        "error",
        "-i",
        str(path),
        "-vn",
        "-f",
        "f32le",
        "-ac",
        "2",
        "-ar",
        str(SR),
        "pipe:1",
    ]
    proc = subprocess.run(cmd, capture_output=True, check=False)
    if proc.returncode != 0:
        tail = proc.stderr.decode(errors="replace").strip().splitlines()[-3:]
        raise MediaError(
            "ffmpeg could not decode the audio: " + " | ".join(tail or [f"exit {proc.returncode}"])
        )
    stereo = np.frombuffer(proc.stdout, dtype=np.float32).reshape(-1, 2)
    if len(stereo) < SR:
        raise MediaError("the audio is shorter than one second")
    return stereo


@lru_cache(maxsize=1)
def _frame_chroma() -> np.ndarray:
    import librosa

    return librosa.filters.chroma(sr=SR, n_fft=N_FFT, tuning=0.0, base_c=True).astype(np.float32)


@lru_cache(maxsize=1)
def _filters() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    import librosa

    mel = librosa.filters.mel(sr=SR, n_fft=N_FFT, n_mels=N_MELS, fmin=27.5, fmax=16000.0).astype(np.float32)
    centres = librosa.mel_frequencies(n_mels=N_MELS + 2, fmin=27.5, fmax=16000.0)[1:-1]
    chroma = librosa.filters.chroma(sr=SR, n_fft=CHROMA_FFT, tuning=0.0, base_c=True).astype(np.float32)
    freqs = np.fft.rfftfreq(CHROMA_FFT, 1 / SR)
    bass = chroma * ((freqs > 40) & (freqs < 260))[None, :]
    treble = chroma * ((freqs >= 80) & (freqs < 5000))[None, :]
    return mel, centres.astype(np.float32), treble.astype(np.float32), bass.astype(np.float32), freqs


@lru_cache(maxsize=1)
def _fine_mel() -> np.ndarray:
    import librosa

    return librosa.filters.mel(sr=SR, n_fft=FINE_FFT, n_mels=FINE_MELS, fmin=27.5, fmax=16000.0).astype(
        np.float32
    )


def fine_onset(mono: np.ndarray) -> np.ndarray:
    """Spectral flux every FINE_HOP samples: log-compressed mel bands (moderately, so a loud
    attack outweighs the rustle of a sustained note), each compared with the frame before
    maximum-filtered across 3 bands (vibrato does not read as an attack)."""
    mel = _fine_mel() @ _stft(mono, FINE_FFT, FINE_HOP).T
    log_mel = np.log1p(10.0 * mel / (float(mel.max()) or 1.0))
    diff = np.maximum(log_mel[:, 1:] - maximum_filter1d(log_mel, size=3, axis=0)[:, :-1], 0.0)
    return np.concatenate([np.zeros(1, np.float32), diff.sum(axis=0)]).astype(np.float32)


def _finish(job: "Future[np.ndarray]", pool: ThreadPoolExecutor) -> np.ndarray:
    try:
        return job.result()
    finally:
        pool.shutdown(wait=False)


def _stft(x: np.ndarray, n_fft: int, hop: int) -> np.ndarray:
    """Magnitude STFT, frames centred (padded by half a window), shape (frames, bins): each
    block of frames is windowed into one reused buffer and its magnitudes are written in
    place, row by row — no transposed copy, no temporary the size of the song."""
    padded = np.pad(x, n_fft // 2)
    n = 1 + (len(padded) - n_fft) // hop
    frames = np.lib.stride_tricks.as_strided(
        padded, shape=(n, n_fft), strides=(padded.strides[0] * hop, padded.strides[0]), writeable=False
    )
    window = np.hanning(n_fft + 1)[:-1].astype(np.float32)
    out = np.empty((n, n_fft // 2 + 1), np.float32)
    block = max(1, (1 << 20) // n_fft)  # frames per FFT call: a buffer of 4 MB stays in cache
    buf = np.empty((block, n_fft), np.float32)
    for start in range(0, n, block):
        m = min(block, n - start)
        np.multiply(frames[start : start + m], window, out=buf[:m])
        spec = scipy.fft.rfft(buf[:m], axis=1, overwrite_x=True)  # float32 in → complex64
        np.abs(spec, out=out[start : start + m])
    return out


def compute(mono: np.ndarray) -> Features:
    """All shared features of a mono 44.1 kHz signal."""
    # The fine onset function needs its own transform; it runs beside the others (the FFT
    # and matrix products release the GIL), so a second core shortens the wall time.
    fine_pool = ThreadPoolExecutor(max_workers=1)
    fine_job = fine_pool.submit(fine_onset, mono)
    mel_fb, centres, chroma_fb, bass_fb, freqs = _filters()
    mag = _stft(mono, N_FFT, HOP).T  # (bins, frames), a view: BLAS reads it transposed
    mel = mel_fb @ mag
    peak = float(mel.max()) or 1.0
    log_mel = np.log1p(1000.0 * mel / peak).astype(np.float32)
    # SuperFlux: compare each frame with the frame before, maximum-filtered across 3 bands,
    # so vibrato and glissandi (strings, voice) do not read as onsets.
    ref = maximum_filter1d(log_mel, size=3, axis=0)
    diff = np.maximum(log_mel[:, 1:] - ref[:, :-1], 0.0)
    diff = np.concatenate([np.zeros((N_MELS, 1), np.float32), diff], axis=1)
    low = centres < LOW_HZ
    high = centres > HIGH_HZ
    mid = ~(low | high)
    # The same flux on a far less compressed spectrum keeps loud and soft onsets apart:
    # what tells a beat (kick, snare, chord) from the subdivisions between beats.
    lin = np.log1p(10.0 * mel / peak)
    lin_diff = np.maximum(lin[:, 1:] - maximum_filter1d(lin, size=3, axis=0)[:, :-1], 0.0)
    lin_diff = np.concatenate([np.zeros((N_MELS, 1), np.float32), lin_diff], axis=1)
    accents = np.stack([lin_diff[low].sum(axis=0), lin_diff[mid].sum(axis=0), lin_diff[high].sum(axis=0)])
    # Harmonic change: legato strings, organ and voices start notes too softly for the flux
    # above, but their harmony still moves on the beat.
    fc = np.log1p(100.0 * (_frame_chroma() @ mag) / peak)
    fc = uniform_filter1d(fc, size=3, axis=1)
    harmonic = np.concatenate([np.zeros(2, np.float32), np.maximum(fc[:, 2:] - fc[:, :-2], 0).sum(axis=0)])
    power = np.einsum("ij,ij->j", mag, mag) / (N_FFT * N_FFT / 8)  # Parseval with the Hann window's energy
    bins = np.fft.rfftfreq(N_FFT, 1 / SR).astype(np.float32)
    total = np.ones(len(bins), np.float32) @ mag + 1e-9
    centroid = (bins @ mag) / total
    del mag
    cmag = np.square(_stft(mono, CHROMA_FFT, CHROMA_HOP)).T
    chroma = chroma_fb @ cmag
    bass = bass_fb @ cmag
    energy = chroma.sum(axis=0)
    chroma = chroma / np.maximum(energy, 1e-9)
    bass = bass / np.maximum(bass.sum(axis=0), 1e-9)
    del freqs
    return Features(
        duration=len(mono) / SR,
        onset=diff.sum(axis=0),
        onset_low=diff[low].sum(axis=0),
        onset_mid=diff[mid].sum(axis=0),
        onset_high=diff[high].sum(axis=0),
        accents=accents.astype(np.float32),
        harmonic=harmonic.astype(np.float32),
        mel=log_mel,
        rms_db=(10 * np.log10(np.maximum(power, 1e-10))).astype(np.float32),
        chroma=chroma.astype(np.float32),
        chroma_energy=energy.astype(np.float32),
        bass_chroma=bass.astype(np.float32),
        centroid=centroid.astype(np.float32),
        onset_fine=_finish(fine_job, fine_pool),
    )


def scaled(x: np.ndarray) -> np.ndarray:
    """x divided by its 99th percentile: curves of different units made comparable, without
    one outlying peak deciding the scale."""
    return x / (float(np.percentile(x, 99)) + 1e-9)


def local_normalise(x: np.ndarray, seconds: float = 4.0) -> np.ndarray:
    """x divided by its running maximum over `seconds` (smoothed), so quiet passages (a
    drumless intro) count as much as loud ones; values in [0, 1]."""
    size = max(3, int(seconds * FPS))
    ceiling = uniform_filter1d(maximum_filter1d(x, size=size), size=size)
    floor = 0.02 * float(np.max(x)) + 1e-9  # silence stays silent
    return np.clip(x / np.maximum(ceiling, floor), 0.0, 1.0)
