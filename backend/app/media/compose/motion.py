"""A still set in motion, as an ffmpeg filter chain: cheap enough to run at several times
real time on one core while x264 encodes the result in the same process.

Everything that touches every pixel once per still (decoding the PNG, enlarging it, the
conversion to 4:2:0) runs once, before the `loop` filter repeats the result; per
frame, only cheap filters run: `crop` with per-frame positions for pans and parallax (a few
milliseconds), `zoompan` for zooms (~2.5 ms), `overlay` for the layers in
front and `eq` for the flash of an accent.

Pans move by a whole number of pixels every frame (1, 2 or 3, following the energy): `crop`
places its window on whole pixels, and a pan at a fraction of a pixel per frame would step
unevenly (one pixel, then none for three frames) - the jitter that makes slow pans look
cheap. `exact` keeps crop from rounding the window to even pixels (4:2:0 colour is stored at
half resolution, so the colour moves a whole colour sample every other frame; the eye reads
motion from brightness, which moves every frame). Zooms need no such care: `scale` resamples the whole picture every frame.

Time is counted in frames of the shot: frame 0 is its cut, and a segment that starts earlier
or later (the blended frames of a transition) asks for frames from `start` on. Motion keeps
going for a quarter of the shot before and after its slot, enough for any transition.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass

import ffmpeg
from PIL import Image

from app.media.compose.timeline import Layer, StillMotion

# How far beyond its slot a shot may be drawn, as a fraction of its length (transitions take
# at most half of a shot, centred on its cut: a quarter on each side).
REACH = 0.25
MAX_TRAVEL = 0.3  # of the frame's width (or height): pans never enlarge the still more
ZOOM_BASE, ZOOM_RANGE = 0.04, 0.16  # zoom amount at intensity 0 and added at intensity 1
PUSH_FRAMES = 0.12  # seconds an accent's push or flash takes to die down (e-folding)
MAX_KNOTS = 12  # energy pieces per shot (expression length stays small)
# Decay times after which an accent is over: e^-4 of a flash is under half a grey level.
FELT = 4


@dataclass(frozen=True)
class Window:
    width: int
    height: int
    fps: int
    length: int  # the shot's slot, frames
    start: int  # first frame drawn, in frames of the shot
    count: int  # frames drawn


def _pieces(source: StillMotion, window: Window) -> list[tuple[int, int, float]]:
    """(first frame, frames, energy) of each stretch of the shot's reach, from its curve."""
    lo = -math.ceil(window.length * REACH)
    hi = window.length + math.ceil(window.length * REACH)
    fps = window.fps
    points = sorted((round(t * fps), min(1.0, max(0.0, e))) for t, e in source.energy) or [
        (0, source.intensity)
    ]
    step = max(1, math.ceil((hi - lo) / MAX_KNOTS))
    pieces = []
    for first in range(lo, hi, step):
        mid = first + step // 2
        before = [e for k, e in points if k <= mid]
        energy = before[-1] if before else points[0][1]
        pieces.append((first, min(step, hi - first), energy))
    return pieces


def _ramp(pieces: list[tuple[int, int, float]], rates: Sequence[float], var: str) -> str:
    """sum of rate * frames spent in each piece by frame `var`: a piecewise-linear expression."""
    terms = [f"{r:g}*clip({var}-({a}),0,{n})" for (a, n, _), r in zip(pieces, rates, strict=True) if r]
    return "+".join(terms) or "0"


def _accent_frames(source: StillMotion, window: Window) -> list[int]:
    """The shot's frames (its own count) where an accent starts, among those still felt in the window."""
    fall = PUSH_FRAMES * window.fps
    return [
        k
        for k in sorted({round(a * window.fps) for a in source.accents})
        if window.start - FELT * fall <= k < window.start + window.count
    ]


def _accents(source: StillMotion, window: Window, var: str, size: float) -> str:
    fall = PUSH_FRAMES * window.fps
    terms = [f"{size:g}*gte({var},{k})*exp(({k}-{var})/{fall:g})" for k in _accent_frames(source, window)]
    return "+".join(terms) or "0"


