"""Lyrics from WhisperX on Replicate (`victor-upmeet/whisperx`, a community model run by
version): Whisper's text, with every word aligned to the audio by a second model, which places
sung words better than Whisper's own word times.

The song goes up once through Replicate's files API (not a paid call; retried like a poll) and
its link is the model's `audio_file`. The prediction is then created (paid, booked, retried on
our schedule) and polled at PROVIDER_POLL_SECONDS. We read the prediction's JSON ourselves, so
nothing in the output is turned into a file object (what `run(use_file_output=False)` would
also avoid): the answer is a plain dict of segments and words. Words WhisperX cannot align
(numerals, for one) come without times and are kept as text."""

from pathlib import Path
from typing import Any

from app.config import get_settings
from app.core.errors import ProviderError
from app.core.progress import ProgressFn
from app.providers.calls import call, poll_until, retrying, scrub
from app.providers.replicate_client import SERVICE, TERMINAL, client, facts
from app.providers.transcription import Transcript, clean_segment, clean_words, fitting_file
from app.usage.prices import PlannedCall

UPLOAD_LIMIT = 26_214_400  # above this a mono MP3 goes up instead: quicker, and enough for speech
WHAT = "transcribing the lyrics"


class ReplicateTranscriber:
    name = "replicate"

    def __init__(self) -> None:
        self.settings = get_settings()
        self.model = self.settings.replicate.transcribe_model
        self.version = self.settings.replicate.transcribe_version
        if not self.version:
            raise ProviderError(
                "REPLICATE_TRANSCRIBE_VERSION is not set (WhisperX is a community model: it runs by version)",
                provider=SERVICE.label,
            )
        client()  # fails now, with the variable to set, if the token is missing

    def planned_calls(self, *, duration: float) -> list[PlannedCall]:
        minutes = round(max(duration, 1.0) / 60, 3)
        return [PlannedCall("replicate", "Replicate", self.model, "transcription", minutes, "minute")]

    def transcribe(self, *, audio: Path, duration: float, workdir: Path, progress: ProgressFn) -> Transcript:
        sent = fitting_file(audio, limit=UPLOAD_LIMIT, workdir=workdir)
        link = retrying(
            lambda _n: self._upload(sent),
            service=SERVICE,
            facts=facts,
            what="sending the song for transcription",
        )
        progress(0.2)
        output = call(
            self.planned_calls(duration=duration)[0],
            lambda attempt: self._predict(attempt, link, progress),
            service=SERVICE,
            facts=facts,
            what=WHAT,
        )
        progress(0.95)
        return self.read(output, duration=duration)

    def _upload(self, path: Path) -> str:
        uploaded = client().files.create(path)
        link = (uploaded.urls or {}).get("get")
        if not link:
            raise ProviderError("took the song but gave no link to it", provider=SERVICE.label)
        return link

    def _predict(self, attempt, link: str, progress: ProgressFn) -> Any:
        prediction = client().predictions.create(
            version=self.version,
            input={
                "audio_file": link,
                "align_output": True,
                "batch_size": self.settings.replicate.transcribe_batch_size,
            },
        )
        attempt.accept(prediction.id)

        def finished() -> Any | None:
            if prediction.status not in TERMINAL:
                prediction.reload()
            if prediction.status == "succeeded":
                return prediction.output if prediction.output is not None else {}
            if prediction.status in TERMINAL:
                reason = scrub(str(prediction.error or prediction.status))
                raise ProviderError(
                    f"{WHAT}: the prediction {prediction.status} ({reason})", provider=SERVICE.label
                )
            progress(0.5)
            return None

        return poll_until(finished, service=SERVICE, facts=facts, what=WHAT)

    def read(self, output: Any, *, duration: float) -> Transcript:
        if not isinstance(output, dict):
            raise ProviderError(f"{WHAT}: the answer is not WhisperX's", provider=SERVICE.label)
        kept, dropped = [], 0
        for seg in output.get("segments") or []:
            if not isinstance(seg, dict):
                dropped += 1
                continue
            words = clean_words(seg.get("words") or [], duration=duration)
            segment = clean_segment(
                seg.get("start"), seg.get("end"), seg.get("text"), words, duration=duration
            )
            if segment is None:
                dropped += 1
            else:
                kept.append(segment)
        language = output.get("detected_language")
        return Transcript(
            provider=self.name,
            model=self.model,
            language=language if isinstance(language, str) and language else None,
            segments=tuple(kept),
            dropped=dropped,
        )
