"""GET /media/{kind}/{name}: serves stored files with HTTP Range (seeking in <audio> and
<video>) to anyone holding an unexpired signed URL."""

import re
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import FileResponse

from app import storage
from app.errors import Forbidden, NotFound

router = APIRouter(tags=["media"])
NAME = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.([a-z0-9]{2,4})$")


@router.get("/media/{kind}/{name}", include_in_schema=False)
def media(
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
        raise Forbidden("This media link is invalid or has expired; reload the page for a fresh one",
                        error_code="MEDIA_LINK_INVALID")
    path = storage.absolute(rel)
    if not path.is_file():
        raise NotFound("File not found")
    filename = None
    if download is not None:
        # Only letters, digits, dash and underscore survive, so the header stays well-formed.
        stem = re.sub(r"[^A-Za-z0-9_-]+", "-", download).strip("-")[:80] or path.stem
        filename = f"{stem}.{match.group(1)}"
    return FileResponse(
        path, media_type=storage.MEDIA_TYPES[match.group(1)], filename=filename,
        headers={"Cache-Control": "private, max-age=3600"},
    )
