"""The beat grid and the creator's corrections: tempo, bar lines, nudges, meter."""

from types import SimpleNamespace

import pytest

from app.videos.grid import (
    Grid,
    GridError,
    double_tempo,
    grid_from_analysis,
    halve_tempo,
    nudge,
    set_beats_per_bar,
    shift_downbeats,
    to_offbeats,
)
from tests.videos.timeline.helpers import assert_grid_ok, make_grid


def indices(grid: Grid) -> list[int]:
    return grid.downbeat_indices()


def test_a_grid_refuses_what_cannot_be() -> None:
    with pytest.raises(GridError, match="duration"):
        Grid((), (), 4, 0.0)
    with pytest.raises(GridError, match="beats per bar"):
        Grid((0.5,), (), 0, 10.0)
    with pytest.raises(GridError, match="outside the song"):
        Grid((0.5, 11.0), (), 4, 10.0)
    with pytest.raises(GridError, match="does not come after"):
        Grid((1.0, 0.5), (), 4, 10.0)
    with pytest.raises(GridError, match="is not a beat"):
        Grid((0.5, 1.0), (0.75,), 4, 10.0)


def test_tempo_is_the_median_step() -> None:
    grid = make_grid(120, 4, 30.0)
    assert grid.tempo == pytest.approx(120)
    assert Grid((1.0,), (1.0,), 4, 3.0).tempo == 0.0
    # One missed beat does not move the median.
    beats = (0.0, 0.5, 1.0, 2.0, 2.5, 3.0)
    assert Grid(beats, (), 4, 4.0).tempo == pytest.approx(120)


def test_nearest_prefers_downbeats_and_the_earlier_on_a_tie() -> None:
    grid = make_grid(120, 4, 30.0)  # beats every 0.5 s, bars every 2 s
    assert grid.nearest(2.9) == 2.0
    assert grid.nearest(3.0) == 2.0  # halfway between 2 and 4: the earlier
    assert grid.nearest(3.1) == 4.0
    assert grid.nearest(3.1, any_beat=True) == 3.0
    assert grid.nearest(-5) == 0.0 and grid.nearest(99) == grid.downbeats[-1]
    assert Grid((), (), 4, 5.0).nearest(1.0) is None
    assert Grid((1.0, 2.0), (), 4, 5.0).nearest(1.9) == 2.0  # no downbeats: any beat


def test_from_analysis_ties_downbeats_to_beats_and_drops_beats_outside_the_song() -> None:
    analysis = SimpleNamespace(
        duration=10.0,
        beats=(-0.1, 0.5, 1.0, 1.5, 2.0, 2.5, 10.4),
        downbeats=(0.5, 2.0004),
        beats_per_bar=3,
    )
    grid = grid_from_analysis(analysis)  # type: ignore[arg-type]
    assert grid.beats[:7] == (0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0)
    assert 2.0 in grid.downbeats and 2.0004 not in grid.beats
    assert grid.beats_per_bar == 3 and grid.duration == 10.0


def test_from_analysis_carries_the_pulse_over_a_lead_in_and_a_ringing_end() -> None:
    # The analysis heard beats from 1.2 s to 6.0 s (three beats a bar, 100 BPM) of a 9.5 s
    # song: the grid goes on at that pulse to both ends, bars counted on.
    beats = tuple(round(1.2 + 0.6 * k, 6) for k in range(9))
    analysis = SimpleNamespace(duration=9.5, beats=beats, downbeats=beats[1::3], beats_per_bar=3)
    grid = grid_from_analysis(analysis)  # type: ignore[arg-type]
    assert grid.beats[0] == pytest.approx(0.0) and grid.beats[-1] == pytest.approx(9.0)
    assert set(beats) <= set(grid.beats)
    assert all(b - a == pytest.approx(0.6) for a, b in zip(grid.beats, grid.beats[1:], strict=False))
    assert [round(t, 6) for t in grid.downbeats] == [0.0, 1.8, 3.6, 5.4, 7.2, 9.0]


def test_double_inserts_midpoints_and_keeps_the_meter() -> None:
    grid = make_grid(60, 4, 20.0, phase=1)  # beats each second, first bar line on beat 1
    doubled = double_tempo(grid)
    assert doubled.beats[:5] == (0.0, 0.5, 1.0, 1.5, 2.0)
    assert len(doubled.beats) == 2 * len(grid.beats) - 1
    assert set(grid.beats) <= set(doubled.beats)
    assert set(grid.downbeats) <= set(doubled.downbeats)
    # Bars of four fast beats from the old first downbeat, none before it.
    assert indices(doubled) == list(range(2, len(doubled.beats), 4))
    assert doubled.beats_per_bar == 4
    assert doubled.tempo == pytest.approx(120)


def test_halve_keeps_the_half_with_the_downbeats() -> None:
    grid = make_grid(120, 4, 20.0, phase=3)  # downbeats on odd beats
    halved = halve_tempo(grid)
    assert halved.beats == grid.beats[1::2]
    assert halved.tempo == pytest.approx(60)
    assert indices(halved) == list(range(1, len(halved.beats), 4))
    assert set(halved.downbeats) <= set(grid.downbeats)


def test_halve_on_a_tie_follows_the_first_downbeat() -> None:
    beats = tuple(float(t) for t in range(12))
    grid = Grid(beats, (1.0, 6.0), 4, 12.0)  # one odd, one even downbeat
    assert halve_tempo(grid).beats == beats[1::2]
    grid = Grid(beats, (2.0, 5.0), 4, 12.0)
    assert halve_tempo(grid).beats == beats[0::2]


