"""Sections: suggestions from the analysis, the creator's edits, and the errors that name the
section at fault."""

from types import SimpleNamespace

import pytest

from app.videos.grid import Grid, halve_tempo, nudge
from app.videos.sections import (
    Section,
    SectionError,
    merge_sections,
    move_boundary,
    relabel_section,
    replace_sections,
    resnap_sections,
    set_section_note,
    snap,
    split_section,
    suggest_sections,
    validate_sections,
)
from tests.videos.timeline.helpers import assert_sections_ok, make_grid

# 120 BPM 4/4 from 0.25 s: beats every 0.5 s, bar lines at 0.25, 2.25, 4.25 … over 60 s.
GRID = make_grid(120, 4, 60.0, offset=0.25)
SONG = (
    Section(0.0, 8.25, "intro"),
    Section(8.25, 24.25, "verse"),
    Section(24.25, 40.25, "chorus", "neon rain"),
    Section(40.25, 60.0, "outro"),
)


def spans(*bounds: tuple[float, float, str]) -> list[SimpleNamespace]:
    return [SimpleNamespace(start=a, end=b, label=label) for a, b, label in bounds]


def test_the_example_song_is_valid() -> None:
    assert validate_sections(GRID, SONG) == SONG
    assert_sections_ok(GRID, SONG)


def test_snap_goes_to_the_nearest_downbeat_or_beat() -> None:
    assert snap(GRID, 9.0) == 8.25
    assert snap(GRID, 9.0, any_beat=True) == 8.75
    assert snap(GRID, 9.25) == 8.25  # a tie goes to the earlier bar line
    with pytest.raises(SectionError, match="finite"):
        snap(GRID, float("nan"))
    with pytest.raises(SectionError, match="no beats"):
        snap(Grid((), (), 4, 10.0), 3.0)


def test_replace_snaps_inner_boundaries_and_keeps_the_ends() -> None:
    sent = [
        Section(0.0004, 8.1, " intro ", " slow "),
        Section(8.1, 25.0, "verse"),
        Section(25.0, 59.9996, "outro"),
    ]
    got = replace_sections(GRID, sent)
    assert [(s.start, s.end) for s in got] == [(0.0, 8.25), (8.25, 24.25), (24.25, 60.0)]
    assert got[0].label == "intro" and got[0].note == "slow"
    assert_sections_ok(GRID, got)
    beats = replace_sections(GRID, sent, any_beat=True)
    assert [s.start for s in beats] == [0.0, 8.25, 24.75]  # 25.0 is midway: the earlier beat


@pytest.mark.parametrize(
    ("sent", "message"),
    [
        ([], "at least one section"),
        ([Section(1.0, 60.0, "A")], r"section 1 \(A\): starts at 1.000 s; the first section starts at 0"),
        (
            [Section(0.0, 59.0, "A")],
            r"section 1 \(A\): ends at 59.000 s; the last section ends with the song",
        ),
        (
            [Section(0.0, 20.0, "intro"), Section(20.0, 30.0, "verse"), Section(16.0, 60.0, "chorus")],
            r"section 2 \(verse\): ends before it starts|section 3 \(chorus\): starts at",
        ),
        (
            [Section(0.0, 20.0, "intro"), Section(30.0, 60.0, "verse")],
            r"section 2 \(verse\): starts at 30.250 s and leaves a gap after section 1",
        ),
        (
            [Section(0.0, 30.0, "intro"), Section(20.0, 60.0, "verse")],
            r"section 2 \(verse\): starts at 20.250 s and overlaps section 1",
        ),
        (
            [Section(0.0, 20.0, "intro"), Section(20.0, 20.5, "verse"), Section(20.5, 60.0, "chorus")],
            r"section 2 \(verse\): has zero length",
        ),
        ([Section(0.0, 20.0, "  "), Section(20.0, 60.0, "B")], r"section 1: the label is empty"),
        (
            [Section(0.0, 20.0, "x" * 21), Section(20.0, 60.0, "B")],
            r"section 1 \(x{19}…\): the label is longer than 20 characters",
        ),
        (
            [Section(0.0, 20.0, "A", "n" * 101), Section(20.0, 60.0, "B")],
            r"section 1 \(A\): the note is longer than 100 characters",
        ),
        (
            [Section(0.0, 60.0, "A\x00")],
            r"^section 1: the label contains a control character \(U\+0000\)$",
        ),
        ([Section(0.0, 60.0, "A", "two\nlines")], r"the note contains a control character \(U\+000A\)"),
    ],
)
def test_replace_names_the_section_at_fault(sent: list[Section], message: str) -> None:
    with pytest.raises(SectionError, match=message) as caught:
        replace_sections(GRID, sent)
    if sent:
        assert str(caught.value).startswith("section ")
        number = int(str(caught.value).split()[1].rstrip(":"))
        assert caught.value.index == number - 1


