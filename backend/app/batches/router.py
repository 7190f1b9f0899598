import uuid
from typing import Annotated

from fastapi import APIRouter, Header

from app.auth.deps import CurrentUser
from app.batches import service
from app.batches.schemas import BatchCreate, BatchPublic, BatchSummary
from app.db import DbSession
from app.openapi import errors

router = APIRouter(prefix="/api", tags=["batches"])


@router.post("/batch/generate", responses=errors(409, 422))
def generate_batch(
    body: BatchCreate,
    user: CurrentUser,
    db: DbSession,
    idempotency_key: Annotated[str | None, Header(max_length=200)] = None,
) -> BatchPublic:
    """Make 1–10 tracks in order inside this request; one failing item never stops the rest.
    Poll GET /api/batch/{id} meanwhile (send your own `id` or an `Idempotency-Key`; a repeated
    POST with either returns that batch instead of starting another, or 422 if its body differs)."""
    batch_id = service.batch_id_for(user=user, body_id=body.id, idempotency_key=idempotency_key)
    batch = service.create_and_run(db, user=user, body=body, batch_id=batch_id)
    return service.to_public(db, batch)


# ":uuid": "/batch/generate" is not a batch id, so GET there is a 405 rather than a 400.
@router.get("/batch/{batch_id:uuid}", responses=errors(404))
def get_batch(batch_id: uuid.UUID, user: CurrentUser, db: DbSession) -> BatchPublic:
    """Live state of a batch: every item's status, stage, percent, timings and errors."""
    return service.to_public(db, service.get(db, user=user, batch_id=batch_id))


@router.post("/batch/{batch_id:uuid}/retry", responses=errors(404, 409))
def retry_batch(batch_id: uuid.UUID, user: CurrentUser, db: DbSession) -> BatchPublic:
    """Run only the failed items again, each from the step where it stopped."""
    return service.to_public(db, service.retry_failed(db, user=user, batch_id=batch_id))


@router.get("/batches")
def list_batches(user: CurrentUser, db: DbSession) -> list[BatchSummary]:
    """The 20 most recent batches."""
    return service.history(db, user=user)
