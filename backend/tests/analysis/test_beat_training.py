"""The beat model's training material: exact targets, and none of the evaluation's music."""

import numpy as np

from app.analysis.features import FPS
from evalset import scores
from training import beat_data, beat_fit


def test_a_beat_marks_its_frame_and_half_marks_its_neighbours() -> None:
    y = beat_fit.targets([1.0, 2.0], 400)
    k1, k2 = round(1.0 * FPS), round(2.0 * FPS)
    assert y[k1] == y[k2] == 1.0
    assert y[k1 - 1] == y[k1 + 1] == y[k2 - 1] == y[k2 + 1] == beat_fit.NEIGHBOUR
    assert np.count_nonzero(y) == 6


def test_the_training_pieces_hold_no_work_the_evaluation_plays() -> None:
    pieces = beat_data.corpus_pieces()
    evaluated = {beat_data._work(p.path) for p in scores.PIECES}
    assert len(pieces) >= 100 and len({p.name for p in pieces}) == len(pieces)
    assert not evaluated & {beat_data._work(p.path) for p in pieces}
    assert all(p.path.endswith(beat_data.SCORE_FILES) for p in pieces)
    # a quartet's other movements count as its work; a chorale's Leipzig copy as the chorale
    assert beat_data._work("mozart/k458/movement3.mxl") == beat_data._work("mozart/k458/movement1.mxl")
    assert beat_data._work("bach/bwv269-lpz.mxl") == beat_data._work("bach/bwv269")
    assert beat_data._work("bach/bwv66.6.mxl") == beat_data._work("bach/bwv66.6") != "bach/bwv66"
