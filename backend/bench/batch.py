"""A batch of ten 120 s tracks, generated and rendered with the local providers, through the
real batch service (rows in Postgres, files in storage): seconds per track against the
seed's estimate of ~90 s per track."""

import time
import uuid

from app.auth.models import User
from app.batches import service
from app.batches.schemas import BatchCreate
from app.db import session_factory
from app.tracks.service import delete_track

SEED_SECONDS_PER_TRACK = 90
PROMPTS = [
    "Calm ocean waves at night with warm pads",
    "Misty pine forest at dawn with soft birds",
    "Thunder far away over dark hills, low drones",
    "Lofi rain on a window, mellow and slow",
    "Deep space drift with glassy bells",
    "Meditation bowls over a quiet stream",
    "Stormy sea, heavy rain and wind",
    "Warm fireplace crackle on a winter evening",
    "Focus music with gentle bright chords",
    "Sleepy desert night with distant wind",
]


def run() -> list[str]:
    with session_factory()() as db:
        user = User(email=f"bench-{uuid.uuid4().hex[:8]}@example.com", password_hash="x")
        db.add(user)
        db.commit()
        started = time.perf_counter()
        batch = service.create_and_run(
            db, user=user, body=BatchCreate(prompts=PROMPTS, duration=120, render=True), batch_id=uuid.uuid4()
        )
        per_track = (time.perf_counter() - started) / len(PROMPTS)
        ok = batch.successful
        for item in service.to_public(db, batch).items:
            if item.track:
                delete_track(db, user=user, track_id=item.track.id)
        db.delete(user)
        db.commit()
    return [
        f"batch of ten 120 s tracks, generated + rendered: {per_track:.2f} s per track "
        f"(target <= 5 s; seed estimate {SEED_SECONDS_PER_TRACK} s: {SEED_SECONDS_PER_TRACK / per_track:.0f}x faster; "
        f"{ok}/10 succeeded)",
    ]
