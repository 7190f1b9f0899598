"""The beat level of music without drums: a slow chorale-like piece — four voices in eighths
whose chords and bass change on every beat — is tracked at its notated beat, not at the
eighths that carry as many onsets; a fast piece whose chord lasts a bar keeps its beat."""

import numpy as np
import pytest

from app.analysis import analyse_samples
from app.analysis.features import SR

mir_eval = pytest.importorskip("mir_eval")
BASS_GAIN = 0.12  # a soft bass, as a choir's or a string ensemble's (no kick drum to judge by)

# A progression in C major, one chord a beat: (bass, tenor, alto, soprano) as MIDI notes.
CHORDS = [
    (48, 55, 64, 72),  # C
    (45, 57, 64, 72),  # Am
    (41, 57, 65, 69),  # F
    (43, 55, 62, 71),  # G
    (40, 55, 64, 67),  # C/E
    (41, 53, 60, 69),  # F
    (38, 53, 62, 69),  # Dm
    (43, 55, 62, 67),  # G
]


def _tone(midi: int, seconds: float, attack: float) -> np.ndarray:
    """A bowed-string-like note: a few harmonics, a soft attack, a gentle release."""
    t = np.arange(int(seconds * SR)) / SR
    f0 = 440.0 * 2 ** ((midi - 69) / 12)
    wave = sum(np.sin(2 * np.pi * f0 * h * t) / h**1.3 for h in range(1, 7) if f0 * h < 8000)
    env = np.minimum(1.0, t / attack) * np.minimum(1.0, (seconds - t) / 0.04).clip(0, 1)
    return (wave * env).astype(np.float32)


def _piece(
    bpm: float, beats_per_chord: int = 1, offbeat: float = 1.0, bars: int = 24, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """Audio and its beat times: four-beat bars, a new chord every `beats_per_chord` beats,
    every voice moving in eighths, those between the beats `offbeat` times as loud."""
    rng = np.random.default_rng(seed)
    beat = 60.0 / bpm
    n_beats = 4 * bars
    # a slowly wandering tempo (a few per cent), as a player's
    wander = np.exp(0.04 * np.sin(2 * np.pi * np.arange(n_beats) / 37 + rng.uniform(0, 6)))
    beats = 0.5 + np.concatenate([[0.0], np.cumsum(beat * wander[:-1])])
    out = np.zeros(int((beats[-1] + 2 * beat) * SR), np.float32)

    def add(at: float, sound: np.ndarray, gain: float) -> None:
        i = int(round(at * SR))
        n = min(len(sound), len(out) - i)
        out[i : i + n] += gain * sound[:n]

    for k, b in enumerate(beats):
        chord = CHORDS[(k // beats_per_chord) % len(CHORDS)]
        nxt = CHORDS[((k + 1) // beats_per_chord) % len(CHORDS)]
        half = (beats[k + 1] - b if k + 1 < n_beats else beat) / 2
        mover = 1 + k % 3  # one upper voice a beat passes to the next chord's note
        for v, note in enumerate(chord):
            # every voice moves in eighths — the chord's note, then the same note again, or a
            # passing note in the one moving voice — so the eighths carry as many onsets as
            # the beats; only the harmony marks the beat
            step = int(np.sign(nxt[v] - note)) or (1 if k % 2 else -1)
            second = note + 2 * step if v == mover else note
            gain = BASS_GAIN if v == 0 else 0.3
            octave = 12 if v == 1 else 0  # the tenor above middle C: the bass alone below it
            add(b, _tone(note + octave, half, 0.03), gain)
            add(b + half, _tone(second + octave, half, 0.03), gain * offbeat)
    return 0.5 * out / np.abs(out).max(), beats


@pytest.mark.parametrize("bpm", [62.0, 68.0])
def test_slow_chorale_is_tracked_at_its_notated_beat(bpm: float) -> None:
    _assert_tracked(*_piece(bpm, beats_per_chord=1), bpm)


def test_fast_piece_with_a_chord_a_bar_is_not_halved() -> None:
    """Its harmony changes on every other beat too (on every fourth), but that is the bar,
    not the beat. (Its eighths between the beats are played lighter, as players do: with
    every eighth alike and the chord held, nothing would mark which eighth is the beat.)"""
    _assert_tracked(*_piece(128.0, beats_per_chord=4, offbeat=0.6), 128.0)


def _assert_tracked(audio: np.ndarray, beats: np.ndarray, bpm: float) -> None:
    result = analyse_samples(audio)
    assert result.tempo == pytest.approx(bpm, rel=0.04)
    est = mir_eval.beat.trim_beats(np.array(result.beats))
    assert mir_eval.beat.f_measure(mir_eval.beat.trim_beats(beats), est) >= 0.9
