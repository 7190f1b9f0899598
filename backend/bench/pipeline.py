"""End to end through the real steps on the job engine (rows in Postgres, files in storage):
generate and render of a 900 s track, and generate of a 300 s track."""

import time
import uuid

from app.auth.models import User
from app.db import session_factory
from app.tracks import steps
from app.tracks.schemas import GenerateRequest
from app.tracks.service import delete_track

PROMPT = "Calm night ocean waves with warm evolving pads and distant rain"


def _user(db) -> User:
    user = User(email=f"bench-{uuid.uuid4().hex[:8]}@example.com", password_hash="x")
    db.add(user)
    db.commit()
    return user


def run() -> list[str]:
    with session_factory()() as db:
        user = _user(db)
        t0 = time.perf_counter()
        short = steps.generate(db, user=user, request=GenerateRequest(prompt=PROMPT, duration=300, seed=1))
        gen300 = time.perf_counter() - t0

        t0 = time.perf_counter()
        track = steps.generate(db, user=user, request=GenerateRequest(prompt=PROMPT, duration=900, seed=2))
        gen900 = time.perf_counter() - t0
        t1 = time.perf_counter()
        steps.render(db, track=track)
        ren900 = time.perf_counter() - t1
        total = time.perf_counter() - t0
        for t in (short, track):
            delete_track(db, user=user, track_id=t.id)
        db.delete(user)
        db.commit()
    return [
        f"generate 300 s track (music + art + rows): {gen300:.2f} s (target <= 5 s)",
        f"generate + render 900 s track end to end: {900 / total:.0f}x real time (target >= 50x; "
        f"generate {gen900:.1f} s + render {ren900:.1f} s)",
    ]
