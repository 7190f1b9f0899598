"""One uploader for everything the studio publishes — a track's rendered video or a music
video. Each subject supplies its file, the picture its thumbnail is made from and its metadata;
this module does the rest the same way for both: the resumable sending (the session saved as it
advances, so a retry continues), the thumbnail, extra steps such as a caption track, the
privacy read-back, the quota and what a failure means for the creator.

The thumbnail, the extras and the privacy read-back come after the video; their problems are
warnings, not a failed upload."""

import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from app import storage
from app.config import get_settings
from app.db import session_factory
from app.errors import AppError, QuotaExceeded
from app.jobs.context import StepContext
from app.jobs.progress import JobProgress
from app.providers.youtube import YouTubeClient, YouTubeError, classify
from app.youtube import connection, crypto, quota
from app.youtube.errors import ReconnectNeeded
from app.youtube.models import UploadSession
from app.youtube.thumbnail import make_thumbnail

log = logging.getLogger("app.youtube")
STAGE = "uploading to YouTube"
# Shares of the job: the video's bytes, then the thumbnail, the extras and the privacy read-back.
VIDEO_SHARE, THUMBNAIL_AT, EXTRAS_AT = 0.95, 0.96, 0.97
WATCH_URL = "https://www.youtube.com/watch?v={}"


@dataclass(frozen=True)
class Owner:
    """Whose upload this is: the creator, and exactly one of a track or a video. The quota's
    holds and the saved session are found by it."""

    user_id: uuid.UUID
    track_id: uuid.UUID | None = None
    video_id: uuid.UUID | None = None

    @property
    def ids(self) -> dict[str, uuid.UUID | None]:
        return {"track_id": self.track_id, "video_id": self.video_id}

    @property
    def name(self) -> str:
        return f"track {self.track_id}" if self.track_id else f"video {self.video_id}"


# An extra step after the thumbnail (e.g. a caption track), run once per upload: it is given
# the client and YouTube's video id and returns a warning or None. It must not raise for
# anything YouTube answers: an extra never fails the upload.
Extra = Callable[[YouTubeClient, str], str | None]


@dataclass(frozen=True)
class Upload:
    owner: Owner
    path: Path  # the file sent
    picture: Path | None  # what the thumbnail is made from; None: YouTube chooses one
    picture_name: str  # how warnings call it: "cover art", "storyboard still"
    extra: Extra | None = None


@dataclass(frozen=True)
class Uploaded:
    video_id: str
    url: str
    privacy: str | None
    warnings: list[str] = field(default_factory=list)


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


# --- the saved session --------------------------------------------------------------------------
def _where(owner: Owner):
    if owner.track_id is not None:
        return UploadSession.track_id == owner.track_id
    return UploadSession.video_id == owner.video_id


def find_session(db: Session, owner: Owner) -> UploadSession | None:
    return db.scalar(select(UploadSession).where(_where(owner)).execution_options(populate_existing=True))


def resumable(session: UploadSession | None) -> bool:
    """YouTube holds part (or all) of this upload: retry continues it rather than start over."""
    return session is not None and bool(session.session_uri or session.youtube_video_id)


def open_session(
    db: Session, owner: Owner, *, total_bytes: int, request: dict, warnings: list[str] | None = None
) -> None:
    """Replace an earlier session with a fresh one (the caller commits, after claiming)."""
    db.execute(delete(UploadSession).where(_where(owner)))
    db.add(
        UploadSession(
            **owner.ids,
            user_id=owner.user_id,
            total_bytes=total_bytes,
            request=request,
            warnings=list(warnings or []),
        )
    )


def _save(session_id: uuid.UUID, **values) -> None:
    """Own transaction, so the position survives whatever happens to the request's."""
    with session_factory()() as db:
        db.execute(update(UploadSession).where(UploadSession.id == session_id).values(**values))
        db.commit()


# --- quota --------------------------------------------------------------------------------------
def reserve(owner: Owner, *, units: int) -> None:
    quota.reserve(units=units, what="this upload", user_id=owner.user_id, **owner.ids)


def release(owner: Owner) -> None:
    quota.release(**owner.ids)


def record(owner: Owner, *, operation: str, units: int) -> None:
    quota.record(operation=operation, units=units, user_id=owner.user_id, **owner.ids)


def room_for(units: int) -> bool:
    with session_factory()() as db:
        return quota.state(db).remaining >= units


