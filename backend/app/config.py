"""Settings, read from the environment (and `.env` at the repository root), grouped per domain.

Each group reads its own variables; the variable names are the documented ones (`YOUTUBE_*`,
`MUBERT_*`, `JWT_SECRET` …), so a group is only a way to find them in code
(`settings.youtube.chunk_bytes`). Secrets are validated at start-up so a misconfigured studio
fails loudly instead of signing tokens with a placeholder."""

import ipaddress
import os
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import AliasChoices, BaseModel, Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parents[2]
PLACEHOLDERS = {"", "change-me", "your_jwt_secret_key_min_32_chars", "your_fernet_encryption_key"}


def _env(name: str) -> Any:
    """A field read from exactly this variable, whatever its group's prefix."""
    return AliasChoices(name, name.lower())


class _Group(BaseSettings):
    model_config = SettingsConfigDict(extra="ignore", populate_by_name=True)


class AuthSettings(_Group):
    jwt_secret: str = Field(min_length=32)
    jwt_access_token_expire_minutes: int = Field(default=15, ge=1, le=24 * 60)
    jwt_refresh_token_expire_days: int = Field(default=7, ge=1, le=90)
    login_max_failures: int = Field(default=5, ge=1)  # failures before slowing down
    login_lockout_seconds: int = Field(default=60, ge=1)  # first wait; doubles on each further failure

    @field_validator("jwt_secret")
    @classmethod
    def _real_secret(cls, v: str) -> str:
        if v in PLACEHOLDERS:
            raise ValueError("JWT_SECRET is a placeholder; generate one (see README)")
        return v


class WebSettings(_Group):
    """How the API is reached: its public address, browsers allowed to call it, body limits."""

    public_base_url: str = "http://localhost:8000"
    media_url_ttl_seconds: int = Field(default=6 * 3600, ge=60)
    max_request_bytes: int = Field(default=1_000_000, ge=1024)  # JSON bodies; uploads have their own cap
    cors_origins: list[str] = ["http://localhost:3000", "http://127.0.0.1:3000"]
    # Peers whose X-Forwarded-For is believed (its last hop is the client): addresses or CIDR
    # ranges, comma-separated. The dashboard's server runs on this machine and sets the header
    # to its own client's socket address; from anyone else the header is ignored.
    trusted_proxies: str = "127.0.0.1,::1"

    @field_validator("trusted_proxies")
    @classmethod
    def _networks(cls, v: str) -> str:
        for part in filter(None, (p.strip() for p in v.split(","))):
            try:
                ipaddress.ip_network(part, strict=False)
            except ValueError as exc:
                raise ValueError(f"TRUSTED_PROXIES: {part!r} is not an IP address or network") from exc
        return v

    @property
    def trusted_proxy_networks(self) -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
        return [
            ipaddress.ip_network(p.strip(), strict=False)
            for p in self.trusted_proxies.split(",")
            if p.strip()
        ]


class StorageSettings(_Group):
    dir: Path = Field(default=REPO_ROOT / "storage", validation_alias=_env("STORAGE_DIR"))
    min_free_bytes: int = Field(default=200_000_000, ge=0)  # never fill the disk past this reserve
    # What a failed video leaves (stills, clips, composition cache) is removed after this long.
    failed_video_retention_days: float = Field(default=7, ge=0)


class SongSettings(_Group):
    """What a creator may upload as a song."""

    model_config = SettingsConfigDict(env_prefix="SONG_")

    max_bytes: int = Field(default=200_000_000, ge=1_000_000)  # one upload, before it is refused
    max_seconds: float = Field(default=15 * 60, ge=10)  # longest song


class ProviderSettings(_Group):
    """Which provider plays each role ("local" = the embedded offline default) and how every
    call to a paid service behaves."""

    model_config = SettingsConfigDict(env_prefix="PROVIDER_")

    music: Literal["local", "mubert", "replicate"] = Field(
        default="local", validation_alias=_env("MUSIC_PROVIDER")
    )
    image: Literal["local", "openai", "replicate"] = Field(
        default="local", validation_alias=_env("IMAGE_PROVIDER")
    )
    planner: Literal["local", "openai"] = Field(default="local", validation_alias=_env("PLANNER_PROVIDER"))
    # "local" = the animator inside composition; "replicate" = image-to-video (REPLICATE_VIDEO_MODEL).
    clip: Literal["local", "replicate"] = Field(default="local", validation_alias=_env("CLIP_PROVIDER"))
    # Lyrics with times; "none" = no transcription (the song's lyrics read as instrumental).
    transcription: Literal["none", "openai", "replicate"] = Field(
        default="none", validation_alias=_env("TRANSCRIPTION_PROVIDER")
    )
    timeout_seconds: float = Field(default=60.0, gt=0)  # one HTTP request
    max_wait_seconds: float = Field(default=900.0, gt=0)  # one generation, submit to done
    poll_seconds: float = Field(default=2.0, gt=0)
    retry_attempts: int = Field(default=4, ge=1)  # attempts in all: 1 + retries at 2, 4, 8 s
    retry_base_seconds: float = Field(default=2.0, ge=0)  # first backoff; doubles each time
    retry_max_seconds: float = Field(default=30.0, ge=0)  # cap on one backoff
    retry_after_max_seconds: float = Field(default=120.0, ge=0)  # longer Retry-After: give up now
    audio_max_bytes: int = Field(default=400_000_000, ge=1_000_000)  # one downloaded audio file
    image_max_bytes: int = Field(default=50_000_000, ge=100_000)  # one downloaded image


