"""From seconds to frames: each shot boundary on the frame nearest its beat, and the
segments the video is encoded in.

A cut at frame f means frame f is the first of the new shot: with boundaries rounded to the
nearest frame, every cut is within half a frame of its beat. A crossfade or dip into a shot
is centred on its boundary: it starts `lead` frames before it. Segment i runs from its own
transition's start to the next one's, so every frame belongs to exactly one segment and the
blended frames of a transition belong to the shot it leads into (whose segment also draws
the last frames of the shot before: generated twice, encoded once)."""

from dataclasses import dataclass

from app.core.errors import MediaError
from app.media.compose.timeline import TRANSITIONS, Shot, Timeline


@dataclass(frozen=True)
class Segment:
    index: int  # the shot's
    first: int  # frames of the video, [first, last)
    last: int
    shot_first: int  # the shot's own slot, [shot_first, shot_last), its cut at shot_first
    shot_last: int
    blend: int  # frames at the start blended from the shot before (0: a hard cut)
    transition: str


def frame_of(seconds: float, fps: int) -> int:
    return round(seconds * fps)


def plan_segments(timeline: Timeline) -> list[Segment]:
    check(timeline)
    fps = timeline.fps
    total = frame_of(timeline.duration, fps)
    bounds = [0] + [frame_of(shot.start, fps) for shot in timeline.shots[1:]] + [total]
    for i in range(len(timeline.shots)):
        if bounds[i + 1] <= bounds[i]:
            raise MediaError(f"shot {i + 1} is shorter than a frame once its ends are put on frames")
    blends, leads = [0], [0]
    for i, shot in enumerate(timeline.shots[1:], start=1):
        frames = 0
        if shot.transition != "cut":
            # At most half of either neighbour, so a blend never reaches the next boundary.
            room = min(bounds[i] - bounds[i - 1], bounds[i + 1] - bounds[i]) // 2
            frames = max(0, min(frame_of(shot.transition_seconds, fps), room))
        blends.append(frames)
        leads.append(frames // 2)
    leads.append(0)
    return [
        Segment(
            index=i,
            first=bounds[i] - leads[i],
            last=bounds[i + 1] - leads[i + 1],
            shot_first=bounds[i],
            shot_last=bounds[i + 1],
            blend=blends[i],
            transition=timeline.shots[i].transition if blends[i] else "cut",
        )
        for i in range(len(timeline.shots))
    ]


def check(timeline: Timeline) -> None:
    """Reasons a timeline can't be composed, said before any encoding starts."""
    if timeline.fps <= 0 or timeline.width <= 0 or timeline.height <= 0:
        raise MediaError("the video's size and frame rate must be positive")
    if timeline.width % 2 or timeline.height % 2:
        raise MediaError("the video's width and height must be even (4:2:0 colour)")
    if timeline.duration * timeline.fps < 1:
        raise MediaError("the song is shorter than a frame")
    if not timeline.shots:
        raise MediaError("the timeline has no shots")
    half = 0.5 / timeline.fps
    shots: tuple[Shot, ...] = timeline.shots
    if abs(shots[0].start) > half or abs(shots[-1].end - timeline.duration) > half:
        raise MediaError("the shots must cover the song from its start to its end")
    for i, (a, b) in enumerate(zip(shots, shots[1:], strict=False), start=1):
        if abs(a.end - b.start) > half:
            raise MediaError(
                f"shots {i} and {i + 1} leave a gap or overlap ({a.end:.3f} s / {b.start:.3f} s)"
            )
    for i, shot in enumerate(shots, start=1):
        if shot.transition not in TRANSITIONS:
            raise MediaError(f"shot {i} has an unknown transition {shot.transition!r}")
        if shot.end <= shot.start:
            raise MediaError(f"shot {i} ends before it starts")
