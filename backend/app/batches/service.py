"""Batches: up to ten prompts processed in order inside one request (the studio's synchronous
design). Every item is taken as far as the batch asks — generated, rendered, uploaded —
and a failing item is recorded and the next one starts."""

import logging
import uuid
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import UTC, datetime

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.auth.models import User
from app.batches import advance
from app.batches.models import Batch, BatchItem
from app.batches.schemas import BatchCreate, BatchItemPublic, BatchPublic, BatchSummary, BatchUploadOptions
from app.db import session_factory
from app.errors import AppError, Conflict, IdempotencyMismatch, NotFound
from app.jobs import queries
from app.tracks import service as tracks_service
from app.tracks.models import Track, TrackStatus

log = logging.getLogger("app.batches")
IDEMPOTENCY_NAMESPACE = uuid.UUID("6f1d8a4e-4a52-4b8e-9d1c-1f0f3d2b7a10")


def batch_id_for(*, user: User, body_id: uuid.UUID | None, idempotency_key: str | None) -> uuid.UUID:
    if body_id is not None:
        return body_id
    if idempotency_key:
        # The same key from the same user always names the same batch.
        return uuid.uuid5(IDEMPOTENCY_NAMESPACE, f"{user.id}:{idempotency_key}")
    return uuid.uuid4()


def get(db: Session, *, user: User, batch_id: uuid.UUID) -> Batch:
    batch = db.get(Batch, batch_id, populate_existing=True)
    if batch is None or batch.user_id != user.id:
        raise NotFound("Batch not found")
    return batch


def _options(body: BatchCreate) -> dict:
    return {
        "render": body.render or body.upload is not None,
        "upload": body.upload.model_dump() if body.upload else None,
    }


def _repeated(db: Session, *, user: User, body: BatchCreate, existing: Batch) -> Batch:
    """The batch a repeated POST (same id or Idempotency-Key) reports on — if it asked for the
    same thing; a different body under the same key is refused rather than answered with it."""
    if existing.user_id != user.id:
        raise Conflict("That batch id is already taken; send another or none")
    same = (
        existing.duration_seconds == body.duration
        and existing.options == _options(body)
        and [item.prompt for item in _items(db, existing.id)] == list(body.prompts)
    )
    if not same:
        raise IdempotencyMismatch(
            "This batch id or Idempotency-Key was already used for a different batch; "
            "send a new one to start another"
        )
    return existing


def create_and_run(db: Session, *, user: User, body: BatchCreate, batch_id: uuid.UUID) -> Batch:
    existing = db.get(Batch, batch_id)
    if existing is not None:
        return _repeated(db, user=user, body=body, existing=existing)  # a retried POST
    batch = Batch(
        id=batch_id,
        user_id=user.id,
        total=len(body.prompts),
        duration_seconds=body.duration,
        status="processing",
        options=_options(body),
    )
    db.add(batch)
    try:
        db.flush()  # waits for a concurrent insert of the same id, then fails if that one committed
    except IntegrityError:
        db.rollback()
        winner = db.get(Batch, batch_id)
        if winner is None:  # it was rolled back after all: nothing to report on
            raise Conflict("That batch id is being used by another request; try again") from None
        return _repeated(db, user=user, body=body, existing=winner)
    for position, prompt in enumerate(body.prompts, start=1):
        db.add(BatchItem(batch_id=batch.id, prompt=prompt, status="pending", position=position))
    db.commit()
    _run(db, user=user, batch=batch, items=_items(db, batch.id))
    return batch


def retry_failed(db: Session, *, user: User, batch_id: uuid.UUID) -> Batch:
    batch = get(db, user=user, batch_id=batch_id)
    claimed = db.execute(
        update(Batch)
        .where(Batch.id == batch.id, Batch.status == "completed", Batch.failed > 0)
        .values(status="processing", completed_at=None)
        .returning(Batch.id)
    ).first()
    if claimed is None:
        db.rollback()
        raise Conflict("Only a finished batch with failed items can be retried")
    failed = [item for item in _items(db, batch.id) if item.status == "failed"]
    for item in failed:
        item.status, item.error_message, item.started_at, item.completed_at = "pending", None, None, None
    db.commit()
    _run(db, user=user, batch=batch, items=failed)
    return batch


