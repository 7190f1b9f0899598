"""The ad-video step: music (the brief's library song, or music made for the exact duration by
the music role and kept as a song with its analysis), the ad plan (its scene boundaries on the
beat), and a planned `kind="ad"` video with one clip, one section and one scene per shot —
so the video pipeline's storyboard paints the stills without planning again, and its render,
review and publishing work as for a music video.

Whatever is made is kept as it is made (the music song, then the video): a brief whose step is
run again, or whose page is reopened, goes on from there instead of paying twice."""

import secrets
import uuid
from types import SimpleNamespace
from typing import Any

from sqlalchemy.orm import Session

from app.ads import adplan
from app.ads.models import Brief
from app.ads.plan_openai import plan_ad
from app.ads.service import SUBJECT
from app.analysis import ANALYSER_VERSION
from app.auth.models import User
from app.errors import Conflict
from app.jobs import registry, runner
from app.jobs.context import StepContext
from app.providers import registry as providers
from app.songs import analysis as song_analysis
from app.songs import service as songs
from app.songs.models import Song, SongStatus
from app.usage import budget
from app.videos import timeline as tl
from app.videos.models import Clip, Scene, Video, VideoStatus

MAKE_VIDEO = "brief.video"
SCENE_FIELDS = tuple(adplan.Scene.model_fields)  # the planner's scene: what the storyboard reads
LENGTH_SLACK = 0.05  # a library song this much shorter than the ad still covers it (mp3 padding)


def start(db: Session, brief: Brief) -> Brief:
    """Make the video, unless the brief already has it (then nothing is redone)."""
    if brief.video_id is not None and db.get(Video, brief.video_id) is not None:
        return brief
    runner.run(db, MAKE_VIDEO, brief)
    return brief


def music_prompt(brief: Brief) -> str:
    tone = ", ".join(brief.tone) or "uplifting"
    return f"{tone} background music for an ad about {brief.product}"[:300]


def _music(ctx: StepContext, brief: Brief) -> Song:
    db = ctx.db
    if brief.song_id is not None:
        song = db.get_one(Song, brief.song_id)
        if song.duration + LENGTH_SLACK < (brief.duration or 0):
            raise Conflict(
                f"The song lasts {song.duration:.1f} s, shorter than the {brief.duration} s ad: "
                "pick a longer song, a shorter ad, or no song (music is then made for the ad)"
            )
        return song
    kept = db.get(Song, brief.music_song_id) if brief.music_song_id is not None else None
    if kept is not None:
        return kept
    duration = int(brief.duration or 30)
    provider = providers.music_provider()
    planned = getattr(provider, "planned_calls", None)
    if planned is not None:
        budget.check_job(job_id=ctx.job.id, planned=planned(duration=duration))
    user = db.get_one(User, brief.user_id)
    with ctx.workdir() as workdir:
        made = provider.generate(
            prompt=music_prompt(brief),
            duration=duration,
            seed=secrets.randbelow(2**31),
            workdir=workdir,
            progress=ctx.progress.reporter("making the music", end=0.4),
        )
        with open(made.mp3_path, "rb") as fh:
            song, _ = songs.upload(
                db, user=user, source=fh, filename="ad-music.mp3", title=f"{brief.product} (ad music)"
            )
    brief.music_song_id = song.id
    db.commit()
    return song


def _analysed(ctx: StepContext, song: Song) -> dict[str, Any]:
    ctx.progress.update("analysing the music", 0.4)
    if song.status != SongStatus.ANALYSED or song_analysis.cached(ctx.db, song) is None:
        song_analysis.start(ctx.db, song=song)
    row = song_analysis.cached(ctx.db, song)
    if row is None:
        raise Conflict("The music could not be analysed")
    return row.data


def grid_for(found: dict[str, Any], duration: float) -> dict[str, Any]:
    """The analysis's grid cut to the ad's length (a library song may run on past it)."""
    grid = tl.grid_from_analysis(SimpleNamespace(**found))  # type: ignore[arg-type]
    beats = [b for b in grid.beats if b <= duration]
    return {
        "beats": beats,
        "downbeats": [d for d in grid.downbeats if d <= duration],
        "beats_per_bar": grid.beats_per_bar,
        "duration": float(duration),
    }


