"""Brief endpoints: the brief, its vision chat (JSON, or streamed as server-sent events), mood
boards (three directions, pick one or ask for three new ones) and the ad video."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Path, Query, Response, status
from fastapi.responses import StreamingResponse

from app.ads import chat, moodboards, service
from app.ads import video as ad_video
from app.ads.schemas import (
    AdVideoCreated,
    BriefCreate,
    BriefList,
    BriefPublic,
    BriefUpdate,
    ChatMessage,
    ChatReply,
)
from app.auth.deps import CurrentUser, StreamUser
from app.db import DbSession
from app.jobs import stream
from app.jobs.router import SSE_RESPONSE, LastEventIdHeader, LastEventIdQuery, followed
from app.openapi import errors

router = APIRouter(prefix="/api", tags=["ads"])
Index = Annotated[int, Path(ge=0, le=2)]


@router.post("/briefs", status_code=status.HTTP_201_CREATED, responses=errors(404, 422))
def create_brief(body: BriefCreate, user: CurrentUser, db: DbSession) -> BriefPublic:
    """A brief for an ad or promo; any field may be left for the chat to fill."""
    return service.public(db, service.create(db, user=user, body=body))


@router.get("/briefs")
def list_briefs(user: CurrentUser, db: DbSession) -> BriefList:
    return BriefList(items=[service.public(db, b) for b in service.list_briefs(db, user=user)])


@router.get("/briefs/{brief_id}", responses=errors(404))
def get_brief(brief_id: uuid.UUID, user: CurrentUser, db: DbSession) -> BriefPublic:
    return service.public(db, service.get_brief(db, user=user, brief_id=brief_id))


@router.patch("/briefs/{brief_id}", responses=errors(404, 409, 422))
def update_brief(brief_id: uuid.UUID, body: BriefUpdate, user: CurrentUser, db: DbSession) -> BriefPublic:
    brief = service.get_brief(db, user=user, brief_id=brief_id)
    return service.public(db, service.update(db, user=user, brief=brief, body=body))


@router.delete("/briefs/{brief_id}", status_code=status.HTTP_204_NO_CONTENT, responses=errors(404))
def delete_brief(brief_id: uuid.UUID, user: CurrentUser, db: DbSession) -> Response:
    service.delete(db, user=user, brief=service.get_brief(db, user=user, brief_id=brief_id))
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post("/briefs/{brief_id}/chat", responses=errors(404, 409, 422))
def chat_turn(brief_id: uuid.UUID, body: ChatMessage, user: CurrentUser, db: DbSession) -> ChatReply:
    """One turn of the vision chat: fills the brief from the message and asks what is missing."""
    brief = service.get_brief(db, user=user, brief_id=brief_id)
    return chat.converse(db, brief, body.message, lambda _e, _d: None)


@router.post(
    "/briefs/{brief_id}/chat/stream",
    responses=errors(404, 409, 422) | {200: {"content": {"text/event-stream": {}}}},
    response_class=StreamingResponse,
)
def chat_stream(
    brief_id: uuid.UUID, body: ChatMessage, user: CurrentUser, db: DbSession
) -> StreamingResponse:
    """The same turn as server-sent events: `delta` {text} as the reply is written, `restart`
    (drop what was shown: a retry or a fallback), `warning` {text}, then `done` (the chat
    result, as POST …/chat answers) or `error` {detail, error_code}."""
    brief = service.get_brief(db, user=user, brief_id=brief_id)
    service.require_no_video(brief)
    return StreamingResponse(
        chat.stream(brief.id, body.message),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )


@router.post("/briefs/{brief_id}/moodboards", responses=errors(404, 409, 502))
def make_moodboards(
    brief_id: uuid.UUID,
    user: CurrentUser,
    db: DbSession,
    fresh: Annotated[bool, Query(description="Three new directions instead of the current ones")] = False,
) -> BriefPublic:
    """Three style directions, four stills each in the brief's aspect (a job: "painting n/12")."""
    brief = service.get_brief(db, user=user, brief_id=brief_id)
    return service.public(db, moodboards.start(db, brief, fresh=fresh))


@router.get("/briefs/{brief_id}/moodboards", responses=errors(404))
def get_moodboards(brief_id: uuid.UUID, user: CurrentUser, db: DbSession) -> BriefPublic:
    return service.public(db, service.get_brief(db, user=user, brief_id=brief_id))


@router.post("/briefs/{brief_id}/moodboards/{index}/choose", responses=errors(404, 409, 422))
def choose_moodboard(brief_id: uuid.UUID, index: Index, user: CurrentUser, db: DbSession) -> BriefPublic:
    """The direction that becomes the video's style guide."""
    brief = service.get_brief(db, user=user, brief_id=brief_id)
    return service.public(db, moodboards.choose(db, brief, index))


@router.post("/briefs/{brief_id}/video", status_code=status.HTTP_201_CREATED, responses=errors(404, 409, 502))
def make_video(brief_id: uuid.UUID, user: CurrentUser, db: DbSession) -> AdVideoCreated:
    """Music (the brief's song, or made for the exact duration), the ad plan on the beat, and a
    planned ad video: continue with POST /api/videos/{id}/storyboard. Asking again returns the
    same video."""
    brief = service.get_brief(db, user=user, brief_id=brief_id)
    ad_video.start(db, brief)
    db.refresh(brief)
    assert brief.video_id is not None
    return AdVideoCreated(video_id=brief.video_id, brief=service.public(db, brief))


@router.get(
    "/briefs/{brief_id}/events", response_class=StreamingResponse, responses=SSE_RESPONSE | errors(404)
)
async def brief_events(
    brief_id: uuid.UUID,
    user: StreamUser,
    last_event_id: LastEventIdQuery = None,
    last_event_id_header: LastEventIdHeader = None,
) -> StreamingResponse:
    """The brief's jobs (mood boards, making the music and the plan) as they happen."""
    return await followed(
        lambda db: service.get_brief(db, user=user, brief_id=brief_id),
        stream.Target(subject_type=service.SUBJECT, subject_id=brief_id),
        header=last_event_id_header,
        query=last_event_id,
    )
