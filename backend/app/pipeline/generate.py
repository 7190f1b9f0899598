"""Step 1: a prompt becomes music (MP3 + AAC for the video) and cover art → `generated`."""

import contextvars
import secrets
import uuid
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy.orm import Session

from app import storage
from app.auth.models import User
from app.errors import Conflict, ProviderNotConfigured
from app.pipeline.failures import mark_failed, readable
from app.pipeline.progress import Progress
from app.providers import registry
from app.providers.base import ProviderError
from app.tracks.models import Track, TrackStatus
from app.tracks.schemas import GenerateRequest
from app.usage import budget
from app.usage import context as usage_context

# Bytes per second of audio while generating: MP3 320k + AAC 384k, plus their temporary copies.
BYTES_PER_SECOND = 2 * (40_000 + 48_000)


def generate(db: Session, *, user: User, request: GenerateRequest) -> Track:
    if request.id is not None:
        existing = db.get(Track, request.id)
        if existing is not None:
            if existing.user_id != user.id:
                raise Conflict("That track id is already taken; send another or none")
            return existing  # a retried POST: never start a second generation
    track = create(db, user=user, request=request)
    run(db, track=track)
    return track


def create(db: Session, *, user: User, request: GenerateRequest) -> Track:
    """The `generating` row, committed so that polls can see it before the work starts."""
    storage.require_free_space(request.duration * BYTES_PER_SECOND + 20_000_000)
    # --- Providers (issue 7): a missing key or a job over budget is refused here, before the
    # track exists and before any paid call is sent.
    try:
        budget.check_job(job_id=None, planned=budget.track_plan(
            music=registry.music_provider(), image=registry.image_provider(), duration=request.duration))
    except ProviderError as exc:  # a key or a price is missing: nothing could be costed or sent
        raise ProviderNotConfigured(readable(exc)) from exc
    track = Track(
        id=request.id or uuid.uuid4(), user_id=user.id, prompt=request.prompt, duration=request.duration,
        seed=request.seed if request.seed is not None else secrets.randbelow(2**31),
        status=TrackStatus.GENERATING, stage="starting", progress=0,
    )
    db.add(track)
    db.commit()
    return track


def run(db: Session, *, track: Track) -> None:
    """Produce the files in a scratch folder, move them into place, then flip the row.
    On failure no file of this step is left behind and the track is `failed`, retryable."""
    progress = Progress(track.id)
    committed: list[str] = []
    try:
        music, image = registry.music_provider(), registry.image_provider()
        # Provider calls made below are booked to this track (the ledger reads this context);
        # a retry counts what earlier attempts of the job already spent.
        job = usage_context.job(job_id=track.id, track_id=track.id, user_id=track.user_id)
        with job, storage.workdir() as work, ThreadPoolExecutor(max_workers=1) as pool:
            budget.check_job(job_id=track.id,
                             planned=budget.track_plan(music=music, image=image, duration=track.duration))
            # Cover art is made while the music is being made. The pool does not copy
            # context by itself: run the art inside a copy so its calls keep the job.
            art = pool.submit(contextvars.copy_context().run, image.generate,
                              prompt=track.prompt, seed=track.seed, workdir=work)
            audio = music.generate(
                prompt=track.prompt, duration=track.duration, seed=track.seed, workdir=work,
                progress=progress.reporter("composing music", end=0.95),
            )
            progress.update("painting cover art", 0.95)
            png = art.result()
            progress.update("saving files", 0.98)
            paths = {
                "music_path": (audio.mp3_path, storage.relative_path("music", track.id, "mp3")),
                "audio_path": (audio.aac_path, storage.relative_path("music", track.id, "m4a")),
                "image_path": (png, storage.relative_path("images", track.id, "png")),
            }
            sizes = {}
            for column, (src, rel) in paths.items():
                if src is None:
                    continue
                sizes[column] = storage.commit(src, rel)
                committed.append(rel)
                setattr(track, column, rel)
        track.music_bytes = sizes["music_path"] + sizes.get("audio_path", 0)
        track.image_bytes = sizes["image_path"]
        track.status = TrackStatus.GENERATED
        track.stage = track.progress = track.error_message = track.failed_stage = None
        db.commit()
    except Exception as exc:
        storage.delete(*committed)
        raise mark_failed(db, track, step="generate", exc=exc) from exc
