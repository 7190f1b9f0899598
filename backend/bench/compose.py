"""Benchmark: a 3-minute song with ~55 local clips at 1080p30, from approved stills to the
final MP4 (app.media.compose), against the seeds' naive pipeline timed in the same run.

The naive pipeline makes the same frames with the same filters, but the textbook way: each
clip normalised to its own MP4 by x264 (default preset), the clips joined by the concat
demuxer, the whole video encoded a second time to draw the text, then the song encoded and
muxed. Ours encodes every frame once, in parallel closed-GOP segments joined by copy, the
song beside them.

Reported separately: the stills (the local painter with its layers; the storyboard step,
done before approval, not part of the ratio), the clips (the local animator: deciding the
motion and saving the layers) and the composition. CPU seconds beside wall seconds: the
machine is shared, and CPU seconds hardly depend on what else runs.

Run from backend/: `.venv/bin/python -m bench.compose`."""

import resource
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import ffmpeg as ff

from app.media.compose import Shot, StillMotion, TextOverlay, Timeline, compose
from app.media.compose.motion import Window
from app.media.compose.plan import plan_segments
from app.media.compose.segment import _source
from app.media.image import save_png
from app.providers.local.animator import animate, save_layers
from app.providers.local.art.layers import render_layers

SECONDS = 180
BEAT = 0.5  # 120 BPM
BARS = [6, 5, 8, 6, 4, 7, 6, 5]  # clip lengths in beats, cycled: ~55 clips of 2-4 s
SCENES = 12  # stills; neighbouring clips share them
PROMPTS = ["sunset ocean birds", "misty forest dawn", "night city rain", "winter mountains snow"]
CAMERAS = ["slow push in", "pan right", "drift", "pull back", "pan left", "tracking shot", "holds"]


@dataclass(frozen=True)
class Timing:
    wall: float
    cpu: float  # this process and its ffmpeg children


def timed(work: Callable[[], object]) -> tuple[Timing, object]:
    def cpu() -> float:
        own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime

    before, start = cpu(), time.perf_counter()
    result = work()
    return Timing(time.perf_counter() - start, cpu() - before), result


def ffmpeg(*args: str) -> None:
    subprocess.run(["ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error", "-y", *args], check=True)


def song(folder: Path) -> Path:
    path = folder / "song.mp3"
    chord = "0.2*sin(2*PI*220*t)*(0.6+0.4*sin(2*PI*2*t))+0.12*sin(2*PI*330*t)"
    ffmpeg("-f", "lavfi", "-i", f"aevalsrc={chord}|{chord}:s=44100:d={SECONDS}", "-b:a", "320k", str(path))
    return path


