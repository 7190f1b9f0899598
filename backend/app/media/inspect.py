"""Is this file audio we can use, and what is it? Decided by decoding it with ffmpeg, never by
its name or its first bytes: a file that only looks like audio (a renamed document, a polyglot,
a truncated download) is refused with the reason."""

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from app.core.errors import MediaError
from app.media.ffmpeg import binary, probe

# Containers and codecs a song may come in (ffprobe's names).
FORMATS = {"mp3": "mp3", "wav": "wav", "flac": "flac", "mov,mp4,m4a,3gp,3g2,mj2": "m4a", "ogg": "ogg"}
CODECS = {"mp3", "flac", "aac", "alac", "vorbis", "opus"} | {
    f"pcm_{k}" for k in ("s16le", "s24le", "s32le", "f32le", "f64le", "u8", "s16be", "s24be", "s32be")
}
# How far the decoded length may fall short of what the file declares before it counts as cut off.
TRUNCATION_TOLERANCE = (0.5, 0.02)  # seconds, share


class NotUsableAudio(MediaError):
    """The file is not audio we can use; the message says why in the creator's words."""


@dataclass(frozen=True)
class AudioFacts:
    format: str  # mp3 | wav | flac | m4a | ogg
    codec: str
    duration: float  # seconds, as decoded
    sample_rate: int
    channels: int


def inspect_audio(path: Path) -> AudioFacts:
    if path.stat().st_size == 0:
        raise NotUsableAudio("the file is empty")
    try:
        info = probe(path)
    except MediaError:
        raise NotUsableAudio("it is not an audio file ffmpeg can read") from None
    fmt = FORMATS.get(info.get("format", {}).get("format_name", ""))
    streams = info.get("streams", [])
    audio = [s for s in streams if s.get("codec_type") == "audio"]
    # A cover picture is fine; moving video, subtitles or data are not what a song is.
    others = [
        s
        for s in streams
        if s.get("codec_type") != "audio" and not s.get("disposition", {}).get("attached_pic")
    ]
    if fmt is None or not audio:
        raise NotUsableAudio("it is not audio in a supported format (MP3, WAV, FLAC, M4A/AAC, OGG/Opus)")
    if others:
        raise NotUsableAudio("it holds video or other streams besides the audio; upload the audio alone")
    stream = audio[0]
    if stream.get("codec_name") not in CODECS:
        raise NotUsableAudio(f"its audio codec ({stream.get('codec_name')}) is not one the studio takes")
    declared = float(info["format"].get("duration") or stream.get("duration") or 0)
    decoded = _decode(path)
    if decoded <= 0.05:
        raise NotUsableAudio("it holds no audio that can be decoded")
    lack, share = TRUNCATION_TOLERANCE
    if declared - decoded > max(lack, share * declared):
        raise NotUsableAudio(
            f"it is cut off: it declares {declared:.1f} s but only {decoded:.1f} s can be decoded"
        )
    return AudioFacts(
        format=fmt,
        codec=str(stream["codec_name"]),
        duration=round(decoded, 3),
        sample_rate=int(stream.get("sample_rate") or 0),
        channels=int(stream.get("channels") or 0),
    )


def _decode(path: Path) -> float:
    """Decode the whole first audio stream (to nothing) and return how many seconds came out;
    a decoding error anywhere refuses the file."""
    cmd = [
        binary("ffmpeg"),
        "-hide_banner",
        "-nostdin",
        "-v",
        "error",
        "-xerror",
        "-i",
        str(path),
        "-map",
        "0:a:0",
        "-f",
        "null",
        "-progress",
        "pipe:1",
        "-",
    ]
    proc = subprocess.run(cmd, capture_output=True, check=False)
    errors = proc.stderr.decode(errors="replace").strip()
    if proc.returncode != 0 or errors:
        raise NotUsableAudio(
            "its audio is damaged: " + (errors.splitlines()[-1][:200] if errors else "ffmpeg stopped")
        )
    times = re.findall(rb"out_time_us=(\d+)", proc.stdout)
    return int(times[-1]) / 1_000_000 if times else 0.0
