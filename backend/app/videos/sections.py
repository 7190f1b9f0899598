"""A song's sections (intro, verse, chorus …) as the creator shapes them: suggested from the
analysis, then split, merged, moved, relabelled, annotated or replaced wholesale.

The rules every result obeys (checked by `validate_sections`, which every edit ends with):
- the sections cover the song exactly: the first starts at 0, each starts where the one
  before ends, the last ends at the song's end;
- every inner boundary is a beat: a time the creator asks for snaps to the nearest downbeat
  (to the nearest beat with `any_beat=True`, or when the grid has no downbeats), the earlier
  on a tie; 0 and the song's end are never snapped. Boundaries placed on a beat stay valid
  through later edits made without the flag; `validate_sections(any_beat=False)` checks the
  stricter "every inner boundary is a downbeat" when that is wanted;
- no section is shorter than one beat (the grid's shortest beat step) unless it is the only one;
- a label is 1–20 characters, a note at most 100, both on one line.
A breach raises `SectionError` naming the section by its number (1 = first) and label, which
the API reports as a 422; `SectionError.index` is the same section counted from 0."""

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from app.videos.grid import Grid

MAX_LABEL, MAX_NOTE = 20, 100
EDGE_TOLERANCE = 0.001  # a client may send the song's ends rounded to the millisecond
SUGGESTED_COUNT = (5, 7)  # a video with fewer parts feels flat, with more, busy
MIN_SUGGESTED = 3.0  # seconds: a suggested section holds at least one clip
MIN_SPLIT_HALF = 8.0  # seconds: a section is split to reach 5 only if both halves are at least this
_REFUSED = {chr(c) for c in range(0x20) if chr(c) != "\t"} | {"\x7f"}


class SectionError(ValueError):
    """An edit that would break the rules; `index` is the section it names (0-based) or None."""

    def __init__(self, message: str, index: int | None = None) -> None:
        super().__init__(message)
        self.index = index


@dataclass(frozen=True)
class Section:
    start: float  # seconds
    end: float
    label: str  # intro / verse / chorus / bridge / outro / A / B … or the creator's own word
    note: str = ""  # the creator's direction for this part of the video

    @property
    def duration(self) -> float:
        return self.end - self.start


class Span(Protocol):
    """A section as the analysis reports it (`SectionInfo` fits)."""

    @property
    def start(self) -> float: ...
    @property
    def end(self) -> float: ...
    @property
    def label(self) -> str: ...


def _name(i: int, section: Section) -> str:
    """ "section 3 (chorus)"; the number alone when the label is empty or has control characters."""
    label = section.label if len(section.label) <= MAX_LABEL else section.label[: MAX_LABEL - 1] + "…"
    if not label.strip() or any(c in _REFUSED for c in label):
        return f"section {i + 1}"
    return f"section {i + 1} ({label})"


def _too_short(length: float, grid: Grid) -> bool:
    return length <= 0 or length < grid.shortest_step


def _fail(i: int, section: Section, problem: str) -> SectionError:
    return SectionError(f"{_name(i, section)}: {problem}", i)


def _text_problem(text: str, what: str, limit: int) -> str | None:
    if len(text) > limit:
        return f"{what} is longer than {limit} characters"
    bad = next((c for c in text if c in _REFUSED), None)
    return f"{what} contains a control character (U+{ord(bad):04X})" if bad is not None else None


def validate_sections(
    grid: Grid, sections: Sequence[Section], *, any_beat: bool = False
) -> tuple[Section, ...]:
    """The sections if they obey every rule (see the module's docstring); SectionError if not."""
    if not sections:
        raise SectionError("a song needs at least one section")
    points = set(grid.downbeats if grid.downbeats and not any_beat else grid.beats)
    kind = "downbeat" if grid.downbeats and not any_beat else "beat"
    last = len(sections) - 1
    for i, s in enumerate(sections):
        if not s.label.strip():
            raise SectionError(f"section {i + 1}: the label is empty", i)
        problem = _text_problem(s.label, "the label", MAX_LABEL) or _text_problem(
            s.note, "the note", MAX_NOTE
        )
        if problem:
            raise _fail(i, s, problem)
        if not (math.isfinite(s.start) and math.isfinite(s.end)):
            raise _fail(i, s, "its times must be finite numbers")
        if s.end < s.start:
            raise _fail(i, s, "ends before it starts")
        if s.end == s.start:
            raise _fail(i, s, "has zero length")
        if i == 0 and s.start != 0:
            raise _fail(i, s, f"starts at {s.start:.3f} s; the first section starts at 0")
        if i > 0 and s.start != sections[i - 1].end:
            gap = "leaves a gap after" if s.start > sections[i - 1].end else "overlaps"
            raise _fail(
                i, s, f"starts at {s.start:.3f} s and {gap} section {i} (ends at {sections[i - 1].end:.3f} s)"
            )
        if i > 0 and s.start not in points:
            raise _fail(i, s, f"starts at {s.start:.3f} s, which is not a {kind}")
        if i == last and s.end != grid.duration:
            raise _fail(
                i, s, f"ends at {s.end:.3f} s; the last section ends with the song at {grid.duration:.3f} s"
            )
        if last > 0 and s.end - s.start < grid.shortest_step:
            raise _fail(i, s, f"is shorter than one beat ({s.end - s.start:.3f} s)")
    # JSON may bring whole seconds as ints; downstream times are floats.
    return tuple(replace(s, start=float(s.start), end=float(s.end)) for s in sections)


