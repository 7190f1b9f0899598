"""Suggested title, description and tags for a track, from its prompt and duration and the
description template in settings. Always within YouTube's limits, never with < or >, and never
with characters nobody can see: control characters (a prompt stored before they were refused,
or the template) become a space; zero-width, bidirectional and other format characters (which
can reorder or hide text in a title) are dropped."""

import re
import unicodedata

from app.config import get_settings
from app.tracks.models import Track
from app.youtube.schemas import MAX_DESCRIPTION_BYTES, MAX_TAGS_CHARS, UploadDefaults, tags_length

STOPWORDS = {
    "a",
    "an",
    "and",
    "are",
    "as",
    "at",
    "be",
    "by",
    "for",
    "from",
    "in",
    "into",
    "is",
    "it",
    "its",
    "of",
    "on",
    "or",
    "the",
    "this",
    "to",
    "with",
    "without",
    "very",
    "some",
    "soft",
    "deep",
    "gentle",
    "over",
    "under",
    "through",
    "while",
}
MAX_TAGS = 15


FALLBACK_TITLE = "Ambient music"  # for a prompt with nothing visible in it


def _visible(text: str, *, keep_newlines: bool = False) -> str:
    out = []
    for char in text:
        category = unicodedata.category(char)
        if category == "Cf":
            continue
        out.append(" " if category == "Cc" and not (keep_newlines and char == "\n") else char)
    return "".join(out)


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", _visible(text).replace("<", "").replace(">", "")).strip()


def duration_text(seconds: int) -> str:
    minutes, rest = divmod(seconds, 60)
    if minutes >= 60:
        return f"{minutes // 60} h {minutes % 60} min" if minutes % 60 else f"{minutes // 60} h"
    return f"{minutes} min" if not rest else f"{minutes} min {rest} s"


def title_for(track: Track) -> str:
    prompt = _clean(track.prompt)
    # The first clause reads like a title; the rest of a long prompt belongs in the description.
    head = re.split(r"[.;:!?\n]", prompt, maxsplit=1)[0].strip() or prompt or FALLBACK_TITLE
    suffix = f" | {duration_text(track.duration)}"
    room = 100 - len(suffix)
    if len(head) > room:
        head = head[:room].rsplit(" ", 1)[0].rstrip(",- ") or head[:room]
    return (head[:1].upper() + head[1:]) + suffix


def description_for(track: Track, *, title: str) -> str:
    prompt = _clean(track.prompt)
    values = {
        "prompt": prompt,
        "duration": duration_text(track.duration),
        "minutes": round(track.duration / 60),
        "title": title,
    }
    try:
        text = get_settings().youtube.description_template.format_map(values)
    except (KeyError, IndexError, ValueError):
        text = prompt  # a broken template must not break the dialog
    text = _clean_multiline(text)
    while len(text.encode()) > MAX_DESCRIPTION_BYTES:
        text = text[: len(text) - 50]
    return text


def _clean_multiline(text: str) -> str:
    text = _visible(text, keep_newlines=True)
    return "\n".join(line.replace("<", "").replace(">", "").rstrip() for line in text.strip().splitlines())


def tags_for(track: Track) -> list[str]:
    words = [w.lower() for w in re.findall(r"[A-Za-z][A-Za-z'-]{2,}", track.prompt)]
    candidates = [*get_settings().youtube.default_tags, *(w for w in words if w not in STOPWORDS)]
    tags: list[str] = []
    for tag in candidates:
        tag = _clean(tag)
        if not tag or tag.lower() in (t.lower() for t in tags) or len(tags) >= MAX_TAGS:
            continue
        if tags_length([*tags, tag]) <= MAX_TAGS_CHARS:
            tags.append(tag)
    return tags


def defaults_for(track: Track) -> UploadDefaults:
    settings = get_settings()
    title = title_for(track)
    return UploadDefaults(
        title=title,
        description=description_for(track, title=title),
        tags=tags_for(track),
        privacy="private",
        category="10",
        made_for_kids=None,
        contains_synthetic_media=True,
        quota_cost=settings.youtube.quota_cost_insert + settings.youtube.quota_cost_thumbnail,
    )
