"""Replicate through the official client against the Replicate emulator: MusicGen pieces
crossfaded into a full-length track, Flux 16:9 cover art, slow starts and failures."""

import itertools
import uuid
from decimal import Decimal
from pathlib import Path

import numpy as np
import pytest
from fastapi.testclient import TestClient
from PIL import Image

from app import storage
from app.media.audio import SAMPLE_RATE, decode_pcm
from app.media.ffmpeg import probe
from app.providers.base import ProviderError
from app.providers.outputs import crossfade_join
from app.providers.replicate import ReplicateImageProvider, piece_lengths
from app.usage import context
from tests.emulators.replicate import FLUX, MUSICGEN
from tests.providers.conftest import PROMPT, assert_schedule, ledger, outcomes
from tests.tracks.conftest import files_of


def test_piece_lengths_cover_the_track_within_the_model_maximum() -> None:
    assert piece_lengths(duration=20, max_seconds=30, crossfade=2) == [20]
    for duration in (120, 300, 900):
        pieces = piece_lengths(duration=duration, max_seconds=30, crossfade=2)
        assert max(pieces) <= 30 and sum(pieces) - 2 * (len(pieces) - 1) >= duration
        assert sum(pieces) - 2 * (len(pieces) - 1) - duration < len(pieces)  # nearly no surplus to pay for
    assert piece_lengths(duration=120, max_seconds=30, crossfade=2) == [26] * 5


def test_equal_power_crossfade_keeps_the_level_through_the_join() -> None:
    rng = np.random.default_rng(1)
    a, b = (rng.standard_normal((SAMPLE_RATE * 3, 2)).astype(np.float32) * 0.1 for _ in range(2))
    joined = crossfade_join([a, b], overlap=SAMPLE_RATE)
    assert len(joined) == SAMPLE_RATE * 5
    middle = joined[int(SAMPLE_RATE * 2.4) : int(SAMPLE_RATE * 2.6)]
    assert abs(float(np.sqrt(np.mean(middle**2))) - 0.1) < 0.01  # no dip, no bump


def test_musicgen_and_flux_end_to_end(client: TestClient, auth, replicate_api, configure, db) -> None:
    configure(
        music_provider="replicate",
        image_provider="replicate",
        replicate_music_max_seconds=30,
        replicate_music_crossfade_seconds=2,
    )
    response = client.post(
        "/api/generate", json={"prompt": PROMPT, "duration": 120, "seed": 11}, headers=auth
    )
    assert response.status_code == 200, response.text
    tid = response.json()["id"]
    assert files_of(tid) == [f"images/{tid}.png", f"music/{tid}.m4a", f"music/{tid}.mp3"]

    creates = replicate_api.requests("create")
    music = sorted((r for r in creates if r.path == "/v1/predictions"), key=lambda r: r.json["input"]["seed"])
    assert len(music) == 5 and all(
        r.headers["authorization"] == f"Bearer {replicate_api.token}" for r in creates
    )
    assert [r.json["version"] for r in music] == [MUSICGEN[1]] * 5
    assert [r.json["input"]["seed"] for r in music] == [11, 12, 13, 14, 15]  # a different take per piece
    assert {
        (r.json["input"]["duration"], r.json["input"]["model_version"], r.json["input"]["output_format"])
        for r in music
    } == {(26, "stereo-large", "wav")}
    [flux] = [r for r in creates if r.path == f"/v1/models/{FLUX}/predictions"]
    assert (flux.json["input"]["aspect_ratio"], flux.json["input"]["output_format"]) == ("16:9", "png")
    # Slow starts: every prediction was read while starting, processing, then succeeded.
    assert len(replicate_api.requests("get")) == 6 * 3

    mp3 = probe(storage.absolute(f"music/{tid}.mp3"))
    assert abs(float(mp3["format"]["duration"]) - 120) < 0.06
    pcm = decode_pcm(storage.absolute(f"music/{tid}.mp3"))
    window = SAMPLE_RATE // 10
    level = [float(np.sqrt(np.mean(pcm[i : i + window] ** 2))) for i in range(0, 118 * SAMPLE_RATE, window)]
    assert (
        min(level) > 0.03
    )  # never a gap where the pieces meet (the emulator's music never drops below ~0.05)
    with Image.open(storage.absolute(f"images/{tid}.png")) as cover:
        assert cover.size == (1920, 1080)

    rows = ledger(db, provider="replicate")
    assert outcomes(rows) == ["ok"] * 6 and all(str(r.track_id) == tid for r in rows)
    pieces = [r for r in rows if r.role == "music"]
    assert {(r.model, r.unit, r.units, r.cost_usd) for r in pieces} == {
        ("meta/musicgen", "second", Decimal("26.000"), Decimal("0.0598"))
    }
    stats = client.get("/api/stats", headers=auth).json()
    assert stats["spend_by_provider"] == {"replicate": 0.302} and stats["mubert_quota"] is None


