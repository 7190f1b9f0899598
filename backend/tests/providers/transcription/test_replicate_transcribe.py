"""WhisperX on Replicate through the official client against the Replicate emulator: the song
uploaded once through the files API, the model run by version with `audio_file` and
`align_output`, polled at the configured pace, and its aligned words read — those it could not
place kept without times."""

import uuid
from decimal import Decimal
from pathlib import Path

import pytest

from app.core.errors import ProviderError
from app.providers.replicate_transcribe import ReplicateTranscriber
from app.providers.transcription import Transcript
from app.usage import context
from tests.emulators.replicate_whisperx import VERSION
from tests.providers.conftest import ledger, outcomes
from tests.songs.conftest import tone

JOB = uuid.UUID("00000000-0000-4000-8000-00000002a1c5")


def run(song: Path, tmp_path: Path, user, duration: float) -> Transcript:
    work = tmp_path / "work"
    work.mkdir(exist_ok=True)
    with context.job(job_id=JOB, user_id=user.id):
        return ReplicateTranscriber().transcribe(
            audio=song, duration=duration, workdir=work, progress=lambda _f: None
        )


@pytest.fixture
def song(tmp_path: Path) -> Path:
    return tone(tmp_path / "song.wav", seconds=30)


def test_aligned_words_from_whisperx(replicate_api, configure, song, tmp_path, db, user) -> None:
    found = run(song, tmp_path, user, 30.0)

    [upload] = replicate_api.requests("upload")
    assert upload.headers["authorization"] == f"Bearer {replicate_api.token}"
    [create] = replicate_api.requests("create")
    assert create.path == "/v1/predictions" and create.json["version"] == VERSION
    sent = create.json["input"]
    assert sent["align_output"] is True and sent["audio_file"].startswith(replicate_api.url + "/files/")
    [heard] = replicate_api.whisperx.script.heard
    assert abs(heard["duration"] - 30) < 0.1 and heard["bytes"] == song.stat().st_size

    assert (found.provider, found.language) == ("replicate", "en")
    assert found.model == "victor-upmeet/whisperx"
    assert [s.text for s in found.segments] == [line[2] for line in replicate_api.whisperx.script.lines]
    third = found.segments[2]
    unplaced = [w for w in third.words if w.start is None]
    assert [w.word for w in unplaced] == ["2"] and unplaced[0].end is None  # a numeral WhisperX can't align
    assert all(w.start is not None for s in found.segments for w in s.words if w.word != "2")

    [row] = ledger(db)
    assert (row.provider, row.model, row.role, row.outcome) == (
        "replicate",
        "victor-upmeet/whisperx",
        "transcription",
        "ok",
    )
    assert row.cost_usd == Decimal("0.0050") and row.external_id  # half a minute at $0.01


def test_polls_at_the_configured_pace(replicate_api, configure, song, tmp_path, user) -> None:
    configure(provider_poll_seconds="0.4")
    replicate_api.starting_polls, replicate_api.processing_polls = 1, 1
    run(song, tmp_path, user, 30.0)
    gaps = replicate_api.gaps("get")
    assert len(gaps) >= 2 and all(g >= 0.38 for g in gaps), gaps


def test_a_failed_prediction_is_a_clear_error(replicate_api, configure, song, tmp_path, db, user) -> None:
    replicate_api.whisperx.fail_next = 1
    with pytest.raises(ProviderError, match="the prediction failed \\(CUDA out of memory"):
        run(song, tmp_path, user, 30.0)
    assert len(replicate_api.requests("create")) == 1 and outcomes(ledger(db)) == ["failed"]


def test_a_throttled_create_is_retried_and_booked(replicate_api, configure, song, tmp_path, db, user) -> None:
    replicate_api.fail("create", 429, retry_after="1", body={"detail": "Request was throttled."})
    found = run(song, tmp_path, user, 30.0)
    assert len(found.segments) == 4 and len(replicate_api.requests("create")) == 2
    assert outcomes(ledger(db)) == ["transient", "ok"]
    assert len(replicate_api.requests("upload")) == 1  # the song goes up once, whatever the retries


def test_a_missing_version_is_refused_before_any_request(replicate_api, configure) -> None:
    configure(replicate_transcribe_version="")
    with pytest.raises(ProviderError, match="REPLICATE_TRANSCRIBE_VERSION is not set"):
        ReplicateTranscriber()
    assert replicate_api.requests() == []
