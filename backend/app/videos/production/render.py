"""The render step: clips for every clip of the plan that has none (0–80 % of the job), then
the composition on the song (80–100 %).

Local clips are the animator's choice of motion (the composition draws them); paid clips come
from the clip role, at most five in flight, each call retried on transient errors by the
provider layer. A clip that fails for good is marked failed and its slot shows its still in
local motion, with a warning; the step fails only when fewer than three clips, or fewer than
half, came back. Composition reuses the segments of clips that did not change, so a
regenerated clip costs one clip and a few seconds of encoding."""

import uuid
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import storage
from app.config import get_settings
from app.core.errors import ProviderError
from app.errors import AppError, BudgetExceeded, Conflict, RateLimited
from app.jobs import registry, runner
from app.jobs.context import StepContext
from app.jobs.models import Job
from app.media.compose import Layer, Shot, StillMotion, TextOverlay, Timeline, VideoClip, compose
from app.providers import registry as providers
from app.providers.clips import ClipProvider, ClipRequest
from app.providers.local.animator import animate
from app.providers.planning import ASPECT_SIZES
from app.songs import lyrics as song_lyrics
from app.songs.models import Song
from app.usage import budget
from app.usage.parallel import side_by_side
from app.videos import service
from app.videos.models import Clip, ClipStatus, Scene, Video, VideoStatus
from app.videos.production import files, motion, state
from app.videos.production.state import SUBJECT, cache_dir, clips_of, require_idle, require_status, scenes_of

RENDER = "video.render"
CLIPS_SHARE = 0.8  # seed 001's combined figure: clips 0–80 %, composition 80–100 %
IN_FLIGHT = 5  # paid clips generated at once
FPS = 30
FADE_IN, FADE_OUT, AD_FADE_OUT = 0.5, 2.0, 0.3


class TooFewClips(AppError):
    status_code = 502
    error_code = "TOO_FEW_CLIPS"


def start(db: Session, video: Video) -> Video:
    runner.run(db, RENDER, video)
    return video


def _work(ctx: StepContext) -> None:
    db, video = ctx.db, ctx.subject
    scenes = {s.index: s for s in scenes_of(db, video)}
    clips = clips_of(db, video)
    todo = [c for c in clips if c.status != ClipStatus.READY]
    provider: ClipProvider = providers.clip_provider()
    if provider.name == "local":
        _local_clips(db, video, todo, scenes)
    else:
        _paid_clips(ctx, provider, video, todo, scenes, total=len(clips))
    ctx.progress.update("composing", CLIPS_SHARE)
    song = db.get_one(Song, video.song_id)
    timeline = timeline_of(db, video, song, clips, scenes)
    with ctx.workdir() as workdir:
        cache = cache_dir(video)
        cache.mkdir(parents=True, exist_ok=True)
        result = compose(
            timeline,
            out=workdir / "video.mp4",
            workdir=workdir,
            cache=cache,
            progress=ctx.progress.reporter("composing", start=CLIPS_SHARE, end=1.0),
        )
        old = video.output_path
        video.output_path = storage.relative_path("videos", uuid.uuid4(), "mp4")
        video.output_bytes = storage.commit(result.path, video.output_path)
    video.output_duration = round(result.duration, 3)
    video.status = VideoStatus.COMPOSED
    db.commit()
    files.remove([old])


def _local_clips(db: Session, video: Video, todo: list[Clip], scenes: dict[int, Scene]) -> None:
    """The local animator draws its clips during composition: here each gets its camera move."""
    for clip in todo:
        scene = scenes[clip.scene_index or 0]
        clip.motion = motion.camera_for(scene.data, seed=clip.seed, regenerated=clip.seed != 0)
        clip.status, clip.provider, clip.error = ClipStatus.READY, "local", None
    db.commit()


