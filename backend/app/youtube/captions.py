"""Lyrics as a YouTube caption track: the song's timed lines as SRT, sent with captions.insert
after the video. Captions are an extra: no lyrics means no caption track, and whatever goes
wrong (quota, a refusal, an unknown language) is a warning on the upload, never a failure."""

import logging
import re
from collections.abc import Sequence

from app import storage
from app.config import get_settings
from app.providers.youtube import YouTubeClient, YouTubeError
from app.youtube import uploader

log = logging.getLogger("app.youtube")
NAME = "Lyrics"
# Transcription services name the language ("english"); YouTube wants a BCP-47 code.
LANGUAGES = {
    "english": "en", "spanish": "es", "french": "fr", "german": "de", "italian": "it",
    "portuguese": "pt", "dutch": "nl", "swedish": "sv", "norwegian": "no", "danish": "da",
    "finnish": "fi", "polish": "pl", "czech": "cs", "slovak": "sk", "hungarian": "hu",
    "romanian": "ro", "greek": "el", "turkish": "tr", "russian": "ru", "ukrainian": "uk",
    "arabic": "ar", "hebrew": "he", "persian": "fa", "hindi": "hi", "bengali": "bn",
    "urdu": "ur", "tamil": "ta", "thai": "th", "vietnamese": "vi", "indonesian": "id",
    "malay": "ms", "tagalog": "tl", "japanese": "ja", "korean": "ko", "chinese": "zh",
    "cantonese": "yue", "catalan": "ca", "croatian": "hr", "serbian": "sr", "bulgarian": "bg",
    "icelandic": "is", "irish": "ga", "welsh": "cy", "swahili": "sw", "afrikaans": "af",
}  # fmt: skip


def language_code(name: str | None) -> str | None:
    """A BCP-47 code for the language the transcription reported, None when unknown."""
    value = (name or "").strip().lower()
    if re.fullmatch(r"[a-z]{2,3}(-[a-z0-9]{2,8})*", value):
        return value
    return LANGUAGES.get(value)


def _time(seconds: float) -> str:
    millis = max(0, round(seconds * 1000))
    hours, millis = divmod(millis, 3_600_000)
    minutes, millis = divmod(millis, 60_000)
    secs, millis = divmod(millis, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d},{millis:03d}"


def srt(lines: Sequence[tuple[float, float, str]]) -> str:
    """SubRip: numbered cues, `HH:MM:SS,mmm --> HH:MM:SS,mmm`, the text, a blank line."""
    cues: list[str] = []
    for start, end, words in sorted(lines):
        words = " ".join(words.split())
        if not words or end <= start:
            continue
        cues.append(f"{len(cues) + 1}\n{_time(start)} --> {_time(end)}\n{words}\n")
    return "\n".join(cues)


def extra(owner: uploader.Owner, lines: Sequence[tuple[float, float, str]], language: str | None):
    """The upload's caption step for these lines (None when there is nothing to caption)."""
    body = srt(lines)
    if not body:
        return None

    def add_captions(client: YouTubeClient, video_id: str) -> str | None:
        code = language_code(language)
        if code is None:
            return (
                f"The lyrics were not added as captions: the language ({language or 'not reported'}) "
                "is not one YouTube could be told. Add them in YouTube Studio."
            )
        cost = get_settings().youtube.quota_cost_caption
        if not uploader.room_for(cost):
            return "The lyrics were not added as captions: not enough YouTube quota left today."
        try:
            with storage.workdir() as work:
                path = work / "lyrics.srt"
                path.write_text(body, encoding="utf-8")
                try:
                    client.insert_caption(video_id=video_id, language=code, name=NAME, path=path)
                finally:
                    uploader.record(owner, operation="captions.insert", units=cost)
        except YouTubeError as exc:
            log.warning("%s: captions refused by YouTube (%s)", owner.name, exc.reason or exc.status)
            return f"The lyrics could not be added as captions: {exc} Add them in YouTube Studio."
        except OSError as exc:
            log.warning("%s: captions could not be written: %s", owner.name, type(exc).__name__)
            return "The lyrics could not be added as captions; add them in YouTube Studio."
        return None

    return add_captions
