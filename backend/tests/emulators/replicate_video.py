"""Replicate's image-to-video models and file uploads, for the Replicate emulator (which
creates one `VideoModels` per reset and hands it the requests that are its own).

- `wan-video/wan-2.2-i2v-fast` and `bytedance/seedance-1-lite`, official models run by name:
  inputs validated as their schemas do (Wan: `num_frames` 81-121, `frames_per_second` 5-30,
  `resolution` 480p/720p, no duration; Seedance: `duration` 2-12, `last_frame_image` only
  with `image`, `reference_images` never with 1080p or a first/last frame). An input the
  schema does not have is refused too: the real service may ignore it silently, which would
  hide a setting that does nothing.
- Images arrive as links from `POST /v1/files` (multipart part `content`, as the official
  client sends a file) or as `data:` URIs; both must decode to a real picture, whose shape
  sets the clip's shape, as it does on the service.
- A prediction starts `starting`, then reports tqdm-style progress in its logs over a few
  reads while `processing`, then succeeds with one link to a real H.264 mp4 made by ffmpeg at
  the model's native size and rate (Wan 832x480 at 16 fps for 480p 16:9; Seedance 24 fps).

Faults: `fail_next` (the next N video predictions end `failed`, then they succeed),
`flag_words` (a prompt containing one ends failed with E005, moderation), `answer` ("mp4",
or "html"/"png" to hand out something that is not a video), `processing_polls` (how long a
clip takes); 429/402 on create go through the emulator's own `fail("create", …)`. A cancel
(`POST /v1/predictions/{id}/cancel`) ends a running prediction and is listed in `canceled`."""

import base64
import email.parser
import email.policy
import hashlib
import io
import secrets
import subprocess
import tempfile
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

from PIL import Image

from app.media.ffmpeg import binary
from tests.emulators import media
from tests.emulators.service import EmulatedService, Received, Reply

WAN = "wan-video/wan-2.2-i2v-fast"
SEEDANCE = "bytedance/seedance-1-lite"
WAN_INPUTS = {
    "image",
    "prompt",
    "last_image",
    "num_frames",
    "frames_per_second",
    "resolution",
    "go_fast",
    "sample_shift",
    "interpolate_output",
    "seed",
    "disable_safety_checker",
    "lora_weights_transformer",
    "lora_scale_transformer",
    "lora_weights_transformer_2",
    "lora_scale_transformer_2",
}
SEEDANCE_INPUTS = {
    "prompt",
    "image",
    "last_frame_image",
    "duration",
    "resolution",
    "aspect_ratio",
    "fps",
    "camera_fixed",
    "seed",
    "reference_images",
}
SEEDANCE_ASPECTS = {"16:9", "4:3", "1:1", "3:4", "9:16", "21:9", "9:21"}
# Native frame sizes by resolution for a landscape, portrait and square input image.
WAN_SIZES = {
    "480p": {"wide": (832, 480), "tall": (480, 832), "square": (640, 640)},
    "720p": {"wide": (1280, 720), "tall": (720, 1280), "square": (960, 960)},
}
SEEDANCE_SIZES = {
    "480p": {"wide": (864, 480), "tall": (480, 864), "square": (640, 640)},
    "720p": {"wide": (1248, 704), "tall": (704, 1248), "square": (960, 960)},
    "1080p": {"wide": (1920, 1088), "tall": (1088, 1920), "square": (1440, 1440)},
}
SEEDANCE_FPS = 24
E005 = "The input or output was flagged as sensitive. Please try again with different inputs. (E005)"
_FOLDER = Path(tempfile.mkdtemp(prefix="emulator-video-"))


def problem(status: int, title: str, detail: str) -> Reply:
    return Reply(
        status,
        {"type": "about:blank", "title": title, "status": status, "detail": detail},
        content_type="application/problem+json",
    )


@lru_cache(maxsize=32)
def video(width: int, height: int, fps: float, frames: int) -> bytes:
    """A silent H.264 mp4 of `frames` frames at `fps`: a moving test pattern (no two frames alike)."""
    out = _FOLDER / f"v-{width}x{height}-{fps}-{frames}.mp4"
    subprocess.run(
        [
            binary("ffmpeg"),
            "-v",
            "error",
            "-y",
            "-f",
            "lavfi",
            "-i",
            f"testsrc2=size={width}x{height}:rate={fps}",
            "-frames:v",
            str(frames),
            "-c:v",
            "libx264",
            "-preset",
            "ultrafast",
            "-pix_fmt",
            "yuv420p",
            "-movflags",
            "+faststart",
            str(out),
        ],
        check=True,
    )
    return out.read_bytes()


