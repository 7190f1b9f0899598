"""The beat grid a video is cut to, and the corrections a creator makes when the analysis
heard the tempo or the bar lines wrong.

A grid is beat times in seconds, the beats that start a bar (downbeats, always some of the
beats themselves, so a time taken from one list compares equal to the same time in the
other), the meter and the song's length. Every correction returns a new grid.

How bar lines follow a correction: the downbeats that survive it are kept as anchors and bars
of `beats_per_bar` beats are counted from them on to the end of the song. Nothing but a shift
adds bar lines before the first downbeat, so on regular bars doubling then halving the tempo,
or changing the meter and changing it back, gives the grid back; a shift counts bars back to
the start too, so shifting one way and then the other does. The meter stays the same when the
tempo changes: a 4/4 song heard at half speed has bars of four fast beats once doubled, not of
eight. 6/8 is two beats per bar (the dotted quarter the ear and the beat tracker follow), 3/4
three and 4/4 four."""

import bisect
import math
import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the analysis package loads its audio stack on import; only its type is needed
    from app.analysis.result import Analysis

MIN_BPM, MAX_BPM = 20.0, 400.0  # a tempo change that leaves this range is a slip, not a correction
MAX_BEATS_PER_BAR = 16
MAX_NUDGE_MS = 1000.0  # a nudge fixes latency; moving the grid further is a different mistake


class GridError(ValueError):
    """A grid that cannot exist or a correction that cannot be made; the message says why."""


@dataclass(frozen=True)
class Grid:
    beats: tuple[float, ...]  # seconds, increasing, within [0, duration]
    downbeats: tuple[float, ...]  # the beats that start a bar
    beats_per_bar: int
    duration: float  # seconds

    def __post_init__(self) -> None:
        if not (math.isfinite(self.duration) and self.duration > 0):
            raise GridError(f"the song's duration must be positive, not {self.duration}")
        if not 1 <= self.beats_per_bar <= MAX_BEATS_PER_BAR:
            raise GridError(f"beats per bar must be 1 to {MAX_BEATS_PER_BAR}, not {self.beats_per_bar}")
        for i, t in enumerate(self.beats):
            if not (math.isfinite(t) and 0 <= t <= self.duration):
                raise GridError(f"beat {i + 1} at {t} s is outside the song (0 to {self.duration} s)")
            if i and t <= self.beats[i - 1]:
                raise GridError(
                    f"beat {i + 1} at {t} s does not come after beat {i} at {self.beats[i - 1]} s"
                )
        known = set(self.beats)
        for i, t in enumerate(self.downbeats):
            if t not in known:
                raise GridError(f"downbeat {i + 1} at {t} s is not a beat")
            if i and t <= self.downbeats[i - 1]:
                raise GridError(f"downbeat {i + 1} at {t} s does not come after downbeat {i}")

    @cached_property
    def tempo(self) -> float:
        """Beats per minute from the median beat step (robust to a few missed beats); 0 without one."""
        if len(self.beats) < 2:
            return 0.0
        return 60.0 / statistics.median(b - a for a, b in zip(self.beats, self.beats[1:], strict=False))

    @cached_property
    def shortest_step(self) -> float:
        """The shortest beat-to-beat step: what "one beat long" means for a section."""
        return min((b - a for a, b in zip(self.beats, self.beats[1:], strict=False)), default=0.0)

    def nearest(self, t: float, *, any_beat: bool = False) -> float | None:
        """The downbeat (or, with `any_beat` or when there are none, the beat) nearest `t`; the
        earlier one on a tie; None when the grid has no beats."""
        points = self.downbeats if self.downbeats and not any_beat else self.beats
        if not points:
            return None
        i = bisect.bisect_left(points, t)
        if i == 0:
            return points[0]
        if i == len(points):
            return points[-1]
        before, after = points[i - 1], points[i]
        return before if t - before <= after - t else after

    def downbeat_indices(self) -> list[int]:
        where = {t: i for i, t in enumerate(self.beats)}
        return [where[t] for t in self.downbeats]


