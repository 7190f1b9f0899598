"""OpenAI's `POST /v1/audio/transcriptions` as the official SDK sends it (multipart form) and
as the service answers, for the OpenAI emulator:

- the whole request body over 26 214 400 bytes → 413 with the service's own message;
- the file type is read from the file name's extension (`song.bin` → 400 unsupported_value),
  and the bytes must decode as audio (checked with ffprobe, else 400 invalid_value);
- `timestamp_granularities[]` is a repeated field (the SDK's bracket form); `json` together
  with "word" → 400; the gpt-4o transcribe models take `json` only;
- verbose_json lists are shaped by the granularities asked for: `words` only with "word",
  no `segments` when only "word" was asked for, segments only when none were.

The words sung come from a script (`Script`): lines placed at fractions of the song's decoded
length, each word given an equal share of its line. Like Whisper on music, the answer also
carries invented lines in the quiet end (high no_speech_prob, low avg_logprob; a looping one
with a high compression ratio) that a careful adapter drops."""

import email.parser
import email.policy
import json
import math
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.media.ffmpeg import binary
from tests.emulators.service import EmulatedService, Received, Reply

LIMIT = 26_214_400
AUDIO_EXTENSIONS = {"flac", "mp3", "mp4", "mpeg", "mpga", "m4a", "ogg", "wav", "webm"}
TIMED_MODELS = {"whisper-1"}
JSON_ONLY = {"gpt-4o-transcribe", "gpt-4o-mini-transcribe"}
LINES = (
    (0.10, 0.22, "Walking through the morning light"),
    (0.25, 0.37, "every shadow turns to gold"),
    (0.45, 0.58, "Hold on, hold on to the 2 of us"),
    (0.62, 0.74, "the river knows the way back home"),
)
HALLUCINATED = (
    {"text": "Thanks for watching!", "no_speech_prob": 0.93, "avg_logprob": -1.35, "compression_ratio": 1.1},
    {
        "text": "la la la la la la la la la la",
        "no_speech_prob": 0.2,
        "avg_logprob": -0.5,
        "compression_ratio": 3.1,
    },
)


@dataclass
class Script:
    """What the emulated model hears. Tests change it per case."""

    lines: tuple[tuple[float, float, str], ...] = LINES  # (start, end) as fractions of the length
    language: str = "english"
    hallucinations: bool = True  # invented lines in the quiet end, as Whisper adds on music
    missing_end: bool = False  # the second segment comes without "end" (the SDK lets that through)
    limit: int = LIMIT  # request body bytes; lower it to make the service refuse a body we think fits
    heard: list[dict[str, Any]] = field(default_factory=list)  # one entry per accepted file

    def timed(self, duration: float) -> list[tuple[float, float, str, list[tuple[str, float, float]]]]:
        """The script's lines in seconds, each with its words and their times."""
        out = []
        for a, b, text in self.lines:
            start, end = round(a * duration, 2), round(b * duration, 2)
            words = text.split()
            step = (end - start) / len(words)
            out.append(
                (
                    start,
                    end,
                    text,
                    [
                        (w, round(start + k * step, 2), round(start + (k + 1) * step, 2))
                        for k, w in enumerate(words)
                    ],
                )
            )
        return out


def error(
    status: int,
    message: str,
    *,
    code: str | None = None,
    param: str | None = None,
    type_: str = "invalid_request_error",
) -> Reply:
    return Reply(status, {"error": {"message": message, "type": type_, "param": param, "code": code}})


def form(req: Received) -> tuple[dict[str, list[str]], dict[str, tuple[str, str, bytes]]]:
    """Fields (each name → its values, repeated names kept) and files (name → filename, type, bytes)."""
    content_type = req.headers.get("content-type", "")
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
        f"Content-Type: {content_type}\r\n\r\n".encode() + req.body
    )
    fields: dict[str, list[str]] = {}
    files: dict[str, tuple[str, str, bytes]] = {}
    if not message.is_multipart():
        return fields, files
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        payload = part.get_payload(decode=True) or b""
        filename = part.get_filename()
        if filename is not None:
            files[str(name)] = (filename, part.get_content_type(), payload)
        else:
            fields.setdefault(str(name), []).append(payload.decode())
    return fields, files


def probe(data: bytes, suffix: str) -> dict[str, Any] | None:
    """Duration, channels and codec of audio bytes, or None when they do not decode."""
    with tempfile.NamedTemporaryFile(suffix=f".{suffix}") as fh:
        fh.write(data)
        fh.flush()
        proc = subprocess.run(
            [binary("ffprobe"), "-v", "error", "-show_streams", "-show_format", "-of", "json", fh.name],
            capture_output=True,
            check=False,
        )
    if proc.returncode != 0:
        return None
    info = json.loads(proc.stdout or b"{}")
    audio = [s for s in info.get("streams", []) if s.get("codec_type") == "audio"]
    duration = float(info.get("format", {}).get("duration") or 0)
    if not audio or duration <= 0:
        return None
    return {
        "duration": duration,
        "channels": int(audio[0].get("channels", 0)),
        "codec": audio[0].get("codec_name"),
    }


