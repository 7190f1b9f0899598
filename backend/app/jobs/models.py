"""Job rows (one per step run on a subject, re-run in place on retry) and the events they
emit, kept so that a stream can resume from the last one a client saw."""

import uuid
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base


class JobStatus(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    CANCELLED = "cancelled"


ACTIVE = (JobStatus.QUEUED, JobStatus.RUNNING)


class Job(Base):
    __tablename__ = "jobs"
    __table_args__ = (
        CheckConstraint(
            "status IN ('queued','running','succeeded','failed','cancelled')", name="status_values"
        ),
        CheckConstraint("progress >= 0 AND progress <= 1", name="progress_range"),
        CheckConstraint("attempts >= 1", name="attempts_positive"),
        Index("ix_jobs_subject", "subject_type", "subject_id", text("created_at DESC")),
        # One running job per subject and step: the database, not a race, decides who runs it.
        Index(
            "uq_jobs_active_step",
            "subject_type",
            "subject_id",
            "step",
            unique=True,
            postgresql_where=text("status IN ('queued','running')"),
        ),
    )

    id: Mapped[uuid.UUID] = mapped_column(
        primary_key=True, default=uuid.uuid4, server_default=text("gen_random_uuid()")
    )
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    step: Mapped[str] = mapped_column(String(40))  # the registry's name, e.g. "track.render"
    kind: Mapped[str] = mapped_column(String(20))  # generate | render | upload | analyse | …
    subject_type: Mapped[str] = mapped_column(String(20))  # track | song | video | clip
    # Not a foreign key: subjects live in several tables; deleting a subject deletes its jobs.
    subject_id: Mapped[uuid.UUID] = mapped_column()
    status: Mapped[str] = mapped_column(String(12), default=JobStatus.QUEUED, server_default="queued")
    stage: Mapped[str | None] = mapped_column(String(80))
    progress: Mapped[float] = mapped_column(Float, default=0.0, server_default="0")
    attempts: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    error_message: Mapped[str | None] = mapped_column(Text)
    error_code: Mapped[str | None] = mapped_column(String(40))
    retryable: Mapped[bool | None] = mapped_column(Boolean)
    cost_usd: Mapped[Decimal] = mapped_column(Numeric(10, 4), default=0, server_default="0")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.clock_timestamp()
    )


class JobEvent(Base):
    __tablename__ = "job_events"
    __table_args__ = (
        Index("ix_job_events_subject", "subject_type", "subject_id", "id"),
        Index("ix_job_events_job", "job_id", "id"),
    )

    # The stream's `id:`: increasing across all jobs, so Last-Event-ID works per job and per subject.
    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    job_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("jobs.id", ondelete="CASCADE"))
    subject_type: Mapped[str] = mapped_column(String(20))
    subject_id: Mapped[uuid.UUID] = mapped_column()
    event: Mapped[str] = mapped_column(
        String(20)
    )  # stage_update | progress | message | cost_update | completed | error
    data: Mapped[dict[str, Any]] = mapped_column(JSONB)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
