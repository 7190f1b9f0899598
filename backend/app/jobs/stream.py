"""Server-Sent Events for a job or for everything that happens to a subject.

A stream holds no thread and no database connection while it waits: it sleeps on the event
loop until the hub says something was written (or a few seconds pass, for events written by
another process), then reads what is new in a short query on a small thread pool of its own,
so open streams can never take the threads that requests and steps run in."""

import asyncio
import contextlib
import json
import time
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass

import anyio
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db import session_factory
from app.jobs.hub import hub, job_key, subject_key
from app.jobs.models import ACTIVE, Job, JobEvent

READERS = anyio.CapacityLimiter(4)  # threads that all streams together may use for reads
LOOK_AGAIN_SECONDS = 2.0
KEEP_ALIVE_SECONDS = 15.0
RECONNECT_MS = 2000
BATCH = 200
TERMINAL_EVENTS = ("completed", "error")


@dataclass(frozen=True)
class Target:
    """A job (the stream ends with it) or a subject (the stream follows its jobs until the
    client leaves)."""

    job_id: uuid.UUID | None = None
    subject_type: str | None = None
    subject_id: uuid.UUID | None = None

    @property
    def keys(self) -> tuple[str, ...]:
        if self.job_id is not None:
            return (job_key(self.job_id),)
        return (subject_key(self.subject_type or "", self.subject_id),)


def start_cursor(target: Target) -> int:
    """Without Last-Event-ID: replay the job's events, or those of the subject's newest job."""
    with session_factory()() as db:
        job_id = target.job_id
        if job_id is None:
            job_id = db.scalar(
                select(Job.id)
                .where(
                    Job.subject_type == target.subject_type,
                    Job.subject_id == target.subject_id,
                )
                .order_by(Job.created_at.desc())
                .limit(1)
            )
        if job_id is None:
            return _last_id(db)
        first = db.scalar(select(JobEvent.id).where(JobEvent.job_id == job_id).order_by(JobEvent.id).limit(1))
        return first - 1 if first is not None else _last_id(db)


def _last_id(db: Session) -> int:
    return db.scalar(select(JobEvent.id).order_by(JobEvent.id.desc()).limit(1)) or 0


def read(target: Target, after: int) -> tuple[list[JobEvent], bool]:
    """Events after the cursor, and whether the stream's job (if it follows one) is over."""
    with session_factory()() as db:
        query = select(JobEvent).where(JobEvent.id > after).order_by(JobEvent.id).limit(BATCH)
        if target.job_id is not None:
            query = query.where(JobEvent.job_id == target.job_id)
        else:
            query = query.where(
                JobEvent.subject_type == target.subject_type, JobEvent.subject_id == target.subject_id
            )
        rows = list(db.scalars(query))
        over = False
        if target.job_id is not None and len(rows) < BATCH:
            # Over once the job has ended and its last word (completed or error) is sent; the
            # status changes a moment before that event is written, so check both.
            status = db.scalar(select(Job.status).where(Job.id == target.job_id))
            last_word = db.scalar(
                select(JobEvent.id)
                .where(
                    JobEvent.job_id == target.job_id,
                    JobEvent.event.in_(TERMINAL_EVENTS),
                )
                .order_by(JobEvent.id.desc())
                .limit(1)
            )
            seen = rows[-1].id if rows else after
            over = status is None or (status not in ACTIVE and last_word is not None and last_word <= seen)
        db.expunge_all()
        return rows, over


def frame(row: JobEvent) -> str:
    return f"id: {row.id}\nevent: {row.event}\ndata: {json.dumps(row.data, separators=(',', ':'))}\n\n"


async def events(target: Target, *, last_event_id: int | None) -> AsyncIterator[str]:
    sub = hub.subscribe(*target.keys)
    try:
        yield f"retry: {RECONNECT_MS}\n\n"
        cursor = last_event_id
        if cursor is None:
            cursor = await anyio.to_thread.run_sync(start_cursor, target, limiter=READERS)
        sent_at = time.monotonic()
        while True:
            sub.wake.clear()
            rows, over = await anyio.to_thread.run_sync(read, target, cursor, limiter=READERS)
            for row in rows:
                yield frame(row)
                cursor = row.id
                sent_at = time.monotonic()
            if len(rows) == BATCH:
                continue
            if over:
                return  # the job has ended and every event of it has been sent
            with contextlib.suppress(TimeoutError):  # look again anyway: another process may have written
                await asyncio.wait_for(sub.wake.wait(), timeout=LOOK_AGAIN_SECONDS)
            if time.monotonic() - sent_at >= KEEP_ALIVE_SECONDS:
                yield ": keep-alive\n\n"
                sent_at = time.monotonic()
    finally:
        hub.unsubscribe(sub)


def parse_last_event_id(header: str | None, query: int | None) -> int | None:
    """The header a reconnecting EventSource sends, or `?last_event_id=` for clients that can't."""
    if header:
        try:
            return max(0, int(header.strip()))
        except ValueError:
            return None
    return query
