"""Meter and downbeats of short rendered pieces, with the beat times given (so only the
downbeat tracker is judged): each piece is built so that one reading of its bars is the
musical one, and the tracker must find it."""

import numpy as np

from app.analysis import downbeats
from app.analysis.features import SR, compute
from app.analysis.result import UNSURE_DOWNBEAT

C, D, E, F, G, A, B = 48, 50, 52, 53, 55, 57, 59  # MIDI numbers around middle C


def _tone(midi: int, seconds: float, level: float, attack: float = 0.02) -> np.ndarray:
    """A few harmonics with a soft attack and a gentle decay (organ or voices, not a drum)."""
    t = np.arange(int(seconds * SR)) / SR
    hz = 440.0 * 2 ** ((midi - 69) / 12)
    wave = sum(np.sin(2 * np.pi * k * hz * t) / k for k in (1, 2, 3))
    env = np.minimum(1.0, t / attack) * np.exp(-t / (2.5 * seconds))
    return level * wave * env


def _render(events: list[tuple[float, float, list[int], float]], seconds: float) -> np.ndarray:
    out = np.zeros(int(seconds * SR) + SR)
    for start, length, notes, level in events:
        i = int(start * SR)
        for n in notes:
            x = _tone(n, length, level)
            out[i : i + len(x)] += x
    return (0.5 * out / np.abs(out).max()).astype(np.float32)


def _play(
    events: list[tuple[float, float, list[int], float]], n_beats: int, beat: float
) -> tuple[np.ndarray, downbeats.Downbeats]:
    """The piece rendered, its `n_beats` true beats (from 0, `beat` apart) and the downbeats
    found on them: only the downbeat tracker is judged."""
    beats = np.arange(n_beats) * beat
    return beats, downbeats.track(beats, compute(_render(events, n_beats * beat)))


def test_chorale_whose_chords_change_at_the_bar_is_in_four() -> None:
    # A four-part chorale at 80 BPM: every beat a soft new voicing, the chord itself changing
    # at each bar; the bar's first chord is the fullest and sounds for two beats, the third
    # beat's is a softer restatement of the same chord.
    beat = 0.75
    chords = [[C, E, G, C + 12], [F, A, C + 12, F + 12], [G, B, D + 12, G + 12], [A - 12, C, E, A]]
    bars, lead = 12, 2  # two beats of pickup before the first full bar
    events = [(0.0, 2 * beat, [G - 12, D, G, B], 0.5)]
    for bar in range(bars):
        start = (lead + 4 * bar) * beat
        ch = chords[bar % len(chords)]
        events.append((start, 2 * beat, [ch[0] - 12, *ch], 1.0))
        events.append((start + 2 * beat, beat, ch[1:], 0.45))
        events.append((start + 3 * beat, beat, [ch[0], ch[2]], 0.35))
    beats, result = _play(events, lead + 4 * bars, beat)
    assert result.beats_per_bar == 4
    expected = beats[lead::4]
    hits = sum(np.min(np.abs(result.times - t)) < 0.05 for t in expected)
    assert hits >= 0.9 * len(expected)
    assert np.all(np.min(np.abs(result.times[:, None] - expected[None, :]), axis=1) < 0.05)


def test_dance_whose_bars_alike_pair_into_phrases_is_in_two() -> None:
    # A 2/4 dance at 110 BPM: each bar a bass note on its first beat and an after-beat chord
    # (the triad over it), the harmony changing with every bar, the bars alike in weight (a
    # phrase is two of them, but neither of the pair is stressed over the other).
    beat = 60 / 110
    harmony = [C, G - 12, F - 12, G - 12, A - 12, E - 12, F - 12, G - 12]
    bars = 24
    events = []
    for bar in range(bars):
        root = harmony[bar % len(harmony)]
        start = 2 * bar * beat
        events.append((start, beat, [root - 12, root], 1.0))
        events.append((start + beat, beat, [root + 12, root + 16, root + 19], 0.45))
    beats, result = _play(events, 2 * bars, beat)
    assert result.beats_per_bar == 2
    assert np.allclose(result.times, beats[::2])


