"""Mubert selected by settings: POST /api/generate against the Mubert emulator (v3 and the
legacy v2 flow), with faults injected on the wire."""

from decimal import Decimal

from fastapi.testclient import TestClient
from PIL import Image

from app import storage
from app.media.ffmpeg import probe
from tests.auth.test_auth_flow import assert_error
from tests.emulators.service import MALFORMED, Reply
from tests.providers.conftest import PROMPT, RETRY_BASE, assert_schedule, costs, ledger, outcomes
from tests.tracks.conftest import files_of


def generate(client: TestClient, auth: dict, prompt: str = PROMPT, duration: int = 120):
    return client.post(
        "/api/generate", json={"prompt": prompt, "duration": duration, "seed": 5}, headers=auth
    )


def failed_track(client: TestClient, auth: dict, prompt: str = PROMPT) -> dict:
    assert_error(generate(client, auth, prompt), 502, "STEP_FAILED")
    track = client.get("/api/history", headers=auth).json()["items"][0]
    assert track["status"] == "failed" and track["failed_stage"] == "generate"
    return track


def test_v3_track_and_gpt_image_cover_end_to_end(
    client: TestClient, auth, mubert, openai_api, configure, db
) -> None:
    configure(music_provider="mubert", image_provider="openai")
    response = generate(client, auth)
    assert response.status_code == 200, response.text
    track = response.json()
    assert track["status"] == "generated" and track["error_message"] is None
    tid = track["id"]

    # What Mubert received: its own headers, the documented body, then polls until done.
    create = mubert.requests("create")
    assert len(create) == 1
    assert (
        create[0].headers["customer-id"] == mubert.customer_id
        and create[0].headers["access-token"] == mubert.access_token
    )
    assert create[0].json == {
        "prompt": PROMPT,
        "duration": 120,
        "bitrate": 320,
        "format": "mp3",
        "intensity": "medium",
        "mode": "track",
    }
    assert len(mubert.requests("get")) == mubert.polls + 1  # processing, processing, done
    assert [r.route for r in mubert.requests()][-1] == "file"
    assert "customer-id" not in mubert.requests("file")[0].headers  # no credentials to a storage link

    # What the creator got: Mubert's MP3 (already 320k 44.1 kHz stereo: kept as sent, without
    # its tags; POST /api/render makes the video's AAC from it) and 1920x1080 art.
    mp3 = probe(storage.absolute(f"music/{tid}.mp3"))
    stream = mp3["streams"][0]
    assert (stream["codec_name"], int(stream["sample_rate"]), stream["channels"]) == ("mp3", 44100, 2)
    assert abs(float(mp3["format"]["duration"]) - 120) < 0.1 and int(stream["bit_rate"]) == 320_000
    assert files_of(tid) == [f"images/{tid}.png", f"music/{tid}.mp3"]
    with Image.open(storage.absolute(f"images/{tid}.png")) as cover:
        assert cover.size == (1920, 1080) and cover.mode == "RGB"
    image_request = openai_api.requests("images")[0].json
    assert image_request["size"] == "1536x1024" and PROMPT in image_request["prompt"]

    # The ledger: one row per call, booked to the track, costed from the price table.
    rows = ledger(db)
    assert sorted((r.provider, r.model, r.role, r.outcome) for r in rows) == [
        ("mubert", "api-v3", "music", "ok"),
        ("openai", "gpt-image-2", "image", "ok"),
    ]
    job = track["job"]
    assert all(
        str(r.track_id) == tid and str(r.job_id) == job["id"] and r.finished_at >= r.started_at for r in rows
    )
    assert job["cost_usd"] == float(sum(r.cost_usd for r in rows)) > 0  # booked to the job as calls end
    music_row = next(r for r in rows if r.provider == "mubert")
    assert music_row.cost_usd == Decimal("0.0980") and music_row.unit == "track" and music_row.external_id

    stats = client.get("/api/stats", headers=auth).json()
    assert stats["spend_by_provider"] == {"mubert": 0.098, "openai": 0.06}
    assert stats["mubert_quota"] == {"used": 1, "limit": 500, "used_percent": 0.2, "alert": False}


def test_429_with_retry_after_then_503_then_success(
    client: TestClient, auth, mubert, openai_api, configure, db
) -> None:
    configure(music_provider="mubert", image_provider="openai")
    mubert.fail("create", 429, retry_after="1")
    mubert.fail("create", 503)
    response = generate(client, auth)
    assert response.status_code == 200, response.text
    gaps = mubert.gaps("create")
    assert 1.0 <= gaps[0] < 1.5  # Retry-After obeyed (longer than the 0.1 s backoff)
    assert_schedule(gaps[1:], [2 * RETRY_BASE])  # then the second step of the schedule
    rows = ledger(db, provider="mubert")
    assert outcomes(rows) == ["transient", "transient", "ok"] and [r.attempt for r in rows] == [1, 2, 3]
    assert [r.http_status for r in rows] == [429, 503, None]
    assert costs(rows) == [0, 0, Decimal("0.0980")]  # refused attempts cost nothing


def test_server_errors_exhaust_the_2_4_8_schedule_and_fail_clearly(
    client: TestClient, auth, mubert, openai_api, configure, db
) -> None:
    configure(music_provider="mubert", image_provider="openai")
    mubert.fail("create", 500, times=4)
    track = failed_track(client, auth)
    assert track["error_message"] == (
        "Mubert provider: creating the track kept failing (HTTP 500) after 4 attempts; try again later"
    )
    assert_schedule(mubert.gaps("create"), [RETRY_BASE, 2 * RETRY_BASE, 4 * RETRY_BASE])
    rows = ledger(db, provider="mubert")
    assert outcomes(rows) == ["transient"] * 4 and sum(costs(rows)) == 0
    assert storage.absolute(f"music/{track['id']}.mp3").exists() is False


