"""The upload step: a rendered video goes to the creator's YouTube channel → `uploaded`.

The upload session (YouTube's session URI and the bytes it has confirmed) is written to the
database as it advances, so a 5xx, a timeout or a restart costs at most the chunk in flight:
retry asks YouTube where the session stands and continues from there. The thumbnail and the
privacy read-back come after the video; their problems are warnings, not a failed upload."""

import logging
import uuid

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from app import storage
from app.auth.models import User
from app.config import get_settings
from app.db import session_factory
from app.errors import AppError, Conflict, QuotaExceeded
from app.jobs import queries, registry, runner
from app.jobs.context import StepContext
from app.jobs.models import JobStatus
from app.jobs.progress import JobProgress
from app.providers.youtube import YouTubeClient, YouTubeError, classify
from app.tracks.models import Track, TrackStatus
from app.tracks.service import get_track
from app.tracks.steps import claim, load, mark_failed
from app.youtube import connection, crypto, quota
from app.youtube.errors import ReconnectNeeded
from app.youtube.models import UploadSession
from app.youtube.schemas import UploadRequest
from app.youtube.thumbnail import make_thumbnail

log = logging.getLogger("app.youtube")
STAGE = "uploading to YouTube"
UPLOAD = "track.upload"
# Shares of the job: the video's bytes, then the thumbnail and the privacy read-back.
VIDEO_SHARE, THUMBNAIL_AT = 0.95, 0.96
WATCH_URL = "https://www.youtube.com/watch?v={}"


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


def video_body(request: dict) -> dict:
    """The videos.insert resource, from the metadata the creator chose."""
    status = {
        "privacyStatus": request["privacy"],
        "selfDeclaredMadeForKids": request["made_for_kids"],
        "containsSyntheticMedia": request["contains_synthetic_media"],
        "embeddable": True,
        "license": "youtube",
    }
    if request.get("publish_at"):
        status["publishAt"] = request["publish_at"]
    snippet = {
        "title": request["title"],
        "description": request["description"],
        "tags": request["tags"],
        "categoryId": request["category"],
    }
    return {"snippet": snippet, "status": status}


