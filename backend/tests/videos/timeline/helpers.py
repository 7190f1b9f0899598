"""Songs made up for the timeline tests, and the invariants every grid, section list and clip
plan must satisfy (shared by the example tests and the randomised ones)."""

import random

from app.videos.clips import MAX_CLIP, MIN_CLIP, Clip, EnergyCurve, LyricLine
from app.videos.grid import Grid
from app.videos.sections import MAX_LABEL, MAX_NOTE, Section


def make_beats(
    bpm: float,
    duration: float,
    *,
    offset: float = 0.0,
    drift: float = 0.0,
    jitter: float = 0.0,
    seed: int = 0,
) -> list[float]:
    """Beats from `offset` to the end; the tempo changes by `drift` (e.g. 0.05 = 5 % slower by
    the end) and each step wobbles by up to `jitter` seconds, as a live band would."""
    rng = random.Random(seed)
    period, beats, t = 60.0 / bpm, [], offset
    while t <= duration:
        beats.append(t)
        t += period * (1 + drift * t / duration) + rng.uniform(-jitter, jitter)
    return beats


def make_grid(
    bpm: float,
    beats_per_bar: int,
    duration: float,
    *,
    offset: float = 0.0,
    phase: int = 0,
    drift: float = 0.0,
    jitter: float = 0.0,
    seed: int = 0,
) -> Grid:
    """A grid with a downbeat every `beats_per_bar` beats from beat `phase` (6/8 is 2 per bar)."""
    beats = make_beats(bpm, duration, offset=offset, drift=drift, jitter=jitter, seed=seed)
    return Grid(tuple(beats), tuple(beats[phase::beats_per_bar]), beats_per_bar, duration)


def flat_energy(grid: Grid, value: float = 0.7) -> EnergyCurve:
    return EnergyCurve(grid.beats, (value,) * len(grid.beats))


def assert_grid_ok(grid: Grid) -> None:
    assert all(0 <= t <= grid.duration for t in grid.beats)
    assert all(a < b for a, b in zip(grid.beats, grid.beats[1:], strict=False))
    assert set(grid.downbeats) <= set(grid.beats)
    assert list(grid.downbeats) == sorted(set(grid.downbeats))


def assert_sections_ok(grid: Grid, sections: tuple[Section, ...], *, any_beat: bool = False) -> None:
    points = set(grid.downbeats if grid.downbeats and not any_beat else grid.beats)
    assert sections, "no sections"
    assert sections[0].start == 0.0
    assert sections[-1].end == grid.duration
    for a, b in zip(sections, sections[1:], strict=False):
        assert a.end == b.start, (a, b)  # exact: no gap, no overlap
        assert b.start in points, b
    for s in sections:
        assert s.start < s.end
        if len(sections) > 1:
            assert s.end - s.start >= grid.shortest_step
        assert 0 < len(s.label) <= MAX_LABEL and s.label == s.label.strip()
        assert len(s.note) <= MAX_NOTE


def assert_clips_ok(
    grid: Grid,
    sections: tuple[Section, ...],
    clips: tuple[Clip, ...],
    energy: EnergyCurve,
    lyrics: tuple[LyricLine, ...] = (),
    *,
    lengths_in_range: bool = True,
) -> None:
    beats = set(grid.beats)
    edges = {s.start for s in sections} | {grid.duration}
    long = {i for i, s in enumerate(sections) if s.duration >= MIN_CLIP}
    assert [c.index for c in clips] == list(range(len(clips)))
    assert clips[0].start == 0.0 and clips[-1].end == grid.duration
    for a, b in zip(clips, clips[1:], strict=False):
        assert a.end == b.start, (a, b)  # exact shared boundary: lengths add up with no drift
        assert a.end in beats, a  # every cut is a beat time
    for c in clips:
        assert c.start in beats | edges and c.end in beats | edges
        assert c.start < c.end
        if lengths_in_range:
            assert MIN_CLIP <= c.duration <= MAX_CLIP, c
        overlapped = [i for i, s in enumerate(sections) if s.start < c.end and s.end > c.start]
        assert c.sections == tuple(overlapped)
        assert len([i for i in overlapped if i in long]) <= 1, c  # never reaches into two long sections
        assert c.section_index in overlapped and c.section_label == sections[c.section_index].label
        inside = [v for t, v in zip(energy.times, energy.values, strict=True) if c.start <= t < c.end]
        if inside:
            assert abs(c.energy - sum(inside) / len(inside)) < 1e-9
        sung = [
            line
            for line in lyrics
            if (line.start < c.end and line.end > c.start)
            or (line.start == line.end and c.start <= line.start < c.end)
        ]
        assert list(c.lyrics) == sorted(sung, key=lambda line: (line.start, line.end))
    for i, s in enumerate(sections):
        holders = [c for c in clips if c.start <= s.start and s.end <= c.end]
        if i in long:
            own = [c for c in clips if c.section_index == i]
            assert own and [c.index for c in own] == list(range(own[0].index, own[-1].index + 1))
            # Its clips cover it exactly, or reach past its ends only over short sections.
            assert own[0].start <= s.start and own[-1].end >= s.end
            for t in (own[0].start, own[-1].end):
                assert t in edges
            for j, other in enumerate(sections):
                if (
                    other.start < s.start
                    and other.end > own[0].start
                    or other.end > s.end
                    and other.start < own[-1].end
                ):
                    assert j not in long, (i, j)
        else:
            assert len(holders) == 1, (i, s)  # a short section is never cut
    if not any(s.duration < MIN_CLIP for s in sections):
        for i, s in enumerate(sections):
            own = [c for c in clips if c.section_index == i]
            assert own[0].start == s.start and own[-1].end == s.end
