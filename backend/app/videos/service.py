"""Music-video projects up to the clip plan: made from an analysed song with suggested
sections, the beat grid and sections edited by the creator (every boundary on the grid), and
the clip plan cut from them — redone whenever the sections or the grid change."""

import secrets
import uuid
from types import SimpleNamespace
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.analysis import ANALYSER_VERSION
from app.auth.models import User
from app.errors import Conflict, NotFound, Unprocessable
from app.songs import lyrics as song_lyrics
from app.songs.models import Song, SongAnalysis, SongStatus
from app.songs.service import get_song
from app.videos import timeline as tl
from app.videos.models import Clip, Video, VideoStatus
from app.videos.schemas import (
    ClipPublic,
    GridEdit,
    GridPublic,
    SectionEdit,
    SectionPublic,
    SectionsReplace,
    VideoCreate,
    VideoPublic,
)


def create(db: Session, *, user: User, body: VideoCreate) -> Video:
    song = get_song(db, user=user, song_id=body.song_id)
    found = _analysis(db, song)
    grid = tl.grid_from_analysis(SimpleNamespace(**found))  # type: ignore[arg-type]
    spans = [SimpleNamespace(**s) for s in found["sections"]]
    sections = tl.suggest_sections(grid, spans)
    video = Video(
        id=uuid.uuid4(),
        user_id=user.id,
        song_id=song.id,
        kind="music",
        prompt=body.prompt,
        aspect=body.aspect,
        status=VideoStatus.DRAFT,
        grid=_grid_json(grid),
        sections=[_section_json(s) for s in sections],
        analysis_version=ANALYSER_VERSION,
        seed=secrets.randbelow(2**31),
    )
    db.add(video)
    db.commit()
    return video


def get_video(db: Session, *, user: User, video_id: uuid.UUID) -> Video:
    video = db.get(Video, video_id, populate_existing=True)
    if video is None or video.user_id != user.id:
        raise NotFound("Video not found")
    return video


def list_videos(db: Session, *, user: User) -> list[Video]:
    return list(db.scalars(select(Video).where(Video.user_id == user.id).order_by(Video.created_at.desc())))


def replace_sections(db: Session, *, video: Video, body: SectionsReplace) -> Video:
    grid = grid_of(video)
    wanted = [tl.Section(s.start, s.end, s.label, s.note) for s in body.sections]
    return _store_sections(
        db, video, _rules(lambda: tl.replace_sections(grid, wanted, any_beat=body.any_beat))
    )


def edit_sections(db: Session, *, video: Video, body: SectionEdit) -> Video:
    grid, sections = grid_of(video), sections_of(video)

    def need(value: Any, name: str) -> Any:
        if value is None:
            raise Unprocessable(f"{name}: required for the {body.op} edit", error_code="SECTION_INVALID")
        return value

    def edit() -> tuple[tl.Section, ...]:
        if body.op == "split":
            return tl.split_section(
                grid, sections, need(body.at, "at"), label=body.label, any_beat=body.any_beat
            )
        index = need(body.index, "index")
        if body.op == "merge":
            return tl.merge_sections(grid, sections, index)
        if body.op == "move":
            return tl.move_boundary(grid, sections, index, need(body.at, "at"), any_beat=body.any_beat)
        if body.op == "relabel":
            return tl.relabel_section(grid, sections, index, need(body.label, "label"))
        return tl.set_section_note(grid, sections, index, need(body.note, "note"))

    return _store_sections(db, video, _rules(edit))


def edit_grid(db: Session, *, video: Video, body: GridEdit) -> Video:
    grid = grid_of(video)

    def corrected() -> tl.Grid:
        if body.op == "double":
            return tl.double_tempo(grid)
        if body.op == "halve":
            return tl.halve_tempo(grid)
        if body.op == "shift":
            return tl.shift_downbeats(grid, body.by if body.by is not None else 1)
        if body.op == "offbeat":
            return tl.to_offbeats(grid)
        if body.op == "nudge":
            return tl.nudge(grid, body.ms or 0.0)
        if body.beats_per_bar is None:
            raise Unprocessable("beats_per_bar: required to set the meter", error_code="GRID_INVALID")
        return tl.set_beats_per_bar(grid, body.beats_per_bar, body.first_downbeat)

    new_grid = _rules(corrected)
    sections = _rules(lambda: tl.resnap_sections(new_grid, sections_of(video)))
    video.grid = _grid_json(new_grid)
    return _store_sections(db, video, sections)


