"""Uploading a music video to YouTube: the dialog's suggestions, the upload (inline, like a
track's: progress is on GET /api/videos/{id}/events meanwhile), its state, and retry."""

import uuid

from fastapi import APIRouter

from app.auth.deps import CurrentUser
from app.db import DbSession
from app.openapi import errors
from app.videos import service as videos
from app.youtube import video_publish
from app.youtube.schemas import VideoUploadRequest
from app.youtube.video_defaults import defaults_for, state_of
from app.youtube.video_schemas import VideoUploadDefaults, VideoUploadState

router = APIRouter(prefix="/api", tags=["youtube"])


@router.post("/videos/{video_id}/upload", responses=errors(403, 404, 409, 502, 503))
def upload_video(
    video_id: uuid.UUID, body: VideoUploadRequest, user: CurrentUser, db: DbSession
) -> VideoUploadState:
    """Upload a composed or finalized video to the connected channel: chapters from the sections
    appended to the description, the storyboard still as the thumbnail, the lyrics as captions."""
    video = videos.get_video(db, user=user, video_id=video_id)
    return state_of(db, video_publish.start(db, video, body))


@router.post("/videos/{video_id}/upload/retry", responses=errors(403, 404, 409, 502, 503))
def retry_video_upload(video_id: uuid.UUID, user: CurrentUser, db: DbSession) -> VideoUploadState:
    """Continue a failed upload from the last byte YouTube confirmed."""
    video = videos.get_video(db, user=user, video_id=video_id)
    return state_of(db, video_publish.retry(db, video))


@router.get("/videos/{video_id}/upload", responses=errors(404))
def video_upload_state(video_id: uuid.UUID, user: CurrentUser, db: DbSession) -> VideoUploadState:
    """Where the video's upload stands (poll while uploading)."""
    return state_of(db, videos.get_video(db, user=user, video_id=video_id))


@router.get("/videos/{video_id}/upload/defaults", responses=errors(404))
def video_upload_defaults(video_id: uuid.UUID, user: CurrentUser, db: DbSession) -> VideoUploadDefaults:
    """Suggested title, description and tags, the chapters that will be appended, whether it
    goes up as a Short and whether the lyrics can go up as captions."""
    return defaults_for(db, videos.get_video(db, user=user, video_id=video_id))
