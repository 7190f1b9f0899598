"""The evaluation set's key truth, read from small scores built here: the rules must name the
key a musician would name for the excerpt, whatever the file states."""

import pytest

music21 = pytest.importorskip("music21")
from music21 import chord, harmony, key, note, stream  # noqa: E402

from evalset.key_truth import excerpt_key  # noqa: E402


def _score(
    bars: list[list[str]], signature: int | key.Key | None, *, lead_sheet: bool = False
) -> stream.Score:
    """One whole-note chord a bar (its first name is the bass); a lead sheet instead carries a
    melody note and a chord symbol per bar."""
    part = stream.Part()
    for i, names in enumerate(bars):
        m = stream.Measure(number=i + 1)
        if i == 0 and signature is not None:
            m.insert(0, signature if isinstance(signature, key.KeySignature) else key.KeySignature(signature))
        if lead_sheet:
            m.insert(0, harmony.ChordSymbol(names[0]))
            m.append(note.Note(names[1], quarterLength=4))
        else:
            m.append(chord.Chord(names, quarterLength=4))
        part.append(m)
    score = stream.Score()
    score.insert(0, part)
    return score


def _key(score: stream.Score, bars: int) -> str | None:
    tonic, mode, _ = excerpt_key(score, 4.0 * bars)
    return None if tonic is None else f"{tonic} {mode}"


F_MAJOR = [["F2", "A3", "C4"], ["B-1", "D3", "F3"], ["C2", "E3", "G3", "B-3"], ["F2", "A3", "C4"]]


def test_the_final_chord_names_the_key_and_a_wrong_stated_mode_is_ignored() -> None:
    # one flat, stated "D minor", but the music is in F and ends there
    assert _key(_score(F_MAJOR * 3, key.Key("d")), 12) == "F major"


def test_the_relative_minor_is_found_by_its_final_chord() -> None:
    d_minor = [["D2", "F3", "A3"], ["G1", "B-2", "D3"], ["A1", "C#3", "E3"], ["D2", "F3", "A3"]]
    assert _key(_score(d_minor * 3, -1), 12) == "D minor"


def test_a_minor_key_written_one_flat_short_is_read_from_its_notes() -> None:
    # Baroque "Dorian" notation: D minor with no flat written, the B flats played
    d_minor = [
        ["D2", "F3", "A3"],
        ["G1", "B-2", "D3"],
        ["B-1", "D3", "F3"],
        ["A1", "C#3", "E3"],
        ["D2", "F3", "A3"],
    ]
    assert _key(_score(d_minor * 3, 0), 15) == "D minor"


def test_a_lead_sheet_without_a_signature_takes_its_bass_from_the_chord_symbols() -> None:
    bars = [["F", "A4"], ["B-", "B-4"], ["C7", "G4"], ["F", "F4"]] * 3
    assert _key(_score(bars, None, lead_sheet=True), 12) == "F major"


def test_an_excerpt_that_is_an_introduction_in_the_relative_key_has_no_key() -> None:
    intro = [["C2", "E-3", "G3"], ["G1", "B2", "D3"]] * 4  # C minor
    home = [["E-2", "G3", "B-3"], ["B-1", "D3", "F3"]] * 4 + [["E-2", "G3", "B-3"]]  # E flat major
    score = _score(intro + home, -3)
    assert _key(score, 8) is None  # the excerpt heard is the introduction alone
    assert _key(score, 17) == "Eb major"  # the whole piece is at home


def test_an_excerpt_under_two_signatures_has_no_key() -> None:
    part = stream.Part()
    bars = [["A2", "C#4", "E4"], ["E2", "B3", "G#4"]] * 3 + [["D2", "F#3", "A3"], ["A1", "C#3", "G3"]] * 3
    for i, names in enumerate(bars + [["D2", "F#3", "A3"]]):
        m = stream.Measure(number=i + 1)
        if i in (0, 6):
            m.insert(0, key.KeySignature(3 if i == 0 else 2))
        m.append(chord.Chord(names, quarterLength=4))
        part.append(m)
    score = stream.Score()
    score.insert(0, part)
    assert _key(score, 12) is None
