from fastapi import APIRouter
from pydantic import BaseModel
from sqlalchemy import text

from app import storage
from app.db import DbSession
from app.media import ffmpeg
from app.providers import registry

router = APIRouter(prefix="/api", tags=["health"])


class DatabaseHealth(BaseModel):
    ok: bool
    error: str | None = None


class Health(BaseModel):
    status: str  # ok | degraded
    database: DatabaseHealth
    ffmpeg: str | None
    ffprobe: str | None
    disk_free_bytes: int
    providers: dict[str, str]  # role -> provider in use ("local" = embedded default)
    # Role -> can its provider work: it exists and its keys are set. Never a key.
    configured: dict[str, bool]


@router.get("/health")
def health(db: DbSession) -> Health:
    """Is the studio able to work? Database, ffmpeg, free disk, and the provider per role."""
    try:
        db.execute(text("SELECT 1"))
        database = DatabaseHealth(ok=True)
    except Exception as exc:  # report, don't crash: this is the page people read when things break
        database = DatabaseHealth(ok=False, error=type(exc).__name__)
    tools = {name: ffmpeg.version(name) for name in ("ffmpeg", "ffprobe")}
    configured = registry.role_status()
    can_generate = configured["music"] and configured["image"]
    return Health(
        status="ok" if database.ok and all(tools.values()) and can_generate else "degraded",
        database=database,
        ffmpeg=tools["ffmpeg"],
        ffprobe=tools["ffprobe"],
        disk_free_bytes=storage.free_bytes(),
        providers=registry.chosen(),
        configured=configured,
    )
