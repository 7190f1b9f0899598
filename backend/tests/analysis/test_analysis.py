"""The music analyser on short generated songs whose truth is exact (evalset.synth): what a
user relies on when video cuts land on these beats."""

import itertools
import json
import math
import os
import subprocess
import sys
from functools import cache
from pathlib import Path

import numpy as np
import pytest

from app.analysis import ANALYSER_VERSION, Analysis, analyse, analyse_samples, warm
from app.analysis.features import SR
from app.analysis.loudness import integrated_lufs
from app.media.ffmpeg import MediaError
from evalset.manifest import write_wav
from evalset.synth import SR as SYNTH_SR
from evalset.synth import short_song
from evalset.truth import Truth

mir_eval = pytest.importorskip("mir_eval")
BACKEND = Path(__file__).resolve().parents[2]
SONG_WITH_PARTS = {
    "seed": 12,
    "bpm": 128.0,
    "bars_per_section": 8,
    "sections": ("intro", "verse", "chorus", "verse", "chorus", "outro"),
}


@cache
def _song(**spec: object) -> tuple[Analysis, Truth]:
    audio, truth = short_song(**spec)
    assert SYNTH_SR == SR
    return analyse_samples(audio), truth


def _beat_f(truth: list[float], est: tuple[float, ...]) -> float:
    return float(
        mir_eval.beat.f_measure(
            mir_eval.beat.trim_beats(np.array(truth)), mir_eval.beat.trim_beats(np.array(est))
        )
    )


def test_waltz_at_150_bpm() -> None:
    result, truth = _song(meter="3/4", bpm=150.0, seed=3)
    assert result.tempo == pytest.approx(truth.tempo, rel=0.02)
    assert _beat_f(truth.beats, result.beats) >= 0.9
    assert result.beats_per_bar == 3
    beats = list(result.beats)
    index = [beats.index(d) for d in result.downbeats]
    assert set(np.diff(index)) == {3}
    assert _beat_f(truth.downbeats, result.downbeats) >= 0.9


def test_beats_are_not_late() -> None:
    result, truth = _song(bpm=112.0, seed=5)
    est = np.array(result.beats)
    errors = [est[np.argmin(np.abs(est - t))] - t for t in truth.beats[4:]]
    errors = [e for e in errors if abs(e) <= 0.07]
    assert len(errors) >= 0.9 * len(truth.beats[4:])
    assert np.mean(np.abs(errors) <= 1 / 30) >= 0.95  # within one video frame
    assert abs(np.mean(errors)) < 0.015


def test_tempo_ramp_is_followed() -> None:
    spec = {
        "bpm": 100.0,
        "tempo_shape": "ramp",
        "ramp": 0.15,
        "seed": 4,
        "sections": ("intro", "verse", "chorus", "verse", "chorus", "outro"),
    }
    result, truth = _song(**spec)
    assert _beat_f(truth.beats, result.beats) >= 0.9
    est = np.array(result.beats)
    late = est[est > truth.beats[-1] - 10]
    assert 60 / np.median(np.diff(late)) == pytest.approx(115.0, rel=0.03)  # the ramped tempo


def test_drumless_intro_keeps_the_beat_level() -> None:
    result, truth = _song(bpm=84.0, drumless_intro=True, seed=6, intro_bars=8)
    assert result.tempo == pytest.approx(truth.tempo, rel=0.04)  # not 168 (the arpeggio) nor 42
    intro_end = truth.sections[1][0]
    intro = [t for t in truth.beats if t < intro_end]
    est = np.array(result.beats)
    hits = [np.min(np.abs(est - t)) <= 0.07 for t in intro[2:]]
    assert np.mean(hits) >= 0.8


def test_fast_song_is_not_halved() -> None:
    result, truth = _song(bpm=176.0, seed=8)
    assert result.tempo == pytest.approx(truth.tempo, rel=0.04)


def test_six_eight_beat_is_the_dotted_quarter() -> None:
    result, truth = _song(meter="6/8", bpm=72.0, seed=9)
    assert result.tempo == pytest.approx(truth.tempo, rel=0.04)
    assert result.beats_per_bar == 2


