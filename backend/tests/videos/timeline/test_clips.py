"""The clip plan on songs where the right answer is known: phrasing by bars, energy setting the
pace, short sections riding along, lyrics, and the edge cases the rules allow."""

import pytest

from app.videos.clips import EnergyCurve, LyricLine, plan_clips, target_length
from app.videos.grid import Grid, double_tempo
from app.videos.sections import Section, SectionError, replace_sections
from tests.videos.timeline.helpers import assert_clips_ok, flat_energy, make_grid

WHOLE = 40.0
GRID = make_grid(120, 4, WHOLE)  # beats every 0.5 s, bars of 2 s from 0


def lengths(grid: Grid, sections: tuple[Section, ...], energy: EnergyCurve) -> list[float]:
    clips = plan_clips(grid, sections, energy)
    assert_clips_ok(grid, sections, clips, energy)
    return [c.duration for c in clips]


def test_target_length_follows_energy() -> None:
    assert target_length(0.0) == target_length(0.5) == 8.0
    assert target_length(0.9) == target_length(1.0) == 4.0
    assert target_length(0.7) == pytest.approx(6.0)


def test_intense_music_gets_two_bar_clips_and_calm_music_four_bar_ones() -> None:
    song = (Section(0.0, WHOLE, "A"),)
    assert lengths(GRID, song, flat_energy(GRID, 1.0)) == [4.0] * 10  # 2 bars at 120 BPM
    assert lengths(GRID, song, flat_energy(GRID, 0.3)) == [8.0] * 5  # 4 bars


def test_energy_within_a_section_changes_the_pace() -> None:
    values = tuple(1.0 if t < 16 else 0.2 for t in GRID.beats)
    assert (
        lengths(GRID, (Section(0.0, WHOLE, "A"),), EnergyCurve(GRID.beats, values)) == [4.0] * 4 + [8.0] * 3
    )


@pytest.mark.parametrize(("bpm", "meter", "bar_counts"), [(100, 3, {2, 4}), (60, 4, {1, 2}), (75, 2, {4})])
def test_clips_are_whole_phrases_of_bars(bpm: float, meter: int, bar_counts: set[int]) -> None:
    # 3/4 at 100 BPM: 2 bars = 3.6 s, 4 = 7.2 s; 4/4 at 60: 1 bar = 4 s, 2 = 8 s; 6/8 (two dotted
    # beats a bar) at 75: 4 bars = 6.4 s, the only power of two in 3-10 s. 16 bars long.
    bar = 60 / bpm * meter
    grid = make_grid(bpm, meter, 16 * bar)
    for energy in (0.2, 0.7, 1.0):
        for length in lengths(grid, (Section(0.0, grid.duration, "A"),), flat_energy(grid, energy)):
            assert round(length / bar) in bar_counts and length == pytest.approx(round(length / bar) * bar)


def test_a_phrase_starts_with_the_section() -> None:
    # 12 s = 6 bars of calm music: 4 + 2 bars, so the 4-bar phrase starts on the section's first bar.
    song = replace_sections(GRID, [Section(0.0, 12.0, "A"), Section(12.0, WHOLE, "B")])
    assert lengths(GRID, song, flat_energy(GRID, 0.3))[:2] == [8.0, 4.0]


def test_every_section_gets_its_own_clips() -> None:
    song = replace_sections(
        GRID, [Section(0.0, 9.0, "intro"), Section(9.0, 27.0, "verse"), Section(27, WHOLE, "out")]
    )
    energy = flat_energy(GRID, 0.8)
    clips = plan_clips(GRID, song, energy)
    assert_clips_ok(GRID, song, clips, energy)
    for i, s in enumerate(song):
        own = [c for c in clips if c.section_index == i]
        assert own[0].start == s.start and own[-1].end == s.end
        assert sum(c.end - c.start for c in own) == pytest.approx(s.end - s.start)
        assert all(c.section_label == s.label and c.sections == (i,) for c in own)


def test_a_pickup_before_the_first_bar_rides_in_the_first_clip() -> None:
    grid = make_grid(120, 4, 30.0, offset=0.9)
    song = replace_sections(grid, [Section(0.0, 0.9, "intro"), Section(0.9, 30.0, "verse")])
    energy = flat_energy(grid, 0.9)
    clips = plan_clips(grid, song, energy)
    assert_clips_ok(grid, song, clips, energy)
    first = clips[0]
    assert (first.start, first.end, first.section_index, first.section_label, first.sections) == (
        0.0,
        4.9,
        1,
        "verse",
        (0, 1),
    )


def test_a_short_break_between_sections_joins_one_side_whole() -> None:
    song = replace_sections(
        GRID, [Section(0.0, 12.0, "A"), Section(12.0, 14.0, "break"), Section(14.0, WHOLE, "B")]
    )
    energy = flat_energy(GRID, 0.9)
    clips = plan_clips(GRID, song, energy)
    assert_clips_ok(GRID, song, clips, energy)
    holder = next(c for c in clips if 1 in c.sections)
    # Two bars of A's end would cut into A's phrasing; the break leads into B's first phrase.
    assert (holder.start, holder.end, holder.section_index, holder.sections) == (12.0, 18.0, 2, (1, 2))


