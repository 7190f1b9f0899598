"""The built-in vision chat: a guided question-and-answer over the brief's fields, with no
language model. Each message is first read for the obvious things (a duration, "vertical",
hex colours, "an ad for X", "for runners", a known call to action, tone and style words);
whatever the last question asked for then takes the rest of the answer. The next question is
the first field still missing. Same input, same brief, same reply: no randomness."""

import re
from dataclasses import dataclass, field
from typing import Any

from app.ads.schemas import (
    AUDIENCE_MAX,
    CTA_MAX,
    DURATIONS,
    KEYWORD_MAX,
    MESSAGE_MAX,
    PRODUCT_MAX,
    WORD_MAX,
)

# The order questions are asked in; the first five the ad cannot do without.
REQUIRED = ("product", "audience", "key_messages", "tone", "call_to_action", "duration", "aspect")
OPTIONAL = ("style_keywords", "brand_colors")
QUESTIONS = {
    "product": "What is the ad about — the product, channel or release, by name?",
    "audience": "Who is it for?",
    "key_messages": "What should viewers remember? One to three short key messages.",
    "tone": "Which tone words fit it (e.g. calm, energetic, playful, premium)?",
    "call_to_action": "What should viewers do at the end (e.g. Shop now, Subscribe, Learn more)?",
    "duration": "How long: 15, 30, 45 or 60 seconds?",
    "aspect": "Which shape: 16:9 (YouTube), 9:16 (vertical: Shorts, Reels) or 1:1 (square)?",
    "style_keywords": "Any visual style in mind (e.g. neon, pastel, cinematic, retro)? Say skip for none.",
    "brand_colors": "Brand colours as #rrggbb, if any? Say skip for none.",
}
LABELS = {
    "product": "product",
    "audience": "audience",
    "key_messages": "key message",
    "tone": "tone",
    "call_to_action": "call to action",
    "duration": "duration",
    "aspect": "aspect",
    "style_keywords": "style",
    "brand_colors": "brand colours",
}
_TONE = (
    "calm energetic playful bold warm luxurious minimal upbeat friendly serious inspiring confident "
    "cheerful dreamy dramatic elegant fun relaxed powerful emotional modern quirky nostalgic epic "
    "gentle fresh premium sporty cozy cosy mysterious optimistic edgy sincere motivating motivational "
    "uplifting chill intense soothing joyful professional youthful serene hopeful tender dark "
    "fierce peaceful adventurous classy witty heartfelt"
)
TONE_WORDS = frozenset(_TONE.split())
STYLE_PHRASES = (
    "black and white", "golden hour", "slow motion", "high contrast", "hand-drawn", "film grain",
    "neon", "pastel", "cinematic", "watercolor", "watercolour", "retro", "vintage", "minimalist",
    "grainy", "noir", "monochrome", "colorful", "colourful", "vibrant", "moody", "sunlit", "studio",
    "macro", "aerial", "urban", "futuristic", "cyberpunk", "anime", "3d", "flat", "graphic",
    "illustrated", "photographic", "documentary", "handheld", "muted", "earthy", "glossy", "matte",
    "natural", "clean", "bright", "nature", "analog", "y2k", "brutalist", "organic",
)  # fmt: skip
VERTICAL = ("9:16", "9x16", "vertical", "portrait", "shorts", "reels", "tiktok", "stories")
HORIZONTAL = ("16:9", "16x9", "horizontal", "landscape", "widescreen")
SQUARE = ("1:1", "1x1", "square")
CTA_PATTERN = re.compile(
    r"\b(shop now|buy now|order now|order today|pre-?order now|sign up(?: today| now)?|"
    r"subscribe(?: now| today)?|learn more|download (?:now|the app|today)|try it (?:free|now|today)|"
    r"book (?:now|today|a demo)|get yours(?: today| now)?|join (?:now|today|us)|watch now|"
    r"listen now|visit [\w./-]+\w|follow us)\b",
    re.IGNORECASE,
)
EXPLICIT = {
    "call_to_action": re.compile(
        r"\b(?:call to action|cta)\s*(?::|is|=|-)\s*([^\n;]+?)\s*(?:[;\n]|$)", re.IGNORECASE
    ),
    "product": re.compile(r"\b(?:product|subject|brand)\s*(?::|is|=)\s*([^\n.;,]+)", re.IGNORECASE),
    "audience": re.compile(r"\b(?:audience|target)\s*(?::|is|=)\s*([^\n.;]+)", re.IGNORECASE),
    "key_messages": re.compile(
        r"\b(?:key messages?|message|tagline)\s*(?::|is|=)\s*([^\n]+?)\s*$", re.IGNORECASE | re.MULTILINE
    ),
}
AD_FOR = re.compile(
    r"\b(?:ad|advert|advertisement|video|promo|commercial|spot|teaser|trailer|clip)\s+(?:for|about|of|"
    r"promoting)\s+(?:the\s+|our\s+|my\s+)?(.+?)(?=\s+(?:for|aimed|targeting|to|that|which|with|in)\b|"
    r"[.,;!?\n]|$)",
    re.IGNORECASE,
)
FOR_WHOM = re.compile(
    r"\b(?:for|aimed at|targeting)\s+(?!\d)(.+?)(?=\s+(?:who|in|with|that|to|and\s+\d)\b|[.,;!?\n]|$)",
    re.IGNORECASE,
)
SAY_THAT = re.compile(
    r"\b(?:say that|tell (?:them|people|viewers)(?: that)?|remember that)\s+(.+?)(?=[.;!?\n]|$)",
    re.IGNORECASE,
)
DURATION = re.compile(r"\b(\d{1,3})\s*-?\s*(?:s|sec|secs|second|seconds)\b", re.IGNORECASE)
MINUTE = re.compile(r"\b(?:one|1|a)\s*-?\s*minute\b", re.IGNORECASE)
HEX = re.compile(r"#[0-9a-fA-F]{6}\b")
SKIP = re.compile(
    r"^\s*(?:skip|none|no|nope|nothing|n/?a|no preference|not sure|any|whatever)\b", re.IGNORECASE
)
NOT_AUDIENCE = re.compile(r"^(?:a|an|the)?\s*(?:\d|ad\b|video\b|promo\b|seconds?\b)", re.IGNORECASE)


