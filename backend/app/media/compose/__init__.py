"""A planned timeline -> the music video's MP4 (see engine.py for how)."""

from app.media.compose.timeline import (
    ComposeResult,
    Layer,
    Shot,
    StillMotion,
    TextOverlay,
    Timeline,
    VideoClip,
)

__all__ = ["ComposeResult", "Layer", "Shot", "StillMotion", "TextOverlay", "Timeline", "VideoClip"]
