"""Key and mode on short pieces played with harmonic tones: cadences whose key a musician
would name at once, including the cases a pitch profile alone gets wrong (a key against its
dominant or its relative key)."""

import numpy as np
import pytest

from app.analysis import features, key

BEAT = 0.5  # seconds


def _tone(midi: int, seconds: float, level: float) -> np.ndarray:
    """A plucked harmonic tone: eight partials falling as 1/h, decaying over the note."""
    t = np.arange(int(seconds * features.SR)) / features.SR
    f0 = 440.0 * 2 ** ((midi - 69) / 12)
    partials = sum(np.sin(2 * np.pi * f0 * h * t) / h for h in range(1, 9) if f0 * h < 16000)
    envelope = np.exp(-2.5 * t) * np.minimum(1.0, t / 0.01)
    return (level * envelope * partials).astype(np.float32)


def _piece(chords: list[tuple[int, list[int]]], melody: list[int] | None = None) -> np.ndarray:
    """One chord a bar of four beats: the bass (a MIDI note) once a bar, the triad's notes on
    every beat; an optional melody of one note a beat on top."""
    bar = 4 * BEAT
    n = int((len(chords) * bar + 2.0) * features.SR)
    out = np.zeros(n, np.float32)

    def add(start: float, sound: np.ndarray) -> None:
        i = int(start * features.SR)
        out[i : i + len(sound)] += sound[: n - i]

    for b, (bass, triad) in enumerate(chords):
        add(b * bar, _tone(bass, bar, 0.3))
        for beat in range(4):
            for note in triad:
                add(b * bar + beat * BEAT, _tone(note, BEAT, 0.12))
    for i, note in enumerate(melody or []):
        add(i * BEAT, _tone(note, BEAT, 0.15))
    return out / np.abs(out).max() * 0.8


def _key(audio: np.ndarray) -> str:
    return key.estimate(features.compute(audio)).name


def _major(tonic: int) -> dict[str, tuple[int, list[int]]]:
    """Bass note and triad (MIDI) of the main chords of the major key on `tonic` (0 = C)."""
    r = 48 + tonic
    return {
        "I": (r - 12, [r + 12, r + 16, r + 19]),
        "IV": (r - 7, [r + 17, r + 21, r + 24]),
        "V": (r - 5, [r + 14, r + 19, r + 23]),
        "vi": (r - 3, [r + 16, r + 21, r + 24]),
    }


def _minor(tonic: int) -> dict[str, tuple[int, list[int]]]:
    r = 45 + tonic
    return {
        "i": (r - 12, [r + 12, r + 15, r + 19]),
        "iv": (r - 7, [r + 17, r + 20, r + 24]),
        "V": (r - 5, [r + 14, r + 19, r + 23]),  # the raised seventh: a major dominant
        "VI": (r - 4, [r + 15, r + 20, r + 24]),
        "III": (r - 9, [r + 15, r + 19, r + 22]),
        "VII": (r - 2, [r + 14, r + 17, r + 22]),
    }


def test_a_cadence_in_a_minor_is_a_minor_not_c_major() -> None:
    c = _minor(0)
    audio = _piece([c[x] for x in ("i", "VI", "III", "V", "i", "iv", "V", "i")])
    assert _key(audio) == "A minor"


def test_a_c_major_scale_ending_on_a_g_major_chord_is_still_c_major() -> None:
    c = _major(0)
    scale = [72, 74, 76, 77, 79, 81, 83, 84, 83, 81, 79, 77, 76, 74, 72, 74]
    audio = _piece([c[x] for x in ("I", "IV", "V", "V")], melody=scale)
    assert _key(audio) == "C major"


def test_a_song_that_dwells_on_its_dominant_is_named_by_its_tonic() -> None:
    """G major with D major chords most of the time: the profile of D major fits the notes as
    well as G's does; the opening and the close on G settle it."""
    g = _major(7)
    audio = _piece([g[x] for x in ("I", "V", "V", "IV", "V", "V", "V", "I")])
    assert _key(audio) == "G major"


def test_a_minor_song_in_pop_harmony_is_minor_not_its_relative_or_sixth() -> None:
    """i-VI-III-VII over and over, the natural minor of pop songs, with no leading tone: the
    notes are those of the relative major, and VI and III are as loud as i; the song opens and
    closes on i."""
    e = _minor(7)  # E minor
    audio = _piece([e[x] for x in ("i", "VI", "III", "VII") * 3] + [e["i"]])
    assert _key(audio) == "E minor"


@pytest.mark.parametrize("tonic", [2, 5, 10])
def test_the_same_progression_moved_to_another_key_names_that_key(tonic: int) -> None:
    major, minor = _major(tonic), _minor(tonic)
    name = key.NAMES[tonic]
    assert _key(_piece([major[x] for x in ("I", "vi", "IV", "V", "I")])) == f"{name} major"
    assert _key(_piece([minor[x] for x in ("i", "iv", "V", "i")])) == f"{key.NAMES[(tonic + 9) % 12]} minor"


def test_confidence_is_lower_when_the_evidence_is_split() -> None:
    """A single clear cadence is surer than a drone of open fifths, which is major and minor at once."""
    c = _major(0)
    clear = key.estimate(features.compute(_piece([c[x] for x in ("I", "IV", "V", "I")])))
    fifths = key.estimate(features.compute(_piece([(36, [60, 67, 72])] * 4)))
    assert clear.confidence > fifths.confidence