def test_a_song_of_short_sections_strings_them_together() -> None:
    grid = make_grid(120, 4, 14.0)
    song = tuple(Section(float(t), float(t + 2), "x") for t in range(0, 14, 2))
    energy = flat_energy(grid, 0.9)
    clips = plan_clips(grid, song, energy)
    assert_clips_ok(grid, song, clips, energy)
    assert [c.sections for c in clips] == [(0, 1), (2, 3), (4, 5, 6)]


def test_a_song_under_three_seconds_is_one_clip() -> None:
    grid = Grid((0.5, 1.0, 1.5, 2.0), (0.5,), 4, 2.4)
    song = (Section(0.0, 1.0, "a"), Section(1.0, 2.4, "b"))
    energy = flat_energy(grid)
    clips = plan_clips(grid, song, energy)
    assert_clips_ok(grid, song, clips, energy, lengths_in_range=False)
    assert [(c.start, c.end, c.section_index, c.sections) for c in clips] == [(0.0, 2.4, 1, (0, 1))]


def test_a_long_stretch_without_beats_gets_as_close_as_it_can() -> None:
    keep = [t for t in GRID.beats if not 12 < t < 30]
    grid = Grid(tuple(keep), tuple(t for t in GRID.downbeats if t in keep), 4, WHOLE)
    song = (Section(0.0, WHOLE, "A"),)
    energy = flat_energy(grid, 0.9)
    clips = plan_clips(grid, song, energy)
    assert_clips_ok(grid, song, clips, energy, lengths_in_range=False)
    assert [(c.start, c.end) for c in clips] == [(0, 4), (4, 8), (8, 12), (12, 30), (30, 36), (36, 40)]


def test_energy_is_the_mean_over_the_clips_beats_even_on_a_corrected_grid() -> None:
    values = tuple((i % 4) / 4 for i in range(len(GRID.beats)))  # 0, .25, .5, .75 on each bar
    energy = EnergyCurve(GRID.beats, values)
    doubled = double_tempo(GRID)  # the curve stays on the analysis' beats
    song = (Section(0.0, WHOLE, "A"),)
    for grid in (GRID, doubled):
        clips = plan_clips(grid, song, energy)
        assert_clips_ok(grid, song, clips, energy)
        assert all(c.energy == pytest.approx(0.375) for c in clips)


def test_energy_curve_edges() -> None:
    curve = EnergyCurve((1.0, 2.0), (0.2, 0.6))
    assert curve.mean(0.0, 3.0) == pytest.approx(0.4)
    assert curve.mean(1.2, 1.8) == 0.2  # no beat inside: the span that holds it
    assert curve.mean(0.0, 0.5) == 0.2  # before the first beat: the first value
    assert EnergyCurve((), ()).mean(0.0, 5.0) == 0.0
    with pytest.raises(ValueError, match="2 energy times but 1 values"):
        EnergyCurve((1.0, 2.0), (0.5,))
    with pytest.raises(ValueError, match="must not decrease"):
        EnergyCurve((2.0, 1.0), (0.5, 0.5))


def test_lyrics_go_to_every_clip_they_overlap() -> None:
    lines = (
        LyricLine(9.0, 10.0, "second"),
        LyricLine(1.0, 3.0, "first"),
        LyricLine(7.0, 9.0, "across a cut"),
        LyricLine(12.0, 12.0, "an instant"),
        LyricLine(7.0, 8.0, "ends on the cut"),
    )
    song = (Section(0.0, WHOLE, "A"),)
    energy = flat_energy(GRID, 1.0)  # cuts every 4 s
    clips = plan_clips(GRID, song, energy, lines)
    assert_clips_ok(GRID, song, clips, energy, lines)
    texts = [[line.text for line in c.lyrics] for c in clips[:5]]
    assert texts == [
        ["first"],
        ["ends on the cut", "across a cut"],  # in order of start, then end
        ["across a cut", "second"],
        ["an instant"],
        [],
    ]


def test_the_plan_is_deterministic() -> None:
    grid = make_grid(137, 3, 90.0, offset=0.3, drift=0.06, jitter=0.01, seed=7)
    song = replace_sections(grid, [Section(0.0, 20, "A"), Section(20, 55, "B"), Section(55, 90.0, "C")])
    energy = EnergyCurve(grid.beats, tuple((i * 7 % 10) / 10 for i in range(len(grid.beats))))
    assert plan_clips(grid, song, energy) == plan_clips(grid, song, energy)


def test_sections_that_break_the_rules_are_refused() -> None:
    with pytest.raises(SectionError, match=r"section 2 \(B\): starts at 11.000 s and leaves a gap"):
        plan_clips(GRID, (Section(0.0, 10.0, "A"), Section(11.0, WHOLE, "B")), flat_energy(GRID))