def test_waltz_with_a_held_first_beat_is_in_three() -> None:
    # 3/4: a bass note on the first beat held through the bar, two lighter chords after it
    beat = 0.5
    harmony = [C, G - 12, G - 12, C, F - 12, C, G - 12, C]
    bars = 16
    events = []
    for bar in range(bars):
        root = harmony[bar % len(harmony)]
        start = 3 * bar * beat
        events.append((start, 3 * beat, [root - 12], 1.0))
        events.append((start + beat, beat, [root + 4 + 12, root + 7 + 12], 0.4))
        events.append((start + 2 * beat, beat, [root + 4 + 12, root + 7 + 12], 0.4))
    beats, result = _play(events, 3 * bars, beat)
    assert result.beats_per_bar == 3
    assert np.allclose(result.times, beats[::3])


def test_too_few_beats_give_a_default_bar() -> None:
    result = downbeats.track(np.arange(5) * 0.5, compute(np.zeros(3 * SR, np.float32)))
    assert result.beats_per_bar == 4 and len(result.times) == 1


def test_chorale_moving_in_half_bars_finds_its_bar_by_the_fuller_chord() -> None:
    # 4/4 at 72 BPM with a chord every half bar: the harmony alone pulses in two, and every
    # bass note is struck alike; but the bar's first chord has the most voices and is held
    # longest, so the bar's first half sounds fuller than its second.
    beat = 60 / 72
    chords = [
        [C, E, G],
        [F, A, C + 12],
        [G, B, D + 12],
        [C, E, G],
        [A - 12, C, E],
        [D, F, A],
        [G, B, D + 12],
        [C, E, G],
    ]
    bars = 12
    events = []
    for bar in range(bars):
        start = 4 * bar * beat
        first, half = chords[(2 * bar) % len(chords)], chords[(2 * bar + 1) % len(chords)]
        events.append((start, beat, [first[0] - 12], 0.6))
        events.append((start, 2 * beat, [*first, first[0] + 12, first[1] + 12], 0.6))
        events.append((start + 2 * beat, beat, [half[0] - 12], 0.6))
        events.append((start + 2 * beat, beat, half[1:], 0.6))
    beats, result = _play(events, 4 * bars, beat)
    assert result.beats_per_bar == 4
    assert np.allclose(result.times, beats[::4])


def test_the_held_chord_marks_the_bar_when_every_attack_is_alike() -> None:
    # The same chord struck alike on every beat, at 96 BPM; only its length tells the bar:
    # held through the first beat of each bar of four, short on the others (an agogic accent,
    # the long note on the strong beat).
    beat = 60 / 96
    bars, lead = 12, 1
    chord = [C - 12, C, E, G]
    events = [(i * beat, beat if (i - lead) % 4 == 0 else 0.12, chord, 1.0) for i in range(lead + 4 * bars)]
    beats, result = _play(events, lead + 4 * bars, beat)
    assert result.beats_per_bar == 4
    assert np.allclose(result.times, beats[lead::4])


def test_a_dance_that_also_reads_in_four_is_sure_of_its_bar_starts() -> None:
    # 2/4 with every other bar a little lighter: read in two or in four, the bar starts fall
    # on the same beats (a cut on every bar or every other one), so that choice is no doubt
    # about where the bars start and must not make the creator check the downbeats.
    beat = 60 / 110
    harmony = [C, G - 12, F - 12, G - 12, A - 12, E - 12, F - 12, G - 12]
    events = []
    for bar in range(24):
        root = harmony[bar % len(harmony)]
        events.append((2 * bar * beat, beat, [root - 12, root], 1.0 if bar % 2 == 0 else 0.9))
        events.append(((2 * bar + 1) * beat, beat, [root + 12, root + 16, root + 19], 0.45))
    beats, result = _play(events, 48, beat)
    assert np.allclose(result.times, beats[:: result.beats_per_bar])
    assert result.confidence >= 0.9


def test_beats_all_alike_leave_the_bar_unsure() -> None:
    # the same chord struck alike on every beat: nothing says where a bar starts
    beat = 0.5
    _, result = _play([(i * beat, beat, [C, E, G], 1.0) for i in range(48)], 48, beat)
    assert result.confidence < UNSURE_DOWNBEAT
