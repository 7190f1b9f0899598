"""whisper-1 through the official SDK against the OpenAI emulator: what is sent (multipart,
bracketed granularities, a file name whose extension says the type), what is kept of the answer
(segments with their words, invented lines dropped, a missing end mended), a song over the
request limit sent as mono MP3, and how failures, retries and the budget are booked."""

import uuid
from decimal import Decimal
from pathlib import Path

import openai
import pytest

from app.core.errors import ProviderError
from app.errors import BudgetExceeded
from app.providers.openai_transcribe import REQUEST_LIMIT, OpenAITranscriber
from app.providers.transcription import Transcript
from app.usage import context
from tests.providers.conftest import costs, ledger, outcomes
from tests.songs.conftest import tone

JOB = uuid.UUID("00000000-0000-4000-8000-00000001a1c5")


def run(song: Path, tmp_path: Path, user, duration: float) -> Transcript:
    work = tmp_path / "work"
    work.mkdir(exist_ok=True)
    with context.job(job_id=JOB, user_id=user.id):
        return OpenAITranscriber().transcribe(
            audio=song, duration=duration, workdir=work, progress=lambda _f: None
        )


@pytest.fixture
def song(tmp_path: Path) -> Path:
    return tone(tmp_path / "song.wav", seconds=30)


def test_words_and_segments_with_times_from_whisper_1(
    openai_api, configure, song, tmp_path, db, user
) -> None:
    found = run(song, tmp_path, user, 30.0)

    [sent] = openai_api.requests("transcriptions")
    assert sent.headers["authorization"] == f"Bearer {openai_api.api_key}"
    [heard] = openai_api.audio.heard
    assert heard["filename"] == "song.wav" and heard["granularities"] == ["word", "segment"]
    assert abs(heard["duration"] - 30) < 0.1 and heard["channels"] == 2  # the song itself, untouched
    assert found.language == "english" and (found.provider, found.model) == ("openai", "whisper-1")
    texts = [s.text for s in found.segments]
    assert texts == [line[2] for line in openai_api.audio.lines]  # the two invented lines are gone
    assert found.dropped == 2
    first = found.segments[0]
    assert (first.start, first.end) == (3.0, 6.6)
    assert [w.word for w in first.words] == first.text.split()
    assert all(first.start <= w.start < first.end for w in first.words if w.start is not None)
    assert all(
        w.start is not None and w.end is not None and w.start <= w.end
        for s in found.segments
        for w in s.words
    )

    [row] = ledger(db)
    assert (row.provider, row.model, row.role, row.outcome, row.job_id) == (
        "openai",
        "whisper-1",
        "transcription",
        "ok",
        JOB,
    )
    assert row.cost_usd == Decimal("0.0030")  # half a minute at $0.006


def test_a_segment_without_an_end_takes_it_from_its_last_word(
    openai_api, configure, song, tmp_path, user
) -> None:
    openai_api.audio.missing_end = True
    found = run(song, tmp_path, user, 30.0)
    second = found.segments[1]
    assert second.text == "every shadow turns to gold"
    assert second.end == second.words[-1].end and second.end is not None and second.end > second.start
    assert len(second.words) == 5 and len(found.segments) == 4


def test_a_song_over_the_request_limit_goes_as_mono_mp3(openai_api, configure, tmp_path, db, user) -> None:
    big = tone(tmp_path / "long.wav", seconds=160)  # 16-bit stereo 44.1 kHz: about 28 MB
    assert big.stat().st_size > REQUEST_LIMIT
    found = run(big, tmp_path, user, 160.0)
    [heard] = openai_api.audio.heard
    assert heard["filename"] == "song.mp3" and heard["channels"] == 1 and heard["codec"] == "mp3"
    assert heard["bytes"] < REQUEST_LIMIT // 4 and abs(heard["duration"] - 160) < 0.5
    assert len(found.segments) == 4 and found.segments[-1].end <= 160
    assert (tmp_path / "work" / "transcribe.mp3").exists()  # made in the job's scratch, not beside the song
    assert outcomes(ledger(db)) == ["ok"]