def test_replace_names_the_section_for_a_time_that_is_no_number_or_has_no_beat_to_go_to() -> None:
    nan = float("nan")
    with pytest.raises(SectionError, match=r"^section 2 \(B\): its times must be finite numbers$"):
        replace_sections(GRID, [Section(0.0, 30.0, "A"), Section(nan, 60.0, "B")])
    with pytest.raises(
        SectionError, match=r"^section 2 \(B\): cannot start anywhere: the song has no beats$"
    ):
        replace_sections(Grid((), (), 4, 60.0), [Section(0.0, 30.0, "A"), Section(30.0, 60.0, "B")])
    assert replace_sections(Grid((), (), 4, 60.0), [Section(0, 60, "A")]) == (Section(0.0, 60.0, "A"),)


def test_ends_before_it_starts() -> None:
    sent = [Section(0.0, 20.0, "intro"), Section(30.0, 16.0, "chorus"), Section(16.0, 60.0, "outro")]
    with pytest.raises(SectionError, match=r"^section 2 \(chorus\): ends before it starts$"):
        replace_sections(GRID, sent)


def test_validate_refuses_a_boundary_off_the_grid_and_a_section_under_a_beat() -> None:
    with pytest.raises(SectionError, match=r"section 2 \(B\): starts at 8.750 s, which is not a downbeat"):
        validate_sections(GRID, [Section(0.0, 8.75, "A"), Section(8.75, 60.0, "B")])
    assert validate_sections(GRID, [Section(0.0, 8.75, "A"), Section(8.75, 60.0, "B")], any_beat=True)
    with pytest.raises(SectionError, match=r"section 1 \(A\): is shorter than one beat \(0.250 s\)"):
        validate_sections(GRID, [Section(0.0, 0.25, "A"), Section(0.25, 60.0, "B")])
    # The only section may be as short as the song.
    tiny = Grid((0.1,), (0.1,), 4, 0.3)
    assert validate_sections(tiny, [Section(0.0, 0.3, "A")])


def test_split_at_a_time_snaps_and_keeps_the_note_on_the_first_part() -> None:
    got = split_section(GRID, SONG, 31.0)
    assert [(s.start, s.end, s.label, s.note) for s in got[2:4]] == [
        (24.25, 30.25, "chorus", "neon rain"),
        (30.25, 40.25, "chorus", ""),
    ]
    assert_sections_ok(GRID, got)
    got = split_section(GRID, SONG, 31.0, label=" drop ", any_beat=True)
    assert (got[3].start, got[3].label) == (30.75, "drop")


def test_split_errors() -> None:
    with pytest.raises(SectionError, match=r"section 3 \(chorus\): already starts at 24.250 s"):
        split_section(GRID, SONG, 24.0)
    with pytest.raises(SectionError, match=r"section 1 \(A\): starts at 0.000 s, an end of the song"):
        split_section(Grid((0.0, 1.0), (0.0,), 4, 2.0), (Section(0.0, 2.0, "A"),), 0.2)
    # A split a beat away from the start of the last section leaves an intro under a beat.
    grid = make_grid(120, 4, 10.0, offset=0.25)
    with pytest.raises(SectionError, match=r"section 1 \(A\): is shorter than one beat"):
        split_section(grid, (Section(0.0, 10.0, "A"),), 0.3)


def test_merge_joins_with_the_next() -> None:
    got = merge_sections(GRID, SONG, 1)
    assert got[1] == Section(8.25, 40.25, "verse", "neon rain")  # the second's note when the first has none
    assert len(got) == 3
    assert merge_sections(GRID, SONG, 2)[2] == Section(24.25, 60.0, "chorus", "neon rain")
    with pytest.raises(SectionError, match=r"section 4 \(outro\): is the last section"):
        merge_sections(GRID, SONG, 3)
    with pytest.raises(SectionError, match="there is no section 9"):
        merge_sections(GRID, SONG, 8)
    with pytest.raises(SectionError, match="there is no section 0"):
        merge_sections(GRID, SONG, -1)


def test_move_boundary_snaps_and_names_the_section_it_breaks() -> None:
    got = move_boundary(GRID, SONG, 2, 21.9)
    assert (got[1].end, got[2].start) == (22.25, 22.25)
    assert_sections_ok(GRID, got)
    with pytest.raises(SectionError, match=r"^section 2 \(verse\): ends before it starts$"):
        move_boundary(GRID, SONG, 2, 4.0)
    with pytest.raises(SectionError, match=r"^section 3 \(chorus\): ends before it starts$"):
        move_boundary(GRID, SONG, 2, 50.0)
    with pytest.raises(SectionError, match=r"^section 2 \(verse\): has zero length$"):
        move_boundary(GRID, SONG, 2, 8.0)
    with pytest.raises(SectionError, match=r"section 1 \(intro\): starts with the song"):
        move_boundary(GRID, SONG, 0, 4.0)


def test_relabel_and_note() -> None:
    got = relabel_section(GRID, SONG, 3, "  coda ")
    assert got[3].label == "coda" and got[:3] == SONG[:3]
    got = set_section_note(GRID, got, 0, " slow dolly over water ")
    assert got[0].note == "slow dolly over water"
    with pytest.raises(SectionError, match=r"section 4: the label is empty"):
        relabel_section(GRID, SONG, 3, " ")
    with pytest.raises(SectionError, match=r"section 1 \(intro\): the note is longer than 100"):
        set_section_note(GRID, SONG, 0, "x" * 101)
    assert set_section_note(GRID, SONG, 2, "")[2].note == ""


