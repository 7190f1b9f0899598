import subprocess
from pathlib import Path

import pytest


def tone(path: Path, *, seconds: float = 6.0, codec: list[str] | None = None, bpm: float = 120.0) -> Path:
    """A short song: a click on every beat over a chord, so it has a tempo to find."""
    beat = 60.0 / bpm
    expr = (
        f"0.3*sin(2*PI*220*t)+0.2*sin(2*PI*277.2*t)+0.2*sin(2*PI*329.6*t)"
        f"+0.8*exp(-60*mod(t\\,{beat:.6f}))*sin(2*PI*1000*t)"
    )
    subprocess.run(
        [
            "ffmpeg",
            "-v",
            "error",
            "-f",
            "lavfi",
            "-i",
            f"aevalsrc={expr}:s=44100:d={seconds}",
            "-ac",
            "2",
            *(codec or []),
            "-y",
            str(path),
        ],
        check=True,
    )
    return path


@pytest.fixture
def song_files(tmp_path: Path) -> dict[str, Path]:
    wav = tone(tmp_path / "song.wav")
    files = {
        "wav": wav,
        "mp3": tone(tmp_path / "song.mp3", codec=["-b:a", "128k"]),
        "flac": tone(tmp_path / "song.flac"),
        "m4a": tone(tmp_path / "song.m4a", codec=["-c:a", "aac"]),
        "ogg": tone(tmp_path / "song.ogg", codec=["-c:a", "libopus"]),
    }
    truncated = tmp_path / "cut.wav"
    truncated.write_bytes(wav.read_bytes()[: len(wav.read_bytes()) // 2])
    files["truncated"] = truncated
    text = tmp_path / "notes.mp3"
    text.write_text("these are not sounds, whatever the name says\n" * 100)
    files["text"] = text
    polyglot = tmp_path / "poly.mp3"
    polyglot.write_bytes(files["mp3"].read_bytes() + b"<html><script>alert(1)</script></html>" * 50)
    files["polyglot"] = polyglot
    empty = tmp_path / "empty.wav"
    empty.write_bytes(b"")
    files["empty"] = empty
    return files
