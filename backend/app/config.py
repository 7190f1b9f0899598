"""One Settings object, read from the environment (and `.env` at the repository root).

Secrets are validated at start-up so a misconfigured studio fails loudly instead of
signing tokens with a placeholder."""

import os
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, field_validator
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
    min_free_bytes: int = Field(default=200_000_000, ge=0)  # never fill the disk past this reserve
    max_request_bytes: int = Field(default=1_000_000, ge=1024)  # JSON bodies; uploads have their own cap
    cors_origins: list[str] = ["http://localhost:3000", "http://127.0.0.1:3000"]

    # Providers per role ("local" = the embedded offline default; the rest are in "Providers" below)
    music_provider: Literal["local", "mubert", "replicate"] = "local"
    image_provider: Literal["local", "openai", "replicate"] = "local"
    planner_provider: Literal["local", "openai"] = "local"  # scene plans for the music-video pipeline

    # Plan quota: generations per calendar month (seed: Mubert trial allows 500 tracks/month)
    monthly_generation_quota: int = Field(default=500, ge=1)
    quota_alert_ratio: float = Field(default=0.8, gt=0, le=1)

    # --- Providers (issue 7: Mubert, OpenAI, Replicate) ---
    # Keys come from the environment only. SecretStr keeps them out of reprs and logs; the API
    # never returns them (/api/health says only whether each role is configured).
    mubert_customer_id: SecretStr = SecretStr("")  # API v3: headers customer-id + access-token
    mubert_access_token: SecretStr = SecretStr("")
    mubert_pat: SecretStr = SecretStr("")  # legacy B2B v2 personal access token (MUBERT_API=v2)
    openai_api_key: SecretStr = SecretStr("")
    replicate_api_token: SecretStr = SecretStr("")
    # Where each service lives; tests point these at local emulators, as a user could a proxy.
    mubert_base_url: str = "https://music-api.mubert.com/api/v3"
    mubert_v2_base_url: str = "https://api-b2b.mubert.com/v2"
    openai_base_url: str = "https://api.openai.com/v1"
    replicate_base_url: str = "https://api.replicate.com"
    # Mubert: which API, and what to ask it for (the file is re-encoded to our MP3 + AAC anyway).
    mubert_api: Literal["v3", "v2"] = "v3"
    mubert_format: Literal["mp3", "wav"] = "mp3"
    mubert_bitrate: int = Field(default=320, ge=32, le=320)
    mubert_intensity: Literal["low", "medium", "high"] = "medium"
    mubert_mode: Literal["track", "loop"] = "track"
    # OpenAI: GPT image models answer 1536x1024 b64_json; "dall-e-3" keeps the 1792x1024 path.
    openai_image_model: str = "gpt-image-2"
    openai_image_quality: str = "medium"  # low|medium|high (GPT image), standard|hd (DALL·E 3)
    openai_planner_model: str = "gpt-5.4-mini"
    openai_planner_max_tokens: int = Field(default=4000, ge=256)  # also what the budget reserves
    # Replicate: MusicGen by version (community model), Flux by name (official model).
    replicate_music_model: str = "meta/musicgen"
    replicate_music_version: str = "671ac645ce5e552cc63a54a2bbff63fcf798043055d2dac5fc9e36a837eedcfb"
    replicate_music_variant: str = "stereo-large"  # MusicGen's own `model_version` input
    replicate_music_max_seconds: int = Field(default=30, ge=5)  # longest piece one prediction makes
    replicate_music_crossfade_seconds: float = Field(default=2.0, ge=0)  # overlap between pieces
    replicate_music_parallel: int = Field(default=4, ge=1, le=16)  # pieces generated at once
    replicate_image_model: str = "black-forest-labs/flux-schnell"
    replicate_image_version: str = ""  # empty = run the official model by name
    # Behaviour around every call
    provider_timeout_seconds: float = Field(default=60.0, gt=0)  # one HTTP request
    provider_max_wait_seconds: float = Field(default=900.0, gt=0)  # one generation, submit to done
    provider_poll_seconds: float = Field(default=2.0, gt=0)
    provider_retry_attempts: int = Field(default=4, ge=1)  # attempts in all: 1 + retries at 2, 4, 8 s
    provider_retry_base_seconds: float = Field(default=2.0, ge=0)  # first backoff; doubles each time
    provider_retry_max_seconds: float = Field(default=30.0, ge=0)  # cap on one backoff
    provider_retry_after_max_seconds: float = Field(default=120.0, ge=0)  # longer Retry-After: give up now
    provider_audio_max_bytes: int = Field(default=400_000_000, ge=1_000_000)  # one downloaded audio file
    provider_image_max_bytes: int = Field(default=50_000_000, ge=100_000)  # one downloaded image
    # Estimated USD per unit, keyed "provider:model", else "provider:role" as the fallback.
    # Units: Mubert = a track; images = an image; Replicate music = a second of audio;
    # OpenAI text models = 1000 tokens. A model with no price is refused (the guard can't cost it).
    provider_prices: dict[str, float] = {
        "mubert:music": 0.098,  # Trial plan: $49 / 500 tracks a month (seed 000 §14.4)
        "openai:gpt-image-2": 0.06,
        "openai:dall-e-3": 0.08,  # 1792x1024 standard
        "openai:image": 0.25,  # any other image model: priced high, to be safe
        "openai:gpt-5.4-mini": 0.002,
        "openai:planner": 0.02,
        "replicate:meta/musicgen": 0.0023,
        "replicate:music": 0.005,
        "replicate:black-forest-labs/flux-schnell": 0.003,
        "replicate:image": 0.05,
    }
    job_budget_usd: float = Field(default=20.0, ge=0)  # seed 004: refuse work past $20 per job
    monthly_budget_usd: float = Field(default=100.0, ge=0)  # all providers, calendar month (UTC)
    # Mubert's monthly track quota is MONTHLY_GENERATION_QUOTA above (alert at QUOTA_ALERT_RATIO).

    # --- YouTube ---
    # OAuth client of type "Web application" from the Google Cloud console.
    youtube_client_id: str = ""
    youtube_client_secret: str = ""
    # Must be registered on that client exactly; empty = PUBLIC_BASE_URL + /api/auth/youtube/callback.
    youtube_redirect_uri: str = ""
    # Google's endpoints; tests point them at a local emulator.
    youtube_auth_url: str = "https://accounts.google.com/o/oauth2/auth"
    youtube_token_url: str = "https://oauth2.googleapis.com/token"
    youtube_revoke_url: str = "https://oauth2.googleapis.com/revoke"
    youtube_api_base_url: str = "https://youtube.googleapis.com"
    # Where the callback sends the browser back to (…/settings?youtube=connected).
    youtube_dashboard_url: str = "http://localhost:3000"
    youtube_chunk_bytes: int = Field(default=8 * 1024 * 1024, ge=256 * 1024)  # multiple of 256 KiB
    youtube_http_timeout_seconds: float = Field(default=60.0, gt=0)
    youtube_retry_attempts: int = Field(default=5, ge=0)  # per interruption, transient errors only
    youtube_retry_backoff_seconds: float = Field(default=2.0, ge=0)  # doubles on each attempt
    youtube_token_refresh_margin_seconds: int = Field(default=300, ge=0)  # refresh this long before expiry
    # Units per Pacific-time day for the API project, and what each call costs.
    youtube_quota_daily_limit: int = Field(default=10_000, ge=0)
    youtube_quota_cost_insert: int = Field(default=1600, ge=0)
    youtube_quota_cost_thumbnail: int = Field(default=50, ge=0)
    youtube_quota_cost_list: int = Field(default=1, ge=0)
    # Placeholders: {prompt}, {duration} (e.g. "5 min"), {minutes}, {title}.
    youtube_description_template: str = (
        "{prompt}\n\n{duration} of ambient music with original cover art.\n\n"
        "Music and artwork generated with Ambient Studio."
    )
    youtube_default_tags: list[str] = ["ambient", "ambient music", "relaxing music"]

    @field_validator("youtube_chunk_bytes")
    @classmethod
    def _chunk_alignment(cls, v: int) -> int:
        if v % (256 * 1024):
            raise ValueError("YOUTUBE_CHUNK_BYTES must be a multiple of 262144 (256 KiB), as Google requires")
        return v

    @field_validator("youtube_client_secret")
    @classmethod
    def _no_placeholder_secret(cls, v: str) -> str:
        return "" if v in PLACEHOLDERS else v

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
    # Tests are hermetic: a developer's .env (real keys, other URLs) must not leak into them.
    env_file = None if os.environ.get("ENVIRONMENT") == "test" else REPO_ROOT / ".env"
    return Settings(_env_file=env_file)  # type: ignore[call-arg]  # values come from the environment