def test_wrong_key_fails_at_once_telling_the_creator_to_check_it(
    client: TestClient, auth, mubert, openai_api, configure, db
) -> None:
    configure(music_provider="mubert", image_provider="openai", mubert_access_token="not-the-right-token")
    track = failed_track(client, auth)
    assert track["error_message"] == (
        "Mubert provider: refused the key (HTTP 401): check your Mubert key "
        "(MUBERT_CUSTOMER_ID, MUBERT_ACCESS_TOKEN)"
    )
    assert len(mubert.requests("create")) == 1  # never retried
    assert outcomes(ledger(db, provider="mubert")) == ["auth"]


def test_validation_refusal_and_malformed_answers_are_not_retried(
    client: TestClient, auth, mubert, openai_api, configure, db
) -> None:
    configure(music_provider="mubert", image_provider="openai")
    mubert.fail("create", 422, body={"error": {"code": 422, "message": "prompt contains forbidden words"}})
    assert failed_track(client, auth)["error_message"] == (
        "Mubert provider: refused the request (HTTP 422): prompt contains forbidden words"
    )
    mubert.fail("create", reply=MALFORMED)
    assert (
        failed_track(client, auth)["error_message"]
        == "Mubert provider: answered with something we could not read"
    )
    assert len(mubert.requests("create")) == 2
    assert outcomes(ledger(db, provider="mubert")) == ["rejected", "failed"]


def test_a_prompt_mubert_cannot_make_fails_alone(
    client: TestClient, auth, mubert, openai_api, configure, db
) -> None:
    """The batch feature relies on this: one failing prompt, the next one still works."""
    configure(music_provider="mubert", image_provider="openai")
    mubert.fail_words = {"thunderstorm"}
    track = failed_track(client, auth, prompt="Thunderstorm over the city at night, heavy drums")
    assert track["error_message"] == (
        "Mubert provider: could not make this track (generation failed for this prompt); try another prompt"
    )
    assert generate(client, auth).json()["status"] == "generated"
    assert outcomes(ledger(db, provider="mubert")) == ["failed", "ok"]


def test_expired_link_is_renewed_before_download(
    client: TestClient, auth, mubert, openai_api, configure
) -> None:
    configure(music_provider="mubert", image_provider="openai")
    mubert.first_link_expired = True  # the track is done, but its first link's expired_at is past
    assert generate(client, auth).json()["status"] == "generated"
    files = mubert.requests("file")
    assert len(files) == 1 and len(mubert.requests("get")) == mubert.polls + 2  # + one read to renew
    # A link that is refused although it claims to be valid (revoked) is renewed once, too.
    mubert.fail("file", 403, body=b"<Error><Code>AccessDenied</Code></Error>")
    assert generate(client, auth).json()["status"] == "generated"


def test_downloads_are_capped_and_checked(
    client: TestClient, auth, mubert, openai_api, configure, db
) -> None:
    configure(music_provider="mubert", image_provider="openai", provider_audio_max_bytes=1_000_000)
    assert failed_track(client, auth)["error_message"] == (
        "Mubert provider: the Mubert track is larger than the 1 MB we accept"
    )
    configure(provider_audio_max_bytes=400_000_000)
    mubert.fail(
        "file", reply=Reply(200, b"<html><body>Gateway error</body></html>", content_type="text/html")
    )
    assert failed_track(client, auth)["error_message"] == (
        "Mubert provider: the audio from Mubert is not an audio file we can read"
    )


def test_slow_answers_time_out_and_count_as_transient(
    client: TestClient, auth, mubert, openai_api, configure, db
) -> None:
    configure(
        music_provider="mubert",
        image_provider="openai",
        provider_timeout_seconds=0.3,
        provider_retry_attempts=2,
    )
    mubert.fail("create", reply=Reply(201, {"data": {"id": "late"}}, delay=0.8), times=2)
    track = failed_track(client, auth)
    assert track["error_message"] == (
        "Mubert provider: creating the track kept failing (timed out) after 2 attempts; try again later"
    )
    rows = ledger(db, provider="mubert")
    # A request that timed out may still have been billed: the estimate is kept on the books.
    assert outcomes(rows) == ["transient", "transient"] and costs(rows) == [Decimal("0.0980")] * 2


def test_legacy_v2_record_track_ttm(client: TestClient, auth, mubert, openai_api, configure, db) -> None:
    configure(music_provider="mubert", image_provider="openai", mubert_api="v2")
    response = generate(client, auth)
    assert response.status_code == 200, response.text
    body = mubert.requests("record")[0].json
    assert body == {
        "method": "RecordTrackTTM",
        "params": {
            "pat": mubert.pat,
            "duration": 120,
            "text": PROMPT,
            "mode": "track",
            "format": "mp3",
            "bitrate": 320,
            "intensity": "medium",
        },
    }
    links = mubert.requests("v2-file")
    assert len(links) == mubert.polls + 1  # 404 until recorded, then the file
    assert (
        outcomes(ledger(db, provider="mubert")) == ["ok"]
        and ledger(db, provider="mubert")[0].model == "b2b-v2"
    )

    configure(mubert_pat="wrong-pat")
    assert failed_track(client, auth)["error_message"] == (
        "Mubert provider: refused the key: check your Mubert key (MUBERT_PAT) — Invalid pat"
    )
