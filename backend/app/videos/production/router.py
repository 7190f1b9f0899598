"""Production endpoints: storyboard, stills, options, render, regenerate, finalize, share.
Each long step runs inline as a job; its progress is on GET /api/videos/{id}/events."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Path, Query
from fastapi.responses import StreamingResponse

from app.auth.deps import CurrentUser, StreamUser
from app.db import DbSession
from app.jobs import stream
from app.jobs.router import SSE_RESPONSE, LastEventIdHeader, LastEventIdQuery, followed
from app.openapi import errors
from app.videos import service
from app.videos.production import estimate as estimating
from app.videos.production import finalize as finalizing
from app.videos.production import render, review, share, storyboard
from app.videos.production.schemas import Estimate, OptionsUpdate, ProductionVideo, SceneUpdate, SharedVideo
from app.videos.production.view import public

router = APIRouter(prefix="/api", tags=["video production"])
Index = Annotated[int, Path(ge=0, le=10_000)]


@router.patch("/videos/{video_id}/options", responses=errors(404, 409))
def set_options(
    video_id: uuid.UUID, body: OptionsUpdate, user: CurrentUser, db: DbSession
) -> ProductionVideo:
    """Choose the video type (before the storyboard) and the composition's text and loudness."""
    video = service.get_video(db, user=user, video_id=video_id)
    return public(db, review.set_options(db, video, body))


@router.get("/videos/{video_id}/estimate", responses=errors(404))
def estimate_cost(video_id: uuid.UUID, user: CurrentUser, db: DbSession) -> Estimate:
    """What the stills and clips still to make will cost with the configured providers."""
    return estimating.estimate(db, service.get_video(db, user=user, video_id=video_id))


@router.post("/videos/{video_id}/storyboard", responses=errors(404, 409, 422, 502))
def make_storyboard(
    video_id: uuid.UUID,
    user: CurrentUser,
    db: DbSession,
    replan: Annotated[bool, Query(description="Write the scene plan again from scratch")] = False,
) -> ProductionVideo:
    """The scene plan and one still per scene (only stills that need it are painted)."""
    video = service.get_video(db, user=user, video_id=video_id)
    return public(db, storyboard.start(db, video, replan=replan))


@router.post("/videos/{video_id}/scenes/{index}/still", responses=errors(404, 409, 422, 502))
def repaint_still(
    video_id: uuid.UUID, index: Index, body: SceneUpdate, user: CurrentUser, db: DbSession
) -> ProductionVideo:
    """Paint one still again, with a new seed or edited scene words."""
    video = service.get_video(db, user=user, video_id=video_id)
    return public(db, review.repaint(db, video, index, body))


@router.post("/videos/{video_id}/scenes/{index}/approve", responses=errors(404, 409))
def approve_still(video_id: uuid.UUID, index: Index, user: CurrentUser, db: DbSession) -> ProductionVideo:
    video = service.get_video(db, user=user, video_id=video_id)
    return public(db, review.approve(db, video, index=index))


@router.post("/videos/{video_id}/storyboard/approve", responses=errors(404, 409))
def approve_storyboard(video_id: uuid.UUID, user: CurrentUser, db: DbSession) -> ProductionVideo:
    """Approve every still: motion may now be made from them."""
    video = service.get_video(db, user=user, video_id=video_id)
    return public(db, review.approve(db, video))


@router.post("/videos/{video_id}/render", responses=errors(404, 409, 429, 502))
def render_video(video_id: uuid.UUID, user: CurrentUser, db: DbSession) -> ProductionVideo:
    """Make the clips that are missing and compose the video on the song."""
    video = service.get_video(db, user=user, video_id=video_id)
    return public(db, render.start(db, video))


@router.post("/videos/{video_id}/clips/{index}/regenerate", responses=errors(404, 409, 429, 502))
def regenerate_clip(video_id: uuid.UUID, index: Index, user: CurrentUser, db: DbSession) -> ProductionVideo:
    """Make one clip again (once per clip) and recompose from the rest."""
    video = service.get_video(db, user=user, video_id=video_id)
    return public(db, review.regenerate_clip(db, video, index))


@router.post("/videos/{video_id}/sections/{index}/regenerate", responses=errors(404, 409, 429, 502))
def regenerate_section(
    video_id: uuid.UUID, index: Index, user: CurrentUser, db: DbSession
) -> ProductionVideo:
    """Make every clip of one section again (once per section) and recompose."""
    video = service.get_video(db, user=user, video_id=video_id)
    return public(db, review.regenerate_section(db, video, index))


@router.post("/videos/{video_id}/finalize", responses=errors(404, 409))
def finalize(video_id: uuid.UUID, user: CurrentUser, db: DbSession) -> ProductionVideo:
    """Keep the video, remove what made it, and freeze it."""
    video = service.get_video(db, user=user, video_id=video_id)
    return public(db, finalizing.finalize(db, video))


@router.post("/videos/{video_id}/share", responses=errors(404, 409))
def share_video(video_id: uuid.UUID, user: CurrentUser, db: DbSession) -> ProductionVideo:
    """A link that plays the video without signing in (the same link until revoked)."""
    video = service.get_video(db, user=user, video_id=video_id)
    return public(db, share.share(db, video))


@router.delete("/videos/{video_id}/share", responses=errors(404))
def revoke_share(video_id: uuid.UUID, user: CurrentUser, db: DbSession) -> ProductionVideo:
    video = service.get_video(db, user=user, video_id=video_id)
    return public(db, share.revoke(db, video))


@router.get("/shared/{token}", responses=errors(404))
def shared_video(token: Annotated[str, Path(min_length=16, max_length=64)], db: DbSession) -> SharedVideo:
    """A shared video, for anyone holding the link (no sign-in)."""
    return share.shared(db, token)


@router.get(
    "/videos/{video_id}/events", response_class=StreamingResponse, responses=SSE_RESPONSE | errors(404)
)
async def video_events(
    video_id: uuid.UUID,
    user: StreamUser,
    last_event_id: LastEventIdQuery = None,
    last_event_id_header: LastEventIdHeader = None,
) -> StreamingResponse:
    """The video's jobs (storyboard, render) as they happen: stills n/N, clips n/N, composing %."""
    return await followed(
        lambda db: service.get_video(db, user=user, video_id=video_id),
        stream.Target(subject_type="video", subject_id=video_id),
        header=last_event_id_header,
        query=last_event_id,
    )