def plan(db: Session, *, video: Video) -> Video:
    _replan(db, video)
    video.status = VideoStatus.PLANNED
    db.commit()
    return video


def public(db: Session, video: Video) -> VideoPublic:
    grid = grid_of(video)
    clips = db.scalars(select(Clip).where(Clip.video_id == video.id).order_by(Clip.index))
    return VideoPublic(
        id=video.id,
        song_id=video.song_id,
        kind=video.kind,
        prompt=video.prompt,
        aspect=video.aspect,
        status=VideoStatus(video.status),
        duration=grid.duration,
        grid=GridPublic(
            tempo=round(grid.tempo, 2),
            beats_per_bar=grid.beats_per_bar,
            beats=list(grid.beats),
            downbeats=list(grid.downbeats),
        ),
        sections=[SectionPublic(index=i, **s) for i, s in enumerate(video.sections)],
        clips=[
            ClipPublic(
                index=c.index,
                start=c.start,
                end=c.end,
                duration=round(c.end - c.start, 3),
                section_index=c.section_index,
                section_label=c.label,
                energy=c.energy,
                lyrics=c.lyrics,
            )
            for c in clips
        ],
        created_at=video.created_at,
        updated_at=video.updated_at,
    )


def grid_of(video: Video) -> tl.Grid:
    g = video.grid
    return tl.Grid(tuple(g["beats"]), tuple(g["downbeats"]), int(g["beats_per_bar"]), float(g["duration"]))


def sections_of(video: Video) -> tuple[tl.Section, ...]:
    return tuple(tl.Section(s["start"], s["end"], s["label"], s.get("note", "")) for s in video.sections)


def _store_sections(db: Session, video: Video, sections: tuple[tl.Section, ...]) -> Video:
    video.sections = [_section_json(s) for s in sections]
    if video.status == VideoStatus.PLANNED:
        _replan(db, video)  # a plan always matches the sections it was cut from
    db.commit()
    return video


def _replan(db: Session, video: Video) -> None:
    found = analysis_of(db, video)
    energy = tl.EnergyCurve(tuple(found["beats"]), tuple(found["energy"]))
    lyrics = [tl.LyricLine(*line) for line in song_lyrics.lines(db, db.get_one(Song, video.song_id))]
    clips = _rules(lambda: tl.plan_clips(grid_of(video), sections_of(video), energy, lyrics))
    db.execute(delete(Clip).where(Clip.video_id == video.id))
    db.add_all(
        Clip(
            video_id=video.id,
            index=c.index,
            start=c.start,
            end=c.end,
            section_index=c.section_index,
            label=c.section_label,
            energy=round(c.energy, 4),
            lyrics=[line.text for line in c.lyrics],
        )
        for c in clips
    )


def _analysis(db: Session, song: Song, version: str = ANALYSER_VERSION) -> dict[str, Any]:
    row = db.get(SongAnalysis, (song.content_hash, version))
    if row is None or song.status != SongStatus.ANALYSED:
        raise Conflict("Analyse the song first (POST /api/songs/{id}/analyze)")
    return row.data


def analysis_of(db: Session, video: Video) -> dict[str, Any]:
    """The analysis the video was cut from (a newer analyser does not move its grid)."""
    return _analysis(db, db.get_one(Song, video.song_id), video.analysis_version)


def _rules(edit: Any) -> Any:
    """Run an edit; its rule breaks become 422s that name the section (or the grid's problem)."""
    try:
        return edit()
    except tl.SectionError as exc:
        raise Unprocessable(f"sections: {exc}", error_code="SECTION_INVALID") from exc
    except tl.GridError as exc:
        raise Unprocessable(f"grid: {exc}", error_code="GRID_INVALID") from exc


def _grid_json(grid: tl.Grid) -> dict[str, Any]:
    return {
        "beats": list(grid.beats),
        "downbeats": list(grid.downbeats),
        "beats_per_bar": grid.beats_per_bar,
        "duration": grid.duration,
    }


def _section_json(s: tl.Section) -> dict[str, Any]:
    return {"start": s.start, "end": s.end, "label": s.label, "note": s.note}