def _shape(size: tuple[int, int]) -> str:
    ratio = size[0] / size[1]
    return "wide" if ratio > 1.1 else "tall" if ratio < 0.9 else "square"


class VideoModels:
    def __init__(self, emulator: EmulatedService) -> None:
        self.emulator = emulator
        self.uploads: dict[str, dict[str, Any]] = {}  # link handed out → the upload's facts
        self.fail_next = 0
        self.fail_error = "Prediction interrupted; please retry (code: PA)"
        self.flag_words: set[str] = set()
        self.answer = "mp4"
        self.processing_polls = 3
        self.canceled: list[str] = []

    def owns(self, model: str) -> bool:
        return model in (WAN, SEEDANCE)

    # --- POST /v1/files --------------------------------------------------------------------
    def upload(self, req: Received) -> Reply:
        content_type = req.headers.get("content-type", "")
        check = self.emulator.check
        if not check(content_type.startswith("multipart/form-data"), "upload: not multipart/form-data"):
            return problem(400, "Bad request", "Expected multipart/form-data")
        message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
            f"Content-Type: {content_type}\r\n\r\n".encode() + req.body
        )
        parts = {part.get_param("name", header="content-disposition"): part for part in message.iter_parts()}
        part = parts.get("content")
        if not check(part is not None, f"upload: no 'content' part (got {sorted(map(str, parts))})"):
            return problem(422, "Input validation failed", "content: required")
        assert part is not None
        data = part.get_payload(decode=True) or b""
        name, kind = part.get_filename(), part.get_content_type()
        check(bool(name), "upload: the 'content' part has no filename")
        fid = secrets.token_hex(12)
        now = datetime.now(UTC)
        link = self.emulator.host(data, kind, ttl=24 * 3600)
        with self.emulator.lock:
            self.uploads[link] = {"id": fid, "name": name, "content_type": kind, "data": data}
        return Reply(
            201,
            {
                "id": fid,
                "name": name,
                "content_type": kind,
                "size": len(data),
                "etag": hashlib.md5(data).hexdigest(),  # an ETag, as S3 computes it; not security
                "checksums": {
                    "sha256": hashlib.sha256(data).hexdigest(),
                    "md5": hashlib.md5(data).hexdigest(),
                },
                "metadata": {},
                "created_at": now.isoformat(),
                "expires_at": (now + timedelta(days=1)).isoformat(),
                "urls": {"get": link},
            },
        )

    # --- create ---------------------------------------------------------------------------
    def _image(self, value: Any, field: str) -> tuple[tuple[int, int] | None, str | None]:
        """The picture behind an input value (an upload's link or a data: URI): its size."""
        if not isinstance(value, str):
            return None, f"{field}: Invalid type. Expected: string (uri)"
        if value.startswith("data:"):
            header, _, payload = value.partition(",")
            if not header.startswith("data:image/") or ";base64" not in header:
                return None, f"{field}: data URI is not a base64 image"
            data = base64.b64decode(payload)
        elif value in self.uploads:
            data = self.uploads[value]["data"]
        else:
            return None, f"{field}: not a file we were given ({value[:60]})"
        try:
            with Image.open(io.BytesIO(data)) as picture:
                picture.load()
                return picture.size, None
        except OSError:
            return None, f"{field}: cannot identify image file"

    def validate(self, model: str, inputs: dict) -> str | None:
        allowed = WAN_INPUTS if model == WAN else SEEDANCE_INPUTS
        unknown = sorted(set(inputs) - allowed)
        if unknown:
            return f"{', '.join(unknown)}: not an input of {model}"
        if not isinstance(inputs.get("prompt"), str) or not inputs["prompt"].strip():
            return "prompt is required"
        if "seed" in inputs and not isinstance(inputs["seed"], int | None):
            return "seed: Invalid type. Expected: integer"
        if model == WAN:
            return self._wan(inputs)
        return self._seedance(inputs)

    def _wan(self, inputs: dict) -> str | None:
        if "image" not in inputs:
            return "image is required"
        for field in ("image", "last_image"):
            if field in inputs and (bad := self._image(inputs[field], field)[1]):
                return bad
        frames, fps = inputs.get("num_frames", 81), inputs.get("frames_per_second", 16)
        if not isinstance(frames, int) or not 81 <= frames <= 121:
            return "num_frames: Must be between 81 and 121"
        if not isinstance(fps, int) or not 5 <= fps <= 30:
            return "frames_per_second: Must be between 5 and 30"
        if inputs.get("resolution", "480p") not in WAN_SIZES:
            return "resolution: must be one of the following: 480p, 720p"
        if not isinstance(inputs.get("interpolate_output", False), bool):
            return "interpolate_output: Invalid type. Expected: boolean"
        return None

    def _seedance(self, inputs: dict) -> str | None:
        for field in ("image", "last_frame_image"):
            if field in inputs and (bad := self._image(inputs[field], field)[1]):
                return bad
        if "last_frame_image" in inputs and "image" not in inputs:
            return "last_frame_image: only allowed together with image"
        duration = inputs.get("duration", 5)
        if not isinstance(duration, int) or not 2 <= duration <= 12:
            return "duration: Must be between 2 and 12"
        resolution = inputs.get("resolution", "720p")
        if resolution not in SEEDANCE_SIZES:
            return "resolution: must be one of the following: 480p, 720p, 1080p"
        if inputs.get("aspect_ratio", "16:9") not in SEEDANCE_ASPECTS:
            return "aspect_ratio: invalid"
        if inputs.get("fps", SEEDANCE_FPS) != SEEDANCE_FPS:
            return "fps: must be one of the following: 24"
        if "reference_images" in inputs and (
            resolution == "1080p" or "image" in inputs or "last_frame_image" in inputs
        ):
            return "reference_images: not allowed with 1080p or with a first or last frame"
        return None

    def start(self, record: dict) -> None:
        """Decide now how a new prediction will end, and let it take a few reads to do so."""
        prompt = str(record["input"].get("prompt", "")).lower()
        with self.emulator.lock:
            if any(word in prompt for word in self.flag_words):
                record["video_error"] = E005
            elif self.fail_next > 0:
                self.fail_next -= 1
                record["video_error"] = self.fail_error
        record["processing_left"] = self.processing_polls
        record["version"] = "hidden"

    # --- while processing, and the end ----------------------------------------------------
    def cancel(self, pid: str) -> Reply:
        """POST /v1/predictions/{id}/cancel: a running prediction ends `canceled` at once."""
        with self.emulator.lock:
            record = getattr(self.emulator, "predictions", {}).get(pid)
            if record is None:
                return problem(404, "Not found", "The requested prediction could not be found.")
            if record["status"] in ("starting", "processing"):
                record["status"] = "canceled"
                record["completed_at"] = datetime.now(UTC).isoformat()
            self.canceled.append(pid)
            return Reply(200, self.emulator._json(record))  # type: ignore[attr-defined]

    def logs(self, record: dict) -> str:
        """What the model has printed so far: a tqdm bar, which the client reads as progress."""
        total = self.processing_polls + 1
        if record["status"] == "succeeded":
            done = total
        elif record["status"] == "processing":
            done = self.processing_polls - record["processing_left"]
        else:
            return ""
        bar = "#" * done + " " * (total - done)
        return f"Loading pipeline\n{100 * done // total:3d}%|{bar}| {done}/{total} [00:0{done}<00:0{total - done}]\n"

    def finish(self, record: dict) -> None:
        inputs = record["input"]
        if record.get("video_error"):
            record["status"], record["error"] = "failed", record["video_error"]
            return
        size, _ = self._image(inputs.get("image"), "image")
        shape = _shape(size or (16, 9))
        if record["model"] == WAN:
            width, height = WAN_SIZES[inputs.get("resolution", "480p")][shape]
            fps, frames = inputs.get("frames_per_second", 16), inputs.get("num_frames", 81)
            if inputs.get("interpolate_output"):
                # Assumed: interpolation doubles the rate and keeps the length.
                fps, frames = fps * 2, frames * 2 - 1
        else:
            width, height = SEEDANCE_SIZES[inputs.get("resolution", "720p")][shape]
            fps, frames = SEEDANCE_FPS, SEEDANCE_FPS * inputs.get("duration", 5) + 1
        record["status"] = "succeeded"
        record["metrics"] = {"predict_time": round(frames / 4, 3)}
        if self.answer == "html":
            body, kind = b"<html><body>Service Unavailable</body></html>", "text/html"
        elif self.answer == "png":
            body, kind = media.image(width, height), "image/png"
        else:
            body, kind = video(width, height, fps, frames), "video/mp4"
        record["output"] = self.emulator.host(body, kind, ttl=3600, suffix=".mp4")
