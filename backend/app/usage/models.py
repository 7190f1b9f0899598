"""The provider-call ledger: one row per attempt at a paid call (retries included), written
when the attempt starts (so a running call already counts against the budget) and completed
when it ends."""

import uuid
from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import (
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    func,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base


class Outcome(StrEnum):
    RUNNING = "running"
    OK = "ok"
    TRANSIENT = "transient"  # 429, 5xx, timeout, connection: retried while attempts remain
    AUTH = "auth"  # 401/403: the key is wrong or lacks access
    REJECTED = "rejected"  # other 4xx: the service refused what we sent
    FAILED = "failed"  # the service accepted the work but it failed, or its answer was unusable
    REFUSED = "refused"  # the budget guard stopped it before anything was sent


class ProviderCall(Base):
    __tablename__ = "provider_calls"
    __table_args__ = (
        CheckConstraint(
            "outcome IN ('running','ok','transient','auth','rejected','failed','refused')",
            name="outcome_values",
        ),
        CheckConstraint("units >= 0 AND cost_usd >= 0", name="amounts_positive"),
        CheckConstraint("attempt >= 1", name="attempt_positive"),
        Index("ix_provider_calls_started_at", text("started_at DESC")),
    )

    id: Mapped[uuid.UUID] = mapped_column(
        primary_key=True, default=uuid.uuid4, server_default=text("gen_random_uuid()")
    )
    provider: Mapped[str] = mapped_column(String(20))  # mubert | openai | replicate
    model: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))  # music | image | planner
    # The unit the per-job budget counts (a track's id for the track pipeline). Not a foreign
    # key: spend stays on the books after the track or job is deleted.
    job_id: Mapped[uuid.UUID | None] = mapped_column(index=True)
    track_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("tracks.id", ondelete="SET NULL"), index=True
    )
    user_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    attempt: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    external_id: Mapped[str | None] = mapped_column(
        String(200)
    )  # the provider's id for the work, for support
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    outcome: Mapped[str] = mapped_column(String(20), default=Outcome.RUNNING, server_default="running")
    http_status: Mapped[int | None] = mapped_column(Integer)
    error: Mapped[str | None] = mapped_column(Text)  # our own words; never a key or a raw response
    units: Mapped[Decimal] = mapped_column(Numeric(12, 3), default=0, server_default="0")
    unit: Mapped[str] = mapped_column(String(20))  # track | image | second | 1k_tokens
    cost_usd: Mapped[Decimal] = mapped_column(Numeric(10, 4), default=0, server_default="0")