def test_key_of_a_song_in_a_known_key() -> None:
    result, _ = _song(tonic=9, mode="minor", seed=10)
    assert result.key == "A minor"
    result, _ = _song(tonic=2, mode="major", seed=11)
    assert result.key == "D major"


def test_sections_cover_the_song_with_boundaries_on_beats() -> None:
    result, truth = _song(**SONG_WITH_PARTS)
    sections = result.sections
    assert sections[0].start == 0.0 and sections[-1].end == pytest.approx(result.duration)
    for before, after in itertools.pairwise(sections):
        assert before.end == after.start
        assert after.start in result.beats
        assert after.start in result.downbeats
    labels = {"intro", "verse", "chorus", "bridge", "outro"} | {chr(c) for c in range(ord("A"), ord("Z") + 1)}
    assert {s.label for s in sections} <= labels
    ref = np.array([[a, b] for a, b, _ in truth.sections])
    est = np.array([[s.start, s.end] for s in sections])
    est[-1, 1] = ref[-1, 1] = max(est[-1, 1], ref[-1, 1])
    assert mir_eval.segment.detection(ref, est, window=0.5, trim=True)[2] >= 0.5


def test_energy_curve_has_one_value_per_beat() -> None:
    result, _ = _song(**SONG_WITH_PARTS)
    assert len(result.energy) == len(result.beats)
    assert all(0.0 <= e <= 1.0 for e in result.energy)
    chorus = [s for s in result.sections if s.label == "chorus"]
    if chorus:  # the loud part reads louder than the song's opening
        beats = np.array(result.beats)
        energy = np.array(result.energy)
        inside = energy[(beats >= chorus[0].start) & (beats < chorus[0].end)]
        assert inside.mean() > energy[: max(1, len(inside) // 2)].mean()


def test_loudness_of_a_known_signal() -> None:
    # a 997 Hz sine at -20 dBFS in both channels reads -20 LUFS (BS.1770: K-weighting is
    # ~0 dB there, and two equal channels add 3 dB to the -3 dB of one channel's sine)
    t = np.arange(10 * SR) / SR
    sine = (0.1 * np.sin(2 * np.pi * 997 * t)).astype(np.float32)
    assert integrated_lufs(np.stack([sine, sine], axis=1), SR) == pytest.approx(-20.0, abs=0.1)
    assert integrated_lufs(np.stack([sine, sine], axis=1) * 0.5, SR) == pytest.approx(-26.02, abs=0.1)
    assert math.isinf(integrated_lufs(np.zeros((SR, 2), np.float32), SR))


def test_analyse_decodes_a_file_and_serialises(tmp_path: Path) -> None:
    audio, _ = short_song(seed=13, sections=("intro", "verse"))
    path = tmp_path / "song.wav"
    write_wav(path, audio, SYNTH_SR)
    shares: list[float] = []
    result = analyse(path, progress=shares.append)
    assert shares == sorted(shares) and shares[-1] == 1.0
    data = json.loads(json.dumps(result.to_dict()))
    assert data["version"] == ANALYSER_VERSION
    assert data["beats"] and data["sections"] and data["key"] in (result.key,)
    assert 0.0 <= data["tempo_confidence"] <= 1.0 and 0.0 <= data["downbeat_confidence"] <= 1.0
    assert data["mood"] and data["genre"]


def test_not_audio_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "song.mp3"
    path.write_bytes(b"not audio at all")
    with pytest.raises(MediaError):
        analyse(path)


def test_a_fresh_process_loads_the_compiled_tracker_from_the_cache() -> None:
    warm()  # compiles the tracker into the cache folder (or loads it from there)
    folder = Path(os.environ["NUMBA_CACHE_DIR"])
    assert any(folder.rglob("*.nbi"))
    code = (
        "from app.analysis import warm, beats; warm(); "
        "print(sum(beats._viterbi.stats.cache_hits.values()), sum(beats._viterbi.stats.cache_misses.values()))"
    )
    fresh = subprocess.run(
        [sys.executable, "-c", code],
        cwd=BACKEND,
        env=dict(os.environ),
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    assert fresh.stdout.split() == ["1", "0"]  # loaded from the cache, not compiled again
