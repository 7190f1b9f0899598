"""How a clip fails: a prediction that fails on the service's side is tried again on the
2, 4, 8 s schedule (each attempt booked), one that keeps failing ends with a clear error,
moderation and billing refusals end at once, the budget stops the attempt that would pass
it before anything is sent, and an answer that is not a video is caught by the probe."""

import uuid
from decimal import Decimal

import pytest

from app.core.errors import ProviderError
from app.errors import BudgetExceeded
from app.providers.clips import ClipRequest, measure_clip
from tests.emulators import media
from tests.emulators.replicate_video import video
from tests.providers.conftest import RETRY_BASE, costs, ledger, outcomes
from tests.providers.replicate_video.conftest import SCENE, make_clip


def request_for(still, duration: float = 5.0) -> ClipRequest:
    return ClipRequest(still=still(), prompt=SCENE, duration=duration, aspect="16:9", seed=3)


def test_a_clip_that_fails_twice_then_succeeds(video_api, still, tmp_path, db) -> None:
    video_api.video.fail_next = 2
    seen: list[float] = []
    clip = make_clip(request_for(still), tmp_path, progress=seen.append)
    assert (clip.width, clip.height) == (832, 480) and clip.duration == pytest.approx(81 / 16, abs=0.02)
    creates = video_api.requests("create")
    assert len(creates) == 3 and len(video_api.requests("upload")) == 1  # the still is sent once
    # Each new create waits out the backoff (0.1 s, then 0.2 s here) after the failure was seen.
    failed_reads = [max(g.at for g in video_api.requests("get") if g.at < later.at) for later in creates[1:]]
    waits = [c.at - f for c, f in zip(creates[1:], failed_reads, strict=True)]
    assert waits[0] >= RETRY_BASE and waits[1] >= 2 * RETRY_BASE, waits
    rows = ledger(db, provider="replicate")
    # The service had the work each time, so the failed attempts stay charged (an estimate errs high).
    assert outcomes(rows) == ["transient", "transient", "ok"] and costs(rows) == [Decimal("0.0500")] * 3
    assert [r.attempt for r in rows] == [1, 2, 3] and "Prediction interrupted" in (rows[0].error or "")
    assert seen == sorted(seen) and seen[-1] == 1.0


def test_a_clip_that_fails_for_good_says_so(video_api, still, tmp_path, db) -> None:
    video_api.video.fail_next = 10
    with pytest.raises(ProviderError) as caught:
        make_clip(request_for(still), tmp_path)
    assert str(caught.value) == (
        "making the clip kept failing (the prediction failed (Prediction interrupted; please retry "
        "(code: PA))) after 4 attempts; try again later"
    )
    assert caught.value.retryable and caught.value.provider == "Replicate"
    assert len(video_api.requests("create")) == 4
    assert outcomes(ledger(db)) == ["transient"] * 4


def test_moderation_is_final_and_says_what_to_change(video_api, still, tmp_path, db) -> None:
    video_api.video.flag_words = {"misty"}
    with pytest.raises(
        ProviderError, match=r"sensitive \(E005\); change the scene's text or still"
    ) as caught:
        make_clip(request_for(still), tmp_path)
    assert not caught.value.retryable
    assert len(video_api.requests("create")) == 1 and outcomes(ledger(db)) == ["failed"]


def test_no_credit_on_create_is_final_and_costs_nothing(video_api, still, tmp_path, db) -> None:
    video_api.fail(
        "create",
        402,
        body={
            "title": "Insufficient credit",
            "detail": "You have insufficient credit to run this model.",
            "status": 402,
        },
    )
    with pytest.raises(ProviderError, match=r"needs credit or a payment method on the account \(HTTP 402\)"):
        make_clip(request_for(still), tmp_path)
    assert len(video_api.requests("create")) == 1
    rows = ledger(db)
    assert outcomes(rows) == ["rejected"] and costs(rows) == [Decimal("0.0000")]


def test_throttled_create_is_retried_after_the_wait_it_asks_for(video_api, still, tmp_path, db) -> None:
    video_api.fail(
        "create",
        429,
        retry_after="1",
        body={"detail": "Request was throttled. Your rate limit resets in ~1s.", "status": 429},
    )
    make_clip(request_for(still), tmp_path)
    assert 1.0 <= video_api.gaps("create")[0] < 1.6
    rows = ledger(db)
    assert outcomes(rows) == ["transient", "ok"] and costs(rows) == [Decimal("0.0000"), Decimal("0.0500")]


def test_poll_errors_are_retried_and_not_booked(video_api, still, tmp_path, db) -> None:
    video_api.fail("get", 503, times=2)
    make_clip(request_for(still), tmp_path)
    assert len(video_api.requests("create")) == 1 and outcomes(ledger(db)) == ["ok"]


def test_budget_stops_the_clip_that_would_pass_it(video_api, configure, still, tmp_path, db) -> None:
    configure(job_budget_usd=0.12)  # room for two 480p Wan clips at $0.05, not three
    job = uuid.uuid4()
    for _ in range(2):
        make_clip(request_for(still), tmp_path, job_id=job)
    with pytest.raises(BudgetExceeded, match=r"this job has used \$0.10 of its \$0.12 budget"):
        make_clip(request_for(still), tmp_path, job_id=job)
    assert len(video_api.requests("create")) == 2  # the third was never sent
    assert outcomes(ledger(db, job_id=job)) == ["ok", "ok", "refused"]


def test_budget_stops_a_retry_too(video_api, configure, still, tmp_path, db) -> None:
    configure(job_budget_usd=0.12)
    video_api.video.fail_next = 5
    with pytest.raises(BudgetExceeded):
        make_clip(request_for(still), tmp_path)
    assert len(video_api.requests("create")) == 2
    assert outcomes(ledger(db)) == ["transient", "transient", "refused"]


@pytest.mark.parametrize("answer", ["html", "png"])
def test_an_answer_that_is_not_a_video_is_a_clear_error(answer, video_api, still, tmp_path, db) -> None:
    video_api.video.answer = answer
    with pytest.raises(ProviderError, match="sent the clip as something that is not a video"):
        make_clip(request_for(still), tmp_path)
    assert len(video_api.requests("create")) == 1  # not tried again: the model answered, wrongly
    rows = ledger(db)
    assert outcomes(rows) == ["failed"] and costs(rows) == [Decimal("0.0500")]


def test_a_clip_that_takes_too_long_is_canceled(video_api, configure, still, tmp_path, db) -> None:
    configure(provider_max_wait_seconds=0.3)
    video_api.video.processing_polls = 1000
    with pytest.raises(ProviderError, match=r"the clip did not finish within 0 s") as caught:
        make_clip(request_for(still), tmp_path)
    assert caught.value.retryable
    [create] = video_api.requests("create")
    assert len(video_api.video.canceled) == 1  # we stopped paying for what we no longer wait for
    assert outcomes(ledger(db)) == ["failed"]


def test_the_probe_refuses_audio_and_reads_a_real_clip(tmp_path) -> None:
    sound = tmp_path / "clip.mp4"
    sound.write_bytes(media.audio(2, "mp3"))
    with pytest.raises(ProviderError, match=r"not a video \(mp3\)"):
        measure_clip(sound, provider="Replicate")
    real = tmp_path / "real.mp4"
    real.write_bytes(video(480, 832, 16, 81))
    clip = measure_clip(real, provider="Replicate")
    assert (clip.width, clip.height, clip.fps) == (480, 832, 16.0)
    assert clip.duration == pytest.approx(81 / 16, abs=0.01)
