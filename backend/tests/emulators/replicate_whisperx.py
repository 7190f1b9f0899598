"""WhisperX (`victor-upmeet/whisperx`, a community model run by version) for the Replicate
emulator: input validated as the model's schema would (`audio_file` is the input's name, a
link; `align_output`, `batch_size` …), the link must be one this emulator handed out for an
upload and must decode as audio, and the output is the model's dict —
`{"segments": [{start, end, text, words: [{word, start, end, score}]}], "detected_language"}` —
with the numerals WhisperX cannot align left without times, as it leaves them."""

from typing import Any

from tests.emulators.openai_audio import Script, probe
from tests.emulators.service import EmulatedService

MODEL = "victor-upmeet/whisperx"
VERSION = "84d2ad2d6194fe98a17d2b60bef1c7f910c46b2f6fd38996ca457afd9c8abfcb"
INPUTS = {
    "audio_file",
    "language",
    "initial_prompt",
    "batch_size",
    "temperature",
    "vad_onset",
    "vad_offset",
    "align_output",
    "diarization",
    "huggingface_access_token",
    "min_speakers",
    "max_speakers",
    "debug",
}
LANGUAGE_CODES = {"english": "en"}


class WhisperX:
    def __init__(self, service: EmulatedService) -> None:
        self.service = service
        self.script = Script(hallucinations=False)  # WhisperX's VAD keeps it off the quiet parts
        self.fail_next = 0  # predictions that end `failed`

    def owns(self, version: Any) -> bool:
        return version == VERSION

    def validate(self, inputs: dict) -> str | None:
        unknown = set(inputs) - INPUTS
        if unknown:
            return f"input: unexpected {sorted(unknown)}"
        link = inputs.get("audio_file")
        if not isinstance(link, str) or not link:
            return "audio_file is required"
        if not isinstance(inputs.get("align_output", False), bool):
            return "align_output: must be a boolean"
        if not 1 <= int(inputs.get("batch_size", 64)) <= 256:
            return "batch_size: out of range"
        return None

    def start(self, record: dict) -> None:
        with self.service.lock:
            record["failed"] = self.fail_next > 0
            self.fail_next = max(0, self.fail_next - 1)

    def finish(self, record: dict) -> None:
        if record["failed"]:
            record["status"], record["error"] = "failed", "CUDA out of memory (emulated failure)"
            return
        link = record["input"]["audio_file"]
        hosted = (
            self.service.files.get(link.rsplit("/", 1)[-1]) if link.startswith(self.service.url) else None
        )
        facts = probe(hosted.data, (hosted.name.rsplit(".", 1) + ["bin"])[1]) if hosted else None
        if not self.service.check(facts is not None, f"whisperx: {link!r} is not an uploaded audio file"):
            record["status"], record["error"] = (
                "failed",
                "Failed to load audio: ffmpeg could not read the file",
            )
            return
        assert facts is not None
        with self.service.lock:
            self.script.heard.append(
                facts | {"bytes": len(hosted.data) if hosted else 0, "input": record["input"]}
            )
        record["status"] = "succeeded"
        record["output"] = self.output(facts["duration"], aligned=bool(record["input"].get("align_output")))
        record["metrics"] = {"predict_time": round(1 + facts["duration"] * 0.05, 3)}

    def output(self, duration: float, *, aligned: bool) -> dict[str, Any]:
        segments = []
        for start, end, text, words in self.script.timed(duration):
            segment: dict[str, Any] = {"start": start, "end": end, "text": f" {text}"}
            if aligned:
                segment["words"] = [
                    {"word": w} if w.isdigit() else {"word": w, "start": a, "end": b, "score": 0.87}
                    for (w, a, b) in words
                ]
            segments.append(segment)
        return {"segments": segments, "detected_language": LANGUAGE_CODES.get(self.script.language, "en")}
