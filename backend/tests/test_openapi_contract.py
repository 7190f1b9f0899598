"""The OpenAPI document tells the truth: every operation lists the errors it gives, in the one
error shape (never FastAPI's 422, which the app does not send); a wrong method is a 405 that
says what is allowed; booleans and integers are not guessed from other types."""

import uuid

import pytest
from fastapi.testclient import TestClient

from tests.auth.test_auth_flow import assert_error

ERROR_REF = "#/components/schemas/ErrorBody"
PROMPT = "Deep sleep ocean ambient with ethereal pads"


@pytest.fixture(scope="module")
def spec() -> dict:
    from app.main import app

    return app.openapi()


def _operations(spec: dict):
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            yield path, method, operation


def test_no_operation_documents_422_and_every_error_has_the_shape(spec: dict) -> None:
    # FastAPI's own 422 (HTTPValidationError) is gone; a 422 a route declares itself (e.g. a
    # repeated request with a different body) is in the shape like every other error.
    assert "HTTPValidationError" not in spec["components"]["schemas"]
    shape = spec["components"]["schemas"]["ErrorBody"]
    assert set(shape["required"]) == {"detail", "error_code", "status_code"}
    for path, method, operation in _operations(spec):
        for status, response in operation["responses"].items():
            if int(status) >= 400:
                schema = response["content"]["application/json"]["schema"]
                assert schema == {"$ref": ERROR_REF}, (method, path, status)


def test_generic_errors_follow_from_the_operation(spec: dict) -> None:
    for path, method, operation in _operations(spec):
        codes = set(operation["responses"])
        if operation.get("parameters") or operation.get("requestBody"):
            assert "400" in codes, (method, path)
        if operation.get("security"):
            assert "401" in codes, (method, path)
        if operation.get("requestBody"):
            assert "413" in codes, (method, path)


@pytest.mark.parametrize(
    ("method", "path", "codes"),
    [
        ("post", "/api/auth/login", {"400", "401", "413", "429"}),
        ("post", "/api/generate", {"400", "401", "402", "409", "413", "502", "503", "507"}),
        ("post", "/api/render", {"404", "409", "502", "507"}),
        ("get", "/api/tracks/{track_id}", {"400", "401", "404"}),
        ("delete", "/api/tracks/{track_id}", {"404", "409"}),
        ("post", "/api/tracks/{track_id}/retry", {"404", "409", "502"}),
        ("get", "/api/tracks/{track_id}/waveform", {"404", "409"}),
        ("get", "/api/jobs/{job_id}", {"404"}),
        ("get", "/api/batch/{batch_id}", {"404"}),
        ("post", "/api/batch/{batch_id}/retry", {"404", "409"}),
        ("post", "/api/upload", {"403", "404", "409", "502", "503"}),
        ("get", "/api/upload/defaults/{track_id}", {"404"}),
        ("get", "/api/auth/youtube", {"401", "503"}),
        ("get", "/api/auth/youtube/callback", {"400", "403"}),
        ("delete", "/api/auth/youtube", {"401", "409"}),
    ],
)
def test_domain_errors_are_documented(spec: dict, method: str, path: str, codes: set[str]) -> None:
    documented = set(spec["paths"][path][method]["responses"])
    assert codes <= documented, codes - documented


@pytest.mark.parametrize(
    ("method", "path", "allow"),
    [
        ("GET", "/api/generate", "POST"),
        ("GET", "/api/auth/login", "POST"),
        ("PUT", "/api/tracks/{id}", "DELETE, GET"),
        ("PATCH", "/api/auth/youtube", "DELETE, GET"),
        ("DELETE", "/api/batches", "GET"),
    ],
)
def test_wrong_method_is_405_with_what_is_allowed(
    client: TestClient, method: str, path: str, allow: str
) -> None:
    response = client.request(method, path.replace("{id}", str(uuid.uuid4())))
    assert_error(response, 405, "METHOD_NOT_ALLOWED")
    assert response.headers["allow"] == allow


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/api/generate", {"prompt": PROMPT, "duration": 120, "seed": False}, "seed"),
        ("/api/generate", {"prompt": PROMPT, "duration": True}, "duration"),
        ("/api/generate", {"prompt": PROMPT, "duration": "120"}, "duration"),
        ("/api/generate", {"prompt": PROMPT, "duration": 120.0}, "duration"),
        ("/api/batch/generate", {"prompts": [PROMPT], "duration": 120, "render": "yes"}, "render"),
        (
            "/api/batch/generate",
            {"prompts": [PROMPT], "duration": 120, "upload": {"made_for_kids": 0}},
            "upload.made_for_kids",
        ),
        (
            "/api/upload",
            {
                "track_id": str(uuid.uuid4()),
                "title": "Rain",
                "made_for_kids": False,
                "contains_synthetic_media": 0,
            },
            "contains_synthetic_media",
        ),
        (
            "/api/upload",
            {"track_id": str(uuid.uuid4()), "title": "Rain", "made_for_kids": "false"},
            "made_for_kids",
        ),
    ],
)
def test_booleans_and_integers_are_strict(
    client: TestClient, auth, path: str, body: dict, field: str
) -> None:
    error = assert_error(client.post(path, json=body, headers=auth), 400, "VALIDATION_ERROR")
    assert error["detail"].startswith(f"{field}:"), error
