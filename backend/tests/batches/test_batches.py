"""Batches through the API: in order, live progress, idempotent POSTs, retry of failures."""

import threading
import uuid

from fastapi.testclient import TestClient

from app import storage
from app.media.ffmpeg import probe
from tests.auth.test_auth_flow import assert_error

PROMPTS = [
    "Deep sleep ocean waves at night with soft pads",
    "Warm forest morning with birds and a gentle stream",
    "Dark space drone with slow evolving textures",
]
ORDER = ["pending", "generating", "rendering", "uploading", "success"]


def rank(status: str) -> int:
    return len(ORDER) if status == "failed" else ORDER.index(status)


def test_a_batch_of_three_rendered_with_monotonic_live_progress(client: TestClient, auth) -> None:
    batch_id = str(uuid.uuid4())
    body = {"id": batch_id, "prompts": PROMPTS, "duration": 120, "render": True}
    result: dict = {}
    worker = threading.Thread(
        target=lambda: result.update(response=client.post("/api/batch/generate", json=body, headers=auth))
    )
    worker.start()
    snapshots = []
    while worker.is_alive():
        response = client.get(f"/api/batch/{batch_id}", headers=auth)
        if response.status_code == 200:
            snapshots.append(response.json())
    worker.join()
    final = result["response"].json()
    assert result["response"].status_code == 200, final
    assert (final["status"], final["total"], final["successful"], final["failed"]) == ("completed", 3, 3, 0)
    assert final["render"] is True and final["completed_at"] and final["eta_seconds"] is None
    for item, prompt in zip(final["items"], PROMPTS, strict=True):
        assert item["prompt"] == prompt and item["status"] == "success" and item["error_message"] is None
        assert item["track"]["status"] == "rendered" and item["elapsed_seconds"] > 0
        video = probe(storage.absolute(f"videos/{item['track']['id']}.mp4"))
        assert abs(float(video["format"]["duration"]) - 120) < 0.05

    assert snapshots, "the batch was never visible while it ran"
    assert any(s["status"] == "processing" for s in snapshots)
    for before, after in zip(snapshots, snapshots[1:], strict=False):
        assert after["successful"] >= before["successful"]
        for a, b in zip(before["items"], after["items"], strict=True):
            assert rank(b["status"]) >= rank(a["status"])  # no item ever goes backwards
            if (
                a["status"] == b["status"]
                and a["stage"] == b["stage"]
                and a["progress"] is not None
                and b["progress"] is not None
            ):
                assert b["progress"] >= a["progress"]
    # Items run in order: never is a later item started while an earlier one is pending,
    # and at most two run at once (one renders while the next is generated).
    for snap in snapshots:
        ranks = [rank(i["status"]) for i in snap["items"]]
        started = [r > 0 for r in ranks]
        assert started == sorted(started, reverse=True)
        assert sum(i["status"] in ("generating", "rendering", "uploading") for i in snap["items"]) <= 2
    running = [i for s in snapshots for i in s["items"] if i["status"] in ("generating", "rendering")]
    assert running and any(i["stage"] for i in running)
    listed = client.get("/api/batches", headers=auth).json()
    assert [b["id"] for b in listed] == [batch_id]


def test_a_repeated_post_never_starts_a_second_batch(client: TestClient, auth) -> None:
    body = {"prompts": PROMPTS[:1], "duration": 120}
    headers = {**auth, "Idempotency-Key": "dashboard-click-42"}
    first = client.post("/api/batch/generate", json=body, headers=headers).json()
    second = client.post("/api/batch/generate", json=body, headers=headers).json()
    assert first["id"] == second["id"] and second["successful"] == 1
    assert client.get("/api/history", headers=auth).json()["total"] == 1
    other = client.post(
        "/api/batch/generate", json=body, headers={**auth, "Idempotency-Key": "another"}
    ).json()
    assert other["id"] != first["id"]


def test_batch_validation_names_the_field(client: TestClient, auth) -> None:
    cases = [
        ({"prompts": [], "duration": 120}, "prompts"),
        ({"prompts": PROMPTS * 4, "duration": 120}, "prompts"),
        ({"prompts": ["short"], "duration": 120}, "prompts.0"),
        ({"prompts": PROMPTS, "duration": 60}, "duration"),
        ({"prompts": PROMPTS, "duration": 120, "upload": {"privacy": "public"}}, "upload.made_for_kids"),
    ]
    for body, field in cases:
        detail = assert_error(
            client.post("/api/batch/generate", json=body, headers=auth), 400, "VALIDATION_ERROR"
        )["detail"]
        assert detail.startswith(f"{field}:"), detail
    assert client.get("/api/batches", headers=auth).json() == []


def test_unknown_batch_is_404_and_finished_batch_without_failures_cannot_be_retried(
    client: TestClient, auth
) -> None:
    assert_error(client.get(f"/api/batch/{uuid.uuid4()}", headers=auth), 404, "NOT_FOUND")
    done = client.post(
        "/api/batch/generate", json={"prompts": PROMPTS[:1], "duration": 120}, headers=auth
    ).json()
    assert_error(client.post(f"/api/batch/{done['id']}/retry", headers=auth), 409, "CONFLICT")