# Keys come from the environment only. SecretStr keeps them out of reprs and logs; the API never
# returns them (/api/health says only whether each role is configured). Base URLs say where each
# service lives; tests point them at local emulators, as a user could a proxy.


class MubertSettings(_Group):
    model_config = SettingsConfigDict(env_prefix="MUBERT_")

    customer_id: SecretStr = SecretStr("")  # API v3: headers customer-id + access-token
    access_token: SecretStr = SecretStr("")
    pat: SecretStr = SecretStr("")  # legacy B2B v2 personal access token (MUBERT_API=v2)
    base_url: str = "https://music-api.mubert.com/api/v3"
    v2_base_url: str = "https://api-b2b.mubert.com/v2"
    api: Literal["v3", "v2"] = "v3"
    # What to ask Mubert for (the file is re-encoded to our MP3 + AAC anyway).
    format: Literal["mp3", "wav"] = "mp3"
    bitrate: int = Field(default=320, ge=32, le=320)
    intensity: Literal["low", "medium", "high"] = "medium"
    mode: Literal["track", "loop"] = "track"


class OpenAISettings(_Group):
    model_config = SettingsConfigDict(env_prefix="OPENAI_")

    api_key: SecretStr = SecretStr("")
    base_url: str = "https://api.openai.com/v1"
    # GPT image models answer 1536x1024 b64_json; "dall-e-3" keeps the 1792x1024 path.
    image_model: str = "gpt-image-2"
    image_quality: str = "medium"  # low|medium|high (GPT image), standard|hd (DALL·E 3)
    planner_model: str = "gpt-5.4-mini"
    planner_max_tokens: int = Field(default=4000, ge=256)  # also what the budget reserves
    # Lyrics: whisper-1 is the only OpenAI speech model that answers word and segment times.
    transcribe_model: str = "whisper-1"


class ReplicateSettings(_Group):
    """MusicGen by version (a community model), Flux by name (an official model)."""

    model_config = SettingsConfigDict(env_prefix="REPLICATE_")

    api_token: SecretStr = SecretStr("")
    base_url: str = "https://api.replicate.com"
    music_model: str = "meta/musicgen"
    music_version: str = "671ac645ce5e552cc63a54a2bbff63fcf798043055d2dac5fc9e36a837eedcfb"
    music_variant: str = "stereo-large"  # MusicGen's own `model_version` input
    music_max_seconds: int = Field(default=30, ge=5)  # longest piece one prediction makes
    music_crossfade_seconds: float = Field(default=2.0, ge=0)  # overlap between pieces
    music_parallel: int = Field(default=4, ge=1, le=16)  # pieces generated at once
    image_model: str = "black-forest-labs/flux-schnell"
    image_version: str = ""  # empty = run the official model by name
    # Lyrics: WhisperX (community model, so by version) with word alignment.
    transcribe_model: str = "victor-upmeet/whisperx"
    transcribe_version: str = "84d2ad2d6194fe98a17d2b60bef1c7f910c46b2f6fd38996ca457afd9c8abfcb"
    transcribe_batch_size: int = Field(default=64, ge=1, le=256)
    # Image to video (the clip role), official models run by name. Wan makes 81-121 frames
    # played at a chosen rate (no duration input); Seedance takes whole seconds (2-12).
    video_model: Literal["wan-video/wan-2.2-i2v-fast", "bytedance/seedance-1-lite"] = (
        "wan-video/wan-2.2-i2v-fast"
    )
    video_resolution: Literal["480p", "720p", "1080p"] = "720p"  # 1080p: Seedance only
    # Wan's playback rates to pick from: the lowest keeps the model's own motion speed; a higher
    # one shortens a clip towards a short slot so its end frame is not trimmed away.
    video_fps_min: int = Field(default=16, ge=5, le=30)
    video_fps_max: int = Field(default=24, ge=5, le=30)
    video_interpolate: bool = False  # Wan's interpolate_output (smoother, priced higher)
    video_poll_seconds: float = Field(default=4.0, gt=0)  # video takes 30-120 s: no need to ask often
    video_max_bytes: int = Field(default=200_000_000, ge=1_000_000)  # one downloaded clip
    video_upload: Literal["file", "data"] = "file"  # the still as a /v1/files upload or a data: URI

    @model_validator(mode="after")
    def _video_choices(self) -> "ReplicateSettings":
        if self.video_model.startswith("wan-video/") and self.video_resolution == "1080p":
            raise ValueError(
                "REPLICATE_VIDEO_RESOLUTION=1080p needs bytedance/seedance-1-lite; Wan makes 480p or 720p"
            )
        if self.video_fps_min > self.video_fps_max:
            raise ValueError("REPLICATE_VIDEO_FPS_MIN must not exceed REPLICATE_VIDEO_FPS_MAX")
        return self


