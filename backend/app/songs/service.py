"""Songs as the creator sees them: an upload checked by decoding and kept once per content, a
song made from a generated track, lookup, and deletion with the file."""

import hashlib
import os
import re
import shutil
import uuid
from pathlib import Path
from typing import BinaryIO

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app import storage
from app.auth.models import User
from app.config import get_settings
from app.errors import BadRequest, Conflict, NotFound, PayloadTooLarge
from app.jobs import queries
from app.jobs.models import Job
from app.jobs.schemas import JobPublic
from app.media.inspect import AudioFacts, NotUsableAudio, inspect_audio
from app.songs.models import Song, SongStatus
from app.songs.schemas import SongPublic
from app.tracks.models import Track, TrackStatus

CHUNK = 1 << 20
TITLE_MAX = 200
USABLE_TRACK = (
    TrackStatus.GENERATED,
    TrackStatus.RENDERING,
    TrackStatus.RENDERED,
    TrackStatus.UPLOADING,
    TrackStatus.UPLOADED,
)


def to_public(song: Song, job: Job | None = None) -> SongPublic:
    return SongPublic.model_validate(
        {
            **{
                c: getattr(song, c)
                for c in (
                    "id",
                    "title",
                    "format",
                    "codec",
                    "duration",
                    "sample_rate",
                    "channels",
                    "bytes",
                    "source",
                    "track_id",
                    "status",
                    "created_at",
                )
            },
            "audio_url": storage.signed_url(song.path),
            "job": JobPublic.model_validate(job, from_attributes=True) if job is not None else None,
        }
    )


def public(db: Session, song: Song) -> SongPublic:
    job = queries.latest(db, "song", song.id)
    db.refresh(song)
    return to_public(song, job)


def get_song(db: Session, *, user: User, song_id: uuid.UUID) -> Song:
    song = db.get(Song, song_id, populate_existing=True)
    if song is None or song.user_id != user.id:
        raise NotFound("Song not found")
    return song


def list_songs(db: Session, *, user: User) -> list[SongPublic]:
    songs = list(db.scalars(select(Song).where(Song.user_id == user.id).order_by(Song.created_at.desc())))
    jobs = queries.latest_of(db, "song", [s.id for s in songs])
    return [to_public(s, jobs.get(s.id)) for s in songs]


def upload(
    db: Session, *, user: User, source: BinaryIO, filename: str | None, title: str | None
) -> tuple[Song, bool]:
    """Copy the upload into scratch in chunks (hashing and counting as it goes), check it by
    decoding, and keep it — or return the song these exact bytes already are. True when new."""
    limit = get_settings().songs.max_bytes
    with storage.workdir(prefix="upload-") as work:
        dest = work / "song"
        digest, size = hashlib.sha256(), 0
        with open(dest, "wb") as out:
            while chunk := source.read(CHUNK):
                size += len(chunk)
                if size > limit:
                    raise PayloadTooLarge(f"file: larger than the {limit // 1_000_000} MB a song may be")
                digest.update(chunk)
                out.write(chunk)
        if size == 0:
            raise BadRequest("file: the file is empty", error_code="NOT_AUDIO")
        content_hash = digest.hexdigest()
        existing = _by_hash(db, user=user, content_hash=content_hash)
        if existing is not None:
            return existing, False
        facts = _check(dest)
        return _keep(
            db,
            user=user,
            src=dest,
            facts=facts,
            content_hash=content_hash,
            size=size,
            title=_title(title, filename),
            source="upload",
            track_id=None,
        )


def from_track(db: Session, *, user: User, track_id: uuid.UUID) -> tuple[Song, bool]:
    track = db.get(Track, track_id)
    if track is None or track.user_id != user.id:
        raise NotFound("Track not found")
    if track.status not in USABLE_TRACK or not track.music_path:
        raise Conflict(f"Only a generated track can become a song; this one is {track.status}")
    music = storage.absolute(track.music_path)
    content_hash = _hash_file(music)
    existing = _by_hash(db, user=user, content_hash=content_hash)
    if existing is not None:
        return existing, False
    with storage.workdir(prefix="upload-") as work:
        copy = work / "song"
        shutil.copyfile(music, copy)
        facts = _check(copy)
        return _keep(
            db,
            user=user,
            src=copy,
            facts=facts,
            content_hash=content_hash,
            size=copy.stat().st_size,
            title=_title(track.prompt, None),
            source="track",
            track_id=track.id,
        )


def delete_song(db: Session, *, user: User, song_id: uuid.UUID) -> None:
    song = get_song(db, user=user, song_id=song_id)
    if song.status == SongStatus.ANALYSING:
        raise Conflict("The song is being analysed; wait for it to finish before deleting it")
    queries.delete_for(db, "song", song.id)
    try:
        db.execute(delete(Song).where(Song.id == song.id))
        db.commit()
    except IntegrityError:  # a video refers to it (videos build on songs, so the database says so)
        db.rollback()
        raise Conflict("A music video uses this song; delete the video first") from None
    storage.delete(song.path)


def _check(path: Path) -> AudioFacts:
    try:
        facts = inspect_audio(path)
    except NotUsableAudio as exc:
        raise BadRequest(f"file: {exc}", error_code="NOT_AUDIO") from None
    longest = get_settings().songs.max_seconds
    if facts.duration > longest:
        raise BadRequest(
            f"file: the song is {facts.duration / 60:.1f} min long; songs may be at most "
            f"{longest / 60:.0f} min",
            error_code="SONG_TOO_LONG",
        )
    return facts


def _keep(
    db: Session,
    *,
    user: User,
    src: Path,
    facts: AudioFacts,
    content_hash: str,
    size: int,
    title: str,
    source: str,
    track_id: uuid.UUID | None,
) -> tuple[Song, bool]:
    song_id = uuid.uuid4()
    rel = storage.relative_path("uploads", song_id, facts.format)
    storage.require_free_space(size + 20_000_000)
    storage.commit(src, rel)
    song = Song(
        id=song_id,
        user_id=user.id,
        title=title,
        content_hash=content_hash,
        path=rel,
        format=facts.format,
        codec=facts.codec,
        duration=facts.duration,
        sample_rate=facts.sample_rate,
        channels=facts.channels,
        bytes=size,
        source=source,
        track_id=track_id,
        status=SongStatus.UPLOADED,
    )
    db.add(song)
    try:
        db.commit()
    except IntegrityError:  # the same bytes, uploaded at the same moment by another request
        db.rollback()
        storage.delete(rel)
        winner = _by_hash(db, user=user, content_hash=content_hash)
        if winner is None:
            raise
        return winner, False
    except BaseException:
        storage.delete(rel)
        raise
    return song, True


def _by_hash(db: Session, *, user: User, content_hash: str) -> Song | None:
    return db.scalar(select(Song).where(Song.user_id == user.id, Song.content_hash == content_hash))


def _hash_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _title(title: str | None, filename: str | None) -> str:
    """The creator's title, else the file's name without its extension, else "Untitled song"."""
    text = (title or "").strip() or os.path.splitext(os.path.basename(filename or ""))[0].replace("_", " ")
    text = re.sub(r"[\x00-\x1f\x7f]", " ", text).strip()
    return (" ".join(text.split()) or "Untitled song")[:TITLE_MAX]
