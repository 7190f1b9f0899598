"""Lyrics through the analysis job, as the creator gets them: with a transcription provider
chosen, the analysis of a song carries its sung lines with segment and word times; the same
audio with the same provider is never transcribed twice; a failing or over-budget transcription
leaves the beats and sections in place with a warning, and analysing again retries the lyrics
alone; the clip plan gives every clip the lines sung during it."""

from decimal import Decimal

from fastapi.testclient import TestClient
from sqlalchemy import select

from app.jobs.models import Job, JobEvent
from app.songs.models import SongAnalysis, SongLyrics
from tests.providers.conftest import ledger, outcomes
from tests.songs.conftest import tone
from tests.songs.test_songs import upload

PROMPT = "Neon city at night, slow drifting camera, rain on glass"


def analyse(client: TestClient, auth, song_id: str) -> dict:
    response = client.post(f"/api/songs/{song_id}/analyze", headers=auth)
    assert response.status_code == 200, response.text
    return response.json()


def result(client: TestClient, auth, song_id: str) -> dict:
    response = client.get(f"/api/songs/{song_id}/analysis", headers=auth)
    assert response.status_code == 200, response.text
    return response.json()


def stages(db, job_id: str) -> list[str]:
    """The stages the job announced, in order (the step's opening stage first). Each stage is
    announced when it begins; progress within it is throttled, so counting progress events
    would depend on the machine's speed."""
    db.expire_all()
    rows = db.scalars(
        select(JobEvent)
        .where(JobEvent.job_id == job_id, JobEvent.event.in_(("stage_update", "progress")))
        .order_by(JobEvent.id)
    ).all()
    return list(dict.fromkeys(r.data.get("stage") for r in rows))


def test_without_a_provider_the_song_reads_as_instrumental(client: TestClient, auth, tmp_path) -> None:
    song = upload(client, auth, tone(tmp_path / "pulse.wav", seconds=12)).json()
    analyse(client, auth, song["id"])
    found = result(client, auth, song["id"])
    assert found["lyrics"] is None and found["lyrics_status"] == "not_configured" and found["warnings"] == []


def test_openai_lyrics_with_times_cached_per_provider(
    client: TestClient, auth, tmp_path, db, openai_api, configure
) -> None:
    configure(transcription_provider="openai")
    song = upload(client, auth, tone(tmp_path / "pulse.wav", seconds=40, bpm=120)).json()
    body = analyse(client, auth, song["id"])
    assert body["status"] == "analysed" and body["job"]["status"] == "succeeded"
    assert stages(db, body["job"]["id"]) == ["analysing the music", "transcribing the lyrics"]

    found = result(client, auth, song["id"])
    lyrics = found["lyrics"]
    assert found["lyrics_status"] == "transcribed" and found["warnings"] == []
    assert (lyrics["provider"], lyrics["model"], lyrics["language"]) == ("openai", "whisper-1", "english")
    assert [s["text"] for s in lyrics["segments"]] == [line[2] for line in openai_api.audio.lines]
    for segment in lyrics["segments"]:
        assert 0 <= segment["start"] < segment["end"] <= 40
        assert [w["word"] for w in segment["words"]] == segment["text"].split()
        assert all(segment["start"] <= w["start"] <= w["end"] <= segment["end"] for w in segment["words"])
    assert len(found["analysis"]["beats"]) > 60  # the audio analysis is all there too
    [row] = ledger(db)
    assert (row.role, row.outcome, row.cost_usd) == ("transcription", "ok", Decimal("0.0040"))
    db.expire_all()
    assert db.get(Job, body["job"]["id"]).cost_usd == Decimal("0.0040")

    # Again, and another upload of the same sound: nothing more is sent or paid for.
    assert analyse(client, auth, song["id"])["job"]["id"] == body["job"]["id"]
    assert len(openai_api.requests("transcriptions")) == 1 and len(ledger(db)) == 1

    # Lyrics belong to their provider: with none chosen, or another one, these are not shown.
    configure(transcription_provider="none")
    assert result(client, auth, song["id"])["lyrics_status"] == "not_configured"
    configure(transcription_provider="replicate")
    assert result(client, auth, song["id"])["lyrics_status"] == "not_transcribed"


def test_clip_plan_carries_the_lines_sung_in_each_clip(
    client: TestClient, auth, tmp_path, openai_api, configure
) -> None:
    configure(transcription_provider="openai")
    song = upload(client, auth, tone(tmp_path / "pulse.wav", seconds=64, bpm=120)).json()
    analyse(client, auth, song["id"])
    lines = result(client, auth, song["id"])["lyrics"]["segments"]
    video = client.post("/api/videos", json={"song_id": song["id"], "prompt": PROMPT}, headers=auth).json()
    planned = client.post(f"/api/videos/{video['id']}/clips/plan", headers=auth)
    assert planned.status_code == 200, planned.text
    clips = client.get(f"/api/videos/{video['id']}/clips", headers=auth).json()
    assert clips == planned.json()["clips"] and len(clips) >= 6
    for clip in clips:
        sung = [s["text"] for s in lines if s["start"] < clip["end"] and s["end"] > clip["start"]]
        assert clip["lyrics"] == sung
    assert {t for c in clips for t in c["lyrics"]} == {s["text"] for s in lines}  # every line lands somewhere
    assert any(not c["lyrics"] for c in clips)  # and the quiet clips carry none