def energy() -> list[tuple[float, float]]:
    """Verses (low) and choruses (high), 30 s each, rising a little within each."""
    return [(t, (0.85 if (t // 30) % 2 else 0.3) + 0.1 * ((t % 30) / 30)) for t in range(0, SECONDS, 2)]


def stills(folder: Path) -> list[tuple[Path, tuple]]:
    made = []
    for i in range(SCENES):
        flat, layers = render_layers(prompt=PROMPTS[i % len(PROMPTS)], seed=i)
        made.append((save_png(flat, folder / f"still-{i}.png"), tuple(layers)))
    return made


def clips(folder: Path, painted: list[tuple[Path, tuple]]) -> tuple[Shot, ...]:
    bounds, t, k = [0.0], 0.0, 0
    while t < SECONDS - 4:
        t = min(SECONDS, t + BARS[k % len(BARS)] * BEAT)
        bounds.append(t)
        k += 1
    bounds[-1] = SECONDS
    downbeats = [i * 4 * BEAT for i in range(int(SECONDS / BEAT / 4))]
    curve = energy()
    saved = {}
    shots = []
    for i, (a, b) in enumerate(zip(bounds, bounds[1:], strict=False)):
        scene = i * SCENES // (len(bounds) - 1)
        still, layers = painted[scene]
        parallax = i % 3 == 1
        if parallax and scene not in saved:
            saved[scene] = save_layers(layers, folder / f"layers-{scene}")
        motion = animate(
            still=still,
            camera=CAMERAS[i % len(CAMERAS)],
            start=a,
            end=b,
            downbeats=downbeats,
            energy=curve,
            seed=i,
            layers=saved[scene] if parallax else (),
        )
        transition = "crossfade" if i and i % 9 == 0 else "cut"
        shots.append(Shot(a, b, motion, transition, 0.5 if transition != "cut" else 0.0))
    return tuple(shots)


def timeline(audio: Path, shots: tuple[Shot, ...]) -> Timeline:
    overlays = (
        TextOverlay("Benchmark: Ambient Studio", 0.5, 5.0, "title"),
        TextOverlay("a caption line under the picture", 40.0, 44.0, "caption"),
        TextOverlay("Subscribe for more", SECONDS - 6.0, SECONDS - 0.5, "cta"),
    )
    return Timeline(1920, 1080, 30, audio, float(SECONDS), shots, overlays, fade_in=1.0, fade_out=2.0)


def naive(tl: Timeline, folder: Path) -> None:
    """Normalise each clip with x264 -> concat -> a second encode for the text -> mux."""
    parts = []
    for seg, shot in zip(plan_segments(tl), tl.shots, strict=True):
        length = seg.shot_last - seg.shot_first
        stream = _source(shot.source, Window(tl.width, tl.height, tl.fps, length, 0, length))
        path = folder / f"naive-{seg.index}.mp4"
        ff.run(
            stream.output(str(path), vcodec="libx264", pix_fmt="yuv420p", r=tl.fps),
            quiet=True,
            overwrite_output=True,
        )
        parts.append(path)
    listing = folder / "naive.txt"
    listing.write_text("".join(f"file '{p}'\n" for p in parts))
    ffmpeg("-f", "concat", "-safe", "0", "-i", str(listing), "-c", "copy", str(folder / "naive-joined.mp4"))
    text = ff.input(str(folder / "naive-joined.mp4")).video
    for o in tl.overlays:
        (folder / f"naive-{o.role}.txt").write_text(o.text)
        text = text.drawtext(
            fontfile=str(Path(__file__).parents[1] / "app/media/compose/fonts/DejaVuSans-Bold.ttf"),
            textfile=str(folder / f"naive-{o.role}.txt"),
            fontsize=60,
            fontcolor="white",
            x="(w-text_w)/2",
            y="h*0.8",
            enable=f"between(t,{o.start},{o.end})",
        )
    ff.run(
        text.output(str(folder / "naive-text.mp4"), vcodec="libx264", pix_fmt="yuv420p"),
        quiet=True,
        overwrite_output=True,
    )
    ffmpeg(
        "-i",
        str(folder / "naive-text.mp4"),
        "-i",
        str(tl.audio),
        "-map",
        "0:v",
        "-map",
        "1:a",
        "-c:v",
        "copy",
        "-c:a",
        "aac",
        "-b:a",
        "384k",
        "-ar",
        "48000",
        "-shortest",
        str(folder / "naive.mp4"),
    )


def run() -> list[str]:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        audio = song(folder)
        painting, painted = timed(lambda: stills(folder))
        animating, shots = timed(lambda: clips(folder, painted))  # type: ignore[arg-type]
        tl = timeline(audio, shots)  # type: ignore[arg-type]
        (folder / "work").mkdir()
        ours, result = timed(
            lambda: compose(tl, out=folder / "ours.mp4", workdir=folder / "work", cache=folder / "cache")
        )
        changed = list(tl.shots)
        first = changed[20].source
        assert isinstance(first, StillMotion)
        changed[20] = Shot(
            changed[20].start,
            changed[20].end,
            StillMotion(**{**first.__dict__, "seed": 99, "motion": "zoom_out"}),
        )
        again, second = timed(
            lambda: compose(
                Timeline(**{**tl.__dict__, "shots": tuple(changed)}),
                out=folder / "again.mp4",
                workdir=folder / "work",
                cache=folder / "cache",
            )
        )
        base, _ = timed(lambda: naive(tl, folder))
    count = len(shots)  # type: ignore[arg-type]
    return [
        (
            f"compose {SECONDS} s music video, {count} local clips, 1080p30, vs naive pipeline: "
            f"{base.wall / ours.wall:.1f}x ({ours.wall:.1f} s vs {base.wall:.0f} s; CPU {ours.cpu:.0f} s vs "
            f"{base.cpu:.0f} s) (target >= 5x)"
        ),
        f"compose speed: {SECONDS / ours.wall:.1f}x real time (target >= 4x)",
        (
            f"music video stills ({SCENES}, local painter with layers): {painting.wall:.1f} s, CPU {painting.cpu:.1f} s; "
            f"clips (local animator, {count}): {animating.wall:.2f} s, CPU {animating.cpu:.2f} s (no target)"
        ),
        (
            f"re-compose after one clip changed: {again.wall:.1f} s, CPU {again.cpu:.1f} s, "
            f"{second.encoded} of {count} segments encoded (no target)"  # type: ignore[attr-defined]
        ),
    ]


if __name__ == "__main__":
    print("\n".join(run()))