def test_a_429_is_retried_and_each_attempt_booked(openai_api, configure, song, tmp_path, db, user) -> None:
    openai_api.fail(
        "transcriptions",
        429,
        body={
            "error": {
                "message": "Rate limit reached",
                "type": "requests",
                "code": "rate_limit_exceeded",
                "param": None,
            }
        },
    )
    found = run(song, tmp_path, user, 30.0)
    assert len(found.segments) == 4 and len(openai_api.requests("transcriptions")) == 2
    rows = ledger(db)
    assert outcomes(rows) == ["transient", "ok"] and [r.attempt for r in rows] == [1, 2]
    assert costs(rows) == [Decimal("0.0000"), Decimal("0.0030")]  # a refused attempt is not charged


def test_a_refusal_is_not_retried_and_names_the_reason(
    openai_api, configure, song, tmp_path, db, user
) -> None:
    openai_api.fail(
        "transcriptions",
        400,
        body={
            "error": {
                "message": "Audio file might be corrupted or unsupported",
                "type": "invalid_request_error",
                "code": "invalid_value",
                "param": "file",
            }
        },
    )
    with pytest.raises(
        ProviderError, match="refused the request \\(HTTP 400\\): Audio file might be corrupted"
    ):
        run(song, tmp_path, user, 30.0)
    assert len(openai_api.requests("transcriptions")) == 1 and outcomes(ledger(db)) == ["rejected"]


def test_the_budget_stops_before_the_call(openai_api, configure, song, tmp_path, db, user) -> None:
    configure(job_budget_usd="0.001")
    with pytest.raises(BudgetExceeded, match="Stopped before another OpenAI call"):
        run(song, tmp_path, user, 30.0)
    assert openai_api.requests("transcriptions") == []
    assert outcomes(ledger(db)) == ["refused"]


def test_the_emulator_refuses_what_the_service_refuses(openai_api, song) -> None:
    """The wire rules the adapter is held to: the emulator answers them as the service does."""
    api = openai.OpenAI(api_key=openai_api.api_key, base_url=openai_api.base_url, max_retries=0)
    data = song.read_bytes()
    with pytest.raises(openai.BadRequestError) as bad_type:
        api.audio.transcriptions.create(
            model="whisper-1", file=("song.bin", data, "application/octet-stream")
        )
    assert bad_type.value.code == "unsupported_value"
    with pytest.raises(openai.BadRequestError):
        api.audio.transcriptions.create(
            model="whisper-1",
            file=("song.wav", data, "audio/wav"),
            response_format="json",
            timestamp_granularities=["word"],
        )
    with pytest.raises(openai.BadRequestError) as corrupt:
        api.audio.transcriptions.create(
            model="whisper-1", file=("song.wav", b"RIFF" + b"\0" * 2000, "audio/wav")
        )
    assert corrupt.value.code == "invalid_value"
    with pytest.raises(openai.APIStatusError) as too_big:
        api.audio.transcriptions.create(
            model="whisper-1", file=("song.wav", b"\0" * (REQUEST_LIMIT + 1), "audio/wav")
        )
    assert too_big.value.status_code == 413 and "Maximum content size limit (26214400)" in str(too_big.value)
    words_only = api.audio.transcriptions.create(
        model="whisper-1",
        file=("song.wav", data, "audio/wav"),
        response_format="verbose_json",
        timestamp_granularities=["word"],
    )
    assert words_only.words and words_only.segments is None  # asked for words alone: no segments
    with pytest.raises(openai.AuthenticationError):
        openai.OpenAI(
            api_key="sk-wrong-0000", base_url=openai_api.base_url, max_retries=0
        ).audio.transcriptions.create(model="whisper-1", file=("song.wav", data, "audio/wav"))
    assert len(openai_api.violations) == 3  # the three requests a careful client never sends
    openai_api.violations.clear()


def test_a_413_for_a_body_we_thought_fit_is_sent_again_as_mono_mp3(
    openai_api, configure, song, tmp_path, db, user
) -> None:
    openai_api.audio.limit = 2_000_000  # the 30 s WAV (about 5.3 MB) is over it, its MP3 is not
    found = run(song, tmp_path, user, 30.0)
    assert len(found.segments) == 4
    sent = openai_api.requests("transcriptions")
    assert len(sent) == 2 and len(sent[0].body) > 2_000_000 > len(sent[1].body)
    [heard] = openai_api.audio.heard
    assert heard["filename"] == "song.mp3" and heard["channels"] == 1
    rows = ledger(db)
    assert outcomes(rows) == ["failed", "ok"] and costs(rows)[0] == Decimal("0.0000")
