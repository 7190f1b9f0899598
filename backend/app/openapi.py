"""The OpenAPI document as the API really behaves: every error in the one shape.

Routers name their domain errors with `responses=errors(404, 409)`. The errors that follow from
an operation's own shape are added here for all of them: 400 for anything with parameters or a
body (validation errors are 400, see error_handlers.py — FastAPI's default 422 and its schema
are removed), 401 for operations behind the bearer token, 413 for request bodies."""

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from pydantic import BaseModel, Field


class ErrorBody(BaseModel):
    """Every error the API answers, whatever its status."""

    detail: str = Field(description="What went wrong, for people; validation errors name the field")
    error_code: str = Field(
        description="Stable machine-readable code, e.g. VALIDATION_ERROR, TRACK_NOT_FOUND"
    )
    status_code: int = Field(description="The HTTP status, repeated")


DESCRIPTIONS = {
    400: "Invalid request: a parameter or the body is malformed; `detail` names the field",
    401: "Not signed in: the access token is missing, expired or revoked (or wrong credentials)",
    402: "The work's estimated provider cost would pass the job or monthly budget",
    403: "Not allowed: e.g. the YouTube quota is used up, or a link is invalid",
    404: "Not found (or not yours)",
    409: "Conflict with the current state, e.g. a step already running or a track not ready",
    413: "The request body is larger than the limit",
    416: "The requested range is outside the file",
    422: "The request is valid but cannot be done as asked",
    429: "Too many attempts; wait `Retry-After` seconds",
    502: "A step of the work failed (a provider, ffmpeg, YouTube); the track is left `failed` and can be retried",
    503: "A provider or YouTube is not configured or not reachable now",
    507: "Not enough free disk space for this work",
}
ERROR_REF = {"$ref": "#/components/schemas/ErrorBody"}


def errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    """`responses=` for a route: these statuses, each with the error shape."""
    return {code: {"model": ErrorBody, "description": DESCRIPTIONS[code]} for code in codes}


def _error_response(code: int) -> dict[str, Any]:
    return {"description": DESCRIPTIONS[code], "content": {"application/json": {"schema": ERROR_REF}}}


def _complete(spec: dict[str, Any]) -> dict[str, Any]:
    for item in spec.get("paths", {}).values():
        for operation in item.values():
            responses = operation.setdefault("responses", {})
            default_422 = (
                responses.get("422", {}).get("content", {}).get("application/json", {}).get("schema")
            )
            if default_422 == {"$ref": "#/components/schemas/HTTPValidationError"}:
                del responses["422"]
            generic = []
            if operation.get("parameters") or operation.get("requestBody"):
                generic.append(400)
            if operation.get("security"):
                generic.append(401)
            if operation.get("requestBody"):
                generic.append(413)
            for code in generic:
                responses.setdefault(str(code), _error_response(code))
            for status, response in responses.items():
                # An error declared with a description only still answers in the shape.
                if status.isdigit() and int(status) >= 400 and "content" not in response:
                    response["content"] = {"application/json": {"schema": ERROR_REF}}
            operation["responses"] = dict(sorted(responses.items()))
    schemas = spec.setdefault("components", {}).setdefault("schemas", {})
    for unused in ("HTTPValidationError", "ValidationError"):
        schemas.pop(unused, None)
    schemas.setdefault("ErrorBody", ErrorBody.model_json_schema())
    return spec


def install(app: FastAPI) -> None:
    """Replace app.openapi with one that documents the errors as above (built once)."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = _complete(
                get_openapi(
                    title=app.title,
                    version=app.version,
                    openapi_version=app.openapi_version,
                    summary=app.summary,
                    description=app.description,
                    routes=app.routes,
                    tags=app.openapi_tags,
                    servers=app.servers,
                )
            )
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
