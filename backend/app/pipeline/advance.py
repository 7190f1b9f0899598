"""Takes one track as far as a batch asks — generated, rendered, uploaded — running only the
steps still missing, so the same code serves a first run and a retry of a failed item. In
two halves, so that a batch can generate one item while the one before it renders."""

from collections.abc import Callable

from sqlalchemy.orm import Session

from app.auth.models import User
from app.batches.schemas import BatchUploadOptions
from app.pipeline import generate, publish, render
from app.pipeline.retry import retry
from app.tracks.models import Track, TrackStatus
from app.tracks.schemas import GenerateRequest
from app.tracks.service import claim
from app.youtube.defaults import defaults_for
from app.youtube.schemas import UploadRequest

STEP_OF_STAGE = {"generate": "generating", "render": "rendering", "upload": "uploading"}


def create_track(db: Session, *, user: User, prompt: str, duration: int) -> Track:
    return generate.create(db, user=user, request=GenerateRequest(prompt=prompt, duration=duration))


def make_music(db: Session, *, track: Track, on_step: Callable[[str], None]) -> Track:
    """The first half: the track generated (a first run, or a retry of a failed generation;
    a track that failed later is left for `finish`). Raises the step's AppError (the track
    is then `failed`, retryable) when it fails."""
    if track.status == TrackStatus.GENERATING:
        generate.run(db, track=track)
    elif track.status == TrackStatus.FAILED and track.failed_stage == "generate":
        on_step("generating")
        retry(db, track=track)
    return track


def finish(
    db: Session, *, user: User, track: Track, render_video: bool, upload: BatchUploadOptions | None,
    on_step: Callable[[str], None],
) -> Track:
    """The second half: rendered and uploaded as asked, retrying a failed render or upload."""
    if track.status == TrackStatus.FAILED:
        on_step(STEP_OF_STAGE.get(track.failed_stage or "", "rendering"))
        retry(db, track=track)
    if (render_video or upload) and track.status == TrackStatus.GENERATED:
        on_step("rendering")
        render.check_renderable(track)
        claim(db, track=track, expected=TrackStatus.GENERATED, status=TrackStatus.RENDERING,
              stage="rendering video", conflict="This track is already rendering")
        render.run(db, track=track)
    if upload and track.status == TrackStatus.RENDERED:
        on_step("uploading")
        suggested = defaults_for(track)
        publish.start(db, user=user, request=UploadRequest(
            track_id=track.id, title=suggested.title, description=suggested.description, tags=suggested.tags,
            **upload.model_dump(),
        ))
    return track