@pytest.mark.parametrize("meter", [2, 3, 4])
@pytest.mark.parametrize("phase", [0, 1])
def test_doubling_then_halving_gives_the_grid_back(meter: int, phase: int) -> None:
    grid = make_grid(90, meter, 40.0, phase=phase, offset=0.2, drift=0.05, jitter=0.01, seed=3)
    assert halve_tempo(double_tempo(grid)) == grid


def test_tempo_changes_stay_within_a_sane_range() -> None:
    with pytest.raises(GridError, match="up to 400"):
        double_tempo(make_grid(220, 4, 20.0))
    with pytest.raises(GridError, match="down to 20"):
        halve_tempo(make_grid(30, 4, 40.0))
    one = Grid((1.0,), (1.0,), 4, 5.0)
    assert halve_tempo(one) == one and double_tempo(one) == one


def test_shift_moves_every_bar_line_and_back() -> None:
    grid = make_grid(120, 4, 20.0)
    later = shift_downbeats(grid, 1)
    assert indices(later) == list(range(1, len(grid.beats), 4))
    earlier = shift_downbeats(grid, -1)
    assert indices(earlier) == list(range(3, len(grid.beats), 4))
    assert shift_downbeats(earlier, 1) == grid
    assert shift_downbeats(later, -1) == grid
    assert shift_downbeats(grid, 0) == grid
    with pytest.raises(GridError, match="less than a bar"):
        shift_downbeats(grid, 4)
    with pytest.raises(GridError, match="less than a bar"):
        shift_downbeats(grid, -4)


def test_shift_keeps_an_irregular_bar_the_analysis_found() -> None:
    beats = tuple(float(t) for t in range(20))
    grid = Grid(beats, (0.0, 4.0, 9.0, 13.0), 4, 20.0)  # the second bar has five beats
    assert indices(shift_downbeats(grid, 1)) == [1, 5, 10, 14, 18]


def test_nudge_moves_everything_and_stops_at_the_ends() -> None:
    grid = make_grid(120, 4, 10.0, offset=0.01)
    later = nudge(grid, 20)
    assert later.beats == tuple(min(t + 0.02, 10.0) for t in grid.beats)
    assert len(later.downbeats) == len(grid.downbeats)
    earlier = nudge(grid, -30)
    assert earlier.beats[0] == 0.0  # 0.01 - 0.03 stops at the start
    assert earlier.downbeats[0] == 0.0
    assert_grid_ok(earlier)
    with pytest.raises(GridError, match="1000 ms"):
        nudge(grid, 1500)


def test_offbeat_moves_a_grid_found_on_the_after_beats_onto_the_beats() -> None:
    # the analysis put its beats a quarter of a second after a 120 BPM pulse from 0 s
    found = make_grid(120, 4, 10.0, offset=0.25, phase=1)
    fixed = to_offbeats(found)
    assert fixed.beats == pytest.approx(make_grid(120, 4, 10.0).beats)  # 0.0, 0.5, ... 10.0
    # each bar line moved with its beat: half a beat later (the beat before it is new)
    assert fixed.downbeats == pytest.approx([t + 0.25 for t in found.downbeats])
    assert_grid_ok(fixed)
    # twice is a whole beat later: the beats are the ones the grid had, where the song holds them
    again = to_offbeats(fixed)
    assert set(found.beats) <= set(again.beats) | {found.beats[-1]}


def test_offbeat_follows_a_drifting_tempo() -> None:
    found = make_grid(100, 3, 30.0, drift=0.05)
    fixed = to_offbeats(found)
    middles = [(a + b) / 2 for a, b in zip(found.beats, found.beats[1:], strict=False)]
    assert set(middles) <= set(fixed.beats)
    assert fixed.beats_per_bar == 3 and len(fixed.downbeats) >= len(found.downbeats) - 1


def test_beats_that_meet_at_an_end_become_one() -> None:
    grid = Grid((0.1, 0.3, 0.5, 0.7), (0.3,), 4, 1.0)
    moved = nudge(grid, -400)  # 0.1 and 0.3 both stop at 0
    assert moved.beats == (0.0, 0.5 - 0.4, 0.7 - 0.4)
    assert moved.downbeats == (0.0,)  # the downbeat survives the merge
    moved = nudge(grid, 600)  # 0.5 and 0.7 both stop at 1
    assert moved.beats == (0.1 + 0.6, 0.3 + 0.6, 1.0)


def test_set_beats_per_bar_counts_from_the_chosen_beat() -> None:
    grid = make_grid(120, 4, 20.0)
    waltz = set_beats_per_bar(grid, 3)
    assert waltz.beats_per_bar == 3 and indices(waltz) == list(range(0, len(grid.beats), 3))
    picked = set_beats_per_bar(grid, 3, first_downbeat=2.4)  # nearest beat: 2.5 s, beat 5
    assert indices(picked) == list(range(5, len(grid.beats), 3))  # beats before it are a pickup
    assert set_beats_per_bar(set_beats_per_bar(picked, 2), 3) == picked
    with pytest.raises(GridError, match="beats per bar"):
        set_beats_per_bar(grid, 17)
    empty = set_beats_per_bar(Grid((), (), 4, 5.0), 3)
    assert empty.beats_per_bar == 3 and empty.downbeats == ()
