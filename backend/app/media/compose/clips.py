"""A provider's clip fitted to its slot: decoded once, scaled and cropped to cover the frame
(no bars), its frames taken at the output's rate from its start - trimmed at the end when
longer than the slot, played again from the start when shorter, never slowed or sped up -
and its sound left out."""

import ffmpeg

from app.core.errors import MediaError
from app.media.compose.motion import Window
from app.media.ffmpeg import probe


def clip_stream(path, window: Window):
    """Frames [start, start + count) of the clip, counted from its cut. Frames before the
    cut (a transition into it) repeat its first frame."""
    lead = max(0, -window.start)
    skip = max(0, window.start)
    clip = (
        ffmpeg.input(str(path), stream_loop=-1)
        .video.filter("fps", window.fps)
        .filter("scale", window.width, window.height, force_original_aspect_ratio="increase")
        .filter("crop", window.width, window.height)
        .filter("setsar", 1)
        .filter("format", "yuv420p")
    )
    if skip:
        clip = clip.trim(start_frame=skip).setpts("PTS-STARTPTS")
    if lead:
        clip = clip.filter("tpad", start=lead, start_mode="clone")
    return clip.trim(end_frame=window.count).setpts("PTS-STARTPTS")


def check_clip(path) -> None:
    """A clip that can't be read fails the composition with its name, not deep in a graph."""
    if not path.is_file():
        raise MediaError(f"clip not found: {path.name}")
    streams = [s for s in probe(path)["streams"] if s.get("codec_type") == "video"]
    if not streams:
        raise MediaError(f"{path.name} has no video stream")
