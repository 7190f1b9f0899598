"""One segment: the frames of one shot (and the blended start of its transition), its text
and the video's fades, made and encoded by a single ffmpeg run into closed-GOP raw H.264.

Segments are cached by a hash of everything that decides their pixels: the sources' file
contents and motion, the neighbour a transition reads, the text over them, the fades, the
frame range and the encoder's settings. Re-composing after one shot changed encodes that
shot's segment again (and the next one, when its transition reads it); the rest are copied.
"""

import hashlib
import json
import os
import shutil
from dataclasses import asdict, dataclass
from pathlib import Path

import ffmpeg

from app.media.compose import text
from app.media.compose.clips import clip_stream
from app.media.compose.motion import Window, still_stream
from app.media.compose.plan import Segment
from app.media.compose.timeline import StillMotion, Timeline, VideoClip
from app.media.ffmpeg import run_ffmpeg

# Everything that shapes the H.264 headers is the same for every segment, so they join by
# concatenation: High profile (the 8x8 transform put back into "ultrafast", which would
# otherwise drop to Baseline), no B-frames (every frame is shown as it is decoded, so the MP4
# needs no composition offsets or edit list), closed GOPs of 2 s with a keyframe at each
# segment's start (each segment is its own encode), none from scene cuts. "ultrafast" with
# the deblocking filter on measured the same PSNR as "superfast" on a slow zoom over a painted
# still (37.3 dB against the unencoded frames, at a smaller size) for a third less CPU: x264 is
# most of the composition's cost. The entropy coder stays CAVLC: CABAC gives the same picture
# in a fifth fewer bytes but costs 5-10 % more CPU, and a file made to be uploaded is better
# made sooner than smaller (about 6.5 Mbit/s at 1080p30, under YouTube's recommended 8).
# Each encode runs on one thread: segments run side by side, one per core.
GOP = 2  # seconds
X264 = "bframes=0:ref=1:open-gop=0:scenecut=0:stitchable=1:cabac=0:8x8dct=1:deblock=0,0"
CRF = 20
PRESET = "ultrafast"
VERSION = f"3|{PRESET}|crf{CRF}|{X264}|gop{GOP}"


def x264_args(fps: int) -> dict:
    return {
        "c:v": "libx264",
        "preset": PRESET,
        "crf": CRF,
        "profile:v": "high",
        "level:v": "4.2",
        "x264-params": f"{X264}:keyint={GOP * fps}:min-keyint={GOP * fps}",
        "threads": 1,
        "color_primaries": "bt709",
        "color_trc": "bt709",
        "colorspace": "bt709",
        "color_range": "tv",
    }


@dataclass(frozen=True)
class Work:
    segment: Segment
    key: str
    path: Path  # in the cache


class Hasher:
    """File contents hashed once per composition, whatever number of segments read them."""

    def __init__(self) -> None:
        self._known: dict[Path, str] = {}

    def __call__(self, path: Path) -> str:
        if path not in self._known:
            digest = hashlib.sha256()
            with path.open("rb") as f:
                for block in iter(lambda: f.read(1 << 20), b""):
                    digest.update(block)
            self._known[path] = digest.hexdigest()
        return self._known[path]


def _describe(source: StillMotion | VideoClip, files: Hasher) -> dict:
    if isinstance(source, VideoClip):
        return {"clip": files(source.path)}
    fields = asdict(source)
    fields["still"] = files(source.still)
    fields["layers"] = [{**asdict(layer), "image": files(layer.image)} for layer in source.layers]
    return fields


def key_of(timeline: Timeline, segments: list[Segment], i: int, files: Hasher, fades: tuple[int, int]) -> str:
    seg = segments[i]
    shots = timeline.shots
    fps = timeline.fps
    parts: dict = {
        "version": VERSION,
        "frame": [timeline.width, timeline.height, fps],
        "range": [seg.first, seg.last, seg.shot_first, seg.shot_last],
        "source": _describe(shots[i].source, files),
    }
    if seg.blend:
        before = segments[i - 1]
        parts["blend"] = [seg.transition, seg.blend, before.shot_first, before.shot_last]
        parts["before"] = _describe(shots[i - 1].source, files)
    parts["text"] = [
        asdict(o) for o in timeline.overlays if o.start * fps < seg.last and o.end * fps > seg.first
    ]
    total = round(timeline.duration * fps)
    parts["fades"] = [fades[0] if i == 0 else 0, fades[1] if i == len(segments) - 1 else 0, total]
    blob = json.dumps(parts, sort_keys=True, default=str).encode()
    return hashlib.sha256(blob).hexdigest()[:32]


