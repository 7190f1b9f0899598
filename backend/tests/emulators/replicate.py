"""A local stand-in for Replicate's HTTP API as the official client (1.0.x) speaks it
(base_url without /v1; paths carry it):

- `POST /v1/predictions {"version", "input"}` for community models (MusicGen by version),
  `POST /v1/models/{owner}/{name}/predictions {"input"}` for official ones (Flux);
  bearer token checked, versions and inputs validated as the models' schemas would.
- `GET /v1/predictions/{id}`: a slow start — `starting` for `starting_polls` reads, then
  `processing` for `processing_polls`, then `succeeded` with output links (or `failed`
  for a prompt containing one of `fail_words`).
- Outputs: MusicGen → a WAV (32 kHz stereo, as MusicGen writes) of the requested seconds,
  a different pitch per seed so pieces are distinguishable; Flux → a list with one 16:9 PNG.

Routes for fault injection: "create", "get", "file"."""

import uuid
from datetime import UTC, datetime

from tests.emulators import media, replicate_whisperx
from tests.emulators.replicate_video import VideoModels
from tests.emulators.service import EmulatedService, Received, Reply

MUSICGEN = ("meta/musicgen", "671ac645ce5e552cc63a54a2bbff63fcf798043055d2dac5fc9e36a837eedcfb")
FLUX = "black-forest-labs/flux-schnell"
ASPECTS = {
    "1:1": (1024, 1024),
    "16:9": (1344, 768),
    "9:16": (768, 1344),
    "21:9": (1536, 640),
    "3:2": (1216, 832),
    "4:3": (1152, 896),
}


def problem(status: int, title: str, detail: str) -> Reply:
    return Reply(
        status,
        {"type": "about:blank", "title": title, "status": status, "detail": detail},
        content_type="application/problem+json",
    )


