"""Lyrics with times: what every transcription provider returns, and the parts of reading a
speech model's answer that do not depend on which service gave it.

Speech models are made for speech. On songs they invent text in instrumental passages and their
answers can lack fields (the OpenAI SDK does not validate what comes back), so every answer is
cleaned here the same way: segments without usable times or text are dropped, words without
times are kept as text but carry no times, and times never run backwards or past the song."""

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from app.core.progress import ProgressFn
from app.media.ffmpeg import run_ffmpeg
from app.usage.prices import PlannedCall

# Whisper's own hallucination signals: a segment that is probably not speech and badly
# predicted, or one that repeats itself (a high compression ratio means looping text).
NO_SPEECH_PROB, LOW_LOGPROB, LOOPING_RATIO = 0.6, -1.0, 2.4
MP3_BITRATE = "96k"  # mono speech-grade MP3: ~0.7 MB a minute, 15 minutes in ~11 MB


@dataclass(frozen=True)
class Word:
    word: str
    start: float | None  # None when the model could not place the word (numerals in WhisperX)
    end: float | None

    def to_dict(self) -> dict[str, Any]:
        return {"word": self.word, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class Segment:
    start: float
    end: float
    text: str
    words: tuple[Word, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "words": [w.to_dict() for w in self.words],
        }


@dataclass(frozen=True)
class Transcript:
    provider: str  # openai | replicate
    model: str
    language: str | None  # as the service names it ("english"); None when it did not say
    segments: tuple[Segment, ...] = field(default=())
    dropped: int = 0  # segments thrown away as hallucinated or unusable

    def to_dict(self) -> dict[str, Any]:
        return {
            "language": self.language,
            "provider": self.provider,
            "model": self.model,
            "segments": [s.to_dict() for s in self.segments],
        }


class TranscriptionProvider(Protocol):
    name: str
    model: str

    def planned_calls(self, *, duration: float) -> list[PlannedCall]: ...

    def transcribe(
        self, *, audio: Path, duration: float, workdir: Path, progress: ProgressFn
    ) -> Transcript: ...


def number(value: Any) -> float | None:
    """A finite float, or None for anything else (None, strings, NaN)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if math.isfinite(value) else None


def hallucinated(segment: Mapping[str, Any]) -> bool:
    no_speech, logprob, ratio = (
        number(segment.get("no_speech_prob")),
        number(segment.get("avg_logprob")),
        number(segment.get("compression_ratio")),
    )
    silent = (
        no_speech is not None and logprob is not None and no_speech > NO_SPEECH_PROB and logprob < LOW_LOGPROB
    )
    return silent or (ratio is not None and ratio > LOOPING_RATIO)


def clean_words(raw: Iterable[Any], *, duration: float) -> tuple[Word, ...]:
    words = []
    for item in raw:
        if not isinstance(item, Mapping):
            continue
        text = str(item.get("word") or "").strip()
        if not text:
            continue
        start, end = number(item.get("start")), number(item.get("end"))
        if start is None or end is None or end < start:
            start = end = None  # a word without a usable place in time is still a word
        else:
            start, end = _clamp(start, duration), _clamp(end, duration)
        words.append(Word(text, start, end))
    return tuple(words)


def clean_segment(
    start: Any, end: Any, text: Any, words: tuple[Word, ...], *, duration: float
) -> Segment | None:
    """A segment fit to show, or None. A missing end is taken from its last placed word."""
    begin, finish = number(start), number(end)
    timed = [w for w in words if w.start is not None and w.end is not None]
    if finish is None and timed:
        finish = timed[-1].end
    if begin is None and timed:
        begin = timed[0].start
    body = " ".join(str(text or "").split()) or " ".join(w.word for w in words)
    if begin is None or finish is None or not body:
        return None
    begin, finish = _clamp(begin, duration), _clamp(finish, duration)
    if finish < begin:
        return None
    return Segment(round(begin, 3), round(finish, 3), body, words)


def words_within(words: Iterable[Word], start: float, end: float) -> tuple[Word, ...]:
    """The timed words that fall in [start, end) (a word belongs where it starts)."""
    return tuple(w for w in words if w.start is not None and start <= w.start < end)


def _clamp(value: float, duration: float) -> float:
    return round(min(max(value, 0.0), duration), 3)


def fitting_file(audio: Path, *, limit: int, workdir: Path, overhead: int = 64 * 1024) -> Path:
    """The song itself when it fits in one request of `limit` bytes, else a mono MP3 of it made
    in workdir (the request also carries form fields, hence the overhead)."""
    if audio.stat().st_size + overhead <= limit:
        return audio
    return mono_mp3(audio, workdir=workdir)


def mono_mp3(audio: Path, *, workdir: Path) -> Path:
    smaller = workdir / "transcribe.mp3"
    run_ffmpeg(["-i", str(audio), "-vn", "-ac", "1", "-c:a", "libmp3lame", "-b:a", MP3_BITRATE, str(smaller)])
    return smaller
