"""Waveform peaks for the dashboard, decoded once from the MP3 and cached beside it."""

import json
import subprocess

import numpy as np

from app import storage
from app.errors import Conflict
from app.media.ffmpeg import MediaError, binary
from app.tracks.models import Track

RATE = 4000  # Hz: plenty for a picture of loudness, and 11× less to decode than 44.1 kHz
CACHE_POINTS = 4000


def _decode_envelope(track: Track) -> list[float]:
    cmd = [
        binary("ffmpeg"),
        "-nostdin",
        "-v",
        "error",
        "-i",
        str(storage.absolute(track.music_path or "")),
        "-ac",
        "1",
        "-ar",
        str(RATE),
        "-f",
        "f32le",
        "-",
    ]
    proc = subprocess.run(cmd, capture_output=True, check=False)
    if proc.returncode != 0:
        raise MediaError("could not decode the music for its waveform")
    samples = np.abs(np.frombuffer(proc.stdout, dtype=np.float32))
    usable = len(samples) - len(samples) % CACHE_POINTS
    peaks = samples[:usable].reshape(CACHE_POINTS, -1).max(axis=1)
    top = float(peaks.max()) or 1.0
    return [round(float(p) / top, 4) for p in peaks]


def peaks(track: Track, *, points: int) -> list[float]:
    if not track.music_path:
        raise Conflict("This track has no music yet")
    rel = storage.relative_path("music", track.id, "json")
    cached = storage.absolute(rel)
    if cached.exists():
        full = json.loads(cached.read_text())
    else:
        full = _decode_envelope(track)
        storage.write_bytes(rel, json.dumps(full).encode())
    # Down-sample the cached envelope to what the client asked for, keeping peaks.
    chunks = np.array_split(np.asarray(full), points)
    return [round(float(c.max()), 4) if len(c) else 0.0 for c in chunks]