# --- the work -----------------------------------------------------------------------------------
def send(ctx: StepContext, upload: Upload) -> Uploaded:
    """Do whatever is left of the upload the saved session describes; the session is deleted
    in the caller's transaction when everything is done."""
    db, owner = ctx.db, upload.owner
    session = find_session(db, owner)
    if session is None:
        raise RuntimeError("the upload step needs the upload session that its start creates")
    creds, stored = None, ""
    try:
        creds, stored = connection.credentials(db, user_id=owner.user_id)
        client = YouTubeClient(creds)
        if session.youtube_video_id is None:
            video = _send_file(client, upload=upload, session=session, progress=ctx.progress)
            session.youtube_video_id = video["id"]
            db.commit()
        youtube_id: str = session.youtube_video_id
        warnings = list(session.warnings)
        if not session.thumbnail_done:
            ctx.progress.update("setting the thumbnail", THUMBNAIL_AT)
            warnings += [w for w in [_thumbnail(client, upload=upload, video_id=youtube_id)] if w]
            session.thumbnail_done, session.warnings = True, warnings
            db.commit()
        if upload.extra is not None and not session.captions_done:
            ctx.progress.update("adding the captions", EXTRAS_AT)
            warnings += [w for w in [upload.extra(client, youtube_id)] if w]
            session.captions_done, session.warnings = True, warnings
            db.commit()
        privacy, warning = _privacy(
            client, owner=owner, video_id=youtube_id, requested=session.request["privacy"]
        )
        db.delete(session)
        log.info("%s uploaded to YouTube as %s", owner.name, youtube_id)
        return Uploaded(
            video_id=youtube_id,
            url=WATCH_URL.format(youtube_id),
            privacy=privacy,
            warnings=warnings + ([warning] if warning else []),
        )
    finally:
        if creds is not None:
            connection.store_refreshed(user_id=owner.user_id, creds=creds, stored_token=stored)


def translate(exc: BaseException) -> BaseException:
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


def failed(owner: Owner, exc: BaseException) -> AppError | None:
    """After a failed upload: a hold not yet swapped for YouTube's count goes back, and the
    caller gets the error that tells the creator what to do (reconnect, wait for the quota)."""
    release(owner)
    if not isinstance(exc, YouTubeError):
        return None
    if exc.reconnect:
        connection.mark_reconnect(user_id=owner.user_id, reason=str(exc))
        return ReconnectNeeded(str(exc))
    if exc.quota:
        quota.record_exhausted(user_id=owner.user_id, **owner.ids)
        return QuotaExceeded(str(exc), error_code="YOUTUBE_QUOTA_EXCEEDED")
    return None


def _send_file(
    client: YouTubeClient, *, upload: Upload, session: UploadSession, progress: JobProgress
) -> dict:
    settings = get_settings()
    owner = upload.owner
    total = upload.path.stat().st_size
    uri = crypto.decrypt(session.session_uri) if session.session_uri else None
    if uri and session.total_bytes != total:
        uri = None  # the file is not the one that session was for
    stored = {"token": client.credentials.token or ""}

    def on_session(new_uri: str) -> None:
        _save(session.id, session_uri=crypto.encrypt(new_uri), bytes_confirmed=0, total_bytes=total)
        record(owner, operation="videos.insert", units=settings.youtube.quota_cost_insert)

    def on_progress(confirmed: int, size: int) -> None:
        _save(session.id, bytes_confirmed=confirmed)
        progress.update(STAGE, VIDEO_SHARE * (confirmed / size if size else 1.0))
        # The library may have refreshed the token after a 401; keep the new one.
        stored["token"] = connection.store_refreshed(
            user_id=owner.user_id, creds=client.credentials, stored_token=stored["token"]
        )

    return client.upload(
        path=upload.path,
        body=video_body(session.request),
        chunk_bytes=settings.youtube.chunk_bytes,
        session_uri=uri,
        on_session=on_session,
        on_progress=on_progress,
    )


def _thumbnail(client: YouTubeClient, *, upload: Upload, video_id: str) -> str | None:
    """Set the subject's picture as the thumbnail; a problem is returned as a warning."""
    cost = get_settings().youtube.quota_cost_thumbnail
    name = upload.picture_name
    if upload.picture is None:
        return f"There is no {name} to use, so YouTube chose the thumbnail."
    if not room_for(cost):
        return "The thumbnail was not set: not enough YouTube quota left today. Set it in YouTube Studio."
    try:
        with storage.workdir() as work:
            jpeg = make_thumbnail(upload.picture, work / "thumbnail.jpg")
            try:
                client.set_thumbnail(video_id=video_id, path=jpeg)
            finally:
                record(upload.owner, operation="thumbnails.set", units=cost)
    except YouTubeError as exc:
        log.warning("%s: thumbnail refused by YouTube (%s)", upload.owner.name, exc.reason or exc.status)
        if exc.status == 403:
            return (
                f"YouTube refused the {name} as the thumbnail: custom thumbnails need a verified channel "
                "(youtube.com/verify). Set it in YouTube Studio once verified."
            )
        return f"The {name} could not be set as the thumbnail: {exc} Set it in YouTube Studio."
    except (OSError, ValueError) as exc:
        log.warning("%s: thumbnail could not be made: %s", upload.owner.name, type(exc).__name__)
        return f"The {name} could not be turned into a thumbnail; YouTube chose one."
    return None


def _privacy(
    client: YouTubeClient, *, owner: Owner, video_id: str, requested: str
) -> tuple[str | None, str | None]:
    """Read the visibility back: YouTube locks uploads from unaudited API projects to private."""
    try:
        privacy = client.privacy_status(video_id)
    except YouTubeError:
        return None, "Could not read the video's visibility back from YouTube; check it in YouTube Studio."
    finally:
        quota.record(
            operation="videos.list", units=get_settings().youtube.quota_cost_list, user_id=owner.user_id
        )
    if privacy == "private" and requested != "private":
        return privacy, (
            f"YouTube made this video private although you chose {requested}: uploads from a "
            "Google API project that has not passed YouTube's audit are locked to private. "
            "Request the audit for the project to publish videos through the API."
        )
    return privacy, None