@dataclass
class Turn:
    """What one message did to the brief, and what to say back."""

    updates: dict[str, Any] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def nearest_duration(seconds: int) -> int:
    return min(DURATIONS, key=lambda d: (abs(d - seconds), d))


def _clip(text: str, limit: int) -> str:
    """Trimmed to the field's limit at a word boundary, without trailing punctuation."""
    text = " ".join(text.split()).strip(" .,;:!?-\"'")
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut or text[:limit]


def _words(text: str, vocabulary: frozenset[str]) -> list[str]:
    return [w for w in re.findall(r"[a-z]+", text.lower()) if w in vocabulary]


def _styles(text: str) -> list[str]:
    low = text.lower()
    return [p for p in STYLE_PHRASES if re.search(rf"(?<![\w-]){re.escape(p)}(?![\w-])", low)]


def _aspect(text: str) -> str | None:
    low = text.lower()
    for words, aspect in ((VERTICAL, "9:16"), (SQUARE, "1:1"), (HORIZONTAL, "16:9")):
        if any(re.search(rf"(?<![\w:]){re.escape(w)}(?![\w:])", low) for w in words):
            return aspect
    return None


def _duration(text: str) -> tuple[int | None, str | None]:
    found = DURATION.search(text)
    if found:
        asked = int(found.group(1))
        chosen = nearest_duration(asked)
        note = None if asked == chosen else f"ads are 15, 30, 45 or 60 s long, so {chosen} s it is"
        return chosen, note
    if MINUTE.search(text):
        return 60, None
    return None, None


def _list(text: str, limit: int, most: int) -> list[str]:
    parts = re.split(r"\s*(?:[,;/\n]|\band\b|\s-\s)\s*", text)
    items: list[str] = []
    for part in parts:
        item = _clip(part, limit)
        if item and item.lower() not in (i.lower() for i in items):
            items.append(item)
    return items[:most]


def _sentences(text: str) -> list[str]:
    parts = re.split(r"\s*(?:[;\n]|(?<=[.!?])\s+)\s*", text)
    return [m for p in parts if (m := _clip(p, MESSAGE_MAX))][:5]


