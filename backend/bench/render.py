"""Benchmark: still picture + audio -> MP4 (app.media.render), against the plain ffmpeg
command timed in the same run on the same inputs.

Inputs: the local art provider's cover and steady synthetic stereo audio. The AAC .m4a (what
the music provider hands the renderer) is 30 s encoded once and repeated frame by frame, so
that making a 900 s input costs a second, not a minute; to the renderer it is an ordinary
AAC-LC 48 kHz 384 kbit/s .m4a. Ours is the median of a few runs. The machine is shared, so
CPU seconds (ffmpeg's, which is nearly all the work) are given too: they hardly depend on
what else is running.

Run from backend/: `.venv/bin/python -m bench.render`."""

import resource
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from app.media.render import render_video
from app.media.render.adts import read_frames, write_frames
from app.providers.local.art import LocalImageProvider

SEED_COMMAND = [  # the textbook still-image render: every frame encoded
    *["-loop", "1", "-i", "{image}", "-i", "{audio}"],
    *["-c:v", "libx264", "-preset", "medium", "-tune", "stillimage", "-crf", "23"],
    *["-c:a", "aac", "-b:a", "320k", "-pix_fmt", "yuv420p", "-shortest", "{out}"],
]
RUNS = 3


def ffmpeg(*args: str) -> None:
    subprocess.run(["ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error", "-y", *args], check=True)


def make_m4a(folder: Path, seconds: int) -> Path:
    """Broadband stereo sound (independent noise + a chord) as AAC-LC 48 kHz 384 kbit/s."""
    piece = folder / "piece.aac"
    if not piece.exists():
        sources = [
            "anoisesrc=d=30:r=48000:a=0.1:c=pink:s=1",
            "anoisesrc=d=30:r=48000:a=0.1:c=pink:s=2",
            "aevalsrc=0.1*sin(2*PI*220*t)+0.08*sin(2*PI*330*t):s=48000:d=30",
        ]
        inputs = [arg for source in sources for arg in ("-f", "lavfi", "-i", source)]
        mix = "[0][1]amerge=inputs=2[noise];[2]aformat=channel_layouts=stereo[chord];[noise][chord]amix=inputs=2"
        aac = ["-c:a", "aac", "-aac_coder", "fast", "-b:a", "384k", "-f", "adts", str(piece)]
        ffmpeg(*inputs, "-filter_complex", mix, *aac)
    frames = read_frames(piece)
    needed = seconds * 48000 // 1024 + 1
    looped = folder / f"track-{seconds}.aac"
    write_frames(looped, (frames * (needed // len(frames) + 1))[:needed])
    out = folder / f"track-{seconds}.m4a"
    ffmpeg("-f", "aac", "-i", str(looped), "-c", "copy", "-t", str(seconds), str(out))
    return out


@dataclass(frozen=True)
class Timing:
    wall: float
    cpu: float  # of the ffmpeg processes


def timed(work: Callable[[], object]) -> Timing:
    before, start = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
    work()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return Timing(time.perf_counter() - start, cpu)


def ours(image: Path, audio: Path, folder: Path) -> Timing:
    def render() -> None:
        render_video(image=image, audio=audio, out=folder / "ours.mp4", workdir=folder)

    runs = [timed(render) for _ in range(RUNS)]
    return Timing(statistics.median(t.wall for t in runs), statistics.median(t.cpu for t in runs))


def seed(image: Path, audio: Path, folder: Path) -> Timing:
    names = {"{image}": str(image), "{audio}": str(audio), "{out}": str(folder / "seed.mp4")}
    return timed(lambda: ffmpeg(*(names.get(arg, arg) for arg in SEED_COMMAND)))


def run() -> list[str]:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        image = LocalImageProvider().generate(prompt="calm night ocean", seed=1, workdir=folder)
        m4a_120, m4a_900 = make_m4a(folder, 120), make_m4a(folder, 900)
        mp3_120 = folder / "track-120.mp3"
        ffmpeg("-i", str(m4a_120), "-ar", "44100", "-c:a", "libmp3lame", "-b:a", "320k", str(mp3_120))

        base = seed(image, mp3_120, folder)
        m4a, mp3 = ours(image, m4a_120, folder), ours(image, mp3_120, folder)
        long = ours(image, m4a_900, folder)
    return [
        (
            f"render 120 s track vs seed command: {base.wall / m4a.wall:.0f}x "
            f"({m4a.wall:.1f} s vs {base.wall:.0f} s; CPU {m4a.cpu:.1f} s vs {base.cpu:.0f} s) (target >= 30x)"
        ),
        (
            f"render 120 s track from an MP3 only vs seed command: {base.wall / mp3.wall:.0f}x "
            f"({mp3.wall:.1f} s; CPU {mp3.cpu:.1f} s) (no target: the music provider normally hands over AAC)"
        ),
        (
            f"render 900 s track: {900 / long.wall:.0f}x real time ({long.wall:.1f} s; CPU {long.cpu:.1f} s) "
            "(target >= 100x)"
        ),
    ]


if __name__ == "__main__":
    print("\n".join(run()))
