"""Lyrics from OpenAI's `whisper-1` through the official client: the only OpenAI speech model
that gives times (the newer transcribe models answer text only).

Asked for `verbose_json` with word and segment granularities, it answers segments (with
whisper's confidence signals, used to drop invented lines) and, separately, every word with
its times; the words are put back into the segments they fall in. The service reads the file
type from the name's extension and refuses a request body over 25 MiB, so a larger song is sent
as a mono MP3 made for the purpose (as is one the service answers 413 for all the same)."""

from pathlib import Path
from typing import Any

import openai

from app.config import get_settings
from app.core.errors import ProviderError
from app.core.progress import ProgressFn
from app.providers import openai_client
from app.providers.calls import call
from app.providers.transcription import (
    Transcript,
    clean_segment,
    clean_words,
    fitting_file,
    hallucinated,
    mono_mp3,
    number,
    words_within,
)
from app.usage.prices import PlannedCall

SERVICE = openai_client.SERVICE
REQUEST_LIMIT = 26_214_400  # the whole multipart body, as the service counts it
MIME = {
    "mp3": "audio/mpeg",
    "wav": "audio/wav",
    "flac": "audio/flac",
    "m4a": "audio/mp4",
    "ogg": "audio/ogg",
    "webm": "audio/webm",
}


class _TooLarge(Exception):
    """The service refused the body as over its size limit (HTTP 413): worth one smaller try."""


def _as_dict(value: Any) -> dict[str, Any]:
    if isinstance(value, dict):
        return value
    dump = getattr(value, "model_dump", None)
    return dump() if callable(dump) else {}


class OpenAITranscriber:
    name = "openai"

    def __init__(self) -> None:
        self.settings = get_settings()
        self.model = self.settings.openai.transcribe_model
        openai_client.client()  # fails now, with the variable to set, if the key is missing

    def planned_calls(self, *, duration: float) -> list[PlannedCall]:
        minutes = round(max(duration, 1.0) / 60, 3)
        return [PlannedCall("openai", "OpenAI", self.model, "transcription", minutes, "minute")]

    def transcribe(self, *, audio: Path, duration: float, workdir: Path, progress: ProgressFn) -> Transcript:
        sent = fitting_file(audio, limit=REQUEST_LIMIT, workdir=workdir)
        progress(0.1)
        try:
            answer = self._send(sent, duration)
        except _TooLarge:
            # The service counts the body its own way: when it still finds the file too large,
            # the mono MP3 (a tenth of the size or less) goes instead, once.
            if sent != audio:
                raise ProviderError(
                    "refused the song as too large even as a mono MP3 (HTTP 413)", provider=SERVICE.label
                ) from None
            answer = self._send(mono_mp3(audio, workdir=workdir), duration)
        progress(0.9)
        return self.read(answer, duration=duration)

    def _send(self, sent: Path, duration: float) -> dict[str, Any]:
        suffix = sent.suffix.lstrip(".").lower()
        if suffix not in MIME:
            raise ProviderError(f"cannot send a .{suffix} file for transcription", provider=SERVICE.label)
        data = sent.read_bytes()

        def work(attempt) -> dict[str, Any]:
            try:
                answer = openai_client.client().audio.transcriptions.create(
                    model=self.model,
                    file=(f"song.{suffix}", data, MIME[suffix]),
                    response_format="verbose_json",
                    timestamp_granularities=["word", "segment"],
                )
            except openai.APIStatusError as exc:
                if exc.status_code == 413:
                    raise _TooLarge from exc
                raise
            attempt.accept()
            return _as_dict(answer)

        return call(
            self.planned_calls(duration=duration)[0],
            work,
            service=SERVICE,
            facts=openai_client.facts,
            what="transcribing the lyrics",
        )

    def read(self, answer: dict[str, Any], *, duration: float) -> Transcript:
        """Segments with their words, from an answer whose fields may be missing or null."""
        words = clean_words(answer.get("words") or [], duration=duration)
        raw = [s for s in answer.get("segments") or [] if isinstance(s, dict)]
        kept, dropped = [], 0
        for k, seg in enumerate(raw):
            if hallucinated(seg):
                dropped += 1
                continue
            start, end = number(seg.get("start")), number(seg.get("end"))
            # Without an end, the segment's words are those before the next segment starts.
            following = number(raw[k + 1].get("start")) if k + 1 < len(raw) else None
            window = end if end is not None else (following if following is not None else duration)
            inside = words_within(words, start, window) if start is not None else ()
            segment = clean_segment(start, end, seg.get("text"), inside, duration=duration)
            if segment is None:
                dropped += 1
            else:
                kept.append(segment)
        language = answer.get("language")
        return Transcript(
            provider=self.name,
            model=self.model,
            language=language if isinstance(language, str) and language else None,
            segments=tuple(kept),
            dropped=dropped,
        )
