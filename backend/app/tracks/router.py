"""Track endpoints. Plain `def`: they run in the thread pool, so polls keep being answered
while a generation or render runs inline."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, status
from fastapi.responses import StreamingResponse

from app.auth.deps import CurrentUser, StreamUser
from app.db import DbSession
from app.jobs import stream
from app.jobs.router import SSE_RESPONSE, LastEventIdHeader, LastEventIdQuery, followed
from app.openapi import errors
from app.tracks import service, steps, waveform
from app.tracks.models import TrackStatus
from app.tracks.schemas import GenerateRequest, HistoryPage, RenderRequest, Stats, TrackPublic, Waveform

router = APIRouter(prefix="/api", tags=["tracks"])


@router.post("/generate", responses=errors(402, 409, 502, 503, 507))
def generate(body: GenerateRequest, user: CurrentUser, db: DbSession) -> TrackPublic:
    """Make music and cover art from a prompt (inline: returns when the track is `generated`)."""
    return service.public(db, steps.generate(db, user=user, request=body))


@router.post("/render", responses=errors(404, 409, 502, 507))
def render(body: RenderRequest, user: CurrentUser, db: DbSession) -> TrackPublic:
    """Render a `generated` track into a 1080p30 MP4 (inline: returns when `rendered`)."""
    track = service.get_track(db, user=user, track_id=body.track_id)
    return service.public(db, steps.render(db, track=track))


@router.get("/history")
def history(
    user: CurrentUser,
    db: DbSession,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    status: TrackStatus | None = None,
) -> HistoryPage:
    """Tracks, newest first, 50 per page, optionally only those with one status."""
    return service.history(db, user=user, page=page, status=status)


@router.get("/tracks/{track_id}", responses=errors(404))
def get_track(track_id: uuid.UUID, user: CurrentUser, db: DbSession) -> TrackPublic:
    """One track, including the running step's stage and percent."""
    return service.public(db, service.get_track(db, user=user, track_id=track_id))


@router.get(
    "/tracks/{track_id}/events", response_class=StreamingResponse, responses=SSE_RESPONSE | errors(404)
)
async def track_events(
    track_id: uuid.UUID,
    user: StreamUser,
    last_event_id: LastEventIdQuery = None,
    last_event_id_header: LastEventIdHeader = None,
) -> StreamingResponse:
    """Every job of the track as it happens (generate, render, upload, retries), until the
    client disconnects. Starts with the newest job's events; resumable with `Last-Event-ID`."""
    return await followed(
        lambda db: service.get_track(db, user=user, track_id=track_id),
        stream.Target(subject_type="track", subject_id=track_id),
        header=last_event_id_header,
        query=last_event_id,
    )


@router.delete("/tracks/{track_id}", status_code=status.HTTP_204_NO_CONTENT, responses=errors(404, 409))
def delete_track(track_id: uuid.UUID, user: CurrentUser, db: DbSession) -> None:
    """Delete the track and every file it has."""
    service.delete_track(db, user=user, track_id=track_id)


@router.post("/tracks/{track_id}/retry", responses=errors(402, 403, 404, 409, 502, 503, 507))
def retry(track_id: uuid.UUID, user: CurrentUser, db: DbSession) -> TrackPublic:
    """Run the failed step again."""
    track = service.get_track(db, user=user, track_id=track_id)
    return service.public(db, steps.retry(db, track=track))


@router.get("/tracks/{track_id}/waveform", responses=errors(404, 409))
def get_waveform(
    track_id: uuid.UUID,
    user: CurrentUser,
    db: DbSession,
    points: Annotated[int, Query(ge=50, le=4000)] = 600,
) -> Waveform:
    """Peak levels for drawing a seekable waveform without decoding the MP3 in the browser."""
    track = service.get_track(db, user=user, track_id=track_id)
    return Waveform(peaks=waveform.peaks(track, points=points))


@router.get("/stats")
def stats(user: CurrentUser, db: DbSession) -> Stats:
    """Tracks by status, storage used, and this month's generations against the plan quota."""
    return service.stats(db, user=user)