def _while_felt(source: StillMotion, window: Window) -> str:
    """A timeline expression true on the frames of the window (counted from 0) where a flash is
    still visible: outside them the brightness filter is skipped, not run with nothing to add."""
    fall = PUSH_FRAMES * window.fps
    spans = [
        (k - window.start, k - window.start + math.ceil(FELT * fall)) for k in _accent_frames(source, window)
    ]
    return "+".join(f"between(n,{a},{b})" for a, b in spans) or "0"


def pan_rates(
    source: StillMotion, window: Window, *, extent: int, nearest: int = 1
) -> tuple[list, list[int]]:
    """Whole pixels per frame for each piece (1 to 3 by energy), slowed until the nearest
    layer's travel fits MAX_TRAVEL of `extent`."""
    pieces = _pieces(source, window)
    top = 1 + round(2 * source.intensity)
    while True:
        rates = [max(1, round(top * (0.35 + 0.65 * e))) for _, _, e in pieces]
        travel = nearest * sum(r * n for (_, n, _), r in zip(pieces, rates, strict=True))
        if travel <= MAX_TRAVEL * extent or top == 1:
            return pieces, rates
        top -= 1


def still_stream(source: StillMotion, window: Window):
    """The shot's frames [start, start + count) as a yuv420p stream of the output's size."""
    motion = source.motion
    if motion in ("pan_left", "pan_right", "pan_up", "pan_down") or (motion == "drift" and source.layers):
        stream = _pan(source, window)
    elif motion in ("zoom_in", "zoom_out", "drift"):
        stream = _zoom(source, window)
    else:
        stream = _frames(ffmpeg.input(str(source.still)), window)
    if source.accents and motion != "still":
        flash = _accents(source, window, f"(n+{window.start})", 0.05 + 0.07 * source.intensity)
        if motion.startswith("pan") or motion == "drift" and source.layers:
            stream = stream.filter("eq", brightness=flash, eval="frame", enable=_while_felt(source, window))
    return stream.trim(end_frame=window.count).setpts("PTS-STARTPTS")


def _repeat(picture, fps: int):
    """One decoded picture as an endless stream at the output's rate (the consumer stops it)."""
    # `fps` only states the rate the timestamps already have (filters such as xfade check it).
    return picture.filter("loop", loop=-1, size=1).filter("settb", f"1/{fps}").setpts("N").filter("fps", fps)


def _frames(still, window: Window, *, scale: float = 1.0):
    """A picture decoded once, enlarged to cover `scale` times the frame, in 4:2:0, repeated
    at the output's rate."""
    w = 2 * math.ceil(window.width * scale / 2)
    h = 2 * math.ceil(window.height * scale / 2)
    picture = (
        still.filter("scale", w, h, force_original_aspect_ratio="increase", out_color_matrix="bt709")
        .filter("crop", w, h)
        .filter("format", "yuv420p")
    )
    return _repeat(picture, window.fps)


def _zoom(source: StillMotion, window: Window):
    """Zoom in or out as far as the energy has carried it; a push on every accent; drift is a
    smaller zoom whose centre wanders. `zoompan` crops the part of the frame-sized picture in
    view and scales only that to the frame, per frame: half the work of enlarging the whole
    picture and cropping the middle out of it."""
    pieces = _pieces(source, window)
    k = f"(on+{window.start})"
    done = _ramp(pieces, [0.15 + e for _, _, e in pieces], k)
    whole = sum(n * (0.15 + e) for _, n, e in pieces)
    amount = (ZOOM_BASE + ZOOM_RANGE * source.intensity) * (0.4 if source.motion == "drift" else 1)
    progress = f"(({done})/{whole:g})"
    zoom = f"(1+{amount:g}*{progress})" if source.motion != "zoom_out" else f"(1+{amount:g}*(1-{progress}))"
    push = _accents(source, window, k, 0.012 + 0.02 * source.intensity)
    base = _frames(ffmpeg.input(str(source.still)), window, scale=1.0)
    if source.motion == "drift":
        swing = f"(0.5+0.45*sin({progress}*{math.pi:.4f}*1.3+{source.seed % 7}))"
        x, y = f"(iw-iw/zoom)*{swing}", "(ih-ih/zoom)*0.5"
    else:
        x, y = "(iw-iw/zoom)/2", "(ih-ih/zoom)/2"
    return base.filter(
        "zoompan", z=f"{zoom}+{push}", x=x, y=y, d=1, s=f"{window.width}x{window.height}", fps=window.fps
    )


