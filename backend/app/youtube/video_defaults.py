"""Suggested metadata for a music video's upload dialog, and where its upload stands."""

from sqlalchemy.orm import Session

from app.songs.models import Song
from app.videos.models import Video
from app.youtube import chapters, video_publish
from app.youtube.defaults import FALLBACK_TITLE, _clean, _clean_multiline
from app.youtube.schemas import MAX_DESCRIPTION_BYTES
from app.youtube.video_schemas import ChapterPublic, VideoUploadDefaults, VideoUploadState

TAGS = ["music video"]
CREDIT = "Music video made with Ambient Studio."


def defaults_for(db: Session, video: Video) -> VideoUploadDefaults:
    song = db.get_one(Song, video.song_id)
    title = (_clean(song.title) or FALLBACK_TITLE)[:100].rstrip()
    prompt = _clean_multiline(video.prompt or "")
    description = f"{prompt}\n\n{CREDIT}" if prompt else CREDIT
    while len(description.encode()) > MAX_DESCRIPTION_BYTES - 1000:  # room for the chapters
        description = description[:-50]
    found = video_publish.video_chapters(video)
    lines, _ = video_publish.song_lyrics(db, video)
    return VideoUploadDefaults(
        title=title,
        description=description,
        tags=TAGS,
        privacy="private",
        category="10",
        made_for_kids=None,
        contains_synthetic_media=True,
        chapters=[ChapterPublic(start=c.start, stamp=chapters.stamp(c.start), label=c.label) for c in found],
        chapters_text=chapters.text(found),
        short=video_publish.is_short(video),
        has_lyrics=bool(lines),
        quota_cost=video_publish.units_for(db, video, with_captions=True),
    )


def state_of(db: Session, video: Video) -> VideoUploadState:
    job = video_publish.last_upload(db, video)
    if video.youtube_video_id:
        status = "uploaded"
    elif job is None:
        status = "not_uploaded"
    else:
        status = {"running": "uploading", "failed": "failed"}.get(str(job.status), "not_uploaded")
    running = status == "uploading"
    return VideoUploadState(
        video_id=video.id,
        status=status,
        youtube_video_id=video.youtube_video_id,
        youtube_url=video.youtube_url,
        youtube_privacy=video.youtube_privacy,
        upload_warnings=list(video.upload_warnings or []),
        uploaded_at=video.uploaded_at,
        stage=job.stage if job is not None and running else None,
        progress=job.progress if job is not None and running else None,
        error_message=job.error_message if job is not None and status == "failed" else None,
        error_code=job.error_code if job is not None and status == "failed" else None,
        retryable=bool(job is not None and status == "failed" and job.retryable),
    )
