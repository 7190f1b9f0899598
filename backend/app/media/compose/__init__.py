"""A planned timeline -> the music video's MP4 (engine.py says how)."""

from app.media.compose.engine import compose
from app.media.compose.timeline import (
    ComposeResult,
    Layer,
    Shot,
    StillMotion,
    TextOverlay,
    Timeline,
    VideoClip,
)

__all__ = ["ComposeResult", "Layer", "Shot", "StillMotion", "TextOverlay", "Timeline", "VideoClip", "compose"]
