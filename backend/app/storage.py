"""Files under storage/{music,images,videos,uploads,clips}/{uuid}.ext.

Paths are built only from a kind, a UUID and an extension from fixed lists — never from
user text. Files are written to a temporary name and renamed into place, so a reader never
sees half a file. Media leave the API through signed, expiring URLs, so <audio>/<video>
tags work without an Authorization header while guessed paths get nothing."""

import hashlib
import hmac
import os
import shutil
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Literal

from app.config import get_settings
from app.errors import InsufficientStorage

Kind = Literal["music", "images", "videos", "uploads", "clips"]
KINDS: tuple[Kind, ...] = ("music", "images", "videos", "uploads", "clips")
EXTENSIONS = {"mp3", "m4a", "wav", "flac", "ogg", "png", "jpg", "mp4", "json"}
MEDIA_TYPES = {
    "mp3": "audio/mpeg",
    "m4a": "audio/mp4",
    "wav": "audio/wav",
    "flac": "audio/flac",
    "ogg": "audio/ogg",
    "png": "image/png",
    "jpg": "image/jpeg",
    "mp4": "video/mp4",
    "json": "application/json",
}


def root() -> Path:
    return get_settings().storage.dir


def ensure_dirs() -> None:
    for kind in (*KINDS, "tmp"):
        (root() / kind).mkdir(parents=True, exist_ok=True)


def relative_path(kind: Kind, file_id: uuid.UUID, ext: str) -> str:
    """What the database stores, e.g. 'music/<uuid>.mp3'."""
    if kind not in KINDS or ext not in EXTENSIONS:
        raise ValueError(f"unsupported storage location {kind}/*.{ext}")
    return f"{kind}/{uuid.UUID(str(file_id))}.{ext}"


def absolute(rel: str) -> Path:
    path = (root() / rel).resolve()
    if not path.is_relative_to(root().resolve()):  # defence in depth; rel never comes from users
        raise ValueError("path escapes storage")
    return path


@contextmanager
def workdir(prefix: str = "work-") -> Iterator[Path]:
    """A scratch folder on the storage filesystem (so finished files can be renamed into
    place), removed with everything in it when the block ends, success or not."""
    ensure_dirs()
    path = Path(tempfile.mkdtemp(prefix=prefix, dir=root() / "tmp"))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def commit(src: Path, rel: str) -> int:
    """Move a finished file into place atomically; returns its size in bytes."""
    dest = absolute(rel)
    dest.parent.mkdir(parents=True, exist_ok=True)
    with open(src, "rb") as fh:
        os.fsync(fh.fileno())  # the bytes are on disk before the name points at them
    os.replace(src, dest)
    return dest.stat().st_size


def write_bytes(rel: str, data: bytes) -> int:
    dest = absolute(rel)
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=dest.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, dest)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return len(data)


def delete(*rels: str | None) -> None:
    for rel in rels:
        if rel:
            absolute(rel).unlink(missing_ok=True)


def free_bytes() -> int:
    ensure_dirs()
    return shutil.disk_usage(root()).free


def require_free_space(needed: int) -> None:
    """Refuse work up front rather than fail half way through writing it."""
    free, reserve = free_bytes(), get_settings().storage.min_free_bytes
    if free - reserve < needed:
        raise InsufficientStorage(
            f"Not enough free disk space: this needs about {needed // 1_000_000 + 1} MB and "
            f"{max(0, free - reserve) // 1_000_000} MB are free above the {reserve // 1_000_000} MB reserve"
        )


# --- signed URLs ---------------------------------------------------------------------------


def _signature(rel: str, expires: int) -> str:
    key = hashlib.sha256(b"media-url:" + get_settings().auth.jwt_secret.encode()).digest()
    return hmac.new(key, f"{rel}:{expires}".encode(), hashlib.sha256).hexdigest()[:32]


def signed_url(rel: str | None) -> str | None:
    if not rel:
        return None
    settings = get_settings()
    expires = int(time.time()) + settings.web.media_url_ttl_seconds
    # Round up to the hour so repeated reads give the same URL and browsers can cache.
    expires += -expires % 3600
    return (
        f"{settings.web.public_base_url.rstrip('/')}/media/{rel}?exp={expires}&sig={_signature(rel, expires)}"
    )


def verify_signature(rel: str, expires: int, sig: str) -> bool:
    return expires >= time.time() and hmac.compare_digest(_signature(rel, expires), sig)
