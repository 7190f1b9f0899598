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

__all__ = ["AudioResult", "ImageProvider", "MusicProvider", "ProgressFn", "ProviderError", "no_progress"]


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


class ImageProvider(Protocol):
    name: str

    def generate(self, *, prompt: str, seed: int, workdir: Path) -> Path:
        """Return a PNG, 1920x1080 RGB, inside workdir."""
        ...