def transcribe(service: EmulatedService, script: Script, req: Received) -> Reply:
    check = service.check
    if len(req.body) > script.limit:
        return error(
            413,
            f"Maximum content size limit ({script.limit}) exceeded ({len(req.body)} bytes read)",
            type_="server_error",
        )
    if not check(
        req.headers.get("content-type", "").startswith("multipart/form-data"), "transcriptions: not multipart"
    ):
        return error(400, "Could not parse multipart form")
    fields, files = form(req)
    check(
        "timestamp_granularities" not in fields,
        "transcriptions: granularities sent without the [] the SDK uses",
    )
    model = (fields.get("model") or [""])[0]
    fmt = (fields.get("response_format") or ["json"])[0]
    granularities = fields.get("timestamp_granularities[]", [])
    if not check(model in TIMED_MODELS | JSON_ONLY, f"transcriptions: unknown model {model!r}"):
        return error(400, f"Invalid model {model!r}.", code="model_not_found", param="model")
    if not check("file" in files, "transcriptions: no file part"):
        return error(400, "you must provide a file", param="file")
    filename, _kind, data = files["file"]
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if not check(
        suffix in AUDIO_EXTENSIONS, f"transcriptions: file name {filename!r} has no audio extension"
    ):
        return error(
            400,
            f"Unsupported file format {suffix}. Supported formats: {sorted(AUDIO_EXTENSIONS)}",
            code="unsupported_value",
            param="file",
        )
    if not check(
        not (fmt == "json" and "word" in granularities), "transcriptions: json with word granularity"
    ):
        return error(
            400,
            "timestamp_granularities requires response_format=verbose_json",
            param="timestamp_granularities",
        )
    if not check(not (model in JSON_ONLY and fmt != "json"), f"transcriptions: {model} with {fmt}"):
        return error(
            400, f"response_format '{fmt}' is not compatible with model '{model}'.", param="response_format"
        )
    if not check(set(granularities) <= {"word", "segment"}, f"transcriptions: granularities {granularities}"):
        return error(400, "Invalid timestamp_granularities", param="timestamp_granularities")
    facts = probe(data, suffix)
    if not check(facts is not None, f"transcriptions: {filename!r} does not decode as audio"):
        return error(400, "Audio file might be corrupted or unsupported", code="invalid_value", param="file")
    assert facts is not None
    with service.lock:
        script.heard.append(
            facts | {"filename": filename, "bytes": len(data), "granularities": granularities}
        )
    return Reply(200, _answer(script, facts["duration"], fmt, granularities))


def _answer(script: Script, duration: float, fmt: str, granularities: list[str]) -> dict[str, Any]:
    lines = script.timed(duration)
    text = " ".join(line[2] for line in lines)
    if fmt != "verbose_json":
        return {"text": text, "usage": {"type": "duration", "seconds": math.ceil(duration)}}
    segments: list[dict[str, Any]] = []
    for k, (start, end, line, _words) in enumerate(lines):
        segments.append(
            {
                "id": k,
                "seek": 0,
                "start": start,
                "end": end,
                "text": f" {line}",
                "tokens": [50364 + k],
                "temperature": 0.0,
                "avg_logprob": -0.28,
                "compression_ratio": 1.35,
                "no_speech_prob": 0.03,
            }
        )
    if script.missing_end and len(segments) > 1:
        del segments[1]["end"]
    if script.hallucinations:
        for k, fake in enumerate(HALLUCINATED):
            at = round(duration * (0.86 + 0.06 * k), 2)
            segments.append(
                {
                    "id": len(segments),
                    "seek": 0,
                    "start": at,
                    "end": round(at + duration * 0.05, 2),
                    "tokens": [1],
                    "temperature": 0.0,
                }
                | fake
            )
    answer: dict[str, Any] = {
        "task": "transcribe",
        "language": script.language,
        "duration": round(duration, 2),
        "text": text,
        "usage": {"type": "duration", "seconds": math.ceil(duration)},
    }
    if "segment" in granularities or not granularities:
        answer["segments"] = segments
    if "word" in granularities:
        answer["words"] = [{"word": w, "start": a, "end": b} for line in lines for (w, a, b) in line[3]]
    return answer


def heard_file(path: Path) -> dict[str, Any] | None:
    """ffprobe facts of a file on disk (tests compare what was sent with the song)."""
    return probe(path.read_bytes(), path.suffix.lstrip("."))