def _paid_clips(
    ctx: StepContext,
    provider: ClipProvider,
    video: Video,
    todo: list[Clip],
    scenes: dict[int, Scene],
    *,
    total: int,
) -> None:
    db = ctx.db
    requests = {c.index: _request(video, c, scenes) for c in todo}
    budget.check_job(
        job_id=ctx.job.id, planned=[p for r in requests.values() for p in provider.planned_calls(r)]
    )
    done, stopped = total - len(todo), None
    with ctx.workdir() as workdir:
        calls = {c: partial(_one_clip, provider, requests[c.index], workdir / str(c.index)) for c in todo}
        for clip, made in side_by_side(calls, IN_FLIGHT):
            old = clip.source_path
            if isinstance(made, BudgetExceeded):
                # The next call would pass the budget: no more are sent; what is made is kept.
                stopped = stopped or made
                continue
            if isinstance(made, ProviderError):
                clip.status, clip.error = ClipStatus.FAILED, str(made)
                ctx.progress.message(f"Clip {clip.index + 1} failed: {made}")
            elif isinstance(made, Exception):
                raise made
            else:
                clip.source_path = storage.relative_path("clips", uuid.uuid4(), "mp4")
                storage.commit(made, clip.source_path)
                clip.status, clip.provider, clip.error = ClipStatus.READY, provider.name, None
                files.remove([old])
            db.commit()
            done += 1
            ctx.progress.update(f"clips {done}/{total}", CLIPS_SHARE * done / total)
    if stopped is not None:
        raise stopped
    ready = sum(1 for c in clips_of(db, video) if c.status == ClipStatus.READY)
    if ready < min(3, total) or ready * 2 < total:
        raise TooFewClips(
            f"Only {ready} of {total} clips were made; retry to make the missing ones (the others are kept)"
        )


def _one_clip(provider: ClipProvider, request: ClipRequest, workdir: Path) -> Path:
    workdir.mkdir(parents=True, exist_ok=True)
    return provider.generate(request, workdir=workdir, progress=lambda _: None).path


def _request(video: Video, clip: Clip, scenes: dict[int, Scene]) -> ClipRequest:
    scene = scenes[clip.scene_index or 0]
    style = video.style or {}
    words = [
        scene.data.get("prompt", ""),
        f"camera: {scene.data.get('motion', 'drift')}",
        style.get("medium", ""),
    ]
    return ClipRequest(
        still=storage.absolute(scene.still_path or ""),
        prompt=", ".join(w for w in words if w),
        duration=clip.end - clip.start,
        aspect=video.aspect,
        seed=clip.seed,
    )


def timeline_of(
    db: Session, video: Video, song: Song, clips: list[Clip], scenes: dict[int, Scene]
) -> Timeline:
    width, height = ASPECT_SIZES[video.aspect]
    found = service.analysis_of(db, video)
    energy = list(zip(found["beats"], found["energy"], strict=False))
    shots, previous = [], None
    for clip in clips:
        scene = scenes[clip.scene_index or 0]
        fresh = previous is not None and clip.scene_index != previous
        shots.append(
            Shot(
                start=clip.start,
                end=clip.end,
                source=_source(video, clip, scene, energy),
                transition=scene.data.get("transition", "cut") if fresh else "cut",
                transition_seconds=float(scene.data.get("transition_seconds", 0.0)) if fresh else 0.0,
            )
        )
        previous = clip.scene_index
    options = video.options or {}
    return Timeline(
        width=width,
        height=height,
        fps=FPS,
        audio=storage.absolute(song.path),
        duration=float(video.grid["duration"]),
        shots=tuple(shots),
        overlays=tuple(_overlays(db, video, options)),
        fade_in=FADE_IN,
        # An ad's call to action stays readable to its last frames: a short fade.
        fade_out=AD_FADE_OUT if video.kind == "ad" else FADE_OUT,
        # An ad's mix is normalised (-14 LUFS, true peak -1 dBTP); a song is left as it is
        # unless the creator asks.
        loudnorm=bool(options.get("loudnorm", video.kind == "ad")),
        clip_sound=video.kind == "ad",
    )


