"""Takes one track as far as a batch asks — generated, rendered, uploaded — running only the
steps still missing, so the same code serves a first run and a retry of a failed item. In
two halves, so that a batch can generate one item while the one before it renders."""

from collections.abc import Callable

from sqlalchemy.orm import Session

from app.auth.models import User
from app.batches.models import BatchItem
from app.batches.schemas import BatchUploadOptions
from app.jobs import queries, runner
from app.tracks import generate, steps
from app.tracks.models import Track, TrackStatus
from app.tracks.schemas import GenerateRequest
from app.youtube import publish
from app.youtube.defaults import defaults_for
from app.youtube.schemas import UploadRequest

STATUS_OF_KIND = {"generate": "generating", "render": "rendering", "upload": "uploading"}


def make_music(
    db: Session, *, user: User, item: BatchItem, duration: int, on_step: Callable[[str], None]
) -> Track:
    """The first half: the item's track generated — made now (committed together with the
    item's link to it and its job), or retried after a failed generation. A track that failed
    later is left for `finish`. Raises the step's AppError when it fails (the track is then
    `failed`, retryable)."""
    track = db.get(Track, item.track_id) if item.track_id else None
    if track is None:
        track, _ = generate.create(
            db, user=user, request=GenerateRequest(prompt=item.prompt, duration=duration)
        )
        item.track_id = track.id
        runner.run(db, steps.GENERATE, track)
    elif track.status == TrackStatus.FAILED and failed_kind(db, track) == "generate":
        on_step("generating")
        steps.retry(db, track=track)
    return track


def failed_kind(db: Session, track: Track) -> str | None:
    job = queries.latest(db, "track", track.id)
    return job.kind if job is not None and job.status == "failed" else None


def finish(
    db: Session,
    *,
    user: User,
    track: Track,
    render_video: bool,
    upload: BatchUploadOptions | None,
    on_step: Callable[[str], None],
) -> Track:
    """The second half: rendered and uploaded as asked, retrying a failed render or upload."""
    if track.status == TrackStatus.FAILED:
        on_step(STATUS_OF_KIND.get(failed_kind(db, track) or "", "rendering"))
        steps.retry(db, track=track)
    if (render_video or upload) and track.status == TrackStatus.GENERATED:
        on_step("rendering")
        steps.render(db, track=track)
    if upload and track.status == TrackStatus.RENDERED:
        on_step("uploading")
        suggested = defaults_for(track)
        publish.start(
            db,
            user=user,
            request=UploadRequest(
                track_id=track.id,
                title=suggested.title,
                description=suggested.description,
                tags=suggested.tags,
                **upload.model_dump(),
            ),
        )
    return track
