"""Provider tests run the real adapters (and the official clients inside them) against local
emulators of each service, configured through settings exactly as a studio would be pointed
at the real services: keys and base URLs in the environment. Nothing of ours is patched.

Retries keep their 2/4/8 shape but start at 0.1 s here (PROVIDER_RETRY_BASE_SECONDS), and
polls come every 0.02 s, so the suite stays fast. Every emulator fixture fails the test if
the adapter sent anything the real service would have refused."""

from collections.abc import Callable, Iterator
from decimal import Decimal

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.config import Settings, get_settings
from app.usage.models import ProviderCall
from tests.emulators import media
from tests.emulators.mubert import MubertEmulator
from tests.emulators.openai import OpenAIEmulator
from tests.emulators.replicate import ReplicateEmulator

PROMPT = "Slow ambient drift over a misty lake at dawn, warm pads and soft rain"
RETRY_BASE = 0.1
FAST = {
    "PROVIDER_RETRY_BASE_SECONDS": str(RETRY_BASE),
    "PROVIDER_RETRY_MAX_SECONDS": "2",
    "PROVIDER_POLL_SECONDS": "0.02",
    "PROVIDER_TIMEOUT_SECONDS": "5",
    "PROVIDER_MAX_WAIT_SECONDS": "30",
}


@pytest.fixture
def configure(monkeypatch) -> Iterator[Callable[..., Settings]]:
    """Set settings through the environment (NAME=value, as in .env) and re-read them."""

    def apply(**values: object) -> Settings:
        for name, value in values.items():
            monkeypatch.setenv(name.upper(), str(value))
        get_settings.cache_clear()
        return get_settings()

    apply(**FAST)
    yield apply
    get_settings.cache_clear()  # monkeypatch restores the environment after this


@pytest.fixture(scope="session")
def mubert_server() -> Iterator[MubertEmulator]:
    media.audio(120, "mp3", bitrate=320)  # encode the 2-minute track once, before any timed request
    server = MubertEmulator().start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def openai_server() -> Iterator[OpenAIEmulator]:
    server = OpenAIEmulator().start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def replicate_server() -> Iterator[ReplicateEmulator]:
    server = ReplicateEmulator().start()
    yield server
    server.stop()


@pytest.fixture
def mubert(mubert_server: MubertEmulator, configure) -> Iterator[MubertEmulator]:
    mubert_server.reset()
    configure(
        mubert_base_url=mubert_server.base_v3,
        mubert_v2_base_url=mubert_server.base_v2,
        mubert_customer_id=mubert_server.customer_id,
        mubert_access_token=mubert_server.access_token,
        mubert_pat=mubert_server.pat,
    )
    yield mubert_server
    assert mubert_server.violations == []


@pytest.fixture
def openai_api(openai_server: OpenAIEmulator, configure) -> Iterator[OpenAIEmulator]:
    openai_server.reset()
    configure(openai_base_url=openai_server.base_url, openai_api_key=openai_server.api_key)
    yield openai_server
    assert openai_server.violations == []


@pytest.fixture
def replicate_api(replicate_server: ReplicateEmulator, configure) -> Iterator[ReplicateEmulator]:
    replicate_server.reset()
    configure(replicate_base_url=replicate_server.url, replicate_api_token=replicate_server.token)
    yield replicate_server
    assert replicate_server.violations == []


def ledger(db: Session, **where: object) -> list[ProviderCall]:
    db.expire_all()
    query = select(ProviderCall).order_by(ProviderCall.started_at, ProviderCall.attempt)
    for name, value in where.items():
        query = query.where(getattr(ProviderCall, name) == value)
    return list(db.scalars(query))


def outcomes(rows: list[ProviderCall]) -> list[str]:
    return [r.outcome for r in rows]


def costs(rows: list[ProviderCall]) -> list[Decimal]:
    return [r.cost_usd for r in rows]


def assert_schedule(gaps: list[float], expected: list[float]) -> None:
    """Each wait is at least the scheduled one and at most +25 % jitter (+ scheduling slack)."""
    assert len(gaps) == len(expected), (gaps, expected)
    for gap, want in zip(gaps, expected, strict=True):
        assert want <= gap <= want * 1.25 + 0.25, (gaps, expected)
