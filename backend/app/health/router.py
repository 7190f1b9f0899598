from fastapi import APIRouter
from pydantic import BaseModel
from sqlalchemy import text

from app import storage
from app.config import get_settings
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
    # --- Providers (issue 7): role -> can its provider work (real ones need their key). Never a key.
    configured: dict[str, bool]


@router.get("/health")
def health(db: DbSession) -> Health:
    """Is the studio able to work? Database, ffmpeg, free disk, and the provider per role."""
    try:
        db.execute(text("SELECT 1"))
        database = DatabaseHealth(ok=True)
    except Exception as exc:  # report, don't crash: this is the page people read when things break
        database = DatabaseHealth(ok=False, error=type(exc).__name__)
    settings = get_settings()
    tools = {name: ffmpeg.version(name) for name in ("ffmpeg", "ffprobe")}
    configured = registry.role_status()
    can_generate = configured["music"] and configured["image"]
    return Health(
        status="ok" if database.ok and all(tools.values()) and can_generate else "degraded",
        database=database,
        ffmpeg=tools["ffmpeg"],
        ffprobe=tools["ffprobe"],
        disk_free_bytes=storage.free_bytes(),
        providers={"music": settings.providers.music, "image": settings.providers.image,
                   "planner": settings.providers.planner},
        configured=configured,
    )
