"""Which provider plays each role: a table of role → name → how to build it and which keys it
needs. The role's setting (MUSIC_PROVIDER, IMAGE_PROVIDER, PLANNER_PROVIDER) picks the row.
Real providers check their keys when they are built, so a missing key fails before any work
starts, naming the variable to set; modules are imported only when their provider is used."""

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import SecretStr

from app.config import Settings, get_settings
from app.providers.base import ImageProvider, MusicProvider
from app.providers.clips import ClipProvider
from app.providers.planning import PlannerProvider
from app.providers.transcription import TranscriptionProvider


@dataclass(frozen=True)
class Entry:
    target: str  # "module:Class", imported when first built
    keys: Callable[[Settings], tuple[SecretStr, ...]] = lambda _: ()

    def build(self) -> Any:
        module, _, name = self.target.partition(":")
        return getattr(importlib.import_module(module), name)()


def _mubert_keys(s: Settings) -> tuple[SecretStr, ...]:
    return (s.mubert.pat,) if s.mubert.api == "v2" else (s.mubert.customer_id, s.mubert.access_token)


def _openai_keys(s: Settings) -> tuple[SecretStr, ...]:
    return (s.openai.api_key,)


def _replicate_keys(s: Settings) -> tuple[SecretStr, ...]:
    return (s.replicate.api_token,)


PROVIDERS: dict[str, dict[str, Entry]] = {
    "music": {
        "local": Entry("app.providers.local.synth:LocalMusicProvider"),
        "mubert": Entry("app.providers.mubert:MubertProvider", _mubert_keys),
        "replicate": Entry("app.providers.replicate:ReplicateMusicProvider", _replicate_keys),
    },
    "image": {
        "local": Entry("app.providers.local.art:LocalImageProvider"),
        "openai": Entry("app.providers.openai_images:OpenAIImageProvider", _openai_keys),
        "replicate": Entry("app.providers.replicate:ReplicateImageProvider", _replicate_keys),
    },
    "planner": {
        "local": Entry("app.providers.local.planner:LocalPlanner"),
        "openai": Entry("app.providers.openai_planner:OpenAIPlanner", _openai_keys),
    },
    # Lyrics; TRANSCRIPTION_PROVIDER=none (the default) has no row: songs read as instrumental.
    "transcription": {
        "openai": Entry("app.providers.openai_transcribe:OpenAITranscriber", _openai_keys),
        "replicate": Entry("app.providers.replicate_transcribe:ReplicateTranscriber", _replicate_keys),
    },
    # Clips: "local" is a marker (composition animates the still itself); the others make files.
    "clip": {
        "local": Entry("app.providers.clips:LocalClipMarker"),
        "replicate": Entry("app.providers.replicate_video:ReplicateClipProvider", _replicate_keys),
    },
}


def chosen() -> dict[str, str]:
    providers = get_settings().providers
    return {
        "music": providers.music,
        "image": providers.image,
        "planner": providers.planner,
        "clip": providers.clip,
    }


def build(role: str) -> Any:
    name = chosen()[role]
    entry = PROVIDERS[role].get(name)
    if entry is None:
        raise LookupError(f"no {name!r} provider can play the {role} role yet")
    return entry.build()


def music_provider() -> MusicProvider:
    provider: MusicProvider = build("music")
    return provider


def image_provider() -> ImageProvider:
    provider: ImageProvider = build("image")
    return provider


def planner_provider() -> PlannerProvider:
    provider: PlannerProvider = build("planner")
    return provider


def transcription_provider() -> TranscriptionProvider | None:
    """The chosen transcription provider, or None when none is chosen. Kept out of `chosen()`
    so that a studio without lyrics is not reported as missing a role."""
    name = get_settings().providers.transcription
    entry = PROVIDERS["transcription"].get(name)
    if entry is None:
        return None
    provider: TranscriptionProvider = entry.build()
    return provider


def clip_provider() -> ClipProvider:
    """The chosen clip provider (CLIP_PROVIDER). Kept out of `chosen()` for now, so that the
    health report's roles stay as they are until the video pipeline reports its own."""
    entry = PROVIDERS["clip"][get_settings().providers.clip]
    provider: ClipProvider = entry.build()
    return provider


def role_status() -> dict[str, bool]:
    """Whether each role's chosen provider can work: it exists, and its keys are set. Reads
    settings only — it builds nothing and calls no one. For /api/health: names no key and
    reveals none."""
    settings = get_settings()
    status = {}
    for role, name in chosen().items():
        entry = PROVIDERS[role].get(name)
        status[role] = entry is not None and all(k.get_secret_value().strip() for k in entry.keys(settings))
    return status
