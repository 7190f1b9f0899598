"""A storyboard whose stills are painted side by side: a still that fails for good fails the
step, every still made beside it is kept, and the retry paints only the missing ones."""

from pathlib import Path

from fastapi.testclient import TestClient

from tests.emulators.replicate import ReplicateEmulator
from tests.songs.conftest import tone
from tests.songs.test_songs import upload

PROMPT = "Lighthouse on a cliff in a storm, waves crashing, slow push in"


def test_a_failed_still_keeps_the_others_and_the_retry_paints_only_it(
    client: TestClient, auth, replicate_api: ReplicateEmulator, configure, tmp_path: Path
) -> None:
    configure(image_provider="replicate")
    song = upload(client, auth, tone(tmp_path / "storm.wav", seconds=24, bpm=120)).json()
    assert client.post(f"/api/songs/{song['id']}/analyze", headers=auth).status_code == 200
    vid = client.post("/api/videos", json={"song_id": song["id"], "prompt": PROMPT}, headers=auth).json()[
        "id"
    ]
    base = f"/api/videos/{vid}"
    client.post(f"{base}/clips/plan", headers=auth)
    scenes = client.post(f"{base}/storyboard", headers=auth).json()["scenes"]
    medium = {s["index"] for s in scenes if s["framing"] == "medium"}
    assert medium and len(medium) < len(scenes)  # some stills will fail, some not

    # Paint the board again from scratch; Flux refuses every medium view.
    replicate_api.fail_words = {"medium view"}
    failed = client.post(f"{base}/storyboard", params={"replan": True}, headers=auth)
    assert failed.status_code >= 400
    video = client.get(base, headers=auth).json()
    kept = {s["index"] for s in video["scenes"] if s["still_url"]}
    assert kept == {s["index"] for s in video["scenes"]} - medium
    assert video["status"] == "planned"

    # The retry paints the refused stills only.
    replicate_api.fail_words = set()
    before = len(replicate_api.predictions)
    again = client.post(f"{base}/storyboard", headers=auth)
    assert again.status_code == 200, again.text
    assert all(s["still_url"] for s in again.json()["scenes"])
    assert len(replicate_api.predictions) - before == len(medium)
    assert again.json()["status"] == "storyboarded"
