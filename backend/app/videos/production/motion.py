"""The local animator's choice for one clip: the scene's camera move, made livelier by the
clip's energy, with a push on each downbeat inside it. Stored on the clip as JSON (no pixels:
the composition draws the frames), so choosing motion for 70 clips takes milliseconds."""

import bisect
import random
from typing import Any

# The planner's moves the composition does not draw under that name, and what draws them.
SAME_AS = {"push": "zoom_in", "tilt_up": "pan_up", "orbit": "drift"}
# A regenerated clip gets another move in the scene's spirit, not the same one again.
ALTERNATIVES = {
    "zoom_in": ("zoom_out", "drift", "pan_left", "pan_right"),
    "zoom_out": ("zoom_in", "drift", "pan_right", "pan_left"),
    "pan_left": ("pan_right", "zoom_in", "drift"),
    "pan_right": ("pan_left", "zoom_out", "drift"),
    "pan_up": ("pan_down", "zoom_in", "drift"),
    "pan_down": ("pan_up", "zoom_out", "drift"),
    "drift": ("zoom_in", "zoom_out", "pan_left", "pan_right"),
    "still": ("drift", "zoom_in"),
}


def choose(
    *,
    scene: dict[str, Any],
    start: float,
    end: float,
    downbeats: list[float],
    beat_times: list[float],
    beat_energy: list[float],
    clip_energy: float,
    seed: int,
    regenerated: bool = False,
) -> dict[str, Any]:
    move = SAME_AS.get(scene.get("motion", "drift"), scene.get("motion", "drift"))
    if regenerated:
        move = random.Random(seed).choice(ALTERNATIVES.get(move, ("drift",)))
    planned = float(scene.get("intensity", 0.5))
    intensity = round(min(1.0, max(0.0, 0.5 * planned + 0.5 * clip_energy)), 3)
    lo, hi = bisect.bisect_left(downbeats, start + 1e-3), bisect.bisect_left(downbeats, end - 1e-3)
    accents = [round(t - start, 3) for t in downbeats[lo:hi]]
    i, j = max(0, bisect.bisect_right(beat_times, start) - 1), bisect.bisect_left(beat_times, end)
    energy = [
        [round(max(0.0, t - start), 3), round(float(e), 3)]
        for t, e in zip(beat_times[i:j], beat_energy[i:j], strict=False)
    ]
    return {"motion": move, "intensity": intensity, "accents": accents, "energy": energy, "seed": seed}
