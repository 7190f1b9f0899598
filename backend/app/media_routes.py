"""GET and HEAD /media/{kind}/{name}: serves stored files with HTTP Range (seeking in <audio>
and <video>) to anyone holding an unexpired signed URL. Errors are in the one JSON shape."""

import re
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import FileResponse
from starlette.responses import MalformedRangeHeader
from starlette.responses import RangeNotSatisfiable as _Unsatisfiable

from app import storage
from app.errors import Forbidden, NotFound, RangeNotSatisfiable

router = APIRouter(tags=["media"])
NAME = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.([a-z0-9]{2,4})$")


class MediaFile(FileResponse):
    @classmethod
    def _parse_range_header(cls, http_range: str, file_size: int) -> list[tuple[int, int]]:
        # RFC 9110 §14.2: a Range with a unit we do not know, or an invalid one (bytes=5-1),
        # is ignored and the whole file is sent (starlette answers 400 text/plain).
        try:
            return super()._parse_range_header(http_range, file_size)
        except MalformedRangeHeader:
            return []


def _check_range(request: Request, response: MediaFile, size: int) -> None:
    """An unsatisfiable range becomes our 416 (with `Content-Range: bytes */size`), checked
    before the response starts so that it is in the error shape."""
    http_range = request.headers.get("range")
    if_range = request.headers.get("if-range")
    if http_range is None or (if_range is not None and not response._should_use_range(if_range)):
        return
    try:
        response._parse_range_header(http_range, size)
    except _Unsatisfiable:
        raise RangeNotSatisfiable(size) from None


# HEAD too: players and download managers ask for the size and type before fetching.
@router.api_route("/media/{kind}/{name}", methods=["GET", "HEAD"], include_in_schema=False)
def media(
    request: Request,
    kind: str,
    name: str,
    exp: Annotated[int, Query()] = 0,
    sig: Annotated[str, Query(max_length=64)] = "",
    download: Annotated[str | None, Query(max_length=120)] = None,
) -> FileResponse:
    match = NAME.match(name)
    if kind not in storage.KINDS or not match or match.group(1) not in storage.EXTENSIONS:
        raise NotFound("No such file")
    rel = f"{kind}/{name}"
    if not storage.verify_signature(rel, exp, sig):
        raise Forbidden(
            "This media link is invalid or has expired; reload the page for a fresh one",
            error_code="MEDIA_LINK_INVALID",
        )
    path = storage.absolute(rel)
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise NotFound("File not found") from None
    filename = None
    if download is not None:
        # Only letters, digits, dash and underscore survive, so the header stays well-formed.
        stem = re.sub(r"[^A-Za-z0-9_-]+", "-", download).strip("-")[:80] or path.stem
        filename = f"{stem}.{match.group(1)}"
    response = MediaFile(
        path,
        media_type=storage.MEDIA_TYPES[match.group(1)],
        filename=filename,
        stat_result=stat,
        headers={"Cache-Control": "private, max-age=3600"},
    )
    _check_range(request, response, stat.st_size)
    return response
