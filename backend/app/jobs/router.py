"""Jobs: one job's state (poll) and its live events (Server-Sent Events)."""

import uuid
from collections.abc import Callable
from typing import Annotated, Any

import anyio
from fastapi import APIRouter, Header, Query
from fastapi.responses import StreamingResponse
from sqlalchemy.orm import Session

from app.auth.deps import CurrentUser, StreamUser
from app.db import DbSession, session_factory
from app.jobs import queries, stream
from app.jobs.schemas import JobPublic
from app.openapi import errors

router = APIRouter(prefix="/api", tags=["jobs"])

SSE_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {
        "content": {"text/event-stream": {"schema": {"type": "string"}}},
        "description": "Server-Sent Events: stage_update, progress, message, cost_update, "
        "completed, error (JSON data); comment lines keep the connection alive",
    }
}
LastEventIdHeader = Annotated[str | None, Header(alias="Last-Event-ID", include_in_schema=False)]
LastEventIdQuery = Annotated[
    int | None, Query(ge=0, description="Resume after this event id (as Last-Event-ID)")
]


def sse(target: stream.Target, *, header: str | None, query: int | None) -> StreamingResponse:
    return StreamingResponse(
        stream.events(target, last_event_id=stream.parse_last_event_id(header, query)),
        media_type="text/event-stream",
        # Proxies must pass each event on at once, not gather the response.
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )


@router.get("/jobs/{job_id}", responses=errors(404))
def get_job(job_id: uuid.UUID, user: CurrentUser, db: DbSession) -> JobPublic:
    """A job's status, stage and progress (0–1), error and cost."""
    return JobPublic.model_validate(
        queries.get_owned(db, user_id=user.id, job_id=job_id), from_attributes=True
    )


async def followed(
    check: Callable[[Session], object], target: stream.Target, *, header: str | None, query: int | None
) -> StreamingResponse:
    """The event stream of `target`, once `check` (a lookup that raises NotFound for another
    user's subject) has passed in a short session on the streams' own threads."""

    def run_check() -> None:
        with session_factory()() as db:
            check(db)

    await anyio.to_thread.run_sync(run_check, limiter=stream.READERS)
    return sse(target, header=header, query=query)


@router.get("/jobs/{job_id}/events", response_class=StreamingResponse, responses=SSE_RESPONSE | errors(404))
async def job_events(
    job_id: uuid.UUID,
    user: StreamUser,
    last_event_id: LastEventIdQuery = None,
    last_event_id_header: LastEventIdHeader = None,
) -> StreamingResponse:
    """The job's events as they happen; ends after `completed` or `error`. Resumable with
    `Last-Event-ID`."""
    return await followed(
        lambda db: queries.get_owned(db, user_id=user.id, job_id=job_id),
        stream.Target(job_id=job_id),
        header=last_event_id_header,
        query=last_event_id,
    )
