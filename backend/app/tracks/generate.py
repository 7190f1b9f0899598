"""Generate: a prompt becomes music (MP3 + AAC for the video) and cover art → `generated`."""

import contextvars
import secrets
import uuid
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app import storage
from app.auth.models import User
from app.core.errors import ProviderError
from app.errors import Conflict, ProviderNotConfigured
from app.jobs import failures
from app.jobs.context import StepContext
from app.providers import registry
from app.tracks.models import Track, TrackStatus
from app.tracks.schemas import GenerateRequest
from app.usage import budget

# Bytes per second of audio while generating: MP3 320k + AAC 384k, plus their temporary copies.
BYTES_PER_SECOND = 2 * (40_000 + 48_000)
FILES = (("music_path", "music", "mp3"), ("audio_path", "music", "m4a"), ("image_path", "images", "png"))


def existing(db: Session, *, user: User, request: GenerateRequest) -> Track | None:
    """A retried POST with the same client-chosen id gets that track, never a second one."""
    if request.id is None:
        return None
    track = db.get(Track, request.id)
    if track is not None and track.user_id != user.id:
        raise Conflict("That track id is already taken; send another or none")
    return track


def create(db: Session, *, user: User, request: GenerateRequest) -> tuple[Track, bool]:
    """The `generating` row, written (not yet committed: it is committed with its job, so a
    track never exists without the job that makes it) — or, when a concurrent request with
    the same id got there first, that request's track and False. A missing key or a job over
    budget is refused here, before the track exists."""
    storage.require_free_space(request.duration * BYTES_PER_SECOND + 20_000_000)
    try:
        budget.check_job(
            job_id=None,
            planned=budget.track_plan(
                music=registry.music_provider(), image=registry.image_provider(), duration=request.duration
            ),
        )
    except ProviderError as exc:  # a key or a price is missing: nothing could be costed or sent
        raise ProviderNotConfigured(failures.describe(exc)[0]) from exc
    track = Track(
        id=request.id or uuid.uuid4(),
        user_id=user.id,
        prompt=request.prompt,
        duration=request.duration,
        seed=request.seed if request.seed is not None else secrets.randbelow(2**31),
        status=TrackStatus.GENERATING,
    )
    db.add(track)
    try:
        db.flush()  # waits for a concurrent insert of the same id, then fails if it committed
    except IntegrityError:
        db.rollback()
        winner = existing(db, user=user, request=request)
        if winner is None:
            raise Conflict("That track id is being used by another request; send another or none") from None
        return winner, False
    return track, True


def work(ctx: StepContext) -> None:
    """Produce the files in a scratch folder, move them into place, then flip the row."""
    track: Track = ctx.subject
    music, image = registry.music_provider(), registry.image_provider()
    with ctx.workdir() as work_dir, ThreadPoolExecutor(max_workers=1) as pool:
        # Each attempt is checked again, counting what earlier attempts of the job spent.
        budget.check_job(
            job_id=ctx.job.id, planned=budget.track_plan(music=music, image=image, duration=track.duration)
        )
        # Cover art is made while the music is being made. The pool does not copy context by
        # itself: run the art inside a copy so that its provider calls stay booked to the job.
        art = pool.submit(
            contextvars.copy_context().run,
            image.generate,
            prompt=track.prompt,
            seed=track.seed,
            workdir=work_dir,
        )
        audio = music.generate(
            prompt=track.prompt,
            duration=track.duration,
            seed=track.seed,
            workdir=work_dir,
            progress=ctx.progress.reporter("composing music", end=0.95),
        )
        ctx.progress.update("painting cover art", 0.95)
        png = art.result()
        ctx.progress.update("saving files", 0.98)
        made = {"music_path": audio.mp3_path, "audio_path": audio.aac_path, "image_path": png}
        sizes: dict[str, int] = {}
        for column, kind, ext in FILES:
            src = made[column]
            if src is None:
                continue
            rel = storage.relative_path(kind, track.id, ext)  # type: ignore[arg-type]
            sizes[column] = storage.commit(src, rel)
            setattr(track, column, rel)
    track.music_bytes = sizes["music_path"] + sizes.get("audio_path", 0)
    track.image_bytes = sizes["image_path"]
    track.status = TrackStatus.GENERATED


def discard(track: Track) -> None:
    """Whatever a failed or interrupted generation moved into place (the row points at none)."""
    storage.delete(*(storage.relative_path(kind, track.id, ext) for _, kind, ext in FILES))  # type: ignore[arg-type]
    track.music_path = track.audio_path = track.image_path = None
    track.music_bytes = track.image_bytes = 0
