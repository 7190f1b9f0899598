"""End to end: a 3-minute song (a synthetic one from the evaluation set, with drums, sections and
a known beat) through the real steps on the job engine, offline — analysis, clip plan, scene plan
and storyboard (the stills), approval, then clips and composition — timed step by step with CPU
seconds beside wall seconds, and every cut between scenes checked on the decoded video: the
picture must change on the frame nearest its planned beat.

Run from backend/: `.venv/bin/python -m bench.music_video` (needs DATABASE_URL, as make bench sets)."""

import subprocess
import tempfile
import uuid
from pathlib import Path

import numpy as np
from scipy.io import wavfile

from app import storage
from app.auth.models import User
from app.db import session_factory
from app.providers.local.planner import plan_locally
from app.songs import analysis
from app.songs.service import upload
from app.videos import service
from app.videos.models import Scene
from app.videos.production import files, render, review, storyboard
from app.videos.production.state import clips_of, scenes_of
from app.videos.schemas import VideoCreate
from bench.compose import timed
from evalset.sound import SR
from evalset.spec import SongSpec
from evalset.synth import render as render_song

PROMPT = "Misty mountain lake at dawn, birds over the water, slow drifting camera"
FPS = 30


def song_file(folder: Path) -> Path:
    spec = SongSpec(seed=11, bpm=120.0, bars_per_section=12, intro_bars=4)  # ~176 s, 8 sections
    audio, _ = render_song(spec)
    path = folder / "song.wav"
    wavfile.write(path, SR, (np.clip(audio, -1, 1) * 32767).astype(np.int16))
    return path


def frame_changes(video: Path) -> np.ndarray:
    """change[k]: how much the picture changes from frame k to k+1 (small grey frames)."""
    raw = subprocess.run(
        ["ffmpeg", "-v", "error", "-i", str(video), "-vf", "scale=64:36,format=gray", "-f", "rawvideo", "-"],
        check=True,
        capture_output=True,
    ).stdout
    pictures = np.frombuffer(raw, dtype=np.uint8).reshape(-1, 36, 64).astype(np.float32)
    return np.abs(np.diff(pictures, axis=0)).mean(axis=(1, 2))


def cuts_on_their_frame(video: Path, clips: list, scenes: dict[int, Scene]) -> tuple[int, int]:
    change = frame_changes(video)
    cuts = [
        b.start
        for a, b in zip(clips, clips[1:], strict=False)
        if a.scene_index != b.scene_index and scenes[b.scene_index].data.get("transition") == "cut"
    ]
    hits = 0
    for t in cuts:
        k = round(t * FPS)
        window = range(max(0, k - 4), min(len(change), k + 3))
        hits += max(window, key=lambda i: change[i]) == k - 1
    return hits, len(cuts)


def run() -> list[str]:
    with tempfile.TemporaryDirectory() as tmp, session_factory()() as db:
        user = User(email=f"bench-{uuid.uuid4().hex[:8]}@example.com", password_hash="x")
        db.add(user)
        db.commit()
        with open(song_file(Path(tmp)), "rb") as fh:
            song, _ = upload(db, user=user, source=fh, filename="song.wav", title="bench song")
        analysed, _ = timed(lambda: analysis.start(db, song=song))
        video = service.create(db, user=user, body=VideoCreate(song_id=song.id, prompt=PROMPT, aspect="16:9"))
        service.plan(db, video=video)
        request = storyboard.request_for(db, video)
        planned, _ = timed(lambda: plan_locally(request))
        stills, _ = timed(lambda: storyboard.start(db, video))
        review.approve(db, video)
        made, _ = timed(lambda: render.start(db, video))
        clips, scenes = clips_of(db, video), {s.index: s for s in scenes_of(db, video)}
        hits, cuts = cuts_on_their_frame(storage.absolute(video.output_path or ""), clips, scenes)
        duration = float(video.grid["duration"])
        files.delete_video(db, video)
        db.delete(user)  # its songs go with it
        db.commit()
        storage.delete(song.path)
    return [
        f"music video, {duration:.0f} s song, {len(clips)} clips, {len(scenes)} scenes, local providers: "
        f"analysis {analysed.wall:.1f} s ({analysed.cpu:.1f} CPU-s; none when this audio was analysed "
        f"before by this analyser version), local scene plan {planned.wall * 1000:.0f} ms "
        f"({planned.cpu * 1000:.0f} CPU-ms), storyboard stills {stills.wall:.1f} s "
        f"({stills.cpu:.1f} CPU-s), clips + composition {made.wall:.1f} s ({made.cpu:.1f} CPU-s) = "
        f"{duration / made.wall:.1f}x real time (target >= 4x); cuts between scenes on their frame: {hits}/{cuts}",
    ]


if __name__ == "__main__":
    for line in run():
        print(line)
