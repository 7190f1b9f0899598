"""A batch `id` or Idempotency-Key sent twice at the same moment: the second request gets the
first one's batch (never a 500 from the unique key), and the same key with a different body
is refused (422) instead of silently answering with the first batch."""

import threading
import time
import uuid

import pytest
from fastapi.testclient import TestClient

from app.auth.models import User
from app.batches import service
from app.batches.models import Batch, BatchItem
from app.batches.schemas import BatchCreate
from app.db import session_factory
from app.errors import AppError
from tests.auth.test_auth_flow import assert_error

PROMPTS = ["Deep sleep ocean ambient with ethereal pads", "Rain on a tin roof at night, slow"]


def _write_batch(db, user: User, batch_id: uuid.UUID, prompts: list[str], *, commit: bool = True) -> None:
    db.add(
        Batch(
            id=batch_id,
            user_id=user.id,
            total=len(prompts),
            duration_seconds=120,
            status="processing",
            options={"render": False, "upload": None},
        )
    )
    db.flush()
    for position, prompt in enumerate(prompts, start=1):
        db.add(BatchItem(batch_id=batch_id, prompt=prompt, status="pending", position=position))
    db.flush()
    if commit:
        db.commit()


def _race(user: User, body: BatchCreate) -> object:
    """The winner has inserted the batch but not committed when the loser arrives; the loser
    waits on the key, then finds it taken. Returns what the loser got (a batch or an error)."""
    batch_id = body.id or uuid.uuid4()
    outcome: dict[str, object] = {}

    def loser() -> None:
        with session_factory()() as db:
            try:
                batch = service.create_and_run(
                    db, user=db.get_one(User, user.id), body=body, batch_id=batch_id
                )
                outcome["result"] = service.to_public(db, batch)
            except Exception as exc:  # what the request would have turned into a response
                outcome["result"] = exc

    with session_factory()() as winner:
        _write_batch(winner, user, batch_id, PROMPTS, commit=False)
        thread = threading.Thread(target=loser)
        thread.start()
        time.sleep(0.5)  # the loser's insert now waits for ours
        winner.commit()
        thread.join(30)
    return outcome["result"]


def test_the_loser_of_a_race_gets_the_winners_batch(user) -> None:
    batch_id = uuid.uuid4()
    result = _race(user, BatchCreate(id=batch_id, prompts=PROMPTS, duration=120))
    assert not isinstance(result, Exception), repr(result)
    assert result.id == batch_id and [item.prompt for item in result.items] == PROMPTS  # type: ignore[attr-defined]


def test_a_different_body_under_a_racing_key_is_422(user) -> None:
    result = _race(user, BatchCreate(id=uuid.uuid4(), prompts=PROMPTS[:1], duration=120))
    assert isinstance(result, AppError) and result.status_code == 422, repr(result)
    assert result.error_code == "IDEMPOTENCY_MISMATCH"


def test_someone_elses_batch_id_is_a_conflict(user, db, password_hash) -> None:
    from tests.conftest import make_user

    other = make_user(db, password_hash, email="other@example.com")
    batch_id = uuid.uuid4()
    _write_batch(db, other, batch_id, PROMPTS)
    with pytest.raises(AppError) as refused:
        service.create_and_run(
            db, user=user, body=BatchCreate(id=batch_id, prompts=PROMPTS, duration=120), batch_id=batch_id
        )
    assert refused.value.status_code == 409


@pytest.mark.parametrize(
    ("changed", "same"),
    [
        ({"prompts": PROMPTS[:1]}, False),
        ({"duration": 180}, False),
        ({"render": True}, False),
        ({}, True),
    ],
)
def test_the_same_key_again(client: TestClient, auth, user, db, changed: dict, same: bool) -> None:
    key = "dashboard-click-7"
    batch_id = service.batch_id_for(user=user, body_id=None, idempotency_key=key)
    _write_batch(db, user, batch_id, PROMPTS)
    body = {"prompts": PROMPTS, "duration": 120, **changed}
    response = client.post("/api/batch/generate", json=body, headers={**auth, "Idempotency-Key": key})
    if same:
        assert response.status_code == 200 and response.json()["id"] == str(batch_id)
    else:
        assert_error(response, 422, "IDEMPOTENCY_MISMATCH")