def snap(grid: Grid, t: float, *, any_beat: bool = False) -> float:
    """The grid point a boundary asked for at `t` lands on."""
    if not math.isfinite(t):
        raise SectionError(f"a boundary must be a finite time, not {t}")
    point = grid.nearest(t, any_beat=any_beat)
    if point is None:
        raise SectionError("the song has no beats, so it cannot be divided into sections")
    return point


def replace_sections(
    grid: Grid, sections: Sequence[Section], *, any_beat: bool = False
) -> tuple[Section, ...]:
    """A whole new list (what a PUT sends): inner boundaries snap, labels and notes lose their
    surrounding spaces, the first start and last end must be the song's ends (within 1 ms)."""
    if not sections:
        raise SectionError("a song needs at least one section")
    if len(sections) > 1 and not grid.beats:
        raise _fail(1, sections[1], "cannot start anywhere: the song has no beats")
    out: list[Section] = []
    last = len(sections) - 1
    for i, s in enumerate(sections):
        start, end = s.start, s.end
        if not (math.isfinite(start) and math.isfinite(end)):
            raise _fail(i, s, "its times must be finite numbers")
        if i == 0:
            if not abs(start) <= EDGE_TOLERANCE:
                raise _fail(i, s, f"starts at {start:.3f} s; the first section starts at 0")
            start = 0.0
        else:
            start = snap(grid, start, any_beat=any_beat)
        if i == last:
            if not abs(end - grid.duration) <= EDGE_TOLERANCE:
                raise _fail(
                    i, s, f"ends at {end:.3f} s; the last section ends with the song at {grid.duration:.3f} s"
                )
            end = grid.duration
        else:
            end = snap(grid, end, any_beat=any_beat)
        out.append(Section(start, end, s.label.strip(), s.note.strip()))
    return _checked(grid, out)


def _at(sections: Sequence[Section], index: int) -> Section:
    if not 0 <= index < len(sections):
        raise SectionError(f"there is no section {index + 1} (the song has {len(sections)})", index)
    return sections[index]


def split_section(
    grid: Grid,
    sections: Sequence[Section],
    at: float,
    *,
    label: str | None = None,
    any_beat: bool = False,
) -> tuple[Section, ...]:
    """A new boundary at the grid point nearest `at`. The new second part takes `label` (default:
    the same label) and no note; the first part keeps the note."""
    t = snap(grid, at, any_beat=any_beat)
    for i, s in enumerate(sections):
        if t == s.start and i > 0:
            raise _fail(i, s, f"already starts at {t:.3f} s")
        if s.start < t < s.end:
            first = replace(s, end=t)
            second = Section(t, s.end, s.label if label is None else label.strip(), "")
            return _checked(grid, [*sections[:i], first, second, *sections[i + 1 :]])
    # The asked time snapped to an end of the song: name the section that end belongs to.
    i = 0 if t <= sections[0].start else len(sections) - 1
    raise _fail(
        i,
        sections[i],
        f"{'starts' if i == 0 else 'ends'} at {t:.3f} s, an end of the song; there is nothing to split there",
    )


def merge_sections(grid: Grid, sections: Sequence[Section], index: int) -> tuple[Section, ...]:
    """Section `index` and the one after it become one, with the first one's label, and its note
    (the second one's when the first has none)."""
    first = _at(sections, index)
    if index == len(sections) - 1:
        raise _fail(index, first, "is the last section; there is no next one to merge it with")
    second = sections[index + 1]
    merged = Section(first.start, second.end, first.label, first.note or second.note)
    return _checked(grid, [*sections[:index], merged, *sections[index + 2 :]])


def move_boundary(
    grid: Grid, sections: Sequence[Section], index: int, to: float, *, any_beat: bool = False
) -> tuple[Section, ...]:
    """Section `index` starts (and the one before ends) at the grid point nearest `to`."""
    s = _at(sections, index)
    if index == 0:
        raise _fail(index, s, "starts with the song; its start cannot move")
    t = snap(grid, to, any_beat=any_beat)
    moved = [*sections]
    moved[index - 1] = replace(sections[index - 1], end=t)
    moved[index] = replace(s, start=t)
    return _checked(grid, moved)


