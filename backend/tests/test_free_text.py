"""Control characters in free text are refused as a 400 naming the field — never a 500 from
PostgreSQL (which refuses NUL in text), and never stored, put in a file name or sent to YouTube."""

import uuid

import pytest
from fastapi.testclient import TestClient
from pydantic import TypeAdapter, ValidationError

from app.validation import Line, Text
from tests.auth.test_auth_flow import assert_error

PROMPT = "Deep sleep ocean ambient with ethereal pads"


def _refused(response, field: str, code: str = "0000") -> None:
    body = assert_error(response, 400, "VALIDATION_ERROR")
    assert body["detail"].startswith(f"{field}: must not contain control characters (found U+{code}"), body


@pytest.mark.parametrize("char", ["\x00", "\x1b", "\x7f", "\x08"])
def test_generate_refuses_control_characters(client: TestClient, auth, char: str) -> None:
    response = client.post("/api/generate", json={"prompt": PROMPT + char, "duration": 120}, headers=auth)
    _refused(response, "prompt", f"{ord(char):04X}")


def test_batch_names_the_prompt(client: TestClient, auth) -> None:
    response = client.post(
        "/api/batch/generate",
        headers=auth,
        json={"prompts": [PROMPT, "Rain on a tin roof\x00 at night"], "duration": 120},
    )
    _refused(response, "prompts.1")


@pytest.mark.parametrize(
    ("field", "value", "named"),
    [
        ("title", "Ocean\x00 rain", "title"),
        ("title", "Ocean\nrain", "title"),  # a title is one line
        ("description", "Calm\x00", "description"),
        ("tags", ["ambient", "ra\x00in"], "tags.1"),
    ],
)
def test_upload_refuses_control_characters(client: TestClient, auth, field: str, value, named: str) -> None:
    body = {"track_id": str(uuid.uuid4()), "title": "Ocean rain", "made_for_kids": False, field: value}
    code = "000A" if value == "Ocean\nrain" else "0000"
    _refused(client.post("/api/upload", json=body, headers=auth), named, code)


def test_oauth_callback_values_are_checked_before_the_database(client: TestClient) -> None:
    _refused(client.get("/api/auth/youtube/callback", params={"state": "abc\x00def", "code": "x"}), "state")


def test_text_keeps_tabs_and_newlines_and_normalises_windows_line_ends() -> None:
    assert TypeAdapter(Text).validate_python("one\ttwo\r\nthree\n") == "one\ttwo\nthree\n"
    assert TypeAdapter(Line).validate_python("one\ttwo") == "one\ttwo"
    for bad in ("a\rb", "a\x00b", "a\x1fb", "a\x7fb"):
        with pytest.raises(ValidationError):
            TypeAdapter(Text).validate_python(bad)
    with pytest.raises(ValidationError):
        TypeAdapter(Line).validate_python("a\nb")


def test_the_rule_is_in_the_openapi_schema(client: TestClient) -> None:
    schemas = client.get("/openapi.json").json()["components"]["schemas"]
    assert (
        schemas["GenerateRequest"]["properties"]["prompt"]["pattern"] == "^[^\\x00-\\x08\\x0b-\\x1f\\x7f]*$"
    )
