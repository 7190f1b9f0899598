"""Briefs as the creator sees them: create, read, edit, delete, and the public view (with the
fields still missing, the transcript, and the mood boards behind signed still links)."""

import uuid
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import storage
from app.ads import chat_local
from app.ads.models import Brief
from app.ads.schemas import BriefCreate, BriefPublic, BriefUpdate, Direction, PaintingEstimate, Turn
from app.auth.models import User
from app.errors import Conflict, NotFound
from app.jobs import queries
from app.jobs.models import Job
from app.jobs.schemas import JobPublic
from app.providers import registry
from app.songs.service import get_song
from app.usage.prices import cost_of
from app.videos.production.estimate import image_calls

SUBJECT = "brief"
DIRECTIONS, STILLS_PER_DIRECTION = 3, 4  # a round of mood boards
FIELDS = (
    "product",
    "audience",
    "tone",
    "style_keywords",
    "key_messages",
    "call_to_action",
    "duration",
    "aspect",
    "brand_colors",
    "song_id",
)


def fields_of(brief: Brief) -> dict[str, Any]:
    return {name: getattr(brief, name) for name in FIELDS}


def get_brief(db: Session, *, user: User, brief_id: uuid.UUID) -> Brief:
    brief = db.get(Brief, brief_id, populate_existing=True)
    if brief is None or brief.user_id != user.id:
        raise NotFound("Brief not found")
    return brief


def list_briefs(db: Session, *, user: User) -> list[Brief]:
    return list(db.scalars(select(Brief).where(Brief.user_id == user.id).order_by(Brief.created_at.desc())))


def create(db: Session, *, user: User, body: BriefCreate) -> Brief:
    if body.song_id is not None:
        get_song(db, user=user, song_id=body.song_id)  # 404 for a song that is not theirs
    brief = Brief(id=uuid.uuid4(), user_id=user.id, **body.model_dump())
    db.add(brief)
    db.commit()
    return brief


def update(db: Session, *, user: User, brief: Brief, body: BriefUpdate) -> Brief:
    changes = body.model_dump(exclude_unset=True)
    if changes.get("song_id") is not None:
        get_song(db, user=user, song_id=changes["song_id"])
    require_no_video(brief)
    for name, value in changes.items():
        if value is None and name not in ("song_id", "duration", "aspect"):
            continue
        setattr(brief, name, value)
    db.commit()
    return brief


def require_no_video(brief: Brief) -> None:
    if brief.video_id is not None:
        raise Conflict("This brief's video is made: edit the video, or start a new brief")


def delete(db: Session, *, user: User, brief: Brief) -> None:
    paths = [p for d in brief.moodboards for p in d.get("stills", [])]
    queries.delete_for(db, SUBJECT, brief.id)
    db.delete(brief)
    db.commit()
    storage.delete(*paths)


def painting_estimate() -> PaintingEstimate:
    """Shown before the mood boards are painted, from the same planned calls the budget checks."""
    stills = DIRECTIONS * STILLS_PER_DIRECTION
    if not registry.role_status()["image"]:
        return PaintingEstimate(stills=stills, usd=None, providers=[registry.chosen()["image"]])
    calls = image_calls(stills)
    usd = float(sum((cost_of(c) for c in calls), Decimal(0)))
    return PaintingEstimate(
        stills=stills, usd=usd, providers=sorted({c.label for c in calls}) or ["local painter"]
    )


def public(db: Session, brief: Brief, job: Job | None = None) -> BriefPublic:
    db.refresh(brief)
    job = job or queries.latest(db, SUBJECT, brief.id)
    fields = fields_of(brief)
    return BriefPublic(
        id=brief.id,
        **fields,
        missing=chat_local.missing(fields),
        transcript=[Turn.model_validate(t) for t in brief.transcript],
        moodboards=[
            Direction(
                index=n,
                name=d["name"],
                keywords=d["keywords"],
                palette=d["palette"],
                guide=d["guide"],
                still_urls=[storage.signed_url(p) for p in d.get("stills", [])],
                chosen=brief.chosen == n,
            )
            for n, d in enumerate(brief.moodboards)
        ],
        moodboards_estimate=painting_estimate(),
        chosen=brief.chosen,
        video_id=brief.video_id,
        music_song_id=brief.music_song_id,
        warnings=list(brief.warnings),
        job=JobPublic.model_validate(job, from_attributes=True) if job is not None else None,
        created_at=brief.created_at,
        updated_at=brief.updated_at,
    )
