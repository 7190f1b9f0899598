"""Running ffmpeg/ffprobe: one place that builds the command line, captures stderr and
turns a failure into a MediaError with the tail of ffmpeg's own message."""

import json
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path

from app.core.errors import MediaError


def binary(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise MediaError(f"{name} is not installed (apt-get install ffmpeg)")
    return path


INPUT_CHUNK = 1 << 21  # bytes written to ffmpeg's stdin at a time when the caller counts them


@lru_cache
def _dies_with_us() -> tuple[str, ...]:
    """A prefix that makes ffmpeg get SIGKILL when the process that started it dies (Linux's
    parent-death signal, set by util-linux's setpriv before it execs ffmpeg): an API killed
    mid-render must not leave encoders running for minutes on files start-up then removes."""
    setpriv = shutil.which("setpriv") if sys.platform.startswith("linux") else None
    return (setpriv, "--pdeathsig", "KILL") if setpriv else ()


def run_ffmpeg(
    args: list[str],
    *,
    input_bytes: bytes | memoryview | None = None,
    on_fed: Callable[[int], None] | None = None,
) -> None:
    """Run ffmpeg quietly; raise MediaError with its last stderr lines on failure.
    `input_bytes` go to its stdin; with `on_fed`, in chunks, each counted once written
    (ffmpeg reads as fast as it encodes, so the count is the encoder's progress)."""
    cmd = [*_dies_with_us(), binary("ffmpeg"), "-hide_banner", "-nostdin", "-loglevel", "error", "-y", *args]
    if input_bytes is not None:
        cmd.remove("-nostdin")
    if on_fed is None or input_bytes is None:
        proc = subprocess.run(cmd, input=input_bytes, capture_output=True, check=False)
        code, errors = proc.returncode, proc.stderr
    else:
        code, errors = _feed(cmd, memoryview(input_bytes), on_fed)
    if code != 0:
        tail = errors.decode(errors="replace").strip().splitlines()[-5:]
        raise MediaError("ffmpeg failed: " + " | ".join(tail or [f"exit {code}"]))


def _feed(cmd: list[str], data: memoryview, on_fed: Callable[[int], None]) -> tuple[int, bytes]:
    # stderr goes to a file, not a pipe: nobody reads it while we write, so a chatty
    # ffmpeg could otherwise fill the pipe and stop, waiting for us as we wait for it.
    with tempfile.TemporaryFile() as stderr:
        proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=stderr)
        assert proc.stdin is not None
        try:
            for start in range(0, len(data), INPUT_CHUNK):
                chunk = data[start : start + INPUT_CHUNK]
                proc.stdin.write(chunk)
                on_fed(len(chunk))
            proc.stdin.close()
        except BrokenPipeError:
            pass  # ffmpeg stopped reading: its exit status and message say why
        code = proc.wait()
        stderr.seek(0)
        return code, stderr.read()


def probe(path: Path, *, extra: Sequence[str] = ()) -> dict:
    """ffprobe's JSON (format + streams) for a media file; `extra` adds ffprobe options
    (e.g. `-show_packets -read_intervals %+#1` for the first packet, `-show_data`)."""
    cmd = [
        binary("ffprobe"),
        "-v",
        "error",
        "-print_format",
        "json",
        "-show_format",
        "-show_streams",
        *extra,
        str(path),
    ]
    proc = subprocess.run(cmd, capture_output=True, check=False)
    if proc.returncode != 0:
        raise MediaError(
            f"ffprobe could not read {path.name}: {proc.stderr.decode(errors='replace').strip()}"
        )
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
