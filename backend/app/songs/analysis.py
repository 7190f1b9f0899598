"""The analyse step: a song's audio → tempo, beats, downbeats, sections, energy, key, mood,
loudness — stored once per content and analyser version, so analysing the same audio again
(the same song, another upload of it, a retry) is instant — then its lyrics when a
transcription provider is chosen (kept by content, provider and model: see lyrics.py)."""

import time
import uuid

from sqlalchemy import update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from app import analysis, storage
from app.errors import AppError, Conflict, NotFound
from app.jobs import registry, runner
from app.jobs.context import StepContext
from app.media.inspect import NotUsableAudio
from app.songs import lyrics
from app.songs.models import Song, SongAnalysis, SongStatus
from app.songs.schemas import AnalysisPublic, LyricsPublic

ANALYSE = "song.analyse"
MUSIC_SHARE = 0.8  # of the progress bar when lyrics follow: transcription is one long request


def cached(db: Session, song: Song) -> SongAnalysis | None:
    return db.get(SongAnalysis, (song.content_hash, analysis.ANALYSER_VERSION))


def start(db: Session, *, song: Song) -> Song:
    """Analyse the song (inline), or take the stored analysis (and lyrics) of the same audio
    at once."""
    if song.status == SongStatus.ANALYSING:
        raise Conflict("This song is already being analysed")
    if cached(db, song) is not None and not lyrics.needed(db, song):
        song.status = SongStatus.ANALYSED
        db.commit()
        return song
    runner.run(db, ANALYSE, song)
    return song


def result(db: Session, *, song: Song) -> AnalysisPublic:
    row = cached(db, song)
    if row is None:
        raise NotFound("This song has not been analysed yet: POST /api/songs/{id}/analyze")
    sung = lyrics.state(db, song)
    return AnalysisPublic(
        song_id=song.id,
        version=row.version,
        seconds=row.seconds,
        unsure=analysis.unsure(row.data),
        analysis=row.data,
        lyrics=LyricsPublic.model_validate(sung.lyrics) if sung.lyrics is not None else None,
        lyrics_status=sung.status,
        warnings=[sung.warning] if sung.warning else [],
    )


def _work(ctx: StepContext) -> None:
    song: Song = ctx.subject
    if cached(ctx.db, song) is None:
        _analyse_music(ctx, song, end=MUSIC_SHARE if lyrics.needed(ctx.db, song) else 1.0)
        # Kept before the lyrics are asked for: a long transcription that fails, or a process
        # that dies meanwhile, must not cost the beats.
        ctx.db.commit()
    lyrics.transcribe(ctx, song)
    song.status = SongStatus.ANALYSED


def _analyse_music(ctx: StepContext, song: Song, *, end: float) -> None:
    started = time.monotonic()
    ctx.progress.update("analysing the music", 0.0)
    found = analysis.analyse(
        storage.absolute(song.path), progress=ctx.progress.reporter("analysing the music", end=end)
    )
    ctx.db.execute(
        insert(SongAnalysis)
        .values(
            content_hash=song.content_hash,
            version=found.version,
            data=found.to_dict(),
            seconds=round(time.monotonic() - started, 3),
        )
        .on_conflict_do_nothing()
    )


def _begin(db: Session, song: Song) -> None:
    _claim(db, song, expected=(SongStatus.UPLOADED, SongStatus.ANALYSED, SongStatus.FAILED))


def _retry(db: Session, song: Song) -> None:
    _claim(db, song, expected=(SongStatus.FAILED,))


def _claim(db: Session, song: Song, *, expected: tuple[SongStatus, ...]) -> None:
    claimed = db.execute(
        update(Song)
        .where(Song.id == song.id, Song.status.in_(expected))
        .values(status=SongStatus.ANALYSING)
        .returning(Song.id)
    ).first()
    if claimed is None:
        raise Conflict("This song is already being analysed")


def _failed(db: Session, song: Song, _: BaseException) -> AppError | None:
    song.status = SongStatus.FAILED
    return None


def _load(db: Session, song_id: uuid.UUID) -> Song | None:
    return db.get(Song, song_id, populate_existing=True)


registry.register(
    registry.Step(
        name=ANALYSE,
        kind="analyse",
        subject_type="song",
        load=_load,
        work=_work,
        begin=_begin,
        on_failure=_failed,
        retry=_retry,
        first_stage="analysing the music",
        permanent=(NotUsableAudio,),
    )
)