def request_for(brief: Brief, found: dict[str, Any]) -> adplan.AdPlanRequest:
    direction = brief.moodboards[brief.chosen or 0]
    return adplan.AdPlanRequest(
        product=brief.product,
        audience=brief.audience,
        tone=list(brief.tone),
        style_keywords=list(brief.style_keywords),
        key_messages=list(brief.key_messages),
        call_to_action=brief.call_to_action,
        duration=int(brief.duration or 30),
        aspect=brief.aspect or "16:9",
        style=direction["guide"],
        tempo=found.get("tempo"),
    )


def _work(ctx: StepContext) -> None:
    db, brief = ctx.db, ctx.subject
    song = _music(ctx, brief)
    found = _analysed(ctx, song)
    db.refresh(brief)
    ctx.progress.update("planning the scenes", 0.7)
    request = request_for(brief, found)
    plan, warnings = plan_ad(request)
    for warning in warnings:
        ctx.progress.message(warning)
    grid = grid_for(found, request.duration)
    inner = [b for b in grid["beats"] if 0 < b < request.duration]
    plan = adplan.with_edges(plan, adplan.snap_to_beats(adplan.boundaries_ms(plan), inner))
    edges = [e / 1000 for e in adplan.boundaries_ms(plan)]
    energy = tl.EnergyCurve(tuple(found.get("beats", [])), tuple(found.get("energy", [])))
    direction = brief.moodboards[brief.chosen or 0]
    video = Video(
        id=uuid.uuid4(),
        user_id=brief.user_id,
        song_id=song.id,
        kind="ad",
        prompt=f"Ad for {brief.product}. " + " ".join(brief.key_messages),
        aspect=request.aspect,
        status=VideoStatus.PLANNED,
        grid=grid,
        sections=[
            {"start": edges[i], "end": edges[i + 1], "label": s.role, "note": ""}
            for i, s in enumerate(plan.scenes)
        ],
        analysis_version=ANALYSER_VERSION,
        seed=int(direction.get("seed", 0)),
        video_type="story",
        style=dict(direction["guide"]) | {"title": plan.title},
        warnings=list(warnings),
        options={
            "title": brief.product,
            "message": brief.key_messages[0] if brief.key_messages else "",
            "cta": brief.call_to_action,
            "brand_color": brief.brand_colors[0] if brief.brand_colors else "",
        },
    )
    db.add(video)
    db.flush()
    for i, scene in enumerate(plan.scenes):
        seed = (video.seed + 7919 * i) % 2**31
        level = energy.mean(edges[i], edges[i + 1]) if found.get("energy") else 0.5
        db.add(
            Clip(
                video_id=video.id,
                index=i,
                start=edges[i],
                end=edges[i + 1],
                section_index=i,
                label=scene.role,
                energy=round(min(1.0, max(0.0, level)), 4),
                scene_index=i,
                seed=seed,
            )
        )
        db.add(Scene(video_id=video.id, index=i, data=scene.model_dump(include=set(SCENE_FIELDS)), seed=seed))
    brief.video_id = video.id
    brief.warnings = list(warnings)
    db.commit()


def _begin(db: Session, brief: Brief) -> None:
    if brief.chosen is None or not 0 <= brief.chosen < len(brief.moodboards):
        raise Conflict("Choose a mood-board direction first (POST /api/briefs/{id}/moodboards/{n}/choose)")
    missing = [
        name for name in ("product", "call_to_action", "duration", "aspect") if not getattr(brief, name)
    ]
    if missing:
        raise Conflict(f"The brief still needs: {', '.join(missing)}")


def _load(db: Session, brief_id: uuid.UUID) -> Brief | None:
    return db.get(Brief, brief_id, populate_existing=True)


registry.register(
    registry.Step(
        name=MAKE_VIDEO,
        kind="ad video",
        subject_type=SUBJECT,
        load=_load,
        work=_work,
        begin=_begin,
        retry=_begin,
        first_stage="making the music",
    )
)
