"""Real media for the emulators to hand out: audio encoded by ffmpeg (an audible chord with
a slow swell, never silence) and images drawn with Pillow, cached per shape for the run."""

import io
import subprocess
import tempfile
from functools import lru_cache
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

from app.media.ffmpeg import binary

_FOLDER = Path(tempfile.mkdtemp(prefix="emulator-media-"))


@lru_cache(maxsize=64)
def audio(
    seconds: float, fmt: str = "mp3", *, bitrate: int = 320, rate: int = 44100, pitch: float = 220.0
) -> bytes:
    """`seconds` of stereo audio in mp3 or wav: a soft major chord at `pitch` that swells."""
    out = _FOLDER / f"a-{seconds}-{bitrate}-{rate}-{pitch}.{fmt}"
    t = np.arange(int(seconds * rate), dtype=np.float32) / rate
    mono = sum(0.2 * np.sin(2 * np.pi * pitch * r * t) for r in (1, 1.25, 1.5)) * (
        0.6 + 0.4 * np.sin(2 * np.pi * t / 7)
    )
    pcm = np.repeat(mono.astype(np.float32)[:, None], 2, axis=1)
    codec = ["-c:a", "libmp3lame", "-b:a", f"{bitrate}k"] if fmt == "mp3" else ["-c:a", "pcm_s16le"]
    subprocess.run(
        [
            binary("ffmpeg"),
            "-v",
            "error",
            "-y",
            "-f",
            "f32le",
            "-ar",
            str(rate),
            "-ac",
            "2",
            "-i",
            "pipe:0",
            *codec,
            str(out),
        ],
        input=pcm.tobytes(),
        check=True,
    )
    return out.read_bytes()


@lru_cache(maxsize=16)
def image(width: int, height: int, fmt: str = "PNG") -> bytes:
    """A landscape at width×height: sky gradient, sun, hills (enough detail to survive a crop)."""
    picture = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(picture)
    for y in range(height):
        shade = y / height
        draw.line(
            [(0, y), (width, y)],
            fill=(int(40 + 150 * shade), int(60 + 90 * shade), int(120 + 60 * (1 - shade))),
        )
    draw.ellipse([width * 0.6, height * 0.2, width * 0.72, height * 0.2 + width * 0.12], fill=(250, 220, 160))
    draw.polygon(
        [
            (0, height),
            (0, height * 0.7),
            (width * 0.4, height * 0.55),
            (width, height * 0.75),
            (width, height),
        ],
        fill=(30, 50, 60),
    )
    buffer = io.BytesIO()
    picture.save(buffer, format=fmt)
    return buffer.getvalue()
