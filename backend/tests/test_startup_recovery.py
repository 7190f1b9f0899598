"""A process that dies mid-step leaves nothing spinning: start-up closes interrupted tracks
(tests/tracks), batches and provider calls, and lets go of quota held for uploads, so the
creator sees a retryable state."""

from decimal import Decimal

from fastapi.testclient import TestClient

from app.batches.models import Batch, BatchItem
from app.usage.models import ProviderCall


def start_app() -> None:
    from app.main import app

    with TestClient(app, raise_server_exceptions=False):
        pass


def test_interrupted_batch_and_provider_call_are_closed(db, user) -> None:
    batch = Batch(
        user_id=user.id, total=2, duration_seconds=120, status="processing", options={"render": True}
    )
    db.add(batch)
    db.flush()
    done = BatchItem(batch_id=batch.id, prompt="first prompt here", status="success", position=1)
    stuck = BatchItem(batch_id=batch.id, prompt="second prompt here", status="generating", position=2)
    call = ProviderCall(provider="mubert", model="v3", role="music", unit="track", cost_usd=Decimal("0.4"))
    db.add_all([done, stuck, call])
    db.commit()

    start_app()

    for row in (batch, done, stuck, call):
        db.refresh(row)
    assert (batch.status, batch.successful, batch.failed) == ("completed", 1, 1) and batch.completed_at
    assert done.status == "success"
    assert stuck.status == "failed" and "retry" in stuck.error_message
    assert call.outcome == "failed" and call.finished_at and "interrupted" in call.error
    assert call.cost_usd == Decimal("0.4")  # the service may have billed it: the estimate stays booked


def test_quota_held_for_an_upload_that_died_with_the_process_goes_back(db, user) -> None:
    from app.youtube import quota
    from app.youtube.models import QuotaUsage

    held = QuotaUsage(day=quota.pacific_day(), operation=quota.RESERVED, units=1650, user_id=user.id)
    spent = QuotaUsage(day=quota.pacific_day(), operation="videos.insert", units=1600, user_id=user.id)
    db.add_all([held, spent])
    db.commit()

    start_app()

    db.expire_all()
    assert [row.operation for row in db.query(QuotaUsage)] == ["videos.insert"]  # what YouTube counted stays