def test_failed_prediction_fails_the_track_without_retry(
    client: TestClient, auth, replicate_api, openai_api, configure, db
) -> None:
    configure(music_provider="replicate", image_provider="openai", replicate_music_max_seconds=30)
    replicate_api.fail_words = {"glitch"}
    response = client.post(
        "/api/generate", json={"prompt": "Glitch textures over a slow pad", "duration": 120}, headers=auth
    )
    assert response.status_code == 502
    track = client.get("/api/history", headers=auth).json()["items"][0]
    assert track["status"] == "failed" and track["error_message"] == (
        "Replicate provider: making the music: the prediction failed (CUDA out of memory (emulated failure))"
    )
    # 4 pieces run at once; once one fails the 5th is not started (unless a worker took it already).
    assert len(replicate_api.requests("create")) in (4, 5)
    rows = ledger(db, provider="replicate")
    assert set(outcomes(rows)) == {"failed"} and all(
        r.cost_usd > 0 for r in rows
    )  # accepted work may be billed


def draw(tmp_path: Path, user) -> Path:
    with context.job(job_id=uuid.uuid4(), user_id=user.id):
        return ReplicateImageProvider().generate(prompt=PROMPT, seed=3, workdir=tmp_path)


def test_poll_errors_are_retried_on_our_schedule_and_not_booked(
    replicate_api, configure, tmp_path, db, user
) -> None:
    # The client's own RetryTransport would retry these 503s silently after 0.1 s and 0.2 s;
    # it is bypassed, so the waits are ours (a base of 0.3 s here, to tell the two apart).
    configure(provider_retry_base_seconds=0.3)
    replicate_api.fail("get", 503, times=2)
    with Image.open(draw(tmp_path, user)) as cover:
        assert cover.size == (1920, 1080)
    gets = replicate_api.requests("get")
    assert_schedule([b.at - a.at for a, b in itertools.pairwise(gets[:3])], [0.3, 0.6])
    assert outcomes(ledger(db)) == ["ok"]  # polls are part of the one paid call


def test_create_429_obeys_retry_after_then_books_each_attempt(
    replicate_api, configure, tmp_path, db, user
) -> None:
    replicate_api.fail(
        "create",
        429,
        retry_after="1",
        body={"title": "Too Many Requests", "status": 429, "detail": "Request was throttled."},
    )
    draw(tmp_path, user)
    assert 1.0 <= replicate_api.gaps("create")[0] < 1.5
    assert outcomes(ledger(db)) == ["transient", "ok"]


def test_bad_token_and_bad_version_fail_at_once(replicate_api, configure, tmp_path, db, user) -> None:
    configure(replicate_api_token="r8_wrong")
    with pytest.raises(ProviderError, match=r"check your Replicate key \(REPLICATE_API_TOKEN\)"):
        draw(tmp_path, user)
    configure(replicate_api_token=replicate_api.token, replicate_image_version="0" * 64)
    with pytest.raises(ProviderError, match="HTTP 422.*version does not exist"):
        draw(tmp_path, user)
    assert len(replicate_api.requests("create")) == 2 and outcomes(ledger(db)) == ["auth", "rejected"]
    assert replicate_api.violations == [f"create: unknown version {'0' * 64!r}"]  # the refusal we provoked
    replicate_api.violations.clear()
