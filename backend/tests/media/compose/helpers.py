"""Making test material (stills, songs, clips) and reading the composed video back."""

import subprocess
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

from app.media.compose import Shot, StillMotion, Timeline, VideoClip

FPS = 30


def still(path: Path, colour: tuple[int, int, int], *, width: int = 320, height: int = 180) -> Path:
    """A flat colour with a pattern on it (so motion shows), distinct per colour."""
    image = Image.new("RGB", (width, height), colour)
    draw = ImageDraw.Draw(image)
    for i in range(0, width, 24):
        draw.rectangle([i, 0, i + 6, height], fill=tuple(min(255, c + 60) for c in colour))
    for j in range(0, height, 30):
        draw.line([0, j, width, j + 10], fill=(0, 0, 0), width=2)
    image.save(path)
    return path


def song(path: Path, seconds: float, *, rate: int = 44100, gain: float = 1.0) -> Path:
    """Music-like test sound: a chord with a beat and some noise, stereo (about -14.5 LUFS
    at gain 1)."""
    expr = "0.25*sin(2*PI*220*t)*(0.6+0.4*sin(2*PI*2*t))+0.15*sin(2*PI*331*t)+0.05*(random(0)-0.5)"
    right = "0.2*sin(2*PI*277*t)+0.1*sin(2*PI*440*t)*(0.5+0.5*cos(2*PI*t))"
    subprocess.run(
        [
            "ffmpeg",
            "-v",
            "error",
            "-y",
            "-f",
            "lavfi",
            "-i",
            f"aevalsrc={expr}|{right}:s={rate}:d={seconds}",
            "-af",
            f"volume={gain}",
            str(path),
        ],
        check=True,
    )
    return path


def clip(path: Path, *, size: str, rate: float, seconds: float, audio: bool = True) -> Path:
    sound = ["-f", "lavfi", "-i", f"sine=frequency=1000:duration={seconds}"] if audio else []
    video = ["-f", "lavfi", "-i", f"testsrc2=size={size}:rate={rate}:duration={seconds}"]
    subprocess.run(
        ["ffmpeg", "-v", "error", "-y", *video, *sound, "-c:v", "libx264", "-pix_fmt", "yuv420p", str(path)],
        check=True,
    )
    return path


def held(path: Path, motion: str = "still", **extra) -> StillMotion:
    fields = {"layers": (), "intensity": 0.5, "accents": (), "energy": ((0.0, 0.5),), "seed": 1, **extra}
    return StillMotion(still=path, motion=motion, **fields)


def timeline(audio: Path, shots: list[tuple[float, float, StillMotion | VideoClip]], **extra) -> Timeline:
    fields = {"width": 320, "height": 180, "fps": FPS, **extra}
    return Timeline(
        audio=audio,
        duration=shots[-1][1],
        shots=tuple(Shot(a, b, source) for a, b, source in shots),
        **fields,
    )


def frames(video: Path, *, width: int = 64, height: int = 36) -> np.ndarray:
    """Every frame, made small, as (n, height, width, 3) floats."""
    raw = subprocess.run(
        [
            "ffmpeg",
            "-v",
            "error",
            "-i",
            str(video),
            "-vf",
            f"scale={width}:{height}",
            "-f",
            "rawvideo",
            "-pix_fmt",
            "rgb24",
            "-",
        ],
        check=True,
        capture_output=True,
    ).stdout
    return np.frombuffer(raw, dtype=np.uint8).reshape(-1, height, width, 3).astype(np.float32)


def samples(media: Path) -> np.ndarray:
    """The sound at 48 kHz stereo, (n, 2) floats."""
    raw = subprocess.run(
        [
            "ffmpeg",
            "-v",
            "error",
            "-i",
            str(media),
            "-map",
            "0:a:0",
            "-ar",
            "48000",
            "-ac",
            "2",
            "-f",
            "f32le",
            "-",
        ],
        check=True,
        capture_output=True,
    ).stdout
    return np.frombuffer(raw, dtype=np.float32).reshape(-1, 2)