def _source(
    video: Video, clip: Clip, scene: Scene, energy: list[tuple[float, float]]
) -> StillMotion | VideoClip:
    if clip.status == ClipStatus.READY and clip.source_path:
        return VideoClip(storage.absolute(clip.source_path))
    # A local clip, or a paid one that failed for good: its still, moved by the local animator.
    chosen = clip.motion or motion.camera_for(scene.data, seed=clip.seed, regenerated=False)
    return animate(
        still=storage.absolute(scene.still_path or ""),
        camera=chosen["camera"],
        start=clip.start,
        end=clip.end,
        downbeats=list(video.grid["downbeats"]),
        energy=energy,
        seed=chosen["seed"],
        layers=[
            Layer(storage.absolute(layer["path"]), layer["depth"], layer["left"], layer["top"], layer["kind"])
            for layer in scene.layers or []
        ],
    )


def _overlays(db: Session, video: Video, options: dict) -> list[TextOverlay]:
    """Title over the opening, a key message in the middle (ads), the call to action over the
    last seconds, lyrics as captions; in the brand colour when the brief has one."""
    duration = float(video.grid["duration"])
    color = options.get("brand_color") or "#ffffff"
    ad = video.kind == "ad"
    overlays = []
    if options.get("title"):
        end = min(3.0 if ad else 4.5, duration / 3)
        overlays.append(TextOverlay(options["title"], 0.3 if ad else 0.5, end, "title", color))
    if ad and options.get("message"):
        overlays.append(TextOverlay(options["message"], duration * 0.4, duration * 0.7, "caption", color))
    if options.get("cta"):
        start = max(0.0, duration - (2.0 if ad else 4.0))
        overlays.append(TextOverlay(options["cta"], start, duration, "cta", color))
    if options.get("captions", video.video_type == "lyric"):
        overlays += [TextOverlay(text, start, end, "caption") for start, end, text in lyric_lines(db, video)]
    return overlays


def lyric_lines(db: Session, video: Video) -> list[tuple[float, float, str]]:
    return [
        (a, b, text.strip())
        for a, b, text in song_lyrics.lines(db, db.get_one(Song, video.song_id))
        if text.strip()
    ]


def _begin(db: Session, video: Video) -> None:
    require_status(video, VideoStatus.APPROVED, VideoStatus.COMPOSED, doing="make the clips and compose")
    require_idle(db, video)
    if any(not s.approved or not s.still_path for s in scenes_of(db, video)):
        raise Conflict("Approve every still of the storyboard first")
    _check_paid_rate(db, video)


def _check_paid_rate(db: Session, video: Video) -> None:
    """A cap on paid video jobs per hour: one runaway loop cannot spend a month's budget."""
    if providers.chosen().get("clip", "local") == "local":
        return
    limit = get_settings().usage.paid_video_jobs_per_hour
    since = datetime.now(UTC) - timedelta(hours=1)
    recent = db.scalars(
        select(Job.created_at).where(Job.user_id == video.user_id, Job.step == RENDER, Job.created_at > since)
    ).all()
    if len(recent) >= limit:
        wait = int((min(recent) + timedelta(hours=1) - datetime.now(UTC)).total_seconds()) + 1
        raise RateLimited(
            f"At most {limit} paid video jobs per hour (PAID_VIDEO_JOBS_PER_HOUR); try again in {wait // 60 + 1} min",
            retry_after=max(1, wait),
        )


def _keep_status(db: Session, video: Video, exc: BaseException) -> AppError | None:
    """The video keeps its status (what was made stays); the caller hears our own errors —
    too few clips, the budget — as they are, with their codes."""
    return exc if isinstance(exc, AppError) else None


registry.register(
    registry.Step(
        name=RENDER,
        kind="render",
        subject_type=SUBJECT,
        load=state.load,
        work=_work,
        begin=_begin,
        on_failure=_keep_status,
        retry=lambda db, video: _begin(db, video),
        first_stage="clips",
    )
)
