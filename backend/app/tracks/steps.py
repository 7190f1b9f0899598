"""The track's steps in the job engine, and the flows the endpoints call.

A track's status is what the creator follows (generating → generated → rendering → rendered
→ uploading → uploaded, or failed); each step claims the track by moving it out of the status
it needs, so two requests for one step cannot both run it. The upload step belongs to the
YouTube package, which registers it the same way."""

import uuid

from sqlalchemy import update
from sqlalchemy.orm import Session

from app.auth.models import User
from app.errors import AppError, Conflict
from app.jobs import registry, runner
from app.tracks import generate as generating
from app.tracks import render as rendering
from app.tracks.models import Track, TrackStatus
from app.tracks.schemas import GenerateRequest

GENERATE, RENDER = "track.generate", "track.render"


def claim(db: Session, *, track: Track, expected: str, status: TrackStatus, conflict: str) -> None:
    """Move the track into a running step only if it is still in `expected`. The conditional
    UPDATE makes two concurrent requests for one step impossible; the caller commits."""
    claimed = db.execute(
        update(Track)
        .where(Track.id == track.id, Track.status == expected)
        .values(status=status)
        .returning(Track.id)
    ).first()
    if claimed is None:
        raise Conflict(conflict)


def load(db: Session, track_id: uuid.UUID) -> Track | None:
    return db.get(Track, track_id, populate_existing=True)


def mark_failed(db: Session, track: Track, _: BaseException) -> AppError | None:
    track.status = TrackStatus.FAILED
    return None


def _begin_generate(db: Session, track: Track) -> None:
    if track.status != TrackStatus.GENERATING:
        raise Conflict(f"This track is {track.status}; only a new track is generated")


def _retry_generate(db: Session, track: Track) -> None:
    claim(
        db,
        track=track,
        expected=TrackStatus.FAILED,
        status=TrackStatus.GENERATING,
        conflict="This track is already being retried",
    )


def _begin_render(db: Session, track: Track) -> None:
    rendering.check_renderable(track)
    claim(
        db,
        track=track,
        expected=TrackStatus.GENERATED,
        status=TrackStatus.RENDERING,
        conflict="This track is already rendering",
    )


def _retry_render(db: Session, track: Track) -> None:
    # The music and art are intact: render again from them.
    rendering.check_space(track)
    claim(
        db,
        track=track,
        expected=TrackStatus.FAILED,
        status=TrackStatus.RENDERING,
        conflict="This track is already being retried",
    )


registry.register(
    registry.Step(
        name=GENERATE,
        kind="generate",
        subject_type="track",
        load=load,
        work=generating.work,
        begin=_begin_generate,
        on_failure=mark_failed,
        discard=generating.discard,
        retry=_retry_generate,
    )
)
registry.register(
    registry.Step(
        name=RENDER,
        kind="render",
        subject_type="track",
        load=load,
        work=rendering.work,
        begin=_begin_render,
        on_failure=mark_failed,
        discard=rendering.discard,
        retry=_retry_render,
        first_stage="rendering video",
    )
)


def generate(db: Session, *, user: User, request: GenerateRequest) -> Track:
    """Inline: returns when the track is `generated` (or raises, leaving it `failed`)."""
    track = generating.existing(db, user=user, request=request)
    if track is not None:
        return track
    track, created = generating.create(db, user=user, request=request)
    if created:
        runner.run(db, GENERATE, track)
    return track


def render(db: Session, *, track: Track) -> Track:
    runner.run(db, RENDER, track)
    return track


def retry(db: Session, *, track: Track) -> Track:
    """Run the failed step again, from where the track stopped."""
    if track.status != TrackStatus.FAILED:
        raise Conflict(f"Only a failed track can be retried; this one is {track.status}")
    runner.retry(db, "track", track)
    return track
