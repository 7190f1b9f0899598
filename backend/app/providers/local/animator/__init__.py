"""The local clip role: a storyboard still set in motion to the music, offline.

It decides how a still moves - the composer (app.media.compose) makes the frames when it
encodes the video, so a local clip costs no encode of its own. The scene's camera words pick
the motion (zoom in or out, pan, tilt, drift, hold); the song's energy over the clip sets how
much and how fast it moves (a chorus visibly livelier than a verse, and faster where the
energy rises within the clip); each downbeat gets a push (zooms) or a brief flash (pans); and
the painter's layers, when it hands them out, move at speeds by their depth: parallax."""

import re
from collections.abc import Sequence
from pathlib import Path

from app.media.compose import Layer, StillMotion
from app.providers.local.art.layers import PaintedLayer

# Camera words of a scene's text -> motion; the first match in the text wins.
WORDS: list[tuple[str, str]] = [
    (r"\b(push(es|ing)? in|zoom(s|ing)? in|dolly in|close in|approach)", "zoom_in"),
    (r"\b(pull(s|ing)? (back|out)|zoom(s|ing)? out|dolly out|reveal|widen)", "zoom_out"),
    (r"\b(pan(s|ning)? left|track(s|ing)? left|truck left)", "pan_left"),
    (r"\b(pan(s|ning)? right|track(s|ing)? right|truck right|pan|tracking)", "pan_right"),
    (r"\b(tilt(s|ing)? up|crane up|rise|rising)", "pan_up"),
    (r"\b(tilt(s|ing)? down|crane down|descend)", "pan_down"),
    (r"\b(static|still|locked|hold|holds)\b", "still"),
    (r"\b(drift|float|sway|orbit|wander|handheld)", "drift"),
]
LIVELY = 0.7  # energy above which a held shot drifts anyway: a chorus never stands still
ROTATION = ["zoom_in", "pan_right", "drift", "zoom_out", "pan_left"]


def motion_of(camera: str, *, energy: float, seed: int) -> str:
    """The motion a scene's camera text asks for; none named: one by the seed, for variety."""
    text = camera.lower()
    for pattern, motion in WORDS:
        if re.search(pattern, text):
            return "drift" if motion == "still" and energy >= LIVELY else motion
    return ROTATION[seed % len(ROTATION)]


def energy_within(
    energy: Sequence[tuple[float, float]], start: float, end: float
) -> tuple[tuple[float, float], ...]:
    """The song's energy curve (song time, 0..1) as seen from the clip: times from its start,
    the value in force at its start first, points up to its end."""
    points = sorted(energy)
    before = [e for t, e in points if t <= start]
    first = before[-1] if before else (points[0][1] if points else 0.5)
    inside = [(round(t - start, 3), e) for t, e in points if start < t < end]
    return ((0.0, first), *inside)


def intensity_of(curve: Sequence[tuple[float, float]], length: float) -> float:
    """Mean energy over the clip, time-weighted."""
    total = 0.0
    for (t, e), nxt in zip(curve, [*curve[1:], (length, 0.0)], strict=True):
        total += e * max(0.0, min(nxt[0], length) - t)
    return max(0.0, min(1.0, total / length)) if length > 0 else 0.0


def save_layers(layers: Sequence[PaintedLayer], folder: Path) -> tuple[Layer, ...]:
    """The painter's layers as files the composer reads, far to near."""
    folder.mkdir(parents=True, exist_ok=True)
    saved = []
    for i, layer in enumerate(layers):
        path = folder / f"layer-{i}-{layer.kind}.png"
        layer.image.save(path, format="PNG", compress_level=1)
        saved.append(Layer(image=path, depth=layer.depth, left=layer.left, top=layer.top, kind=layer.kind))
    return tuple(saved)


def animate(
    *,
    still: Path,
    camera: str,
    start: float,
    end: float,
    downbeats: Sequence[float],
    energy: Sequence[tuple[float, float]],
    seed: int,
    layers: Sequence[Layer] = (),
) -> StillMotion:
    """How the still of a clip on [start, end) of the song moves. `downbeats` and `energy`
    are in song time (the analysis'); `layers` from save_layers, or none (the whole frame
    moves as one)."""
    curve = energy_within(energy, start, end)
    intensity = intensity_of(curve, end - start)
    return StillMotion(
        still=still,
        layers=tuple(layers),
        motion=motion_of(camera, energy=intensity, seed=seed),
        intensity=round(intensity, 3),
        accents=tuple(round(b - start, 3) for b in downbeats if start <= b < end),
        energy=curve,
        seed=seed,
    )


__all__ = ["animate", "energy_within", "intensity_of", "motion_of", "save_layers"]