def read(text: str) -> Turn:
    """The obvious things in a message, whatever was asked."""
    turn = Turn()
    up = turn.updates
    for name, pattern in EXPLICIT.items():
        found = pattern.search(text)
        if found:
            value = found.group(1)
            if name == "key_messages":
                up[name] = _sentences(value)
            else:
                limit = {"product": PRODUCT_MAX, "audience": AUDIENCE_MAX, "call_to_action": CTA_MAX}[name]
                up[name] = _clip(value, limit)
    if "product" not in up and (found := AD_FOR.search(text)):
        up["product"] = _clip(found.group(1), PRODUCT_MAX)
    if "audience" not in up:
        for found in FOR_WHOM.finditer(text):
            who = found.group(1)
            before = text[max(0, found.start() - 40) : found.start()].lower()
            if NOT_AUDIENCE.match(who) or re.search(
                r"\b(?:ad|advert|video|promo|commercial|spot|teaser|trailer|clip)\s*$", before
            ):
                continue
            up["audience"] = _clip(who, AUDIENCE_MAX)
            break
    if "call_to_action" not in up and (found := CTA_PATTERN.search(text)):
        up["call_to_action"] = _clip(found.group(1)[0].upper() + found.group(1)[1:], CTA_MAX)
    if "key_messages" not in up:
        said = [_clip(m.group(1), MESSAGE_MAX) for m in SAY_THAT.finditer(text)]
        if said:
            up["key_messages"] = [s for s in said if s][:5]
    duration, note = _duration(text)
    if duration is not None:
        up["duration"] = duration
        if note:
            turn.notes.append(note)
    if (aspect := _aspect(text)) is not None:
        up["aspect"] = aspect
    colours = list(dict.fromkeys(c.lower() for c in HEX.findall(text)))
    if colours:
        up["brand_colors"] = colours[:4]
    tone = list(dict.fromkeys(_words(text, TONE_WORDS)))
    if tone:
        up["tone"] = tone[:8]
    styles = [s for s in _styles(text) if s not in tone]
    if styles:
        up["style_keywords"] = styles[:12]
    return turn


def answer(text: str, asked: str | None) -> Turn:
    """`read`, then the answer to the question asked (when reading did not already fill it)."""
    turn = read(text)
    if asked is None or asked in turn.updates:
        return turn
    if SKIP.match(text):
        if asked in OPTIONAL:
            turn.skipped.append(asked)
        return turn
    body = text.strip()
    if asked == "product":
        body = re.sub(r"^(?:it'?s|it is|this is|the product is|we sell|about)\s+", "", body, flags=re.I)
        turn.updates["product"] = _clip(body, PRODUCT_MAX)
    elif asked == "audience":
        body = re.sub(r"^(?:it'?s for|for|aimed at|targeting)\s+", "", body, flags=re.I)
        turn.updates["audience"] = _clip(body, AUDIENCE_MAX)
    elif asked == "call_to_action":
        turn.updates["call_to_action"] = _clip(body, CTA_MAX)
    elif asked == "key_messages":
        turn.updates["key_messages"] = _sentences(body)
    elif asked == "tone":
        turn.updates["tone"] = _list(body, WORD_MAX, 8)
    elif asked == "style_keywords":
        turn.updates["style_keywords"] = _list(body, KEYWORD_MAX, 12)
    elif asked == "duration" and (number := re.search(r"\d{1,3}", body)):
        turn.updates["duration"] = nearest_duration(int(number.group()))
    # An aspect or colours not found by `read` were not given: the question stays open.
    turn.updates = {k: v for k, v in turn.updates.items() if v}
    return turn


def next_question(brief: dict[str, Any], skipped: list[str]) -> str | None:
    for name in (*REQUIRED, *OPTIONAL):
        if not brief.get(name) and name not in skipped:
            return name
    return None


def missing(brief: dict[str, Any]) -> list[str]:
    return [name for name in REQUIRED if not brief.get(name)]


def _show(name: str, value: Any) -> str:
    if name == "duration":
        return f"{value} s"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return f"“{value}”"


def reply(filled: dict[str, Any], notes: list[str], question: str | None) -> str:
    parts = []
    if filled:
        parts.append("Noted — " + "; ".join(f"{LABELS[k]}: {_show(k, v)}" for k, v in filled.items()) + ".")
    parts.extend(note[0].upper() + note[1:] + "." for note in notes)
    if question is None:
        parts.append("The brief is complete. Make the mood boards next, or tell me what to change.")
    else:
        parts.append(QUESTIONS[question])
    return " ".join(parts)
