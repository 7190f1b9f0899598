"""The music video upload step ("video.upload"): a composed or finalized video goes to the
creator's channel through the shared uploader. What a video brings of its own: its output file,
the storyboard still it is known by as the thumbnail, chapters from its sections in the
description, the song's lyrics as a caption track, and `#Shorts` for a vertical video under a
minute. The video's own status does not change: the upload is a job on it, and its result
(YouTube id, link, visibility, warnings) is kept on the video."""

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import storage
from app.config import get_settings
from app.errors import AppError, Conflict
from app.jobs import queries, registry, runner
from app.jobs.context import StepContext
from app.jobs.models import Job, JobStatus
from app.songs import lyrics
from app.songs.models import Song
from app.videos.models import Video, VideoStatus
from app.videos.production.finalize import thumbnail_scene
from app.videos.production.state import SUBJECT, require_idle, scenes_of
from app.youtube import captions, chapters, connection, uploader
from app.youtube.schemas import MAX_DESCRIPTION_BYTES, VideoUploadRequest

UPLOAD = "video.upload"
SHORTS_TAG = "#Shorts"
SHORTS_MAX_SECONDS = 60.0
UPLOADABLE = (VideoStatus.COMPOSED, VideoStatus.FINALIZED)


def _owner(video: Video) -> uploader.Owner:
    return uploader.Owner(user_id=video.user_id, video_id=video.id)


def duration(video: Video) -> float:
    return float(video.output_duration or video.grid.get("duration") or 0.0)


def is_short(video: Video) -> bool:
    """YouTube takes a vertical video this short as a Short when #Shorts is in its text."""
    return video.aspect == "9:16" and 0 < duration(video) < SHORTS_MAX_SECONDS


def video_chapters(video: Video) -> list[chapters.Chapter]:
    # A Short has no chapters on YouTube: its description stays the creator's.
    return [] if is_short(video) else chapters.chapters(list(video.sections or []), duration(video))


def song_lyrics(db: Session, video: Video) -> tuple[list[tuple[float, float, str]], str | None]:
    """The song's timed lines and their language, as the analysis heard them."""
    found = lyrics.state(db, db.get_one(Song, video.song_id)).lyrics
    if not found:
        return [], None
    lines = [
        (float(s["start"]), float(s["end"]), str(s.get("text", "")))
        for s in found.get("segments", [])
        if str(s.get("text", "")).strip()
    ]
    return lines, found.get("language")


def prepared(video: Video, request: VideoUploadRequest) -> tuple[dict, list[str]]:
    """The metadata sent to YouTube: chapters appended to the description and #Shorts where
    it belongs, each within YouTube's limits; what could not be done is a warning."""
    body = request.model_dump(mode="json")
    warnings: list[str] = []
    if request.chapters:
        description, warning = chapters.with_chapters(
            body["description"], video_chapters(video), limit=MAX_DESCRIPTION_BYTES
        )
        body["description"] = description
        warnings += [warning] if warning else []
    if is_short(video) and SHORTS_TAG.lower() not in f"{body['title']} {body['description']}".lower():
        joined = f"{body['description'].rstrip()}\n\n{SHORTS_TAG}".lstrip()
        if len(joined.encode()) <= MAX_DESCRIPTION_BYTES:
            body["description"] = joined
        elif len(body["title"]) + len(SHORTS_TAG) + 1 <= 100:
            body["title"] = f"{body['title']} {SHORTS_TAG}"
        else:
            warnings.append(
                "#Shorts did not fit in the title or the description; YouTube may not show it as a Short."
            )
    return body, warnings


def units_for(db: Session, video: Video, *, with_captions: bool) -> int:
    yt = get_settings().youtube
    lines, _ = song_lyrics(db, video) if with_captions else ([], None)
    return yt.quota_cost_insert + yt.quota_cost_thumbnail + (yt.quota_cost_caption if lines else 0)


def last_upload(db: Session, video: Video) -> Job | None:
    return db.scalar(
        select(Job)
        .where(Job.subject_type == SUBJECT, Job.subject_id == video.id, Job.step == UPLOAD)
        .order_by(Job.created_at.desc(), Job.id.desc())
        .limit(1)
        .execution_options(populate_existing=True)
    )