def _items(db: Session, batch_id: uuid.UUID) -> list[BatchItem]:
    return list(
        db.scalars(select(BatchItem).where(BatchItem.batch_id == batch_id).order_by(BatchItem.position))
    )


def _run(db: Session, *, user: User, batch: Batch, items: list[BatchItem]) -> None:
    """The items in order, each generated here and then rendered and uploaded in a second
    thread while the next one is generated: each step has serial stretches (one process
    starting, a file probed, rows written) that the other fills, so both cores stay busy.
    At most two items run at once, and an item's render waits for the one before it."""
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="batch-finish") as finisher:
        finishing: Future | None = None
        for item in items:
            generated = _generated(db, user=user, batch=batch, item=item)
            if finishing is not None:
                finishing.result()
            finishing = None
            if generated is not None:
                finishing = finisher.submit(
                    _finish_item, user_id=user.id, batch_id=batch.id, item_id=item.id, track_id=generated
                )
        if finishing is not None:
            finishing.result()
    db.expire_all()  # the items and tracks were finished in the other thread's session
    _finish(db, batch)


def _generated(db: Session, *, user: User, batch: Batch, item: BatchItem) -> uuid.UUID | None:
    """The item's track generated (created first if need be); None when that failed."""
    item.status, item.started_at = "generating", datetime.now(UTC)
    db.commit()

    def run() -> None:
        advance.make_music(
            db, user=user, item=item, duration=batch.duration_seconds, on_step=_step_recorder(db, item)
        )

    return item.track_id if _attempt(db, batch=batch, item=item, step=run) else None


def _finish_item(*, user_id: uuid.UUID, batch_id: uuid.UUID, item_id: uuid.UUID, track_id: uuid.UUID) -> None:
    """Render and upload as the batch asks, in a session of this thread's own."""
    with session_factory()() as db:
        user, batch = db.get_one(User, user_id), db.get_one(Batch, batch_id)
        item, track = db.get_one(BatchItem, item_id), db.get_one(Track, track_id)
        upload = BatchUploadOptions(**batch.options["upload"]) if batch.options.get("upload") else None

        def run() -> None:
            advance.finish(
                db,
                user=user,
                track=track,
                render_video=batch.options.get("render", False),
                upload=upload,
                on_step=_step_recorder(db, item),
            )

        if _attempt(db, batch=batch, item=item, step=run):
            item.status, item.error_message, item.completed_at = "success", None, datetime.now(UTC)
            db.commit()


def _step_recorder(db: Session, item: BatchItem) -> Callable[[str], None]:
    def on_step(status: str) -> None:
        item.status = status
        db.commit()

    return on_step


def _attempt(db: Session, *, batch: Batch, item: BatchItem, step: Callable[[], None]) -> bool:
    """Run one half of an item; a failure is recorded on the item (and the batch goes on)."""
    try:
        step()
        return True
    except AppError as exc:
        message = exc.detail
    except Exception:  # one item's surprise must not stop the rest
        log.exception("batch %s item %s failed unexpectedly", batch.id, item.position)
        message = "An unexpected error stopped this item; it has been logged."
    db.rollback()
    item.status, item.error_message, item.completed_at = "failed", message, datetime.now(UTC)
    db.commit()
    return False


def _finish(db: Session, batch: Batch) -> None:
    counts = dict(
        db.execute(
            select(BatchItem.status, func.count())
            .where(BatchItem.batch_id == batch.id)
            .group_by(BatchItem.status)
        ).all()
    )
    batch.successful, batch.failed = counts.get("success", 0), counts.get("failed", 0)
    batch.status, batch.completed_at = "completed", datetime.now(UTC)
    db.commit()