def start(db: Session, *, user: User, request: UploadRequest) -> Track:
    settings = get_settings()
    track = get_track(db, user=user, track_id=request.track_id)
    previous = _session(db, track.id)
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
        resumable=previous is not None and bool(previous.session_uri or previous.video_id),
    )
    connection.credentials(db, user_id=user.id)  # not connected / reconnect: say so before anything starts
    quota.reserve(
        units=settings.youtube.quota_cost_insert + settings.youtube.quota_cost_thumbnail,
        what="this upload",
        user_id=user.id,
        track_id=track.id,
    )
    size = storage.absolute(track.video_path or "").stat().st_size
    # The track is claimed and the job written first; only then is an earlier session replaced.
    # A failed upload being sent again (new details) reuses its job: it is the same upload.
    try:
        if failed_upload:
            job = runner.claim_retry(db, "track", track, prepare=_begin)
        else:
            job = runner.create(db, UPLOAD, track)
    except Exception:
        quota.release(track_id=track.id)
        raise
    db.execute(delete(UploadSession).where(UploadSession.track_id == track.id))
    db.add(
        UploadSession(
            track_id=track.id,
            user_id=user.id,
            total_bytes=size,
            request=request.model_dump(mode="json", exclude={"track_id"}),
        )
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
    session = _session(db, track.id)
    if session is None:
        # Nothing was saved (an upload from before sessions existed): the video is intact,
        # so go back to `rendered` and let the creator start the upload from the dialog.
        track.status = TrackStatus.RENDERED
        db.commit()
        raise Conflict("There is no saved upload to continue; start the upload again from the dialog")
    connection.credentials(db, user_id=track.user_id)
    if session.session_uri is None and session.video_id is None:
        quota.reserve(
            units=get_settings().youtube.quota_cost_insert,
            what="this upload",
            user_id=track.user_id,
            track_id=track.id,
        )
    try:
        claim(
            db,
            track=track,
            expected=TrackStatus.FAILED,
            status=TrackStatus.UPLOADING,
            conflict="This track is already being retried",
        )
    except Exception:
        quota.release(track_id=track.id)
        raise


def _session(db: Session, track_id: uuid.UUID) -> UploadSession | None:
    return db.scalar(
        select(UploadSession)
        .where(UploadSession.track_id == track_id)
        .execution_options(populate_existing=True)
    )


def _save(session_id: uuid.UUID, **values) -> None:
    """Own transaction, so the position survives whatever happens to the request's."""
    with session_factory()() as db:
        db.execute(update(UploadSession).where(UploadSession.id == session_id).values(**values))
        db.commit()


def work(ctx: StepContext) -> None:
    db, track = ctx.db, ctx.subject
    session = _session(db, track.id)
    if session is None:
        raise RuntimeError("the upload step needs the upload session that start() creates")
    creds, stored = None, ""
    try:
        creds, stored = connection.credentials(db, user_id=track.user_id)
        client = YouTubeClient(creds)
        if session.video_id is None:
            video = _send_video(client, track=track, session=session, progress=ctx.progress)
            session.video_id = video["id"]
            db.commit()
        warnings = list(session.warnings)
        if not session.thumbnail_done:
            ctx.progress.update("setting the thumbnail", THUMBNAIL_AT)
            warnings += [w for w in [_thumbnail(client, track=track, video_id=session.video_id)] if w]
            session.thumbnail_done, session.warnings = True, warnings
            db.commit()
        privacy, warning = _privacy(
            client, track=track, video_id=session.video_id, requested=session.request["privacy"]
        )
        track.youtube_video_id = session.video_id
        track.youtube_url = WATCH_URL.format(session.video_id)
        track.youtube_privacy = privacy
        track.upload_warnings = warnings + ([warning] if warning else [])
        track.status = TrackStatus.UPLOADED
        db.delete(session)
        log.info("track %s uploaded to YouTube as %s", track.id, track.youtube_video_id)
    finally:
        if creds is not None:
            connection.store_refreshed(user_id=track.user_id, creds=creds, stored_token=stored)


def _translate(exc: BaseException) -> BaseException:
    """What a failure means for the creator: Google's errors in words, the quota's reset time."""
    error = classify(exc)
    if isinstance(exc, ReconnectNeeded):
        error = YouTubeError(exc.detail, reconnect=True)
    if error is not None and error.quota:
        error = YouTubeError(
            f"{error} It resets at {quota.reset_text(quota.resets_at())}; retry then.",
            reason=error.reason,
            status=error.status,
            quota=True,
        )
    return error or exc


def _on_failure(db: Session, track: Track, exc: BaseException) -> AppError | None:
    """The track becomes `failed` (upload, retryable) and the caller gets the error that tells
    the creator what to do: reconnect, wait for the quota, or retry."""
    mark_failed(db, track, exc)
    quota.release(track_id=track.id)  # a hold not yet swapped for YouTube's count goes back
    if not isinstance(exc, YouTubeError):
        return None
    if exc.reconnect:
        connection.mark_reconnect(user_id=track.user_id, reason=str(exc))
        return ReconnectNeeded(str(exc))
    if exc.quota:
        quota.record_exhausted(user_id=track.user_id, track_id=track.id)
        return QuotaExceeded(str(exc), error_code="YOUTUBE_QUOTA_EXCEEDED")
    return None


def _send_video(
    client: YouTubeClient, *, track: Track, session: UploadSession, progress: JobProgress
) -> dict:
    settings = get_settings()
    path = storage.absolute(track.video_path or "")
    total = path.stat().st_size
    uri = crypto.decrypt(session.session_uri) if session.session_uri else None
    if uri and session.total_bytes != total:
        uri = None  # the file is not the one that session was for
    stored = {"token": client.credentials.token or ""}

    def on_session(new_uri: str) -> None:
        _save(session.id, session_uri=crypto.encrypt(new_uri), bytes_confirmed=0, total_bytes=total)
        quota.record(
            operation="videos.insert",
            units=settings.youtube.quota_cost_insert,
            user_id=track.user_id,
            track_id=track.id,
        )

    def on_progress(confirmed: int, size: int) -> None:
        _save(session.id, bytes_confirmed=confirmed)
        progress.update(STAGE, VIDEO_SHARE * (confirmed / size if size else 1.0))
        # The library may have refreshed the token after a 401; keep the new one.
        stored["token"] = connection.store_refreshed(
            user_id=track.user_id, creds=client.credentials, stored_token=stored["token"]
        )

    return client.upload(
        path=path,
        body=video_body(session.request),
        chunk_bytes=settings.youtube.chunk_bytes,
        session_uri=uri,
        on_session=on_session,
        on_progress=on_progress,
    )


def _thumbnail(client: YouTubeClient, *, track: Track, video_id: str) -> str | None:
    """Set the cover art as the thumbnail; a problem is returned as a warning."""
    cost = get_settings().youtube.quota_cost_thumbnail
    if not track.image_path:
        return "The track has no cover art, so YouTube chose the thumbnail."
    with session_factory()() as db:
        if quota.state(db).remaining < cost:
            return "The thumbnail was not set: not enough YouTube quota left today. Set it in YouTube Studio."
    try:
        with storage.workdir() as work:
            jpeg = make_thumbnail(storage.absolute(track.image_path), work / "thumbnail.jpg")
            try:
                client.set_thumbnail(video_id=video_id, path=jpeg)
            finally:
                quota.record(operation="thumbnails.set", units=cost, user_id=track.user_id, track_id=track.id)
    except YouTubeError as exc:
        log.warning("track %s: thumbnail refused by YouTube (%s)", track.id, exc.reason or exc.status)
        if exc.status == 403:
            return (
                "YouTube refused the cover art as the thumbnail: custom thumbnails need a verified channel "
                "(youtube.com/verify). Set it in YouTube Studio once verified."
            )
        return f"The cover art could not be set as the thumbnail: {exc} Set it in YouTube Studio."
    except (OSError, ValueError) as exc:
        log.warning("track %s: thumbnail could not be made: %s", track.id, type(exc).__name__)
        return "The cover art could not be turned into a thumbnail; YouTube chose one."
    return None


def _privacy(
    client: YouTubeClient, *, track: Track, video_id: str, requested: str
) -> tuple[str | None, str | None]:
    """Read the visibility back: YouTube locks uploads from unaudited API projects to private."""
    try:
        privacy = client.privacy_status(video_id)
    except YouTubeError:
        return None, "Could not read the video's visibility back from YouTube; check it in YouTube Studio."
    finally:
        quota.record(
            operation="videos.list", units=get_settings().youtube.quota_cost_list, user_id=track.user_id
        )
    if privacy == "private" and requested != "private":
        return privacy, (
            f"YouTube made this video private although you chose {requested}: uploads from a "
            "Google API project that has not passed YouTube's audit are locked to private. "
            "Request the audit for the project to publish videos through the API."
        )
    return privacy, None


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
        translate=_translate,
        first_stage=STAGE,
    )
)