def test_a_failing_transcription_keeps_the_beats_and_can_be_retried(
    client: TestClient, auth, tmp_path, db, openai_api, configure
) -> None:
    configure(transcription_provider="openai")
    openai_api.fail("transcriptions", 500, times=4)  # every attempt of the retry schedule
    song = upload(client, auth, tone(tmp_path / "pulse.wav", seconds=20)).json()
    body = analyse(client, auth, song["id"])
    assert body["status"] == "analysed" and body["job"]["status"] == "succeeded"

    found = result(client, auth, song["id"])
    assert found["lyrics"] is None and found["lyrics_status"] == "failed"
    [warning] = found["warnings"]
    assert warning.startswith("lyrics: OpenAI transcribing the lyrics kept failing (HTTP 500)")
    assert "beats and sections are kept" in warning
    assert len(found["analysis"]["beats"]) > 30
    assert outcomes(ledger(db)) == ["transient"] * 4
    db.expire_all()
    events = db.scalars(select(JobEvent).where(JobEvent.event == "message")).all()
    assert [e.data["message"] for e in events] == [warning]

    # The service is back: analysing again asks for the lyrics only.
    analysed_at = db.scalar(select(SongAnalysis.created_at))
    again = analyse(client, auth, song["id"])
    assert again["job"]["status"] == "succeeded" and again["job"]["id"] != body["job"]["id"]
    # (the step opens with its first stage's name; that the audio was not analysed again is
    # checked on the stored analysis below)
    assert stages(db, again["job"]["id"]) == ["analysing the music", "transcribing the lyrics"]
    found = result(client, auth, song["id"])
    assert (
        found["lyrics_status"] == "transcribed"
        and found["warnings"] == []
        and len(found["lyrics"]["segments"]) == 4
    )
    db.expire_all()
    assert db.scalar(select(SongAnalysis.created_at)) == analysed_at  # the audio was not analysed again


def test_a_429_then_success_is_retried_and_booked_to_the_job(
    client: TestClient, auth, tmp_path, db, openai_api, configure
) -> None:
    configure(transcription_provider="openai")
    openai_api.fail(
        "transcriptions",
        429,
        retry_after="1",
        body={"error": {"message": "Rate limit reached", "type": "requests", "code": "rate_limit_exceeded"}},
    )
    song = upload(client, auth, tone(tmp_path / "pulse.wav", seconds=30)).json()
    body = analyse(client, auth, song["id"])
    assert result(client, auth, song["id"])["lyrics_status"] == "transcribed"
    rows = ledger(db)
    assert outcomes(rows) == ["transient", "ok"] and {str(r.job_id) for r in rows} == {body["job"]["id"]}
    gap = openai_api.gaps("transcriptions")[0]
    assert gap >= 1.0  # the service's Retry-After was obeyed


def test_the_budget_stops_the_lyrics_not_the_analysis(
    client: TestClient, auth, tmp_path, db, openai_api, configure
) -> None:
    configure(transcription_provider="openai", job_budget_usd="0.001")
    song = upload(client, auth, tone(tmp_path / "pulse.wav", seconds=30)).json()
    assert analyse(client, auth, song["id"])["status"] == "analysed"
    found = result(client, auth, song["id"])
    assert found["lyrics_status"] == "failed" and "JOB_BUDGET_USD" in found["warnings"][0]
    assert openai_api.requests("transcriptions") == [] and outcomes(ledger(db)) == ["refused"]
    assert found["analysis"]["beats"]


def test_a_missing_key_is_a_warning_naming_the_variable(
    client: TestClient, auth, tmp_path, openai_api, configure
) -> None:
    configure(transcription_provider="openai", openai_api_key="")
    song = upload(client, auth, tone(tmp_path / "pulse.wav", seconds=12)).json()
    assert analyse(client, auth, song["id"])["status"] == "analysed"
    [warning] = result(client, auth, song["id"])["warnings"]
    assert "OPENAI_API_KEY is not set" in warning and openai_api.requests() == []


def test_replicate_whisperx_lyrics_through_the_job(
    client: TestClient, auth, tmp_path, db, replicate_api, configure
) -> None:
    configure(transcription_provider="replicate")
    song = upload(client, auth, tone(tmp_path / "pulse.wav", seconds=30)).json()
    analyse(client, auth, song["id"])
    found = result(client, auth, song["id"])
    lyrics = found["lyrics"]
    assert (
        found["lyrics_status"] == "transcribed"
        and lyrics["provider"] == "replicate"
        and lyrics["language"] == "en"
    )
    words = [w for s in lyrics["segments"] for w in s["words"]]
    assert [w["word"] for w in words if w["start"] is None] == ["2"]
    assert len(replicate_api.requests("upload")) == 1 and outcomes(ledger(db)) == ["ok"]
    assert db.scalar(select(SongLyrics.model)).startswith("victor-upmeet/whisperx:84d2ad2d6194")