def grid_from_analysis(analysis: "Analysis") -> Grid:
    """The grid the analysis found, carried over the song's edges. Beats outside the song are
    dropped and each downbeat is tied to its nearest beat, so a slightly inconsistent result
    still makes a valid grid. The analysis reports beats only where the music has attacks;
    a lead-in or a final chord ringing out gets the pulse of the beats next to it (bars
    counted on), so a cut can fall on the beat there too."""
    duration = float(analysis.duration)
    beats = sorted({float(t) for t in analysis.beats if math.isfinite(t) and 0 <= t <= duration})
    probe = Grid(tuple(beats), (), 1, duration)
    downbeats = sorted(
        {t for d in analysis.downbeats if (t := probe.nearest(float(d), any_beat=True)) is not None}
    )
    meter = min(max(int(analysis.beats_per_bar), 1), MAX_BEATS_PER_BAR)
    return _over_the_edges(Grid(tuple(beats), tuple(downbeats), meter, duration))


EDGE_STEPS = 4  # beat steps whose median is the pulse carried over an edge


def _over_the_edges(grid: Grid) -> Grid:
    beats = grid.beats
    if len(beats) <= EDGE_STEPS:
        return grid
    steps = [b - a for a, b in zip(beats, beats[1:], strict=False)]
    head, tail = statistics.median(steps[:EDGE_STEPS]), statistics.median(steps[-EDGE_STEPS:])
    # (a step that fits to within a microsecond still fits: the edge beat is then the edge)
    n_before, n_after = int(beats[0] / head + 1e-6), int((grid.duration - beats[-1]) / tail + 1e-6)
    before = [max(0.0, beats[0] - k * head) for k in range(n_before, 0, -1)]
    after = [min(grid.duration, beats[-1] + k * tail) for k in range(1, n_after + 1)]
    every = [*before, *beats, *after]
    lines = [i + len(before) for i in grid.downbeat_indices()]
    if lines:
        per = grid.beats_per_bar
        lines = [*range(lines[0] % per, lines[0], per), *lines, *range(lines[-1] + per, len(every), per)]
    return Grid(tuple(every), tuple(every[i] for i in lines), grid.beats_per_bar, grid.duration)


def double_tempo(grid: Grid) -> Grid:
    """A beat midway between every two: for a song the analysis heard at half its speed."""
    if grid.tempo * 2 > MAX_BPM:
        raise GridError(f"doubling would make {grid.tempo * 2:.0f} BPM; the grid allows up to {MAX_BPM:.0f}")
    beats: list[float] = []
    for a, b in zip(grid.beats, grid.beats[1:], strict=False):
        beats += [a, (a + b) / 2]
    beats += grid.beats[-1:]
    anchors = [2 * i for i in grid.downbeat_indices()]
    return _with_bars(beats, anchors, grid.beats_per_bar, grid.duration)