class UsageSettings(_Group):
    """What paid calls cost and how much may be spent."""

    # Estimated USD per unit, keyed "provider:model", else "provider:role" as the fallback.
    # Units: Mubert = a track; images = an image; Replicate music = a second of audio;
    # OpenAI text models = 1000 tokens; transcription = a minute of audio sent.
    # A model with no price is refused (the guard can't cost it).
    prices: dict[str, float] = Field(
        default={
            "mubert:music": 0.098,  # Trial plan: $49 / 500 tracks a month
            "openai:gpt-image-2": 0.06,
            "openai:dall-e-3": 0.08,  # 1792x1024 standard
            "openai:image": 0.25,  # any other image model: priced high, to be safe
            "openai:gpt-5.4-mini": 0.002,
            "openai:planner": 0.02,
            "replicate:meta/musicgen": 0.0023,
            "replicate:music": 0.005,
            "replicate:black-forest-labs/flux-schnell": 0.003,
            "replicate:image": 0.05,
            # Image to video. Wan is priced per clip by resolution (and interpolation), Seedance
            # per second of video; the lookup tries "model@variant" first, then the model alone
            # (set to the dearest variant, so an unlisted one is never under-costed).
            "replicate:wan-video/wan-2.2-i2v-fast@480p": 0.05,
            "replicate:wan-video/wan-2.2-i2v-fast@480p+interpolate": 0.065,
            "replicate:wan-video/wan-2.2-i2v-fast@720p": 0.11,
            "replicate:wan-video/wan-2.2-i2v-fast@720p+interpolate": 0.145,
            "replicate:wan-video/wan-2.2-i2v-fast": 0.145,
            "replicate:bytedance/seedance-1-lite@480p": 0.018,
            "replicate:bytedance/seedance-1-lite@720p": 0.036,
            "replicate:bytedance/seedance-1-lite@1080p": 0.072,
            "replicate:bytedance/seedance-1-lite": 0.072,
            # Transcription is priced per minute of audio sent.
            "openai:whisper-1": 0.006,
            "openai:transcription": 0.006,
            "replicate:victor-upmeet/whisperx": 0.01,  # GPU time, estimated high for a minute of song
            "replicate:transcription": 0.02,
        },
        validation_alias=_env("PROVIDER_PRICES"),
    )
    job_budget_usd: float = Field(default=20.0, ge=0)  # refuse work past $20 per job
    monthly_budget_usd: float = Field(default=100.0, ge=0)  # all providers, calendar month (UTC)
    # Video jobs that call a paid clip service, per creator and hour (429 past it).
    paid_video_jobs_per_hour: int = Field(default=5, ge=1)
    # Generations per calendar month in the plan (a Mubert trial allows 500 tracks a month);
    # also Mubert's track quota, with an alert past QUOTA_ALERT_RATIO.
    monthly_generation_quota: int = Field(default=500, ge=1)
    quota_alert_ratio: float = Field(default=0.8, gt=0, le=1)


