"""Chapters for a music video's description, from its sections, following YouTube's rules:
the first chapter starts at 0:00, there are at least three, and each lasts at least 10 s.
Sections too short to be a chapter are merged into a neighbour (a repeated label that follows
itself is one chapter); when three chapters cannot be made, there are none. YouTube reads
whole seconds, so the rules are checked on the times as they are written."""

from dataclasses import dataclass

MIN_SECONDS = 10
MIN_CHAPTERS = 3
MAX_LABEL = 60
HEADING = "Chapters:"


@dataclass(frozen=True)
class Chapter:
    start: int  # whole seconds, as written
    label: str


def stamp(seconds: int) -> str:
    hours, rest = divmod(max(0, seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def _label(raw: object) -> str:
    text = " ".join(str(raw or "").replace("<", "").replace(">", "").split())
    text = text[:1].upper() + text[1:]
    return text[:MAX_LABEL].rstrip() or "Part"


def chapters(sections: list[dict], duration: float) -> list[Chapter]:
    """The chapters for these sections ([{start, end, label}]) of a video this long."""
    ordered = sorted(sections, key=lambda s: float(s["start"]))
    spans = [(round(float(s["start"])), round(float(s["end"])), _label(s.get("label"))) for s in ordered]
    end = int(duration)  # the last chapter must have 10 whole seconds before the end
    if not spans or end < MIN_CHAPTERS * MIN_SECONDS:
        return []
    merged: list[list] = []  # [start, label, seconds of the longest part, so far]
    for index, (start, stop, label) in enumerate(spans):
        start = 0 if index == 0 else start
        if start >= end:
            break
        if merged and (label == merged[-1][1] or start - merged[-1][0] < MIN_SECONDS):
            # The same part going on, or the previous chapter too short to stand alone: one
            # chapter, named after the longer of the parts in it.
            if stop - start > merged[-1][2]:
                merged[-1][1:] = [label, stop - start]
            continue
        merged.append([start, label, stop - start])
    # The last chapter may still be short (it runs to the end): it joins the one before.
    while len(merged) > 1 and end - merged[-1][0] < MIN_SECONDS:
        merged.pop()
    if len(merged) < MIN_CHAPTERS:
        return []
    return _numbered([Chapter(start, label) for start, label, _ in merged])


def _numbered(found: list[Chapter]) -> list[Chapter]:
    """A label that comes back reads "Chorus", then "Chorus 2", "Chorus 3"."""
    seen: dict[str, int] = {}
    out = []
    for chapter in found:
        seen[chapter.label] = seen.get(chapter.label, 0) + 1
        count = seen[chapter.label]
        out.append(Chapter(chapter.start, chapter.label if count == 1 else f"{chapter.label} {count}"))
    return out


def text(found: list[Chapter]) -> str:
    return "\n".join([HEADING, *(f"{stamp(c.start)} {c.label}" for c in found)]) if found else ""


def has_chapters(description: str) -> bool:
    """The creator wrote their own (a line starting with 0:00): theirs are kept as they are."""
    return any(line.strip().startswith(("0:00", "00:00")) for line in description.splitlines())


def with_chapters(description: str, found: list[Chapter], *, limit: int) -> tuple[str, str | None]:
    """The description with the chapters appended, within `limit` bytes; chapters from the end
    are left out to fit (the one before then runs to the end), none when fewer than three fit.
    Returns the description and a warning when chapters were left out."""
    if not found or has_chapters(description):
        return description, None
    kept = list(found)
    while len(kept) >= MIN_CHAPTERS:
        joined = f"{description.rstrip()}\n\n{text(kept)}" if description.strip() else text(kept)
        if len(joined.encode()) <= limit:
            if len(kept) < len(found):
                return joined, (
                    f"Only {len(kept)} of {len(found)} chapters fit in the description's "
                    f"{limit} bytes; the last ones were left out."
                )
            return joined, None
        kept.pop()
    return description, f"The chapters did not fit in the description's {limit} bytes; none were added."
