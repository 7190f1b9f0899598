"""YouTube endpoints: connect / status / disconnect a channel, and upload a rendered track.
Plain `def`: the upload runs inline in the thread pool while polls keep being answered."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, status
from fastapi.responses import RedirectResponse

from app.auth.deps import CurrentUser
from app.db import DbSession
from app.openapi import errors
from app.tracks import service as tracks_service
from app.tracks.schemas import TrackPublic
from app.validation import Line
from app.youtube import publish, service
from app.youtube.defaults import defaults_for
from app.youtube.schemas import AuthUrl, UploadDefaults, UploadRequest, YouTubeStatus

router = APIRouter(prefix="/api", tags=["youtube"])
OAuthParam = Annotated[Line | None, Query(max_length=2048)]


@router.get("/auth/youtube", responses=errors(503))
def connect(user: CurrentUser, db: DbSession) -> AuthUrl:
    """Google's consent URL for this user (valid 10 minutes, usable once)."""
    return AuthUrl(auth_url=service.start_connect(db, user=user))


@router.get(
    "/auth/youtube/callback",
    response_class=RedirectResponse,
    status_code=status.HTTP_302_FOUND,
    responses=errors(403),
)
def callback(
    db: DbSession, state: OAuthParam = None, code: OAuthParam = None, error: OAuthParam = None
) -> RedirectResponse:
    """Where Google sends the browser back. No Authorization header: the state names the user.
    Redirects to the dashboard's settings page with ?youtube=connected or ?youtube=error&reason=…"""
    url = service.finish_connect(db, state=state, code=code, error=error)
    return RedirectResponse(url, status_code=status.HTTP_302_FOUND)


@router.get("/auth/youtube/status")
def youtube_status(user: CurrentUser, db: DbSession) -> YouTubeStatus:
    """Connected channel, token expiry, whether it needs reconnecting, and today's API quota."""
    return service.status(db, user=user)


@router.delete("/auth/youtube", status_code=status.HTTP_204_NO_CONTENT, responses=errors(409))
def disconnect(user: CurrentUser, db: DbSession) -> None:
    """Revoke the authorisation at Google (best effort) and delete the stored tokens."""
    service.disconnect(db, user=user)


@router.post("/upload", responses=errors(403, 404, 409, 502, 503))
def upload(body: UploadRequest, user: CurrentUser, db: DbSession) -> TrackPublic:
    """Upload a `rendered` track's video to the connected channel (inline: returns when the
    track is `uploaded`; poll GET /api/tracks/{id} for stage and percent meanwhile)."""
    return tracks_service.public(db, publish.start(db, user=user, request=body))


@router.get("/upload/defaults/{track_id}", responses=errors(404))
def upload_defaults(track_id: uuid.UUID, user: CurrentUser, db: DbSession) -> UploadDefaults:
    """Suggested title, description and tags for the upload dialog, from the track."""
    return defaults_for(tracks_service.get_track(db, user=user, track_id=track_id))
