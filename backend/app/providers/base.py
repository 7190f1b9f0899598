"""Typed interfaces every provider implements.

A provider turns text into a file inside ``workdir`` (a temporary folder on the same
filesystem as ``storage/``) and returns the paths; the pipeline then moves the files into
place atomically. Providers never touch the database.
"""

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from app.core.errors import ProviderError
from app.core.progress import ProgressFn, no_progress

__all__ = [
    "COVER_SIZE",
    "AudioResult",
    "ImageProvider",
    "aspect_of",
    "MusicProvider",
    "ProgressFn",
    "ProviderError",
    "no_progress",
]


@dataclass(frozen=True)
class AudioResult:
    mp3_path: Path  # MP3 320 kbps CBR, 44.1 kHz stereo: what the creator downloads and hears
    # AAC-LC 48 kHz stereo 384 kbps in .m4a, ready to be muxed into the video without
    # re-encoding. None when the provider only returns an MP3 (the renderer then encodes it).
    aac_path: Path | None
    duration: float  # seconds, measured


class MusicProvider(Protocol):
    name: str

    def generate(
        self, *, prompt: str, duration: int, seed: int, workdir: Path, progress: ProgressFn
    ) -> AudioResult: ...


COVER_SIZE = (1920, 1080)  # a track's cover art, and the default frame of every picture


def aspect_of(width: int, height: int) -> str:
    """The picture's shape as services name it: "16:9", "9:16" or "1:1" (the nearest)."""
    ratio = width / height
    return "16:9" if ratio > 1.2 else "9:16" if ratio < 1 / 1.2 else "1:1"


class ImageProvider(Protocol):
    name: str

    def generate(
        self,
        *,
        prompt: str,
        seed: int,
        workdir: Path,
        width: int = 1920,
        height: int = 1080,
        still: bool = False,
    ) -> Path:
        """Return an RGB PNG of exactly width x height inside workdir: 1920x1080 for a cover,
        the video's frame (1080x1920, 1080x1080 …) for a storyboard still. `still` says the
        prompt is a scene of a music video (with its style guide), not a track's cover."""
        ...