class YouTubeSettings(_Group):
    model_config = SettingsConfigDict(env_prefix="YOUTUBE_")

    # OAuth client of type "Web application" from the Google Cloud console.
    client_id: str = ""
    client_secret: str = ""
    # Must be registered on that client exactly; empty = PUBLIC_BASE_URL + /api/auth/youtube/callback.
    redirect_uri: str = ""
    # Fernet key for the channel's tokens (and upload session URIs) at rest.
    encryption_key: str = Field(default="", validation_alias=_env("ENCRYPTION_KEY"))
    # Google's endpoints; tests point them at a local emulator.
    auth_url: str = "https://accounts.google.com/o/oauth2/auth"
    token_url: str = "https://oauth2.googleapis.com/token"
    revoke_url: str = "https://oauth2.googleapis.com/revoke"
    api_base_url: str = "https://youtube.googleapis.com"
    # Where the callback sends the browser back to (…/settings?youtube=connected).
    dashboard_url: str = "http://localhost:3000"
    chunk_bytes: int = Field(default=8 * 1024 * 1024, ge=256 * 1024)  # multiple of 256 KiB
    http_timeout_seconds: float = Field(default=60.0, gt=0)
    retry_attempts: int = Field(default=5, ge=0)  # per interruption, transient errors only
    retry_backoff_seconds: float = Field(default=2.0, ge=0)  # doubles on each attempt
    token_refresh_margin_seconds: int = Field(default=300, ge=0)  # refresh this long before expiry
    # Units per Pacific-time day for the API project, and what each call costs.
    quota_daily_limit: int = Field(default=10_000, ge=0)
    quota_cost_insert: int = Field(default=1600, ge=0)
    quota_cost_thumbnail: int = Field(default=50, ge=0)
    quota_cost_list: int = Field(default=1, ge=0)
    quota_cost_caption: int = Field(default=400, ge=0)  # captions.insert (lyrics as a caption track)
    # Placeholders: {prompt}, {duration} (e.g. "5 min"), {minutes}, {title}.
    description_template: str = (
        "{prompt}\n\n{duration} of ambient music with original cover art.\n\n"
        "Music and artwork generated with Ambient Studio."
    )
    default_tags: list[str] = ["ambient", "ambient music", "relaxing music"]

    @field_validator("chunk_bytes")
    @classmethod
    def _chunk_alignment(cls, v: int) -> int:
        if v % (256 * 1024):
            raise ValueError("YOUTUBE_CHUNK_BYTES must be a multiple of 262144 (256 KiB), as Google requires")
        return v

    @field_validator("client_secret")
    @classmethod
    def _no_placeholder_secret(cls, v: str) -> str:
        return "" if v in PLACEHOLDERS else v

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


class AdsSettings(_Group):
    """Ads from a brief. The vision chat is a conversation with a language model when
    ADS_CHAT_PROVIDER says so ("planner" follows PLANNER_PROVIDER: one switch turns on every
    OpenAI text role); otherwise the built-in guided questions, which need no key."""

    model_config = SettingsConfigDict(env_prefix="ADS_")

    chat_provider: Literal["planner", "local", "openai"] = "planner"
    chat_model: str = ""  # empty: the planner's model (OPENAI_PLANNER_MODEL)
    chat_max_tokens: int = Field(default=1500, ge=256)  # one answer: a reply and the brief's fields
    chat_history_turns: int = Field(default=12, ge=0)  # earlier turns sent back to the model


class CoreSettings(_Group):
    environment: Literal["development", "test", "production"] = "development"
    database_url: str = "postgresql+psycopg://postgres@127.0.0.1:55432/ambient"

    @field_validator("database_url")
    @classmethod
    def _psycopg_driver(cls, v: str) -> str:
        # Accept the usual postgres:// and postgresql:// forms; we always talk through psycopg 3.
        for prefix in ("postgres://", "postgresql://"):
            if v.startswith(prefix):
                return "postgresql+psycopg://" + v[len(prefix) :]
        return v


GROUPS: dict[str, type[_Group]] = {
    "core": CoreSettings,
    "auth": AuthSettings,
    "web": WebSettings,
    "storage": StorageSettings,
    "songs": SongSettings,
    "providers": ProviderSettings,
    "mubert": MubertSettings,
    "openai": OpenAISettings,
    "replicate": ReplicateSettings,
    "usage": UsageSettings,
    "youtube": YouTubeSettings,
    "ads": AdsSettings,
}


class Settings(BaseModel):
    core: CoreSettings
    auth: AuthSettings
    web: WebSettings
    storage: StorageSettings
    songs: SongSettings
    providers: ProviderSettings
    mubert: MubertSettings
    openai: OpenAISettings
    replicate: ReplicateSettings
    usage: UsageSettings
    youtube: YouTubeSettings
    ads: AdsSettings

    @property
    def environment(self) -> str:
        return self.core.environment

    @property
    def database_url(self) -> str:
        return self.core.database_url


def load_settings(env_file: Path | None) -> Settings:
    """Every group read from the environment, then from `env_file` for what is not set there."""
    return Settings(**{name: group(_env_file=env_file) for name, group in GROUPS.items()})


@lru_cache
def get_settings() -> Settings:
    # Tests are hermetic: a developer's .env (real keys, other URLs) must not leak into them.
    env_file = None if os.environ.get("ENVIRONMENT") == "test" else REPO_ROOT / ".env"
    return load_settings(env_file)
