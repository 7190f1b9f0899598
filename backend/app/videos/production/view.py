"""A video as the dashboard reads it: the project (grid, sections, clip plan) plus everything
production added — type, style guide, scenes with their stills, clip states, the output, the
share link, what was regenerated and what it cost."""

from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app import storage
from app.errors import Conflict
from app.jobs.models import Job
from app.providers.video_types import suggest_video_type
from app.songs import lyrics as song_lyrics
from app.songs.models import Song
from app.videos import service
from app.videos.models import Video
from app.videos.production import share
from app.videos.production.schemas import (
    Output,
    ProductionClip,
    ProductionVideo,
    Regenerations,
    ScenePublic,
    VideoType_,
)
from app.videos.production.state import SUBJECT, clips_of, scenes_of


def public(db: Session, video: Video) -> ProductionVideo:
    base = service.public(db, video)
    clips = clips_of(db, video)
    done = video.regenerated or {}
    by_index = {c.index: c for c in clips}
    production_clips = [
        ProductionClip(
            **c.model_dump(),
            scene_index=by_index[c.index].scene_index,
            status=by_index[c.index].status,
            provider=by_index[c.index].provider,
            error=by_index[c.index].error,
            regenerated=c.index in done.get("clips", []) or c.section_index in done.get("sections", []),
        )
        for c in base.clips
    ]
    scenes = [
        ScenePublic(
            index=s.index,
            section_index=int(s.data.get("section_index", 0)),
            prompt=str(s.data.get("prompt", "")),
            framing=str(s.data.get("framing", "")),
            motion=str(s.data.get("motion", "")),
            intensity=float(s.data.get("intensity", 0.0)),
            palette=list(s.data.get("palette", [])),
            lighting=str(s.data.get("lighting", "")),
            transition=str(s.data.get("transition", "cut")),
            transition_seconds=float(s.data.get("transition_seconds", 0.0)),
            seed=s.seed,
            provider=s.provider,
            approved=s.approved,
            still_url=storage.signed_url(s.still_path),
            clip_indices=[c.index for c in clips if c.scene_index == s.index],
        )
        for s in scenes_of(db, video)
    ]
    output = None
    if video.output_path:
        title = db.get_one(Song, video.song_id).title
        output = Output(
            url=storage.signed_url(video.output_path) or "",
            download_url=f"{storage.signed_url(video.output_path)}&download={title[:80]}",
            bytes=video.output_bytes,
            duration=video.output_duration,
        )
    return ProductionVideo(
        **base.model_dump(exclude={"clips"}),
        clips=production_clips,
        video_type=video.video_type,
        suggested_type=_suggestion(db, video),
        style=video.style,
        warnings=list(video.warnings or []),
        options=dict(video.options or {}),
        scenes=scenes,
        output=output,
        share_path=share.path(video),
        regenerated=Regenerations(clips=done.get("clips", []), sections=done.get("sections", [])),
        cost_usd=float(_cost(db, video)),
    )


def _suggestion(db: Session, video: Video) -> VideoType_ | None:
    try:
        found = service.analysis_of(db, video)
    except Conflict:  # the analysis is gone: no suggestion, nothing else lost
        return None
    has_lyrics = bool(song_lyrics.lines(db, db.get_one(Song, video.song_id)))
    suggestion = suggest_video_type(found, has_lyrics, video.prompt)
    return VideoType_(type=suggestion.video_type, reasons=suggestion.reasons)


def _cost(db: Session, video: Video) -> Decimal:
    spent = db.scalar(
        select(func.coalesce(func.sum(Job.cost_usd), 0)).where(
            Job.subject_type == SUBJECT, Job.subject_id == video.id
        )
    )
    return Decimal(spent or 0)
