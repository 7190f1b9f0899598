"""The clip plan: the song cut into the clips a video is made of, one shot each.

Rules (the tests check them on random songs):
- A clip lasts 3–10 s and starts and ends on a beat or a section boundary, so consecutive
  clips share their boundary time exactly and a section's clips add up to it exactly.
- A section of 3 s or more has clips of its own: its start and end are clip boundaries.
- A section under 3 s (a pickup before the first downbeat, a one-bar break) is never cut:
  it rides along whole in the clip next to it, whichever neighbour's side gives the better
  plan, and that clip names both sections. A clip never reaches into two sections of 3 s or
  more. Only when every section is that short are they strung together on their own, and
  only a song under 3 s gets a clip under 3 s.
- Where the beats leave no way to obey the length range (a long stretch with no beat at all),
  the plan gets as close as it can rather than fail: this is the one other case of a clip
  outside 3–10 s.

Among the plans that obey the rules, the cheapest by these preferences wins:
- lengths of 4–8 s, near a target set by the clip's loudness: 4 s when intense, 8 s when calm;
- cuts on downbeats, clips of 1, 2, 4 or 8 bars (so at 120 BPM in 4/4, 2 bars = 4 s for the
  loud parts and 4 bars = 8 s for the quiet ones), starting on a multiple of their own length
  (up to 4 bars) from the section's first bar, so clips follow the song's phrases.
Costs grow with the clip's length so that the number of clips does not tilt the choice. The
plan is a shortest path over the candidate cuts, so it is the same for the same input."""

import bisect
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from app.videos.grid import Grid
from app.videos.sections import Section, validate_sections

MIN_CLIP, MAX_CLIP = 3.0, 10.0
SHORT, LONG = 4.0, 8.0  # preferred range: the targets for intense and for calm music
CALM, INTENSE = 0.5, 0.9  # energy at or below CALM aims for LONG, at or above INTENSE for SHORT
# Costs, in "seconds of a clip one e-fold off its target length" (see _cost).
OUTSIDE_PREFERRED = 1.0  # per second of clip, per second² outside 4–8 s
ODD_PHRASE = 2.0  # a clip of 3, 5, 6, 7 … bars
OFF_PHRASE = 1.0  # a phrase starting mid-way through a longer one
OFF_BAR = 6.0  # a cut on a beat that does not start a bar: worse than an odd phrase
OUT_OF_RANGE = 1000.0  # per second of clip, per second outside 3–10 s, when nothing else is possible


class LyricLine(NamedTuple):
    start: float
    end: float
    text: str


