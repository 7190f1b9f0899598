"""Chooses the provider for each role from settings. Real providers check their keys when
they are built, so a missing key fails before any work starts, naming the variable to set."""

from app.config import get_settings
from app.providers.base import ImageProvider, MusicProvider
from app.providers.planning import PlannerProvider


def music_provider() -> MusicProvider:
    name = get_settings().providers.music
    if name == "local":
        from app.providers.local.synth import LocalMusicProvider

        return LocalMusicProvider()
    # --- Providers (issue 7) ---
    if name == "mubert":
        from app.providers.mubert import MubertProvider

        return MubertProvider()
    if name == "replicate":
        from app.providers.replicate import ReplicateMusicProvider

        return ReplicateMusicProvider()
    raise ValueError(f"unknown music provider {name!r}")


def image_provider() -> ImageProvider:
    name = get_settings().providers.image
    if name == "local":
        from app.providers.local.art import LocalImageProvider

        return LocalImageProvider()
    # --- Providers (issue 7) ---
    if name == "openai":
        from app.providers.openai_images import OpenAIImageProvider

        return OpenAIImageProvider()
    if name == "replicate":
        from app.providers.replicate import ReplicateImageProvider

        return ReplicateImageProvider()
    raise ValueError(f"unknown image provider {name!r}")


def planner_provider() -> PlannerProvider:
    name = get_settings().providers.planner
    if name == "openai":
        from app.providers.openai_planner import OpenAIPlanner

        return OpenAIPlanner()
    # The rule-based local planner arrives with the music-video pipeline (architecture.md).
    raise LookupError(f"the {name!r} planner is not built yet; set PLANNER_PROVIDER=openai")


def role_status() -> dict[str, bool]:
    """Whether each role's chosen provider can work (local always can; real ones need keys).
    For /api/health: it names no key and reveals none."""
    settings = get_settings()
    keys = {
        "mubert": (settings.mubert.pat,) if settings.mubert.api == "v2"
        else (settings.mubert.customer_id, settings.mubert.access_token),
        "openai": (settings.openai.api_key,),
        "replicate": (settings.replicate.api_token,),
    }
    chosen = {"music": settings.providers.music, "image": settings.providers.image, "planner": settings.providers.planner}
    return {
        role: all(k.get_secret_value().strip() for k in keys[name]) if name in keys else name == "local"
        for role, name in chosen.items()
    }
