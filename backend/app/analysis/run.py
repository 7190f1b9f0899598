"""The pipeline: decode once, compute the shared features once, then each step."""

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np

from app.analysis import beat_model, downbeats, energy, features, key, loudness, mood, sections
from app.analysis import beats as beat_tracker
from app.analysis.result import ANALYSER_VERSION, Analysis, SectionInfo


def analyse_file(path: Path, progress: Callable[[float], None] | None = None) -> Analysis:
    stereo = features.decode(path)
    if progress:
        progress(0.15)
    return analyse_samples(stereo, progress)


def analyse_samples(stereo: np.ndarray, progress: Callable[[float], None] | None = None) -> Analysis:
    """Analyse float samples at 44.1 kHz, shaped (n, 2) or (n,)."""
    report = progress or (lambda _: None)
    x = np.asarray(stereo, dtype=np.float32)
    mono = x if x.ndim == 1 else (x[:, 0] + x[:, 1]) * np.float32(0.5)
    # Loudness filters the stereo signal while the spectra are computed: both release the
    # GIL, so on two cores they overlap.
    with ThreadPoolExecutor(max_workers=1) as pool:
        lufs_job = pool.submit(loudness.integrated_lufs, x, features.SR)
        f = features.compute(np.ascontiguousarray(mono, dtype=np.float32))
        lufs = lufs_job.result()
    report(0.4)
    b = beat_tracker.track_features(f)
    report(0.7)
    d = downbeats.track(b.times, f)
    e = energy.per_beat(b.times, f)
    k = key.estimate(f)
    parts = sections.segment(d.times, f)
    total = float(f.onset.sum()) + 1e-9
    drums = float(np.clip((f.onset_low.sum() + f.onset_high.sum()) / total * 1.5, 0, 1))
    m = mood.describe(f, b.tempo, k.mode, e, drums)
    report(1.0)
    return Analysis(
        version=ANALYSER_VERSION,
        duration=f.duration,
        tempo=b.tempo,
        tempo_confidence=b.confidence,
        beats=tuple(float(t) for t in b.times),
        downbeats=tuple(float(t) for t in d.times),
        beats_per_bar=d.beats_per_bar,
        downbeat_confidence=d.confidence,
        sections=tuple(SectionInfo(s.start, s.end, s.label, s.group) for s in parts),
        energy=tuple(float(v) for v in e),
        key=k.name,
        tonic=k.tonic,
        mode=k.mode,
        key_confidence=k.confidence,
        mood=tuple(m.tags),
        genre=m.genre,
        genre_confidence=m.genre_confidence,
        loudness_lufs=lufs,
        descriptors=m.descriptors,
    )


def warm_up() -> None:
    features._filters()
    beat_model.activations(np.zeros((features.N_MELS, 8), np.float32))  # loads the weights
    rng = np.random.default_rng(0)
    beat_tracker.decode_frames(rng.random(400), beat_tracker.MIN_BPM, beat_tracker.MAX_BPM)