def relabel_section(grid: Grid, sections: Sequence[Section], index: int, label: str) -> tuple[Section, ...]:
    s = _at(sections, index)
    return _replace_one(grid, sections, index, replace(s, label=label.strip()))


def set_section_note(grid: Grid, sections: Sequence[Section], index: int, note: str) -> tuple[Section, ...]:
    s = _at(sections, index)
    return _replace_one(grid, sections, index, replace(s, note=note.strip()))


def _replace_one(
    grid: Grid, sections: Sequence[Section], index: int, section: Section
) -> tuple[Section, ...]:
    return _checked(grid, [*sections[:index], section, *sections[index + 1 :]])


def _checked(grid: Grid, sections: Sequence[Section]) -> tuple[Section, ...]:
    # Edits snap what they move; the boundaries they leave alone may sit on any beat.
    return validate_sections(grid, sections, any_beat=True)


def resnap_sections(
    grid: Grid, sections: Sequence[Section], *, any_beat: bool = False
) -> tuple[Section, ...]:
    """The sections on a corrected grid: each inner boundary moves to the nearest grid point. A
    boundary that would leave a section shorter than a beat (two landing on the same bar line
    after halving the tempo, say) is dropped, the two sections becoming one as in a merge."""
    kept: list[Section] = []
    for i, s in enumerate(sections):
        start = 0.0 if i == 0 else snap(grid, s.start, any_beat=any_beat)
        if kept and (_too_short(start - kept[-1].start, grid) or _too_short(grid.duration - start, grid)):
            prev = kept[-1]
            kept[-1] = replace(prev, note=prev.note or s.note)
        else:
            kept.append(Section(start, s.end, s.label, s.note))
    ends = [s.start for s in kept[1:]] + [grid.duration]
    return validate_sections(
        grid, [replace(s, end=e) for s, e in zip(kept, ends, strict=True)], any_beat=any_beat
    )


def suggest_sections(grid: Grid, spans: Sequence[Span]) -> tuple[Section, ...]:
    """Sections to start from, taken from the analysis and brought to 5–7 where the song allows.

    1. The analysis' boundaries snap to this grid's downbeats (the creator may have corrected it).
    2. A section shorter than 3 s cannot hold a clip of its own, so it joins a neighbour.
    3. While there are more than 7, two neighbours become one: a pair with the same label if
       there is one (the shortest such pair), else the shortest section and its shorter neighbour.
    4. While there are fewer than 5, the longest section that allows it is split at the downbeat
       nearest its middle, if both halves last at least 8 s; a short song keeps fewer.
    When two sections become one, it keeps the label of the longer of the two."""
    if not grid.beats or not spans:
        return (Section(0.0, grid.duration, "A"),)
    first = [Section(s.start, s.end, s.label.strip()[:MAX_LABEL] or "A") for s in spans]
    out = list(resnap_sections(grid, first))
    while len(out) > 1 and min(s.duration for s in out) < MIN_SUGGESTED:
        short = min(range(len(out)), key=lambda i: out[i].duration)
        out = _join(out, _shorter_neighbour(out, short))
    while len(out) > SUGGESTED_COUNT[1]:
        pairs = [i for i in range(len(out) - 1) if out[i].label == out[i + 1].label]
        if pairs:
            out = _join(out, min(pairs, key=lambda i: out[i].duration + out[i + 1].duration))
        else:
            shortest = min(range(len(out)), key=lambda i: out[i].duration)
            out = _join(out, _shorter_neighbour(out, shortest))
    while len(out) < SUGGESTED_COUNT[0]:
        split = _split_in_middle(grid, out)
        if split is None:
            break
        out = split
    return validate_sections(grid, out)


def _shorter_neighbour(sections: list[Section], i: int) -> int:
    """The index of the first of the pair that section i forms with its shorter neighbour."""
    if i == 0:
        return 0
    if i == len(sections) - 1:
        return i - 1
    return i - 1 if sections[i - 1].duration <= sections[i + 1].duration else i


def _join(sections: list[Section], i: int) -> list[Section]:
    a, b = sections[i], sections[i + 1]
    label = a.label if a.duration >= b.duration else b.label
    return [*sections[:i], Section(a.start, b.end, label), *sections[i + 2 :]]


def _split_in_middle(grid: Grid, sections: list[Section]) -> list[Section] | None:
    for i in sorted(range(len(sections)), key=lambda i: -sections[i].duration):
        s = sections[i]
        if s.duration < 2 * MIN_SPLIT_HALF:
            return None
        cut = grid.nearest((s.start + s.end) / 2)
        if cut is not None and s.start + MIN_SPLIT_HALF <= cut <= s.end - MIN_SPLIT_HALF:
            halves = [Section(s.start, cut, s.label), Section(cut, s.end, s.label)]
            return [*sections[:i], *halves, *sections[i + 1 :]]
    return None