def test_text_edits_leave_boundaries_made_on_any_beat_alone() -> None:
    on_beats = replace_sections(GRID, [Section(0.0, 8.75, "A"), Section(8.75, 60.0, "B")], any_beat=True)
    assert relabel_section(GRID, on_beats, 1, "C")[1].start == 8.75
    assert merge_sections(GRID, on_beats, 0) == (Section(0.0, 60.0, "A"),)


def test_resnap_follows_a_corrected_grid() -> None:
    moved = nudge(GRID, 40)
    got = resnap_sections(moved, SONG)
    assert [s.start for s in got] == [0.0, 8.25 + 0.04, 24.25 + 0.04, 40.25 + 0.04]
    assert [s.label for s in got] == [s.label for s in SONG] and got[2].note == "neon rain"
    assert_sections_ok(moved, got)


def test_resnap_merges_sections_that_collapse() -> None:
    one_bar = (Section(0.0, 8.25, "A"), Section(8.25, 10.25, "B", "b"), Section(10.25, 60.0, "C", "c"))
    halved = halve_tempo(GRID)  # bar lines now every 4 s: 0.25, 4.25, 8.25, 12.25 …
    got = resnap_sections(halved, one_bar)
    assert [(s.start, s.label, s.note) for s in got] == [(0.0, "A", ""), (8.25, "B", "b")]
    assert_sections_ok(halved, got)


def test_suggest_keeps_a_well_shaped_analysis() -> None:
    got = suggest_sections(
        GRID,
        spans(
            (0, 8.2, "intro"),
            (8.2, 16.3, "verse"),
            (16.3, 32.2, "chorus"),
            (32.2, 48.3, "verse"),
            (48.3, 60, "outro"),
        ),
    )
    assert [(s.start, s.label) for s in got] == [
        (0.0, "intro"),
        (8.25, "verse"),
        (16.25, "chorus"),
        (32.25, "verse"),
        (48.25, "outro"),
    ]


def test_suggest_folds_a_section_too_short_for_a_clip_into_its_shorter_neighbour() -> None:
    got = suggest_sections(
        GRID,
        spans(
            (0, 2.3, "intro"),  # 2.25 s once snapped: joins the verse, whose label wins (it is longer)
            (2.3, 12.2, "verse"),
            (12.2, 14.2, "A"),  # 2 s: joins the chorus (6 s) rather than the verse (10 s)
            (14.2, 20.3, "chorus"),
            (20.3, 40.2, "verse"),
            (40.2, 60, "outro"),
        ),
    )
    # Four remain, so the longest (the second verse) is split at its middle bar line.
    assert [(s.start, s.end, s.label) for s in got] == [
        (0.0, 12.25, "verse"),
        (12.25, 20.25, "chorus"),
        (20.25, 30.25, "verse"),
        (30.25, 40.25, "verse"),
        (40.25, 60.0, "outro"),
    ]


def test_suggest_merges_down_to_seven_same_labels_first() -> None:
    grid = make_grid(120, 4, 200.0, offset=0.25)
    bounds = [0, 20.25, 30.25, 40.25, 60.25, 70.25, 80.25, 100.25, 110.25, 150.25, 160.25, 200]
    labels = ["intro", "verse", "verse", "chorus", "bridge", "A", "chorus", "chorus", "verse", "B", "outro"]
    got = suggest_sections(grid, spans(*zip(bounds, bounds[1:], labels, strict=False)))
    assert len(got) == 7
    assert [s.label for s in got] == ["intro", "verse", "chorus", "bridge", "chorus", "verse", "outro"]
    assert_sections_ok(grid, got)


def test_suggest_splits_up_to_five_at_bar_lines_near_the_middle() -> None:
    grid = make_grid(120, 4, 180.0, offset=0.25)
    got = suggest_sections(grid, spans((0, 60.2, "A"), (60.2, 180, "B")))
    assert [(s.start, s.label) for s in got] == [
        (0.0, "A"),
        (30.25, "A"),
        (60.25, "B"),
        (90.25, "B"),
        (120.25, "B"),
    ]
    assert_sections_ok(grid, got)


def test_suggest_leaves_a_short_song_with_fewer() -> None:
    grid = make_grid(120, 4, 30.0)
    got = suggest_sections(grid, spans((0, 30, "A")))
    # 30 s splits at 14 s (15 s is midway between bar lines: the earlier), then 16 s into 8 + 8;
    # no half may be under 8 s, so it stops at three.
    assert [(s.start, s.end) for s in got] == [(0.0, 14.0), (14.0, 22.0), (22.0, 30.0)]
    assert suggest_sections(Grid((), (), 4, 30.0), spans((0, 30, "A"))) == (Section(0.0, 30.0, "A"),)
    assert suggest_sections(grid, []) == (Section(0.0, 30.0, "A"),)
