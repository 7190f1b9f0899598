"""The learned beat activation, on a legato string passage played by the evaluation's
synthesiser (FluidR3, a sound font the model was not trained on): chords that swell in on
every beat under a melody in eighths — the music whose onsets say least about the beat."""

from pathlib import Path

import numpy as np
import pytest

from app.analysis import beat_model
from app.analysis.features import FPS, compute
from app.analysis.run import analyse_samples

BEAT = 0.75  # 80 BPM
BEATS = 24
# a progression a chord a beat (MIDI: bass, tenor, alto), and the melody's two notes per beat
CHORDS = [(48, 55, 64), (45, 57, 64), (41, 57, 65), (43, 55, 62)]
MELODY = [(72, 74), (76, 72), (77, 76), (74, 71)]


@pytest.fixture(scope="module")
def passage(tmp_path_factory: pytest.TempPathFactory) -> tuple[np.ndarray, np.ndarray]:
    from evalset import midi
    from evalset.fluid import SR, onset_leads, rearticulated, synthesise

    start = 0.6
    beats = start + np.arange(BEATS) * BEAT
    programs = {0: 40, 1: 41, 2: 40, 3: 42}  # violin melody, viola and violin, cello
    notes = []
    for k, t in enumerate(beats):
        chord, tune = CHORDS[k % 4], MELODY[k % 4]
        for channel, pitch in zip((3, 1, 2), chord, strict=True):
            lead = onset_leads(programs[channel])[pitch]
            notes.append(midi.Note(t - lead, t + BEAT, pitch, 70, channel))
        for half, pitch in enumerate(tune):
            at = t + half * BEAT / 2
            notes.append(midi.Note(at - onset_leads(40)[pitch], at + BEAT / 2, pitch, 64, 0))
    work: Path = tmp_path_factory.mktemp("legato")
    audio = synthesise(rearticulated(notes), programs, work, seconds=float(beats[-1] + 1.5))
    assert SR == 44100
    return audio, beats


def test_the_weights_fit_the_inputs() -> None:
    with np.load(beat_model.WEIGHTS) as w:
        assert w["w1"].shape[0] == 2 * beat_model.BANDS * len(beat_model.OFFSETS) == len(w["mean"])
        assert w["w3"].shape[1] == 2  # beat and downbeat


def test_the_activation_stands_on_the_beats_not_between(passage: tuple[np.ndarray, np.ndarray]) -> None:
    audio, beats = passage
    beat, _ = beat_model.activations(compute(audio).mel)

    def near(t: float) -> float:
        k = round(t * FPS)
        return float(beat[k - 1 : k + 2].max())

    on = np.array([near(t) for t in beats[1:-1]])
    between = np.array([near(t + BEAT / 2) for t in beats[1:-1]])  # the melody's off-beat notes
    assert on.mean() > 3 * between.mean(), (on.mean(), between.mean())
    assert np.mean(on > between) >= 0.9


def test_the_analysis_finds_each_beat_within_a_frame(passage: tuple[np.ndarray, np.ndarray]) -> None:
    audio, beats = passage
    found = analyse_samples(audio).beats
    inner = beats[1:-1]
    errors = np.array([np.min(np.abs(found - t)) for t in inner])
    assert np.all(errors <= 0.07), errors
    assert np.mean(errors <= 1 / 30) >= 0.9, errors
    assert abs(np.median(np.diff(found)) - BEAT) < 0.03
