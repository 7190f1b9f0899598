"""A song's lyrics: transcribed by the chosen provider as the last stage of the analysis job,
kept per content + provider + model (so asking again with the same provider is free, and
changing the audio analyser does not throw lyrics away), and read back for the analysis and
the clip plan.

Lyrics are an extra: when transcription fails (the service refuses, the budget stops it, the
key is missing) the song keeps its beats and sections, the analysis carries a warning saying
why, and analysing again tries only the lyrics."""

import logging
import time
from dataclasses import dataclass
from typing import Any

from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from app import storage
from app.config import get_settings
from app.core.errors import MediaError, ProviderError
from app.errors import AppError
from app.jobs.context import StepContext
from app.providers import registry
from app.songs.models import Song, SongLyrics

log = logging.getLogger("app.songs")
STAGE = "transcribing the lyrics"
WARNING_MAX = 500


@dataclass(frozen=True)
class LyricsState:
    status: str  # not_configured | transcribed | instrumental | failed | not_transcribed
    lyrics: dict[str, Any] | None  # {"language", "provider", "model", "segments"}; None without sung lines
    warning: str | None


def chosen() -> tuple[str, str] | None:
    """(provider, model) of the configured transcription, read from settings only; None when
    no provider is chosen. A Replicate model's key includes its version: another version may
    hear differently."""
    settings = get_settings()
    provider = settings.providers.transcription
    if provider == "openai":
        return provider, settings.openai.transcribe_model
    if provider == "replicate":
        r = settings.replicate
        return provider, f"{r.transcribe_model}:{r.transcribe_version[:12]}"
    return None


def cached(db: Session, song: Song) -> SongLyrics | None:
    key = chosen()
    return None if key is None else db.get(SongLyrics, (song.content_hash, *key))


def needed(db: Session, song: Song) -> bool:
    return chosen() is not None and cached(db, song) is None


def transcribe(ctx: StepContext, song: Song) -> None:
    """The job's lyrics stage. Never raises for the service's or the budget's reasons: those
    become the song's warning and the job goes on to succeed with the audio analysis."""
    key = chosen()
    if key is None or cached(ctx.db, song) is not None:
        song.lyrics_warning = None
        return
    ctx.progress.update(STAGE, ctx.progress.fraction)
    started = time.monotonic()
    try:
        provider = registry.transcription_provider()
        if provider is None:
            return
        with ctx.workdir() as work:
            found = provider.transcribe(
                audio=storage.absolute(song.path),
                duration=song.duration,
                workdir=work,
                progress=ctx.progress.reporter(STAGE, start=ctx.progress.fraction, end=1.0),
            )
    except (ProviderError, AppError, MediaError) as exc:
        label = getattr(exc, "provider", None)
        reason = f"{label} {exc}" if label and not str(exc).startswith(label) else str(exc)
        warning = f"lyrics: {reason}; the beats and sections are kept. Analyse again to retry the lyrics."
        song.lyrics_warning = warning[:WARNING_MAX]
        log.warning("lyrics of song %s: %s", song.id, reason)
        ctx.progress.message(song.lyrics_warning)
        return
    ctx.db.execute(
        insert(SongLyrics)
        .values(
            content_hash=song.content_hash,
            provider=key[0],
            model=key[1],
            data=found.to_dict(),
            seconds=round(time.monotonic() - started, 3),
        )
        .on_conflict_do_nothing()
    )
    song.lyrics_warning = None


def state(db: Session, song: Song) -> LyricsState:
    if chosen() is None:
        return LyricsState("not_configured", None, None)
    row = cached(db, song)
    if row is None:
        if song.lyrics_warning:
            return LyricsState("failed", None, song.lyrics_warning)
        return LyricsState("not_transcribed", None, None)  # chosen after this song was analysed
    if not row.data.get("segments"):
        return LyricsState("instrumental", None, None)
    return LyricsState("transcribed", row.data, None)


def lines(db: Session, song: Song) -> list[tuple[float, float, str]]:
    """(start, end, text) of every sung line, in order: what the clip plan shares out."""
    found = state(db, song).lyrics
    if found is None:
        return []
    return sorted((float(s["start"]), float(s["end"]), str(s["text"])) for s in found["segments"])
