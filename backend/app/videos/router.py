"""Music-video projects: create from an analysed song, edit the beat grid and the sections,
plan the clips."""

import uuid

from fastapi import APIRouter, status

from app.auth.deps import CurrentUser
from app.db import DbSession
from app.openapi import errors
from app.videos import service
from app.videos.production import files, review
from app.videos.production.schemas import ProductionClip, ProductionVideo, VideoList
from app.videos.production.view import public
from app.videos.schemas import (
    GridEdit,
    SectionEdit,
    SectionPublic,
    SectionsReplace,
    VideoCreate,
)

router = APIRouter(prefix="/api", tags=["videos"])


@router.post("/videos", status_code=status.HTTP_201_CREATED, responses=errors(404, 409))
def create_video(body: VideoCreate, user: CurrentUser, db: DbSession) -> ProductionVideo:
    """A music-video project for an analysed song, with suggested sections (usually 5–7)."""
    return public(db, service.create(db, user=user, body=body))


@router.get("/videos")
def list_videos(user: CurrentUser, db: DbSession) -> VideoList:
    """The library: every video of every kind, newest first."""
    return VideoList(items=[public(db, v) for v in service.list_videos(db, user=user)])


@router.get("/videos/{video_id}", responses=errors(404))
def get_video(video_id: uuid.UUID, user: CurrentUser, db: DbSession) -> ProductionVideo:
    return public(db, service.get_video(db, user=user, video_id=video_id))


@router.delete("/videos/{video_id}", status_code=status.HTTP_204_NO_CONTENT, responses=errors(404))
def delete_video(video_id: uuid.UUID, user: CurrentUser, db: DbSession) -> None:
    """The video and every file it made (stills, clips, output) are removed."""
    files.delete_video(db, service.get_video(db, user=user, video_id=video_id))


@router.get("/videos/{video_id}/sections", responses=errors(404))
def get_sections(video_id: uuid.UUID, user: CurrentUser, db: DbSession) -> list[SectionPublic]:
    return service.public(db, service.get_video(db, user=user, video_id=video_id)).sections


@router.put("/videos/{video_id}/sections", responses=errors(404, 409, 422))
def replace_sections(
    video_id: uuid.UUID, body: SectionsReplace, user: CurrentUser, db: DbSession
) -> ProductionVideo:
    """Replace every section: boundaries snap to the nearest downbeat (any beat with
    `any_beat`); sections must cover the song with no gap or overlap (422 names the section)."""
    video = service.get_video(db, user=user, video_id=video_id)
    review.before_timeline_edit(db, video)
    return public(db, service.replace_sections(db, video=video, body=body))


@router.post("/videos/{video_id}/sections/edit", responses=errors(404, 409, 422))
def edit_sections(
    video_id: uuid.UUID, body: SectionEdit, user: CurrentUser, db: DbSession
) -> ProductionVideo:
    """One edit: split at a time, merge with the next, move a start, relabel, or note."""
    video = service.get_video(db, user=user, video_id=video_id)
    review.before_timeline_edit(db, video)
    return public(db, service.edit_sections(db, video=video, body=body))


@router.post("/videos/{video_id}/grid", responses=errors(404, 409, 422))
def edit_grid(video_id: uuid.UUID, body: GridEdit, user: CurrentUser, db: DbSession) -> ProductionVideo:
    """Correct the beat grid (double/halve the tempo, shift the downbeat, nudge, set the
    meter); the sections move onto the new grid and a plan is redone."""
    video = service.get_video(db, user=user, video_id=video_id)
    review.before_timeline_edit(db, video)
    return public(db, service.edit_grid(db, video=video, body=body))


@router.post("/videos/{video_id}/clips/plan", responses=errors(404, 409, 422))
def plan_clips(video_id: uuid.UUID, user: CurrentUser, db: DbSession) -> ProductionVideo:
    """Cut the sections into clips of 3–10 s on beats, each section's clips summing exactly to it."""
    video = service.get_video(db, user=user, video_id=video_id)
    review.before_timeline_edit(db, video)
    return public(db, service.plan(db, video=video))


@router.get("/videos/{video_id}/clips", responses=errors(404))
def get_clips(video_id: uuid.UUID, user: CurrentUser, db: DbSession) -> list[ProductionClip]:
    return public(db, service.get_video(db, user=user, video_id=video_id)).clips
