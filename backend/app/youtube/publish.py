"""The track upload step: a rendered track's video goes to the creator's YouTube channel →
`uploaded`. The sending itself (resumable session saved as it advances, thumbnail, privacy
read-back, quota) is the shared uploader's; this module says what a track is: its file, its
cover art as the thumbnail, and the states the track goes through."""

from sqlalchemy.orm import Session

from app import storage
from app.auth.models import User
from app.config import get_settings
from app.errors import AppError, Conflict
from app.jobs import queries, registry, runner
from app.jobs.context import StepContext
from app.jobs.models import JobStatus
from app.tracks.models import Track, TrackStatus
from app.tracks.service import get_track
from app.tracks.steps import claim, load, mark_failed
from app.youtube import connection, uploader
from app.youtube.schemas import UploadRequest

STAGE = uploader.STAGE
UPLOAD = "track.upload"
video_body = uploader.video_body  # the metadata → videos.insert resource, shared with videos


def check_uploadable(track: Track, *, failed_upload: bool, resumable: bool) -> None:
    """A rendered track can be uploaded; so can one whose upload failed before YouTube took
    any of it (e.g. metadata refused), so the creator can send corrected details. Once
    YouTube holds part of the file, retry is the way: it continues that session."""
    if track.status == TrackStatus.UPLOADING:
        raise Conflict("This track is already being uploaded; wait for it to finish")
    if track.status == TrackStatus.UPLOADED:
        raise Conflict(f"This track is already on YouTube: {track.youtube_url}")
    if failed_upload and resumable:
        raise Conflict(
            f"YouTube already has part of this upload; retry it (POST /api/tracks/{track.id}/retry) "
            "to continue where it stopped"
        )
    if track.status != TrackStatus.RENDERED and not failed_upload:
        raise Conflict(f"Only a rendered track can be uploaded; this one is {track.status}")
    if not track.video_path or not storage.absolute(track.video_path).is_file():
        raise Conflict("The rendered video file is missing; delete the track and make it again")


def _owner(track: Track) -> uploader.Owner:
    return uploader.Owner(user_id=track.user_id, track_id=track.id)


def start(db: Session, *, user: User, request: UploadRequest) -> Track:
    settings = get_settings()
    track = get_track(db, user=user, track_id=request.track_id)
    owner = _owner(track)
    job = queries.latest(db, "track", track.id)
    failed_upload = (
        track.status == TrackStatus.FAILED
        and job is not None
        and job.kind == "upload"
        and job.status == JobStatus.FAILED
    )
    check_uploadable(
        track,
        failed_upload=failed_upload,
        resumable=uploader.resumable(uploader.find_session(db, owner)),
    )
    connection.credentials(db, user_id=user.id)  # not connected / reconnect: say so before anything starts
    uploader.reserve(owner, units=settings.youtube.quota_cost_insert + settings.youtube.quota_cost_thumbnail)
    size = storage.absolute(track.video_path or "").stat().st_size
    # The track is claimed and the job written first; only then is an earlier session replaced.
    # A failed upload being sent again (new details) reuses its job: it is the same upload.
    try:
        if failed_upload:
            job = runner.claim_retry(db, "track", track, prepare=_begin)
        else:
            job = runner.create(db, UPLOAD, track)
    except Exception:
        uploader.release(owner)
        raise
    uploader.open_session(
        db, owner, total_bytes=size, request=request.model_dump(mode="json", exclude={"track_id"})
    )
    track.upload_warnings = []
    db.commit()
    runner.execute(db, job, track)
    return track


def _begin(db: Session, track: Track) -> None:
    claim(
        db,
        track=track,
        expected=track.status,
        status=TrackStatus.UPLOADING,
        conflict="This track is already being uploaded",
    )


def _prepare_resume(db: Session, track: Track) -> None:
    """Retry of a failed upload: continue the saved session (or do what is left after it)."""
    owner = _owner(track)
    session = uploader.find_session(db, owner)
    if session is None:
        # Nothing was saved (an upload from before sessions existed): the video is intact,
        # so go back to `rendered` and let the creator start the upload from the dialog.
        track.status = TrackStatus.RENDERED
        db.commit()
        raise Conflict("There is no saved upload to continue; start the upload again from the dialog")
    connection.credentials(db, user_id=track.user_id)
    if session.session_uri is None and session.youtube_video_id is None:
        uploader.reserve(owner, units=get_settings().youtube.quota_cost_insert)
    try:
        claim(
            db,
            track=track,
            expected=TrackStatus.FAILED,
            status=TrackStatus.UPLOADING,
            conflict="This track is already being retried",
        )
    except Exception:
        uploader.release(owner)
        raise


def work(ctx: StepContext) -> None:
    track: Track = ctx.subject
    done = uploader.send(
        ctx,
        uploader.Upload(
            owner=_owner(track),
            path=storage.absolute(track.video_path or ""),
            picture=storage.absolute(track.image_path) if track.image_path else None,
            picture_name="cover art",
        ),
    )
    track.youtube_video_id = done.video_id
    track.youtube_url = done.url
    track.youtube_privacy = done.privacy
    track.upload_warnings = done.warnings
    track.status = TrackStatus.UPLOADED


def _on_failure(db: Session, track: Track, exc: BaseException) -> AppError | None:
    """The track becomes `failed` (upload, retryable) and the caller gets the error that tells
    the creator what to do: reconnect, wait for the quota, or retry."""
    mark_failed(db, track, exc)
    return uploader.failed(_owner(track), exc)


registry.register(
    registry.Step(
        name=UPLOAD,
        kind="upload",
        subject_type="track",
        load=load,
        work=work,
        begin=_begin,
        on_failure=_on_failure,
        retry=_prepare_resume,
        translate=uploader.translate,
        first_stage=STAGE,
    )
)
