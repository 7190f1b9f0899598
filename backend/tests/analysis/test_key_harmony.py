"""The harmony-following key model on rendered chords: it names the chords it hears, its key
path follows a modulation, and cadences count for the key they resolve to."""

import numpy as np

from app.analysis import features, key_harmony
from tests.analysis.test_key import _major, _piece

C, G = 0, 7


def _evidence(progression: list[tuple[int, list[int]]]) -> tuple[np.ndarray, np.ndarray]:
    return key_harmony.evidence(features.compute(_piece(progression)))


def test_the_chords_heard_are_the_chords_played() -> None:
    c = _major(C)
    f = features.compute(_piece([c["I"], c["IV"], c["V"], c["vi"]]))
    chroma, bass, _ = key_harmony.blocks(f)
    heard = key_harmony.chords(chroma, bass).argmax(axis=0)
    block_seconds = key_harmony.BLOCK * features.CHROMA_HOP / features.SR
    centres = (np.arange(len(heard)) + 0.5) * block_seconds
    # C, F, G major and A minor (index 12 + 9), each over most of its two-second bar
    for bar, chord in enumerate([0, 5, 7, 21]):
        run = heard[(centres > 2 * bar + 0.25) & (centres < 2 * bar + 1.75)]
        assert np.mean(run == chord) > 0.6, (bar, run)


def test_the_key_path_follows_a_modulation_and_the_cadences_name_the_new_tonic() -> None:
    c, g = _major(C), _major(G)
    time, cadences = _evidence([c["I"], c["IV"], c["V"], c["I"]] * 2 + [g["I"], g["IV"], g["V"], g["I"]] * 4)
    assert time.argmax() == G  # two thirds of the piece in G major
    assert time[C] > 0.15  # and the first third in C
    # D→G resolves into G; G→C reads as a cadence into C as well (a I→IV move of G major is a
    # V→I of C major, which chord pairs alone cannot tell apart); nothing resolves onto D
    assert cadences[G] > 0.25 and cadences[C] > 0 and cadences[2] == 0


def test_a_dominant_that_never_resolves_is_no_cadence() -> None:
    c = _major(C)
    _, cadences = _evidence([c["I"], c["vi"], c["IV"], c["V"]] * 3)
    # G→C happens on the repeats (into C); nothing ever resolves onto G's tonic
    assert cadences[C] > 0.5 and cadences[G] == 0
