"""The clip role: an approved still (+ its scene text and slot length) becomes a motion clip.

Paid providers (image-to-video services) implement `ClipProvider`. The local animator is not
one of them: it draws motion straight into the composition, so its registry row is the
`LocalClipMarker` below, which only carries the name the pipeline checks."""

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, Protocol

from app.core.errors import ProviderError
from app.core.progress import ProgressFn
from app.media.ffmpeg import MediaError, probe
from app.providers.planning import ASPECT_SIZES
from app.usage.prices import PlannedCall

Aspect = Literal["16:9", "9:16", "1:1"]
# The shape of each aspect as its smallest whole numbers (1920 x 1080 -> 16:9).
ASPECTS: dict[str, tuple[int, int]] = {
    name: (w // math.gcd(w, h), h // math.gcd(w, h)) for name, (w, h) in ASPECT_SIZES.items()
}


@dataclass(frozen=True)
class ClipRequest:
    still: Path  # the approved storyboard still the clip starts from
    prompt: str  # the scene text: what moves and how the camera goes
    duration: float  # the slot's length in seconds
    aspect: str  # "16:9" | "9:16" | "1:1"
    seed: int
    next_still: Path | None = None  # the next scene's still, as an end frame for continuity


@dataclass(frozen=True)
class ClipFile:
    """A clip as the service made it; composition trims or loops it to its slot."""

    path: Path
    duration: float  # seconds, measured with ffprobe
    width: int
    height: int
    fps: float


class ClipProvider(Protocol):
    name: str

    def planned_calls(self, request: ClipRequest) -> list[PlannedCall]:
        """The paid calls one clip takes, for the estimate and the budget guard."""
        ...

    def generate(self, request: ClipRequest, *, workdir: Path, progress: ProgressFn) -> ClipFile: ...


class LocalClipMarker:
    """Stands for the local animator in the registry: the pipeline sees the name "local" and
    lets composition animate the still itself, so this never makes a file."""

    name = "local"

    def planned_calls(self, request: ClipRequest) -> list[PlannedCall]:
        return []

    def generate(self, request: ClipRequest, *, workdir: Path, progress: ProgressFn) -> ClipFile:
        raise NotImplementedError("local clips are animated during composition, not generated here")


def _rate(value: str | None) -> float:
    """ffprobe's "30000/1001" (or "16/1") as a number; 0 when absent or "0/0"."""
    num, _, den = (value or "0/1").partition("/")
    try:
        return float(num) / float(den or 1)
    except (ValueError, ZeroDivisionError):
        return 0.0


def measure_clip(path: Path, *, provider: str, what: str = "the clip") -> ClipFile:
    """Probe a downloaded clip: a video stream we can decode, with frames and a length; a
    clear ProviderError for anything else (an error page, an image, an audio file)."""
    try:
        info = probe(path)
    except MediaError as exc:
        raise ProviderError(f"sent {what} as something that is not a video", provider=provider) from exc
    video = [
        s
        for s in info.get("streams", [])
        if s.get("codec_type") == "video" and not s.get("disposition", {}).get("attached_pic")
    ]
    kind = info.get("format", {}).get("format_name", "unknown")
    if not video or kind in ("image2", "png_pipe", "jpeg_pipe", "webp_pipe", "gif"):
        raise ProviderError(f"sent {what} as something that is not a video ({kind})", provider=provider)
    stream = video[0]
    duration = float(info.get("format", {}).get("duration") or stream.get("duration") or 0)
    fps = _rate(stream.get("avg_frame_rate")) or _rate(stream.get("r_frame_rate"))
    width, height = int(stream.get("width") or 0), int(stream.get("height") or 0)
    if duration <= 0 or fps <= 0 or width <= 0 or height <= 0:
        raise ProviderError(
            f"sent {what} without a readable length, size or frame rate ({kind})", provider=provider
        )
    return ClipFile(path=path, duration=duration, width=width, height=height, fps=fps)
