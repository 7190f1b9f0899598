"""What a composition is made of: shots laid on the song's timeline, each a local still set in
motion or a provider's clip, with text on top and the song underneath."""

from dataclasses import dataclass, field
from pathlib import Path

MOTIONS = ("zoom_in", "zoom_out", "pan_left", "pan_right", "pan_up", "pan_down", "drift", "still")
TRANSITIONS = ("cut", "crossfade", "dip")
ROLES = ("title", "caption", "cta")


@dataclass(frozen=True)
class Layer:
    """One depth layer of a still: an RGBA picture placed at (left, top) in the frame."""

    image: Path
    depth: float  # 1 the far sky .. 0 the viewer's eye: near layers move more
    left: int = 0
    top: int = 0
    kind: str = ""  # "sky", "light", "clouds", "land", "rays", "weather", ...


@dataclass(frozen=True)
class StillMotion:
    """A local clip: a still and how the animator decided it moves."""

    still: Path  # flat RGB PNG at the output size
    layers: tuple[Layer, ...]  # empty: the whole frame moves as one
    motion: str  # one of MOTIONS
    intensity: float  # 0..1, from the clip's energy
    accents: tuple[float, ...]  # downbeats, seconds from the shot's start: a push on each
    energy: tuple[tuple[float, float], ...]  # (seconds from the shot's start, 0..1)
    seed: int


@dataclass(frozen=True)
class VideoClip:
    """A provider's clip: any size, rate and length, maybe with sound (dropped)."""

    path: Path


@dataclass(frozen=True)
class Shot:
    start: float  # seconds on the song's timeline
    end: float
    source: StillMotion | VideoClip
    transition: str = "cut"  # into this shot: one of TRANSITIONS
    transition_seconds: float = 0.0


@dataclass(frozen=True)
class TextOverlay:
    text: str
    start: float
    end: float
    role: str  # one of ROLES: where it sits and how large
    color: str = "#ffffff"


@dataclass(frozen=True)
class Timeline:
    width: int
    height: int
    fps: int
    audio: Path  # the song, any format ffmpeg reads
    duration: float  # the song's: the output lasts this long, to one frame
    shots: tuple[Shot, ...]  # contiguous, covering 0..duration
    overlays: tuple[TextOverlay, ...] = ()
    fade_in: float = 0.0  # picture from black and sound from silence
    fade_out: float = 0.0
    loudnorm: bool = False  # -14 LUFS only when the creator asks
    # Ads: provider clips that bring their own sound are heard, the music under them at 30 %.
    # A music video keeps the song alone.
    clip_sound: bool = False


@dataclass(frozen=True)
class ComposeResult:
    path: Path
    duration: float
    size_bytes: int
    cuts: list[float] = field(default_factory=list)  # where shots change, seconds (on frames)
    encoded: int = 0  # segments encoded by this run (the rest came from the cache)
    reused: int = 0