@dataclass(frozen=True)
class EnergyCurve:
    """The analysis' energy: values[i] (0..1) for the span from times[i] to the next time. The
    times are the analysis' own beats, so the curve stays right when the grid is corrected."""

    times: tuple[float, ...]
    values: tuple[float, ...]
    _sums: tuple[float, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if len(self.times) != len(self.values):
            raise ValueError(f"{len(self.times)} energy times but {len(self.values)} values")
        if any(b < a for a, b in zip(self.times, self.times[1:], strict=False)):
            raise ValueError("energy times must not decrease")
        sums = [0.0]
        for v in self.values:
            sums.append(sums[-1] + v)
        object.__setattr__(self, "_sums", tuple(sums))

    def index(self, t: float) -> int:
        return bisect.bisect_left(self.times, t)

    def mean(self, start: float, end: float) -> float:
        return self.mean_between(self.index(start), self.index(end))

    def mean_between(self, first: int, stop: int) -> float:
        """Mean of values[first:stop]; with none there, the value in force at times[first] (the
        span that holds it), or 0 for an empty curve."""
        if stop > first:
            return (self._sums[stop] - self._sums[first]) / (stop - first)
        if not self.values:
            return 0.0
        return self.values[max(first - 1, 0)]


@dataclass(frozen=True)
class Clip:
    index: int  # 0-based over the song
    start: float
    end: float
    section_index: int  # 0-based; the section of 3 s or more it belongs to (else the one it overlaps most)
    section_label: str
    energy: float  # mean of the energy values at the beats from start (included) to end (excluded)
    lyrics: tuple[LyricLine, ...]  # the lines sung during the clip, in order
    sections: tuple[int, ...]  # every section it overlaps: more than one when a short one rides along

    @property
    def duration(self) -> float:
        return self.end - self.start


class _Cut(NamedTuple):
    t: float
    bar: int | None  # index among the downbeats, None when not a downbeat
    energy_at: int  # EnergyCurve.index(t)
    hosts_started: int  # hosts of the group starting before t
    hosts_ended: int  # hosts of the group ending at or before t


def plan_clips(
    grid: Grid, sections: Sequence[Section], energy: EnergyCurve, lyrics: Sequence[LyricLine] = ()
) -> tuple[Clip, ...]:
    """Clips for the whole song, in order (see the module's docstring for the rules)."""
    sections = validate_sections(grid, sections, any_beat=True)
    hosts = {i for i, s in enumerate(sections) if s.duration >= MIN_CLIP}
    # Two long sections meeting is a boundary every plan keeps; between those, plan in one go.
    groups: list[list[int]] = [[0]]
    for i in range(1, len(sections)):
        if i in hosts and i - 1 in hosts:
            groups.append([i])
        else:
            groups[-1].append(i)
    bars = {t: i for i, t in enumerate(grid.downbeats)}
    spans: list[tuple[float, float]] = []
    for group in groups:
        spans += _plan_group(grid, sections, [i for i in group if i in hosts], group, bars, energy)
    lines = sorted(lyrics, key=lambda line: (line.start, line.end))
    return tuple(_clip(k, a, b, sections, hosts, energy, lines) for k, (a, b) in enumerate(spans))


def _plan_group(
    grid: Grid,
    sections: Sequence[Section],
    hosts: list[int],
    group: list[int],
    bars: dict[float, int],
    energy: EnergyCurve,
) -> list[tuple[float, float]]:
    times = [sections[group[0]].start]
    for i in group:
        s = sections[i]
        if i != group[0]:
            times.append(s.start)
        if i in hosts:  # a short section is never cut inside
            lo, hi = bisect.bisect_right(grid.beats, s.start), bisect.bisect_left(grid.beats, s.end)
            times += grid.beats[lo:hi]
    times.append(sections[group[-1]].end)
    host_starts = [sections[h].start for h in hosts]
    host_ends = [sections[h].end for h in hosts]
    cuts = [
        _Cut(
            t,
            bars.get(t),
            energy.index(t),
            bisect.bisect_left(host_starts, t),
            bisect.bisect_right(host_ends, t),
        )
        for t in times
    ]
    first_bars = [bisect.bisect_left(grid.downbeats, sections[h].start) for h in hosts]
    path = _cheapest(cuts, first_bars, energy, strict=True) or _cheapest(
        cuts, first_bars, energy, strict=False
    )
    if path is None:  # cannot happen: without the length rule, cutting at every candidate is allowed
        raise RuntimeError(f"no clip plan for the sections from {times[0]} s to {times[-1]} s")
    return [(cuts[a].t, cuts[b].t) for a, b in zip(path, path[1:], strict=False)]


def _cheapest(
    cuts: list[_Cut], first_bars: list[int], energy: EnergyCurve, *, strict: bool
) -> list[int] | None:
    """The cheapest chain of cuts from the first to the last (indices), or None. Strict: every
    clip within 3–10 s. Otherwise any clip up to 10 s plus the widest gap between candidates."""
    times = [c.t for c in cuts]
    reach = MAX_CLIP if strict else MAX_CLIP + max(b - a for a, b in zip(times, times[1:], strict=False))
    best = [math.inf] * len(cuts)
    came_from = [-1] * len(cuts)
    best[0] = 0.0
    for j in range(1, len(cuts)):
        b = cuts[j]
        for i in range(bisect.bisect_left(times, b.t - reach), j):
            a = cuts[i]
            length = b.t - a.t
            if strict and length < MIN_CLIP:
                break  # later candidates are nearer still
            if best[i] == math.inf or length > reach:
                continue
            hosts = b.hosts_started - a.hosts_ended
            if hosts > 1:
                continue
            first_bar = first_bars[b.hosts_started - 1] if hosts == 1 else None
            total = best[i] + _cost(a, b, energy, first_bar, last=j == len(cuts) - 1)
            if total < best[j]:
                best[j], came_from[j] = total, i
    if best[-1] == math.inf:
        return None
    path = [len(cuts) - 1]
    while path[-1] != 0:
        path.append(came_from[path[-1]])
    return path[::-1]


def target_length(energy: float) -> float:
    """The clip length to aim for at this energy: 8 s when calm, 4 s when intense, linear between."""
    share = min(max((energy - CALM) / (INTENSE - CALM), 0.0), 1.0)
    return LONG - share * (LONG - SHORT)


def _cost(a: _Cut, b: _Cut, energy: EnergyCurve, first_bar: int | None, *, last: bool) -> float:
    length = b.t - a.t
    # log of the ratio: twice the target costs as much as half of it, per second of video
    cost = length * math.log(length / target_length(energy.mean_between(a.energy_at, b.energy_at))) ** 2
    cost += length * OUTSIDE_PREFERRED * max(SHORT - length, length - LONG, 0.0) ** 2
    cost += length * OUT_OF_RANGE * max(MIN_CLIP - length, length - MAX_CLIP, 0.0)
    if not last and b.bar is None:
        cost += OFF_BAR
    if a.bar is not None and b.bar is not None:
        count = b.bar - a.bar
        if count & (count - 1):
            cost += ODD_PHRASE
        elif first_bar is not None and (a.bar - first_bar) % min(count, 4):
            cost += OFF_PHRASE
    return cost


def _clip(
    index: int,
    start: float,
    end: float,
    sections: Sequence[Section],
    hosts: set[int],
    energy: EnergyCurve,
    lyrics: list[LyricLine],
) -> Clip:
    covered = tuple(i for i, s in enumerate(sections) if s.start < end and s.end > start)
    own = [i for i in covered if i in hosts]
    home = (
        own[0]
        if own
        else max(covered, key=lambda i: min(end, sections[i].end) - max(start, sections[i].start))
    )
    sung = tuple(line for line in lyrics if _overlaps(line, start, end))
    return Clip(index, start, end, home, sections[home].label, energy.mean(start, end), sung, covered)


def _overlaps(line: LyricLine, start: float, end: float) -> bool:
    if line.end <= line.start:  # an instant: it belongs to the clip it falls in
        return start <= line.start < end
    return line.start < end and line.end > start