def _source(source: StillMotion | VideoClip, window: Window):
    if isinstance(source, VideoClip):
        return clip_stream(source.path, window)
    return still_stream(source, window)


def _blend_in(earlier, stream, seg: Segment, count: int, fps: int):
    """The segment's first `seg.blend` frames mixed from the shot before, the rest as they are.
    xfade works in 4:4:4 (this ffmpeg has no 4:2:0 path for it), so only the blended frames go
    through it: converting every frame of the segment there and back cost more than the blend."""
    style = "fade" if seg.transition == "crossfade" else "fadeblack"
    duration = seg.blend / fps
    if seg.blend >= count:
        return ffmpeg.filter([earlier, stream], "xfade", transition=style, duration=duration, offset=0)
    both = stream.split()
    head = both[0].trim(end_frame=seg.blend).setpts("PTS-STARTPTS")
    rest = both[1].trim(start_frame=seg.blend).setpts("PTS-STARTPTS")
    mixed = ffmpeg.filter([earlier, head], "xfade", transition=style, duration=duration, offset=0)
    return ffmpeg.concat(mixed.filter("format", "yuv420p"), rest, v=1, a=0)


def build(
    timeline: Timeline, segments: list[Segment], i: int, out: Path, scratch: Path, fades: tuple[int, int]
) -> list[str]:
    """ffmpeg's arguments for segment i (without the program name). `fades`: frames of the
    fade from black and to black, each within the first or last segment."""
    seg, fps = segments[i], timeline.fps
    shot = timeline.shots[i]
    size = (timeline.width, timeline.height, fps)
    count = seg.last - seg.first
    stream = _source(
        shot.source, Window(*size, seg.shot_last - seg.shot_first, seg.first - seg.shot_first, count)
    )
    if seg.blend:
        before = segments[i - 1]
        # The shot before, drawn on for the blended frames: from its own frames' point of view
        # they come after its slot.
        window = Window(*size, before.shot_last - before.shot_first, seg.first - before.shot_first, seg.blend)
        earlier = _source(timeline.shots[i - 1].source, window)
        stream = _blend_in(earlier, stream, seg, count, fps)
    stream = stream.filter("settb", f"1/{fps}").setpts("N")
    offset = seg.first / fps
    for overlay in timeline.overlays:
        if overlay.start * fps < seg.last and overlay.end * fps > seg.first:
            placed = text.place(overlay, width=timeline.width, height=timeline.height)
            stream = text.draw(stream, placed, scratch, offset=offset)
    if fades[0] and i == 0:
        stream = stream.filter("fade", type="in", start_frame=0, nb_frames=fades[0])
    if fades[1] and i == len(segments) - 1:
        stream = stream.filter("fade", type="out", start_frame=count - fades[1], nb_frames=fades[1])
    # No-ops when the frames already are 4:2:0 with square pixels; they pin what x264 gets
    # (the pixel aspect is written in the headers every segment must share).
    stream = stream.filter("format", "yuv420p").filter("setsar", 1)
    output = stream.output(str(out), format="h264", an=None, **{"frames:v": count}, **x264_args(fps))
    args = output.global_args("-filter_threads", "1").compile(cmd="ffmpeg")
    return args[1:]


def encode(
    timeline: Timeline, segments: list[Segment], i: int, work: Work, scratch: Path, fades: tuple[int, int]
) -> None:
    """Encode into a temporary name, then move into the cache: a segment is either whole in
    the cache or absent, even if the process dies mid-encode."""
    folder = scratch / f"segment-{i}"
    folder.mkdir(parents=True, exist_ok=True)
    partial = folder / "segment.h264"
    run_ffmpeg(build(timeline, segments, i, partial, folder, fades))
    # A temporary name in the cache's own folder, then a rename: atomic on one file system.
    staging = work.path.with_suffix(f".{os.getpid()}.{i}.part")
    shutil.move(partial, staging)
    os.replace(staging, work.path)
