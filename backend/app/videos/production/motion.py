"""Which camera move a local clip gets: the scene's own, or — for a regenerated clip — another
in the same spirit, so regenerating visibly changes the clip. The local animator turns these
words, the clip's energy and its downbeats into motion when the video is composed."""

import random
from typing import Any

# The planner's camera moves in the animator's words.
WORDS = {
    "zoom_in": "zoom in",
    "zoom_out": "pull back",
    "push": "push in",
    "pan_left": "pan left",
    "pan_right": "pan right",
    "tilt_up": "tilt up",
    "orbit": "orbit",
    "drift": "drift",
    "still": "holds",
}
ALTERNATIVES = {
    "zoom_in": ("zoom_out", "drift", "pan_left", "pan_right"),
    "push": ("zoom_out", "drift", "pan_left", "pan_right"),
    "zoom_out": ("zoom_in", "drift", "pan_right", "pan_left"),
    "pan_left": ("pan_right", "zoom_in", "drift"),
    "pan_right": ("pan_left", "zoom_out", "drift"),
    "tilt_up": ("zoom_in", "pan_left", "drift"),
    "orbit": ("zoom_in", "zoom_out", "pan_right"),
    "drift": ("zoom_in", "zoom_out", "pan_left", "pan_right"),
    "still": ("drift", "zoom_in"),
}


def camera_for(scene: dict[str, Any], *, seed: int, regenerated: bool) -> dict[str, Any]:
    move = str(scene.get("motion", "drift"))
    if regenerated:
        move = random.Random(seed).choice(ALTERNATIVES.get(move, ("drift",)))
    return {"camera": WORDS.get(move, "drift"), "seed": seed}
