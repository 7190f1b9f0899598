"""Randomised checks of the whole timeline: made-up songs from 60 to 190 BPM in 6/8 (two dotted
beats a bar), 3/4 and 4/4, with tempo drift, timing wobble, a pickup and now and then a bar
the beat tracker made a beat too long; random grid corrections and section edits; then the
clip plan. Hypothesis runs derandomised (the same cases every run) and stores nothing."""

from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.videos import timeline as tl
from app.videos.clips import EnergyCurve, LyricLine, plan_clips
from app.videos.grid import Grid, GridError
from app.videos.sections import Section, SectionError
from tests.videos.timeline.helpers import assert_clips_ok, assert_grid_ok, assert_sections_ok, make_beats

CASES = settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
LABELS = ("intro", "verse", "chorus", "bridge", "outro", "A", "B", "C")


@st.composite
def grids(draw: st.DrawFn) -> Grid:
    bpm = draw(st.floats(60, 190))
    meter = draw(st.sampled_from([2, 3, 4]))
    duration = draw(st.floats(20, 150))
    beats = make_beats(
        bpm,
        duration,
        offset=draw(st.floats(0, 0.99)) * 60 / bpm,
        drift=draw(st.floats(-0.1, 0.1)),
        jitter=draw(st.sampled_from([0.0, 0.004, 0.015])),
        seed=draw(st.integers(0, 1000)),
    )
    lines = list(range(draw(st.integers(0, meter - 1)), len(beats), meter))
    if draw(st.booleans()) and len(lines) > 3:  # one bar a beat too long from there on
        k = draw(st.integers(1, len(lines) - 1))
        lines = lines[:k] + [i + 1 for i in lines[k:] if i + 1 < len(beats)]
    return Grid(tuple(beats), tuple(beats[i] for i in lines), meter, duration)


@st.composite
def songs(draw: st.DrawFn) -> tuple[Grid, tuple[Section, ...]]:
    """A grid and sections: the analysis' suggestion, then a few random edits."""
    grid = draw(grids())
    cuts = sorted(draw(st.lists(st.floats(0, grid.duration), max_size=12)))
    bounds = [0.0, *cuts, grid.duration]
    spans = [Section(a, b, draw(st.sampled_from(LABELS))) for a, b in zip(bounds, bounds[1:], strict=False)]
    sections = tl.suggest_sections(grid, spans)
    assert_sections_ok(grid, sections)
    for _ in range(draw(st.integers(0, 8))):
        sections = apply_edit(grid, sections, draw(edits()))
    return grid, sections


def edits() -> st.SearchStrategy[tuple[str, float, int, bool]]:
    kinds = st.sampled_from(["split", "merge", "move", "relabel", "note", "replace"])
    return st.tuples(kinds, st.floats(-0.05, 1.05), st.integers(0, 30), st.booleans())


def apply_edit(
    grid: Grid, sections: tuple[Section, ...], edit: tuple[str, float, int, bool]
) -> tuple[Section, ...]:
    """The edit, checked: a success obeys every rule, a refusal names what it refused."""
    kind, share, number, any_beat = edit
    t, i = share * grid.duration, number % (len(sections) + 1)  # one index past the end, now and then
    try:
        if kind == "split":
            got = tl.split_section(grid, sections, t, any_beat=any_beat, label=LABELS[number % len(LABELS)])
            new = set(s.start for s in got) - set(s.start for s in sections)
            assert len(new) == 1 and new <= set(grid.beats if any_beat else grid.downbeats)
        elif kind == "merge":
            got = tl.merge_sections(grid, sections, i)
            assert len(got) == len(sections) - 1
        elif kind == "move":  # a drag of up to 10 s either way
            near = sections[i].start + (share - 0.5) * 20 if i < len(sections) else t
            got = tl.move_boundary(grid, sections, i, near, any_beat=any_beat)
            assert got[i].start in (grid.beats if any_beat else grid.downbeats)
        elif kind == "relabel":
            got = tl.relabel_section(grid, sections, i, LABELS[number % len(LABELS)])
        elif kind == "note":
            got = tl.set_section_note(grid, sections, i, "slow pan " * (number % 12))
        else:  # what a client sends back after showing times to the millisecond
            sent = [replace(s, start=round(s.start, 3), end=round(s.end, 3)) for s in sections]
            got = tl.replace_sections(grid, sent, any_beat=True)
            assert got == sections
    except SectionError as error:
        message = str(error)
        assert message.startswith("section ") or message.startswith("there is no section")
        if message.startswith("section "):
            assert error.index == int(message.split()[1].rstrip(":")) - 1
        return sections
    assert_sections_ok(grid, got, any_beat=True)
    return got