def halve_tempo(grid: Grid) -> Grid:
    """Every other beat, keeping the half (odd or even beats) that holds more of the downbeats;
    on a tie, the half holding the first downbeat."""
    if len(grid.beats) < 2:
        return grid
    if grid.tempo / 2 < MIN_BPM:
        raise GridError(f"halving would make {grid.tempo / 2:.0f} BPM; the grid allows down to {MIN_BPM:.0f}")
    indices = grid.downbeat_indices()
    odd = sum(i % 2 for i in indices)
    even = len(indices) - odd
    tie_break = indices[0] % 2 if indices else 0
    phase = int(odd > even) if odd != even else tie_break
    anchors = [i // 2 for i in indices if i % 2 == phase]
    return _with_bars(list(grid.beats[phase::2]), anchors, grid.beats_per_bar, grid.duration)


def shift_downbeats(grid: Grid, by: int) -> Grid:
    """Every bar line moved `by` beats later (negative: earlier), less than a bar either way."""
    if abs(by) >= grid.beats_per_bar:
        raise GridError(
            f"shift the bar lines by less than a bar (up to {grid.beats_per_bar - 1} beats either way), not {by}"
        )
    anchors = [i + by for i in grid.downbeat_indices()]
    return _with_bars(list(grid.beats), anchors, grid.beats_per_bar, grid.duration, backwards=True)


def to_offbeats(grid: Grid) -> Grid:
    """Every beat moved half a beat later, to the middle of its step: for a grid the analysis
    laid on the off-beats (a steady run of notes with nothing to tell its beat from its
    after-beat). Each bar line moves with its beat; a beat half a step before the first keeps
    the grid reaching the song's start, and the last beat moves only if the song reaches its
    new place. Applied twice, the beats are the same as before (a bar line a beat later)."""
    beats = grid.beats
    if len(beats) < 2:
        return grid
    middles = [(a + b) / 2 for a, b in zip(beats, beats[1:], strict=False)]
    first_step, last_step = beats[1] - beats[0], beats[-1] - beats[-2]
    head = [beats[0] - first_step / 2] if beats[0] - first_step / 2 >= 0 else []
    tail = [beats[-1] + last_step / 2] if beats[-1] + last_step / 2 <= grid.duration else []
    moved = [*head, *middles, *tail]
    anchors = [i + len(head) for i in grid.downbeat_indices() if i + len(head) < len(moved)]
    return _with_bars(moved, anchors, grid.beats_per_bar, grid.duration, backwards=True)


def nudge(grid: Grid, ms: float) -> Grid:
    """The whole grid moved by `ms` milliseconds. Beats pushed past either end of the song stop
    at it; beats that meet there become one (a downbeat when any of them was)."""
    if not (math.isfinite(ms) and abs(ms) <= MAX_NUDGE_MS):
        raise GridError(f"nudge by at most {MAX_NUDGE_MS:.0f} ms either way, not {ms}")
    offset = ms / 1000
    bar_starts = set(grid.downbeats)
    beats: list[float] = []
    downbeats: list[float] = []
    for t in grid.beats:
        moved = min(max(t + offset, 0.0), grid.duration)
        if not beats or moved > beats[-1]:
            beats.append(moved)
        if t in bar_starts and (not downbeats or downbeats[-1] != beats[-1]):
            downbeats.append(beats[-1])
    return Grid(tuple(beats), tuple(downbeats), grid.beats_per_bar, grid.duration)


def set_beats_per_bar(grid: Grid, beats_per_bar: int, first_downbeat: float | None = None) -> Grid:
    """Bars of `beats_per_bar` beats counted from the beat nearest `first_downbeat` (default: the
    current first downbeat, else the first beat); the beats before it are a pickup."""
    if not 1 <= beats_per_bar <= MAX_BEATS_PER_BAR:
        raise GridError(f"beats per bar must be 1 to {MAX_BEATS_PER_BAR}, not {beats_per_bar}")
    if not grid.beats:
        return Grid((), (), beats_per_bar, grid.duration)
    where = {t: i for i, t in enumerate(grid.beats)}
    if first_downbeat is not None:
        nearest = grid.nearest(first_downbeat, any_beat=True)
        anchor = where[nearest] if nearest is not None else 0
    else:
        anchor = where[grid.downbeats[0]] if grid.downbeats else 0
    return _with_bars(list(grid.beats), [anchor], beats_per_bar, grid.duration)


def _with_bars(
    beats: list[float],
    anchors: Iterable[int],
    beats_per_bar: int,
    duration: float,
    *,
    backwards: bool = False,
) -> Grid:
    lines = _bar_lines(anchors, beats_per_bar, len(beats), backwards=backwards)
    return Grid(tuple(beats), tuple(beats[i] for i in lines), beats_per_bar, duration)


def _bar_lines(anchors: Iterable[int], per_bar: int, count: int, *, backwards: bool) -> list[int]:
    """Downbeat indices through the anchor beats. An anchor no more than half a bar after the
    one kept before it is dropped (halving the tempo leaves bar lines half a bar apart); the
    beats between two anchors are cut into bars of `per_bar`, a remainder of more than half a
    bar making a short bar of its own and a smaller one lengthening the last; bars continue
    past the last anchor to the end and, if `backwards`, before the first to the start."""
    kept: list[int] = []
    for a in sorted({i for i in anchors if 0 <= i < count}):
        if not kept or 2 * (a - kept[-1]) > per_bar:
            kept.append(a)
    if not kept:
        return []
    lines = list(range(kept[0] % per_bar, kept[0], per_bar)) if backwards else []
    for a, b in zip(kept, kept[1:], strict=False):
        whole, rest = divmod(b - a, per_bar)
        bars = max(1, whole + (2 * rest > per_bar))
        lines += [a + k * per_bar for k in range(bars)]
    lines += range(kept[-1], count, per_bar)
    return lines
