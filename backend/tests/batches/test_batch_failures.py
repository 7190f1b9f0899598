"""Ten prompts, two of which the music service refuses: the batch records both failures with
readable errors, the other eight become playable videos, and retrying the two succeeds once
the fault is gone. Music comes from the Mubert emulator (chosen by settings), which fails
prompts containing a chosen word — a provider fault for those prompts, as in real life."""

from fastapi.testclient import TestClient

from app import storage
from app.media.ffmpeg import probe
from tests.providers.conftest import configure, mubert, mubert_server  # noqa: F401  (fixtures)

PROMPTS = [
    "Calm ocean waves at night with warm pads",
    "Misty pine forest at dawn with soft birds",
    "Thunderstorm rolling over dark hills, low drones",
    "Lofi rain on a window, mellow and slow",
    "Deep space drift with glassy bells",
    "Meditation bowls over a quiet stream",
    "Thunderstorm at sea, heavy rain and wind",
    "Warm fireplace crackle on a winter evening",
    "Focus music with gentle bright chords",
    "Sleepy desert night with distant wind",
]
FAILING = {3, 7}  # positions of the prompts that mention a thunderstorm


def playable(track: dict) -> None:
    info = probe(storage.absolute(f"videos/{track['id']}.mp4"))
    kinds = {s["codec_type"]: s for s in info["streams"]}
    assert kinds["video"]["width"] == 1920 and kinds["audio"]["codec_name"] == "aac"
    assert abs(float(info["format"]["duration"]) - 120) < 0.1


def test_ten_with_two_provider_faults_then_retry(client: TestClient, auth, mubert, configure) -> None:  # noqa: F811
    configure(music_provider="mubert")
    mubert.fail_words = {"thunderstorm"}
    response = client.post(
        "/api/batch/generate", json={"prompts": PROMPTS, "duration": 120, "render": True}, headers=auth
    )
    assert response.status_code == 200, response.text
    batch = response.json()
    assert (batch["status"], batch["total"], batch["successful"], batch["failed"]) == ("completed", 10, 8, 2)
    for item in batch["items"]:
        if item["position"] in FAILING:
            assert item["status"] == "failed"
            assert item["error_message"].startswith(
                "The generate step failed: Mubert provider: could not make this track"
            ), item
            assert item["track"]["status"] == "failed" and item["track"]["failed_stage"] == "generate"
        else:
            assert item["status"] == "success" and item["error_message"] is None
            playable(item["track"])
    # The failing items did not stop the rest: every later prompt reached Mubert too.
    sent = [r.json["prompt"] for r in mubert.requests("create")]
    assert sent == PROMPTS

    mubert.fail_words = set()
    retried = client.post(f"/api/batch/{batch['id']}/retry", headers=auth).json()
    assert (retried["status"], retried["successful"], retried["failed"]) == ("completed", 10, 0)
    for item in retried["items"]:
        playable(item["track"])
    # Only the two failed items were made again.
    assert len(mubert.requests("create")) == 12
    assert client.get("/api/history", headers=auth).json()["total"] == 10
