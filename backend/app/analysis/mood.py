"""Mood tags and a genre guess, by rules over what the other steps measured (tempo, mode,
loudness, how percussive and how bright the song is, how much its energy moves). These are
descriptive hints for prompts and the UI, not a classifier trained on labelled music; the
genre comes with a confidence that stays modest for that reason."""

from dataclasses import dataclass

import numpy as np

from app.analysis.features import Features


@dataclass(frozen=True)
class Mood:
    tags: list[str]
    genre: str
    genre_confidence: float
    descriptors: dict[str, float]  # the measurements the rules used, 0..1 unless noted


def describe(f: Features, tempo: float, mode: str, energy: np.ndarray, drums: float) -> Mood:
    """`drums`: share of the song's onsets in the kick and cymbal bands, 0..1."""
    brightness = float(np.clip((np.median(f.centroid) - 800) / 2700, 0, 1))
    loud = float(np.clip((np.percentile(f.rms_db, 90) + 35) / 30, 0, 1))
    movement = float(np.clip(np.std(energy) / 0.25, 0, 1)) if len(energy) else 0.0
    density = float(np.clip(np.mean(f.onset > np.percentile(f.onset, 75) * 0.5) / 0.6, 0, 1))
    fast, slow = tempo >= 120, tempo < 88
    tags: list[str] = []
    if fast and drums > 0.35 and loud > 0.5:
        tags.append("energetic")
    if slow and drums < 0.35:
        tags.append("calm")
    if mode == "minor":
        tags.append("tense" if fast else "melancholic" if slow else "dark")
    else:
        tags.append("uplifting" if fast else "warm" if slow else "happy")
    if brightness > 0.6:
        tags.append("bright")
    if drums < 0.2 and density < 0.4:
        tags.append("dreamy")
    if drums > 0.35 and 88 <= tempo < 125:
        tags.append("groovy")
    if movement > 0.6:
        tags.append("dynamic")
    if drums < 0.2:
        genre, conf = ("ambient", 0.5) if density < 0.35 else ("classical", 0.4)
    elif 118 <= tempo <= 135 and drums > 0.5:
        genre, conf = "electronic", 0.4
    elif 70 <= tempo < 100 and drums > 0.45:
        genre, conf = "hip-hop", 0.3
    elif drums > 0.35:
        genre, conf = ("rock", 0.3) if loud > 0.7 and brightness > 0.5 else ("pop", 0.35)
    else:
        genre, conf = "folk", 0.3
    descriptors = {
        "brightness": brightness,
        "loudness": loud,
        "movement": movement,
        "density": density,
        "drums": float(drums),
    }
    return Mood(tags, genre, conf, {k: round(v, 3) for k, v in descriptors.items()})
