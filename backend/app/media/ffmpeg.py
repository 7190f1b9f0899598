"""Running ffmpeg/ffprobe: one place that builds the command line, captures stderr and
turns a failure into a MediaError with the tail of ffmpeg's own message."""

import json
import shutil
import subprocess
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path


class MediaError(Exception):
    """ffmpeg or ffprobe failed; the message carries ffmpeg's last lines."""


def binary(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise MediaError(f"{name} is not installed (apt-get install ffmpeg)")
    return path


def run_ffmpeg(args: list[str], *, input_bytes: bytes | memoryview | None = None) -> None:
    """Run ffmpeg quietly; raise MediaError with its last stderr lines on failure."""
    cmd = [binary("ffmpeg"), "-hide_banner", "-nostdin", "-loglevel", "error", "-y", *args]
    if input_bytes is not None:
        cmd.remove("-nostdin")
    proc = subprocess.run(cmd, input=input_bytes, capture_output=True, check=False)
    if proc.returncode != 0:
        tail = proc.stderr.decode(errors="replace").strip().splitlines()[-5:]
        raise MediaError("ffmpeg failed: " + " | ".join(tail or [f"exit {proc.returncode}"]))


def probe(path: Path, *, extra: Sequence[str] = ()) -> dict:
    """ffprobe's JSON (format + streams) for a media file; `extra` adds ffprobe options
    (e.g. `-show_packets -read_intervals %+#1` for the first packet, `-show_data`)."""
    cmd = [
        binary("ffprobe"), "-v", "error", "-print_format", "json",
        "-show_format", "-show_streams", *extra, str(path),
    ]
    proc = subprocess.run(cmd, capture_output=True, check=False)
    if proc.returncode != 0:
        raise MediaError(f"ffprobe could not read {path.name}: {proc.stderr.decode(errors='replace').strip()}")
    return json.loads(proc.stdout)


def duration_of(path: Path) -> float:
    """Container duration in seconds."""
    return float(probe(path)["format"]["duration"])


@lru_cache(maxsize=2)
def version(name: str = "ffmpeg") -> str | None:
    """First line of `<name> -version`, or None when it is not installed."""
    path = shutil.which(name)
    if path is None:
        return None
    out = subprocess.run([path, "-version"], capture_output=True, text=True, check=False).stdout
    return out.splitlines()[0] if out else None
