"""One Settings object, read from the environment (and `.env` at the repository root).

Secrets are validated at start-up so a misconfigured studio fails loudly instead of
signing tokens with a placeholder."""

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parents[2]
PLACEHOLDERS = {"", "change-me", "your_jwt_secret_key_min_32_chars", "your_fernet_encryption_key"}


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=REPO_ROOT / ".env", env_file_encoding="utf-8", extra="ignore"
    )

    environment: Literal["development", "test", "production"] = "development"
    database_url: str = "postgresql+psycopg://postgres@127.0.0.1:55432/ambient"

    # Auth
    jwt_secret: str = Field(min_length=32)
    jwt_access_token_expire_minutes: int = Field(default=15, ge=1, le=24 * 60)
    jwt_refresh_token_expire_days: int = Field(default=7, ge=1, le=90)
    login_max_failures: int = Field(default=5, ge=1)  # failures per email+IP before slowing down
    login_lockout_seconds: int = Field(default=60, ge=1)  # first lock; doubles on each further failure

    # Fernet key for YouTube tokens at rest
    encryption_key: str = ""

    # Files and the URLs that point at them
    storage_dir: Path = REPO_ROOT / "storage"
    public_base_url: str = "http://localhost:8000"
    media_url_ttl_seconds: int = Field(default=6 * 3600, ge=60)
    max_request_bytes: int = Field(default=1_000_000, ge=1024)  # JSON bodies; uploads have their own cap
    cors_origins: list[str] = ["http://localhost:3000", "http://127.0.0.1:3000"]

    # Providers per role ("local" = the embedded offline default)
    music_provider: Literal["local"] = "local"
    image_provider: Literal["local"] = "local"

    # Plan quota: generations per calendar month (seed: Mubert trial allows 500 tracks/month)
    monthly_generation_quota: int = Field(default=500, ge=1)
    quota_alert_ratio: float = Field(default=0.8, gt=0, le=1)

    @field_validator("jwt_secret")
    @classmethod
    def _real_secret(cls, v: str) -> str:
        if v in PLACEHOLDERS:
            raise ValueError("JWT_SECRET is a placeholder; generate one (see README)")
        return v

    @field_validator("encryption_key")
    @classmethod
    def _fernet_key(cls, v: str) -> str:
        if v in PLACEHOLDERS:
            return ""
        from cryptography.fernet import Fernet

        try:
            Fernet(v.encode())
        except ValueError as exc:
            raise ValueError("ENCRYPTION_KEY must be a Fernet key (see README)") from exc
        return v

    @field_validator("database_url")
    @classmethod
    def _psycopg_driver(cls, v: str) -> str:
        # Accept the usual postgres:// and postgresql:// forms; we always talk through psycopg 3.
        for prefix in ("postgres://", "postgresql://"):
            if v.startswith(prefix):
                return "postgresql+psycopg://" + v[len(prefix):]
        return v


@lru_cache
def get_settings() -> Settings:
    return Settings()  # type: ignore[call-arg]  # values come from the environment
