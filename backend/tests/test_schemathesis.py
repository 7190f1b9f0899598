"""Schemathesis over the whole API, signed in, against a real uvicorn: generated requests —
valid ones and broken ones — never get a server error, and every response, errors included,
matches what the OpenAPI document says.

YouTube is configured (a client id; nothing is sent to Google), so connecting is a 200 rather
than a 503 "not configured". A few rules of the upload body cannot be written in JSON Schema —
`publish_at` in the future and only with `private`, tags at most 500 characters in all,
the description at most 5000 bytes — and a song upload must be audio that decodes, so valid
requests are kept inside them.

Bounded for a small machine: a few examples per operation. The inline work endpoints are kept
for their bad-input cases; their happy paths are capped (the shortest duration, one prompt per
batch, one per operation) so that a run takes about a minute, not many. Event streams
(`…/events`) are left out: they stream until the client leaves."""

import io
import math
import struct
import wave
from collections import Counter
from collections.abc import Iterator

import pytest
import requests
import schemathesis
from cryptography.fernet import Fernet
from hypothesis import HealthCheck, settings
from schemathesis.generation import GenerationMode

from app.config import get_settings
from app.main import app
from app.youtube.schemas import MAX_DESCRIPTION_BYTES, MAX_TAGS_CHARS, tags_length
from tests.conftest import PASSWORD
from tests.uvicorn_thread import serve

schema = schemathesis.openapi.from_dict(app.openapi()).exclude(path_regex=r"/events$")
WORK = {("POST", "/api/generate"), ("POST", "/api/batch/generate")}
MAX_HAPPY_WORK = 1
happy_work: Counter[str] = Counter()


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    with serve() as url:
        yield url


@pytest.fixture
def bearer(base_url: str, user, monkeypatch) -> dict[str, str]:
    youtube = get_settings().youtube
    monkeypatch.setattr(youtube, "client_id", "schemathesis.apps.googleusercontent.com")
    monkeypatch.setattr(youtube, "client_secret", "schemathesis-secret")
    monkeypatch.setattr(youtube, "encryption_key", Fernet.generate_key().decode())
    answer = requests.post(
        f"{base_url}/api/auth/login", json={"email": user.email, "password": PASSWORD}, timeout=30
    )
    answer.raise_for_status()
    return {"Authorization": f"Bearer {answer.json()['access_token']}"}


def _wav() -> bytes:
    """Two seconds of a quiet 220 Hz tone: a song the upload accepts (it decodes every file)."""
    out = io.BytesIO()
    with wave.open(out, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(22050)
        tone = (int(3000 * math.sin(2 * math.pi * 220 * i / 22050)) for i in range(2 * 22050))
        wav.writeframes(b"".join(struct.pack("<h", v) for v in tone))
    return out.getvalue()


WAV = _wav()


def _within_unwritten_rules(case) -> None:
    body = case.body
    if (case.method, case.path) == ("POST", "/api/songs") and isinstance(body, dict):
        body["file"] = WAV  # any bytes match "binary"; only decodable audio is a song
    uploads = {("POST", "/api/upload"), ("POST", "/api/videos/{video_id}/upload")}
    if (case.method, case.path) not in uploads or not isinstance(body, dict):
        return
    body.pop("publish_at", None)
    tags = body.get("tags")
    while isinstance(tags, list) and tags and tags_length([str(t).strip() for t in tags]) > MAX_TAGS_CHARS:
        tags.pop()
    if isinstance(body.get("description"), str):
        body["description"] = body["description"].encode()[:MAX_DESCRIPTION_BYTES].decode(errors="ignore")


def _prepare(case) -> bool:
    """Shape a valid request as described above; False when it should not be sent at all
    (enough valid requests for inline work ran)."""
    if case.meta.generation.mode != GenerationMode.POSITIVE:
        return True
    _within_unwritten_rules(case)
    key = f"{case.method} {case.path}"
    if (case.method, case.path) not in WORK:
        return True
    if happy_work[key] >= MAX_HAPPY_WORK:
        return False
    happy_work[key] += 1
    case.body["duration"] = 120
    if "prompts" in case.body:
        case.body["prompts"] = case.body["prompts"][:1]
        case.body.pop("upload", None)
        case.body["render"] = False
    return True


@schema.parametrize()
@settings(max_examples=5, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_api(case, base_url: str, bearer: dict[str, str]) -> None:
    if not _prepare(case):
        return
    case.call_and_validate(base_url=base_url, headers=bearer, timeout=120)
