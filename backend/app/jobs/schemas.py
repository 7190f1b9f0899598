import uuid
from datetime import datetime

from pydantic import BaseModel, Field

from app.jobs.models import JobStatus


class JobPublic(BaseModel):
    id: uuid.UUID
    step: str = Field(description="The registered step, e.g. 'track.render'")
    kind: str = Field(description="generate | render | upload | …")
    subject_type: str = Field(description="What the job works on: track, …")
    subject_id: uuid.UUID
    status: JobStatus
    stage: str | None = Field(description="What the job is doing now, e.g. 'rendering video'")
    progress: float = Field(
        ge=0, le=1, description="Share of the job done, 0–1; never goes down within an attempt"
    )
    attempts: int = Field(description="1 on the first run; each retry adds one")
    error_message: str | None
    error_code: str | None
    retryable: bool | None = Field(description="For a failed job: whether POST …/retry can run it again")
    cost_usd: float = Field(description="Estimated provider spend booked to this job")
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    updated_at: datetime
