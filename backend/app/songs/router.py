"""Song endpoints: upload (multipart, its own size cap), a song from a generated track, list,
one, delete, and the analysis (a job, inline, with live events)."""

import uuid
from typing import Annotated

from fastapi import APIRouter, File, Form, Response, UploadFile, status
from fastapi.responses import StreamingResponse

from app.auth.deps import CurrentUser, StreamUser
from app.db import DbSession
from app.jobs import stream
from app.jobs.router import SSE_RESPONSE, LastEventIdHeader, LastEventIdQuery, followed
from app.openapi import errors
from app.songs import analysis, service
from app.songs.schemas import AnalysisPublic, SongFromTrack, SongList, SongPublic
from app.validation import Line

router = APIRouter(prefix="/api", tags=["songs"])


@router.post(
    "/songs",
    status_code=status.HTTP_201_CREATED,
    responses=errors(413, 507)
    | {200: {"model": SongPublic, "description": "These exact bytes are already a song: that song"}},
)
def upload_song(
    response: Response,
    user: CurrentUser,
    db: DbSession,
    file: Annotated[UploadFile, File(description="MP3, WAV, FLAC, M4A/AAC or OGG/Opus; checked by decoding")],
    title: Annotated[Line | None, Form(max_length=200)] = None,
) -> SongPublic:
    """Upload a song (up to SONG_MAX_BYTES and SONG_MAX_SECONDS). The same bytes twice give
    the same song (200 instead of 201)."""
    song, created = service.upload(db, user=user, source=file.file, filename=file.filename, title=title)
    if not created:
        response.status_code = status.HTTP_200_OK
    return service.public(db, song)


@router.post(
    "/songs/from-track",
    status_code=status.HTTP_201_CREATED,
    responses=errors(404, 409, 507)
    | {200: {"model": SongPublic, "description": "That track's music is already a song: that song"}},
)
def song_from_track(body: SongFromTrack, response: Response, user: CurrentUser, db: DbSession) -> SongPublic:
    """Make a song of a track the studio generated (its MP3)."""
    song, created = service.from_track(db, user=user, track_id=body.track_id)
    if not created:
        response.status_code = status.HTTP_200_OK
    return service.public(db, song)


@router.get("/songs")
def list_songs(user: CurrentUser, db: DbSession) -> SongList:
    """Every song, newest first."""
    return SongList(items=service.list_songs(db, user=user))


# ":uuid": "/songs/from-track" is not a song id, so GET or DELETE there is a 405, not a 400.
@router.get("/songs/{song_id:uuid}", responses=errors(404))
def get_song(song_id: uuid.UUID, user: CurrentUser, db: DbSession) -> SongPublic:
    return service.public(db, service.get_song(db, user=user, song_id=song_id))


@router.delete("/songs/{song_id:uuid}", status_code=status.HTTP_204_NO_CONTENT, responses=errors(404, 409))
def delete_song(song_id: uuid.UUID, user: CurrentUser, db: DbSession) -> None:
    """Delete the song and its file (refused while a music video uses it)."""
    service.delete_song(db, user=user, song_id=song_id)


@router.post("/songs/{song_id}/analyze", responses=errors(404, 409, 502))
def analyze_song(song_id: uuid.UUID, user: CurrentUser, db: DbSession) -> SongPublic:
    """Analyse the song (inline; follow GET /api/songs/{id}/events meanwhile). Instant when the
    same audio was analysed before by this analyser version."""
    song = service.get_song(db, user=user, song_id=song_id)
    return service.public(db, analysis.start(db, song=song))


@router.get("/songs/{song_id}/analysis", responses=errors(404))
def get_analysis(song_id: uuid.UUID, user: CurrentUser, db: DbSession) -> AnalysisPublic:
    """Tempo, beats, downbeats, meter, sections, energy per beat, key, mood, genre, loudness,
    and what the analysis is unsure of."""
    return analysis.result(db, song=service.get_song(db, user=user, song_id=song_id))


@router.get("/songs/{song_id}/events", response_class=StreamingResponse, responses=SSE_RESPONSE | errors(404))
async def song_events(
    song_id: uuid.UUID,
    user: StreamUser,
    last_event_id: LastEventIdQuery = None,
    last_event_id_header: LastEventIdHeader = None,
) -> StreamingResponse:
    """The song's jobs (its analysis) as they happen, as Server-Sent Events."""
    return await followed(
        lambda db: service.get_song(db, user=user, song_id=song_id),
        stream.Target(subject_type="song", subject_id=song_id),
        header=last_event_id_header,
        query=last_event_id,
    )
