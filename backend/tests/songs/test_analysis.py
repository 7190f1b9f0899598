"""Analysing a song: a job that finds the tempo and beats, stored by content so that the same
audio is never analysed twice, and readable with what the analysis is unsure of."""

from fastapi.testclient import TestClient
from sqlalchemy import func, select

from app.jobs.models import Job
from tests.songs.conftest import tone
from tests.songs.test_songs import upload


def test_analysis_runs_as_a_job_and_is_cached_by_content(client: TestClient, auth, tmp_path, db) -> None:
    song = upload(client, auth, tone(tmp_path / "pulse.wav", seconds=20, bpm=120)).json()
    assert_error_404 = client.get(f"/api/songs/{song['id']}/analysis", headers=auth)
    assert assert_error_404.status_code == 404

    analysed = client.post(f"/api/songs/{song['id']}/analyze", headers=auth)
    assert analysed.status_code == 200, analysed.text
    body = analysed.json()
    assert body["status"] == "analysed" and body["job"]["kind"] == "analyse"
    assert body["job"]["status"] == "succeeded" and body["job"]["progress"] == 1.0

    result = client.get(f"/api/songs/{song['id']}/analysis", headers=auth).json()
    found = result["analysis"]
    assert abs(found["tempo"] - 120) < 2.5 and found["duration"] > 19.5
    beats = found["beats"]
    assert all(abs(b - a - 0.5) < 0.05 for a, b in zip(beats, beats[1:], strict=False))
    assert found["sections"][0]["start"] == 0 and abs(found["sections"][-1]["end"] - found["duration"]) < 0.01
    assert len(found["energy"]) == len(beats) and isinstance(result["unsure"], list)

    # The same audio again (another upload of the same sound in another container): no new job.
    again = upload(client, auth, tone(tmp_path / "pulse.flac", seconds=20, bpm=120)).json()
    assert client.post(f"/api/songs/{song['id']}/analyze", headers=auth).json()["status"] == "analysed"
    assert db.scalar(select(func.count()).select_from(Job)) == 1
    assert again["id"] != song["id"]  # different bytes: a song of its own (analysed on request)