class ReplicateEmulator(EmulatedService):
    def __init__(self, *, token: str = "r8_emulator_c0ffee5eed1234") -> None:
        self.token = token
        super().__init__()

    def reset(self) -> None:
        super().reset()
        self.predictions: dict[str, dict] = {}
        self.starting_polls, self.processing_polls = 1, 1
        self.max_duration = 30  # MusicGen's longest piece
        self.fail_words: set[str] = set()
        self.whisperx = replicate_whisperx.WhisperX(self)  # lyrics with aligned words
        self.video = VideoModels(self)  # image-to-video models and file uploads

    def route(self, req: Received) -> str:
        if req.method == "POST" and req.path == "/v1/files":
            return "upload"
        if req.method == "POST" and req.path.startswith("/v1/predictions/") and req.path.endswith("/cancel"):
            return "cancel"
        if req.method == "POST" and (req.path == "/v1/predictions" or req.path.endswith("/predictions")):
            return "create"
        if req.method == "GET" and req.path.startswith("/v1/predictions/"):
            return "get"
        return "unknown"

    def handle(self, req: Received) -> Reply:
        if req.headers.get("authorization") != f"Bearer {self.token}":
            return problem(401, "Unauthenticated", "You did not pass a valid authentication token")
        if req.route == "create":
            return self._create(req)
        if req.route == "get":
            return self._get(req.path.rsplit("/", 1)[-1])
        if req.route == "upload":
            return self.video.upload(req)
        if req.route == "cancel":
            return self.video.cancel(req.path.split("/")[-2])
        self.check(False, f"unexpected {req.method} {req.path}")
        return problem(404, "Not found", "The requested resource could not be found.")

    def _create(self, req: Received) -> Reply:
        body = req.json if isinstance(req.json, dict) else {}
        inputs = body.get("input")
        if not self.check(isinstance(inputs, dict), "create: input must be an object"):
            return problem(422, "Input validation failed", "input: Invalid type. Expected: object")
        if req.path == "/v1/predictions" and self.whisperx.owns(body.get("version")):
            model, version, bad = replicate_whisperx.MODEL, body["version"], self.whisperx.validate(inputs)
        elif req.path == "/v1/predictions":
            model, version = MUSICGEN[0], body.get("version")
            if not self.check(version == MUSICGEN[1], f"create: unknown version {version!r}"):
                return problem(
                    422,
                    "Invalid version or not permitted",
                    "The specified version does not exist (or perhaps you don't have permission to use it?)",
                )
            bad = self._musicgen_input(inputs)
        else:
            model, version = req.path[len("/v1/models/") : -len("/predictions")], "dp-flux-schnell"
            if not self.check(
                model == FLUX or self.video.owns(model), f"create: unknown official model {model!r}"
            ):
                return problem(404, "Not found", "The requested model could not be found.")
            bad = self.video.validate(model, inputs) if self.video.owns(model) else self._flux_input(inputs)
        if not self.check(bad is None, f"create {model}: {bad}"):
            return problem(422, "Input validation failed", bad or "")
        pid = uuid.uuid4().hex[:26]
        record = {
            "id": pid,
            "model": model,
            "version": version,
            "input": inputs,
            "status": "starting",
            "starting_left": self.starting_polls,
            "processing_left": self.processing_polls,
            "failed": any(w in str(inputs.get("prompt", "")).lower() for w in self.fail_words),
            "created_at": datetime.now(UTC).isoformat(),
            "prefer": req.headers.get("prefer"),
        }
        if self.video.owns(model):
            self.video.start(record)
        if model == replicate_whisperx.MODEL:
            self.whisperx.start(record)
        with self.lock:
            self.predictions[pid] = record
        return Reply(201, self._json(record))

    def _musicgen_input(self, inputs: dict) -> str | None:
        if not isinstance(inputs.get("prompt"), str) or not inputs["prompt"]:
            return "prompt is required"
        duration = inputs.get("duration")
        if not isinstance(duration, int) or not 1 <= duration <= self.max_duration:
            return f"duration: must be an integer from 1 to {self.max_duration}"
        if inputs.get("model_version", "stereo-melody-large") not in (
            "stereo-melody-large",
            "stereo-large",
            "melody-large",
            "large",
        ):
            return "model_version: invalid"
        if inputs.get("output_format", "wav") not in ("wav", "mp3"):
            return "output_format: must be one of wav, mp3"
        if inputs.get("normalization_strategy", "loudness") not in ("loudness", "clip", "peak", "rms"):
            return "normalization_strategy: invalid"
        return None

    def _flux_input(self, inputs: dict) -> str | None:
        if not isinstance(inputs.get("prompt"), str) or not inputs["prompt"]:
            return "prompt is required"
        if inputs.get("aspect_ratio", "1:1") not in ASPECTS:
            return "aspect_ratio: invalid"
        if inputs.get("output_format", "webp") not in ("webp", "jpg", "png"):
            return "output_format: must be one of webp, jpg, png"
        if not 1 <= inputs.get("num_outputs", 1) <= 4:
            return "num_outputs: must be 1 to 4"
        return None

    def _get(self, pid: str) -> Reply:
        with self.lock:
            record = self.predictions.get(pid)
            if record is None:
                return problem(404, "Not found", "The requested prediction could not be found.")
            if record["status"] == "starting":
                if record["starting_left"] > 0:
                    record["starting_left"] -= 1
                else:
                    record["status"] = "processing"
            if record["status"] == "processing":
                if record["processing_left"] > 0:
                    record["processing_left"] -= 1
                else:
                    self._finish(record)
            return Reply(200, self._json(record))

    def _finish(self, record: dict) -> None:
        inputs = record["input"]
        record["completed_at"] = datetime.now(UTC).isoformat()
        if record["model"] == replicate_whisperx.MODEL:
            return self.whisperx.finish(record)
        if self.video.owns(record["model"]):
            return self.video.finish(record)
        if record["failed"]:
            record["status"], record["error"] = "failed", "CUDA out of memory (emulated failure)"
            return
        record["status"] = "succeeded"
        if record["model"] == FLUX:
            width, height = ASPECTS[inputs.get("aspect_ratio", "1:1")]
            fmt = {"png": "PNG", "jpg": "JPEG", "webp": "WEBP"}[inputs.get("output_format", "webp")]
            url = self.host(
                media.image(width, height, fmt), f"image/{inputs.get('output_format', 'webp')}", ttl=3600
            )
            record["output"] = [url] * inputs.get("num_outputs", 1)
        else:
            pitch = 165.0 + 22.0 * (int(inputs.get("seed", 0)) % 8)
            wav = media.audio(inputs["duration"], "wav", rate=32000, pitch=pitch)
            record["output"] = self.host(wav, "audio/wav", ttl=3600, suffix=".wav")
        record["metrics"] = {"predict_time": round(0.5 + inputs.get("duration", 1) * 0.05, 3)}

    def _json(self, record: dict) -> dict:
        pid = record["id"]
        return {
            "id": pid,
            "model": record["model"],
            "version": record["version"],
            "input": record["input"],
            "status": record["status"],
            "output": record.get("output"),
            "error": record.get("error"),
            "logs": self.video.logs(record) if self.video.owns(record["model"]) else "",
            "metrics": record.get("metrics", {}),
            "created_at": record["created_at"],
            "started_at": record["created_at"] if record["status"] != "starting" else None,
            "completed_at": record.get("completed_at"),
            "data_removed": False,
            "urls": {
                "get": f"{self.url}/v1/predictions/{pid}",
                "cancel": f"{self.url}/v1/predictions/{pid}/cancel",
            },
        }