@CASES
@given(
    grids(),
    st.lists(
        st.tuples(
            st.sampled_from(["double", "halve", "shift", "offbeat", "nudge", "meter"]), st.integers(-3, 3)
        ),
        max_size=6,
    ),
)
def test_grid_corrections_keep_a_valid_grid(grid: Grid, steps: list[tuple[str, int]]) -> None:
    assert_grid_ok(grid)
    for kind, amount in steps:
        try:
            if kind == "double":
                new = tl.double_tempo(grid)
                assert len(new.beats) == max(2 * len(grid.beats) - 1, len(grid.beats))
                assert set(grid.beats) <= set(new.beats)
                if regular(grid):  # an irregular bar becomes whole bars of fast beats: no way back
                    assert tl.halve_tempo(new) == grid
            elif kind == "halve":
                new = tl.halve_tempo(grid)
                assert new.beats in (grid.beats[0::2], grid.beats[1::2])
                assert set(new.downbeats) & set(grid.downbeats) or not grid.downbeats
            elif kind == "shift":
                new = tl.shift_downbeats(grid, amount)
                assert new.beats == grid.beats
                if regular(grid):
                    assert tl.shift_downbeats(new, -amount) == grid
            elif kind == "offbeat":
                new = tl.to_offbeats(grid)
                assert {(a + b) / 2 for a, b in zip(grid.beats, grid.beats[1:], strict=False)} <= set(
                    new.beats
                )
                assert len(grid.beats) - 1 <= len(new.beats) <= len(grid.beats) + 1
            elif kind == "nudge":
                new = tl.nudge(grid, amount * 7.5)
                inside = [
                    t + amount * 0.0075 for t in grid.beats if 0 <= t + amount * 0.0075 <= grid.duration
                ]
                assert set(inside) <= set(new.beats)
            else:
                first = len(grid.beats) // 3
                new = tl.set_beats_per_bar(grid, abs(amount) + 2, grid.beats[first] if grid.beats else None)
                assert new.downbeat_indices() == list(range(first, len(grid.beats), abs(amount) + 2))
        except GridError as error:
            assert "BPM" in str(error) or "less than a bar" in str(error)
            continue
        assert_grid_ok(new)
        assert new.duration == grid.duration
        grid = new


def regular(grid: Grid) -> bool:
    """Bar lines every beats_per_bar beats from within the first bar."""
    lines = grid.downbeat_indices()
    return (
        bool(lines)
        and lines == list(range(lines[0], len(grid.beats), grid.beats_per_bar))
        and lines[0] < grid.beats_per_bar
    )


@CASES
@given(songs(), st.lists(edits(), max_size=10))
def test_section_edits_keep_exact_coverage(song: tuple[Grid, tuple[Section, ...]], script: list) -> None:
    grid, sections = song
    for edit in script:
        sections = apply_edit(grid, sections, edit)


@CASES
@given(songs(), st.sampled_from(["double", "halve", "shift", "offbeat", "nudge", "meter"]))
def test_sections_follow_a_grid_correction(song: tuple[Grid, tuple[Section, ...]], kind: str) -> None:
    grid, sections = song
    try:
        corrected = {
            "double": lambda: tl.double_tempo(grid),
            "halve": lambda: tl.halve_tempo(grid),
            "shift": lambda: tl.shift_downbeats(grid, 1 if grid.beats_per_bar > 1 else 0),
            "offbeat": lambda: tl.to_offbeats(grid),
            "nudge": lambda: tl.nudge(grid, -25),
            "meter": lambda: tl.set_beats_per_bar(grid, 3),
        }[kind]()
    except GridError:
        return
    moved = tl.resnap_sections(corrected, sections)
    assert_sections_ok(corrected, moved)
    assert len(moved) <= len(sections)


@CASES
@given(songs(), st.integers(0, 1000), st.lists(st.tuples(st.floats(0, 1), st.floats(0, 0.1)), max_size=20))
def test_clip_plans_obey_the_rules(song: tuple[Grid, tuple[Section, ...]], seed: int, sung: list) -> None:
    grid, sections = song
    values = tuple(((i * 7919 + seed) % 101) / 100 for i in range(len(grid.beats)))
    energy = EnergyCurve(grid.beats, values)
    lyrics = tuple(
        LyricLine(a * grid.duration, (a + d) * grid.duration, f"line {k}") for k, (a, d) in enumerate(sung)
    )
    clips = plan_clips(grid, sections, energy, lyrics)
    # Beats here are never more than ~1 s apart and songs last 20 s or more, so no clip may
    # fall outside 3-10 s; the section rules are checked in assert_clips_ok.
    assert_clips_ok(grid, sections, clips, energy, lyrics)
    assert plan_clips(grid, sections, energy, lyrics) == clips