def fail_interrupted(db: Session) -> int:
    """At start-up: batches whose request died with the process are finished as they stand;
    their unfinished items are failed (retryable with POST /api/batch/{id}/retry)."""
    stuck = list(db.scalars(select(Batch).where(Batch.status == "processing")))
    for batch in stuck:
        db.execute(
            update(BatchItem)
            .where(BatchItem.batch_id == batch.id, BatchItem.status.not_in(("success", "failed")))
            .values(
                status="failed",
                completed_at=datetime.now(UTC),
                error_message="The studio stopped while this batch was running; retry the failed items.",
            )
        )
        _finish(db, batch)
    return len(stuck)


# --- what the API returns --------------------------------------------------------------------


def _elapsed(start: datetime | None, end: datetime | None) -> float | None:
    if start is None:
        return None
    return round(((end or datetime.now(UTC)) - start).total_seconds(), 1)


def to_public(db: Session, batch: Batch) -> BatchPublic:
    items = _items(db, batch.id)
    tracks = {
        t.id: t
        for t in db.scalars(select(Track).where(Track.id.in_([i.track_id for i in items if i.track_id])))
    }
    jobs = queries.latest_of(db, "track", list(tracks))
    public_items = []
    for item in items:
        track = tracks.get(item.track_id) if item.track_id else None
        running = item.status in ("generating", "rendering", "uploading")
        public_track = tracks_service.to_public(track, jobs.get(track.id)) if track else None
        stage, progress = (
            (public_track.stage, public_track.progress) if running and public_track else (None, None)
        )
        if item.status == "generating" and track and track.status == TrackStatus.GENERATED:
            # Generated while the item before it still renders or uploads (see _run).
            stage, progress = "generated; waiting for the item before it", 100
        public_items.append(
            BatchItemPublic(
                id=item.id,
                position=item.position,
                prompt=item.prompt,
                status=item.status,
                stage=stage,
                progress=progress,
                error_message=item.error_message,
                track=public_track,
                started_at=item.started_at,
                completed_at=item.completed_at,
                elapsed_seconds=_elapsed(item.started_at, item.completed_at),
            )
        )
    return BatchPublic(
        id=batch.id,
        status=batch.status,
        total=batch.total,
        successful=batch.successful,
        failed=batch.failed,
        duration_seconds=batch.duration_seconds,
        render=batch.options.get("render", False),
        upload=batch.options.get("upload"),
        created_at=batch.created_at,
        completed_at=batch.completed_at,
        elapsed_seconds=_elapsed(batch.created_at, batch.completed_at) or 0.0,
        eta_seconds=eta(public_items) if batch.status == "processing" else None,
        items=public_items,
    )


def eta(items: list[BatchItemPublic], *, now: datetime | None = None) -> float | None:
    """Seconds left in a running batch, from its pace so far. Items overlap (one renders
    while the next is generated), so an item's pace is the time from the later of its start
    and the previous finish to its own finish, not its whole elapsed time."""
    finished = [
        (i.started_at, i.completed_at)
        for i in items
        if i.status == "success" and i.started_at and i.completed_at
    ]
    if not finished:
        return None  # nothing to go by yet
    finished.sort(key=lambda span: span[1])
    paces: list[float] = []
    previous: datetime | None = None
    for started, completed in finished:
        begin = max(started, previous) if previous else started
        paces.append((completed - begin).total_seconds())
        previous = completed
    left = sum(1 for i in items if i.status not in ("success", "failed"))
    if not left:
        return None
    # The next item to finish has been under way since the last finish, or since it
    # started when that was later (a retry, long after the first run).
    now = now or datetime.now(UTC)
    running = ("generating", "rendering", "uploading")
    starts = [i.started_at for i in items if i.status in running and i.started_at]
    since = (now - max(previous or min(starts), min(starts))).total_seconds() if starts else 0.0
    return round(max(1.0, sum(paces) / len(paces) * left - since), 1)


def history(db: Session, *, user: User, limit: int = 20) -> list[BatchSummary]:
    rows = db.scalars(
        select(Batch).where(Batch.user_id == user.id).order_by(Batch.created_at.desc()).limit(limit)
    )
    return [BatchSummary.model_validate(b, from_attributes=True) for b in rows]
