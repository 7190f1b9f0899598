"""OpenAI through the official SDK against the OpenAI emulator: cover art from GPT image
models and DALL·E 3, structured scene plans, and how failures are treated."""

import uuid
from decimal import Decimal
from pathlib import Path

import pytest
from PIL import Image

from app.providers.base import ProviderError
from app.providers.openai_images import OpenAIImageProvider
from app.usage import context
from tests.emulators.openai import NO_CREDIT
from tests.emulators.service import MALFORMED
from tests.providers.conftest import PROMPT, RETRY_BASE, assert_schedule, costs, ledger, outcomes

JOB = uuid.UUID("00000000-0000-4000-8000-00000000a11e")


def draw(tmp_path: Path, user) -> Path:
    with context.job(job_id=JOB, user_id=user.id):
        return OpenAIImageProvider().generate(prompt=PROMPT, seed=1, workdir=tmp_path)


def test_gpt_image_answer_becomes_a_1920x1080_cover(openai_api, configure, tmp_path, db, user) -> None:
    configure(image_provider="openai", openai_image_model="gpt-image-2", openai_image_quality="high")
    with Image.open(draw(tmp_path, user)) as cover:
        assert cover.size == (1920, 1080) and cover.format == "PNG"
    sent = openai_api.requests("images")[0]
    assert sent.headers["authorization"] == f"Bearer {openai_api.api_key}"
    assert {k: sent.json[k] for k in ("model", "size", "quality", "n", "output_format")} == {
        "model": "gpt-image-2",
        "size": "1536x1024",
        "quality": "high",
        "n": 1,
        "output_format": "png",
    }
    assert "response_format" not in sent.json and sent.json["prompt"].endswith(PROMPT)
    [row] = ledger(db)
    assert (row.provider, row.model, row.role, row.outcome, row.job_id) == (
        "openai",
        "gpt-image-2",
        "image",
        "ok",
        JOB,
    )
    assert row.cost_usd == Decimal("0.0600") and row.user_id == user.id


def test_dalle3_path_for_accounts_that_still_have_it(openai_api, configure, tmp_path, db, user) -> None:
    configure(openai_image_model="dall-e-3", openai_image_quality="medium")  # a GPT-image quality: mapped
    with Image.open(draw(tmp_path, user)) as cover:
        assert cover.size == (1920, 1080)
    sent = openai_api.requests("images")[0].json
    assert (sent["size"], sent["response_format"], sent["quality"]) == ("1792x1024", "b64_json", "standard")
    assert costs(ledger(db)) == [Decimal("0.0800")]


def test_wrong_key_is_one_request_and_a_clear_message(openai_api, configure, tmp_path, db, user) -> None:
    configure(openai_api_key="sk-not-the-right-key-0000")
    with pytest.raises(ProviderError) as failure:
        draw(tmp_path, user)
    assert str(failure.value) == "refused the key (HTTP 401): check your OpenAI key (OPENAI_API_KEY)"
    assert (
        failure.value.provider == "OpenAI" and len(openai_api.requests()) == 1
    )  # the SDK's own retries are off
    assert outcomes(ledger(db)) == ["auth"]


def test_out_of_credit_is_not_retried_but_rate_limits_are(openai_api, configure, tmp_path, db, user) -> None:
    openai_api.fail("images", reply=NO_CREDIT)
    with pytest.raises(ProviderError, match="no credit left"):
        draw(tmp_path, user)
    assert len(openai_api.requests("images")) == 1
    openai_api.reset()
    openai_api.fail(
        "images",
        429,
        times=2,
        body={"error": {"message": "Rate limit reached", "type": "requests", "code": "rate_limit_exceeded"}},
    )
    draw(tmp_path, user)
    assert_schedule(openai_api.gaps("images"), [RETRY_BASE, 2 * RETRY_BASE])
    assert outcomes(ledger(db)) == ["rejected", "transient", "transient", "ok"]


def test_unreadable_or_unusable_answers_fail_without_retry(openai_api, configure, tmp_path, user) -> None:
    openai_api.fail("images", reply=MALFORMED)
    with pytest.raises(ProviderError, match="could not read"):
        draw(tmp_path, user)
    openai_api.fail(
        "images", 200, body={"created": 1, "data": [{"b64_json": "bm90IGFuIGltYWdl"}]}
    )  # "not an image"
    with pytest.raises(ProviderError, match="sent an image we cannot read"):
        draw(tmp_path, user)
    assert len(openai_api.requests("images")) == 2