def _pan(source: StillMotion, window: Window):
    """The camera slides sideways (or up and down) by whole pixels a frame; with layers,
    each moves by its own multiple of the camera's step: parallax."""
    vertical = source.motion in ("pan_up", "pan_down")
    extent = window.height if vertical else window.width
    layers = source.layers if len(source.layers) > 1 else ()
    speeds = [_speed(layer.depth) for layer in layers] or [1]
    pieces, rates = pan_rates(source, window, extent=extent, nearest=max(speeds))
    k = f"(n+{window.start})"
    travel = sum(r * n for (_, n, _), r in zip(pieces, rates, strict=True))
    scale = 1 + max(speeds) * travel / extent + 2 / extent
    moved = _ramp(pieces, rates, k)
    backwards = source.motion in ("pan_left", "pan_down")

    def offset(speed: int) -> str:
        return f"{speed}*({travel}-({moved}))" if backwards else f"{speed}*({moved})"

    if not layers:
        base = _frames(ffmpeg.input(str(source.still)), window, scale=scale)
        x, y = ("(iw-ow)/2", offset(1)) if vertical else (offset(1), "(ih-oh)/2")
        return base.filter("crop", window.width, window.height, x=x, y=y, exact=1)
    # Layers that move alike are laid over each other once, before they are repeated, so
    # that per frame only one overlay per speed remains (the sky's group is the background).
    groups: list[tuple[int, list[Layer]]] = []
    for layer, speed in zip(layers, speeds, strict=True):
        if groups and groups[-1][0] == speed:
            groups[-1][1].append(layer)
        else:
            groups.append((speed, [layer]))
    fw, fh = 2 * math.ceil(window.width * scale / 2), 2 * math.ceil(window.height * scale / 2)
    cx, cy = (fw - window.width) // 2, (fh - window.height) // 2
    (speed, group), rest = groups[0], groups[1:]
    sky, _, _ = _group(group)
    base = _frames(sky, window, scale=scale)
    if vertical:
        frame = base.filter("crop", window.width, window.height, x=cx, y=offset(speed), exact=1)
    else:
        frame = base.filter("crop", window.width, window.height, x=offset(speed), y=cy, exact=1)
    for speed, group in rest:
        picture, left, top = _group(group)
        picture = _repeat(
            picture.filter("scale", f"iw*{scale:g}", f"ih*{scale:g}").filter("format", "yuva420p"), window.fps
        )
        lx, ly = round(left * scale), round(top * scale)
        if vertical:
            x, y = f"{lx - cx}", f"{ly}-{offset(speed)}"
        else:
            x, y = f"{lx}-{offset(speed)}", f"{ly - cy}"
        frame = ffmpeg.overlay(frame, picture, x=x, y=y, eval="frame", format="yuv420", alpha="straight")
    return frame


def _group(layers: list[Layer]):
    """Layers laid over each other in a box holding them all: (RGBA stream, left, top)."""
    left, top = min(layer.left for layer in layers), min(layer.top for layer in layers)
    pictures = [ffmpeg.input(str(layer.image)) for layer in layers]
    if len(layers) == 1:
        return pictures[0], left, top
    sizes = [_size(layer.image) for layer in layers]
    right = max(layer.left + w for layer, (w, _) in zip(layers, sizes, strict=True))
    bottom = max(layer.top + h for layer, (_, h) in zip(layers, sizes, strict=True))
    canvas = (
        pictures[0]
        .filter("format", "rgba")
        .filter(
            "pad", right - left, bottom - top, layers[0].left - left, layers[0].top - top, color="black@0"
        )
    )
    for layer, picture in zip(layers[1:], pictures[1:], strict=True):
        canvas = ffmpeg.overlay(canvas, picture, x=layer.left - left, y=layer.top - top, format="rgb")
    return canvas, left, top


def _size(path) -> tuple[int, int]:
    with Image.open(path) as picture:
        return picture.size


def _speed(depth: float) -> int:
    """Near layers move more: the sky one step a frame, the land two, rain and birds three."""
    return 1 + round(2 * (1 - max(0.0, min(1.0, depth))) ** 0.8)