def _failed_upload(db: Session, video: Video) -> bool:
    """The video's latest step is an upload that failed: sending again reuses that job."""
    job = queries.latest(db, SUBJECT, video.id)
    return job is not None and job.step == UPLOAD and job.status == JobStatus.FAILED


def check_uploadable(video: Video) -> None:
    if video.youtube_video_id:
        raise Conflict(f"This video is already on YouTube: {video.youtube_url}")
    if video.status not in UPLOADABLE:
        raise Conflict(f"Only a composed or finalized video can be uploaded; this one is {video.status}")
    if not video.output_path or not storage.absolute(video.output_path).is_file():
        raise Conflict("The video's file is missing; render it again")


def start(db: Session, video: Video, request: VideoUploadRequest) -> Video:
    owner = _owner(video)
    failed_upload = _failed_upload(db, video)
    check_uploadable(video)
    if failed_upload and uploader.resumable(uploader.find_session(db, owner)):
        raise Conflict(
            f"YouTube already has part of this upload; retry it (POST /api/videos/{video.id}/upload/retry) "
            "to continue where it stopped"
        )
    connection.credentials(db, user_id=video.user_id)  # not connected / reconnect: say so first
    body, warnings = prepared(video, request)
    uploader.reserve(owner, units=units_for(db, video, with_captions=request.captions))
    size = storage.absolute(video.output_path or "").stat().st_size
    try:
        if failed_upload:
            job = runner.claim_retry(db, SUBJECT, video, prepare=_begin)
        else:
            job = runner.create(db, UPLOAD, video)
    except Exception:
        uploader.release(owner)
        raise
    uploader.open_session(db, owner, total_bytes=size, request=body, warnings=warnings)
    video.upload_warnings = []
    db.commit()
    runner.execute(db, job, video)
    return video


def retry(db: Session, video: Video) -> Video:
    """Continue a failed upload where YouTube's session stopped (or do what is left after it)."""
    if not _failed_upload(db, video):
        raise Conflict("There is no failed upload of this video to retry")
    runner.retry(db, SUBJECT, video)
    return video


def _begin(db: Session, video: Video) -> None:
    check_uploadable(video)
    require_idle(db, video)


def _prepare_resume(db: Session, video: Video) -> None:
    owner = _owner(video)
    session = uploader.find_session(db, owner)
    if session is None:
        raise Conflict("There is no saved upload to continue; start the upload again from the dialog")
    check_uploadable(video)
    require_idle(db, video)
    connection.credentials(db, user_id=video.user_id)
    if session.session_uri is None and session.youtube_video_id is None:
        uploader.reserve(owner, units=get_settings().youtube.quota_cost_insert)


def _work(ctx: StepContext) -> None:
    db, video = ctx.db, ctx.subject
    owner = _owner(video)
    session = uploader.find_session(db, owner)
    extra = None
    if session is not None and session.request.get("captions", True):
        lines, language = song_lyrics(db, video)
        extra = captions.extra(owner, lines, language)
    kept = thumbnail_scene(scenes_of(db, video))
    still = getattr(kept, "still_path", None)
    done = uploader.send(
        ctx,
        uploader.Upload(
            owner=owner,
            path=storage.absolute(video.output_path or ""),
            picture=storage.absolute(still) if still else None,
            picture_name="storyboard still",
            extra=extra,
        ),
    )
    video.youtube_video_id = done.video_id
    video.youtube_url = done.url
    video.youtube_privacy = done.privacy
    video.upload_warnings = done.warnings
    video.uploaded_at = datetime.now(UTC)


def _load(db: Session, video_id) -> Video | None:
    return db.get(Video, video_id, populate_existing=True)


def _on_failure(db: Session, video: Video, exc: BaseException) -> AppError | None:
    return uploader.failed(_owner(video), exc)


registry.register(
    registry.Step(
        name=UPLOAD,
        kind="upload",
        subject_type=SUBJECT,
        load=_load,
        work=_work,
        begin=_begin,
        on_failure=_on_failure,
        retry=_prepare_resume,
        translate=uploader.translate,
        first_stage=uploader.STAGE,
    )
)
