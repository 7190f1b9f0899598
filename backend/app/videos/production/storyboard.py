"""The storyboard step: the scene plan (planner role) and one still per scene (image role),
before any motion is paid for; the stills are painted side by side.

The plan is written once per clip plan; stills are painted for every scene whose
`painted_key` (its text, seed, style and the video's aspect) no longer matches, so
regenerating one still — with a new seed or edited text — repaints only that one. A new still
replaces the old file only once it is committed; the storyboard must be approved again."""

import hashlib
import json
import os
import uuid
from functools import partial
from pathlib import Path

from sqlalchemy import delete
from sqlalchemy.orm import Session

from app import storage
from app.errors import AppError, BudgetExceeded, Conflict
from app.jobs import registry, runner
from app.jobs.context import StepContext
from app.providers.planning import ASPECT_SIZES, PlanClip, PlanRequest, ScenePlan
from app.providers.scene_plans import plan_scenes
from app.usage import budget
from app.usage.parallel import side_by_side
from app.videos import service
from app.videos.models import ClipStatus, Scene, Video, VideoStatus
from app.videos.production import files, paint, state
from app.videos.production.estimate import image_calls
from app.videos.production.state import SUBJECT, clips_of, require_idle, require_status, scenes_of

STORYBOARD = "video.storyboard"
PLAN_SHARE = 0.1  # of the job: the plan is quick, the stills are the work
PAINTERS = min(4, os.cpu_count() or 2)  # stills painted at once


def start(db: Session, video: Video, *, replan: bool = False) -> Video:
    """Write the scene plan (again, with `replan`) and paint every still that needs it."""
    if replan:
        require_status(
            video, VideoStatus.PLANNED, VideoStatus.STORYBOARDED, VideoStatus.APPROVED, doing="replan"
        )
        require_idle(db, video)
        discard_storyboard(db, video)
        db.commit()
    runner.run(db, STORYBOARD, video)
    return video


def discard_storyboard(db: Session, video: Video) -> None:
    """Forget the scene plan and its stills (the clip plan changed under them). The caller
    commits; the files go after the rows."""
    doomed = [f for s in scenes_of(db, video) for f in files.scene_files(s)]
    db.execute(delete(Scene).where(Scene.video_id == video.id))
    for clip in clips_of(db, video):
        clip.scene_index = None
    video.style, video.warnings = None, []
    if video.status in (VideoStatus.STORYBOARDED, VideoStatus.APPROVED):
        video.status = VideoStatus.PLANNED
    db.flush()
    files.remove(doomed)


def request_for(db: Session, video: Video) -> PlanRequest:
    found = service.analysis_of(db, video)
    groups = {round(s["start"], 3): s.get("group", "") for s in found.get("sections", [])}
    sections = video.sections
    clips = []
    for clip in clips_of(db, video):
        section = sections[clip.section_index]
        clips.append(
            PlanClip(
                index=clip.index,
                start=clip.start,
                end=clip.end,
                section_index=clip.section_index,
                section_label=clip.label,
                section_group=groups.get(round(section["start"], 3), ""),
                section_note=section.get("note", ""),
                energy=min(1.0, max(0.0, clip.energy)),
                lyrics=list(clip.lyrics or []),
            )
        )
    return PlanRequest(
        prompt=video.prompt,
        video_type=video.video_type or "scenery",
        aspect=video.aspect,
        tempo=found.get("tempo"),
        key=found.get("key"),
        mode=found.get("mode"),
        mood=list(found.get("mood") or []),
        genre=found.get("genre"),
        clips=clips,
    )


def painted_key(video: Video, scene: Scene) -> str:
    blob = json.dumps([scene.data, scene.seed, video.style, video.aspect], sort_keys=True)
    return hashlib.sha256(blob.encode()).hexdigest()


def _store_plan(db: Session, video: Video, plan: ScenePlan, warnings: list[str]) -> None:
    video.style = plan.style.model_dump() | {"title": plan.title}
    video.warnings = list(warnings)
    for scene in plan.scenes:
        db.add(
            Scene(
                id=uuid.uuid4(),
                video_id=video.id,
                index=scene.index,
                data=scene.model_dump(),
                seed=(video.seed + 7919 * scene.index) % 2**31,
            )
        )
    by_clip = {c.clip_index: c.scene_index for c in plan.clips}
    for clip in clips_of(db, video):
        clip.scene_index = by_clip[clip.index]
        clip.status, clip.motion = ClipStatus.PLANNED, None
    db.commit()


def _work(ctx: StepContext) -> None:
    db, video = ctx.db, ctx.subject
    if not scenes_of(db, video):
        ctx.progress.update("planning the scenes", 0.0)
        plan, warnings = plan_scenes(request_for(db, video))
        for warning in warnings:
            ctx.progress.message(warning)
        _store_plan(db, video, plan, warnings)
    stale = [s for s in scenes_of(db, video) if s.painted_key != painted_key(video, s) or not s.still_path]
    size = ASPECT_SIZES[video.aspect]
    budget.check_job(job_id=ctx.job.id, planned=image_calls(len(stale)))
    ctx.progress.update(f"painting stills 0/{len(stale)}", PLAN_SHARE)
    failure: Exception | None = None
    # Stills are painted side by side (the local painter spends its time in numpy and Pillow,
    # which let go of the interpreter: two cores paint two stills in about 0.58 of the time),
    # and each is kept here, in this thread, as soon as it is made. A still that fails does not
    # stop the others, so the retry has only the failed ones to paint; the step then fails with
    # the first failure (or with the budget's, which stops the stills not yet begun).
    with ctx.workdir() as workdir:
        calls = {
            scene: partial(
                paint.still,
                video.style or {},
                scene.data,
                seed=scene.seed,
                size=size,
                workdir=_folder(workdir / str(scene.index)),
            )
            for scene in stale
        }
        for done, (scene, painted) in enumerate(side_by_side(calls, PAINTERS), start=1):
            if isinstance(painted, Exception):
                failure = painted if isinstance(painted, BudgetExceeded) else failure or painted
                continue
            _keep_painted(db, video, scene, painted)
            ctx.progress.update(
                f"painting stills {done}/{len(stale)}", PLAN_SHARE + (1 - PLAN_SHARE) * done / len(stale)
            )
    if failure is not None:
        raise failure
    video.status = VideoStatus.STORYBOARDED


def _folder(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path


def _keep_painted(db: Session, video: Video, scene: Scene, painted: paint.Painted) -> None:
    old = files.scene_files(scene)
    scene.still_path = _keep(painted.still, "png")
    scene.layers = [
        {
            "kind": layer.kind,
            "depth": layer.depth,
            "left": layer.left,
            "top": layer.top,
            "path": _keep(layer.path, "png"),
        }
        for layer in painted.layers
    ]
    scene.provider, scene.approved = painted.provider, False
    scene.painted_key = painted_key(video, scene)
    db.commit()
    files.remove(old)


def _keep(path: Path, ext: str) -> str:
    rel = storage.relative_path("images", uuid.uuid4(), ext)
    storage.commit(path, rel)
    return rel


def _begin(db: Session, video: Video) -> None:
    require_status(
        video,
        VideoStatus.PLANNED,
        VideoStatus.STORYBOARDED,
        VideoStatus.APPROVED,
        doing="make the storyboard",
    )
    require_idle(db, video)
    if not clips_of(db, video):
        raise Conflict("Plan the clips first (POST /api/videos/{id}/clips/plan)")


def _retry(db: Session, video: Video) -> None:
    _begin(db, video)


def _noop_failure(db: Session, video: Video, exc: BaseException) -> AppError | None:
    """The video keeps its status and the stills made so far; the failed job says what went
    wrong and can be retried. Our own errors (the budget) reach the caller as they are."""
    return exc if isinstance(exc, AppError) else None


registry.register(
    registry.Step(
        name=STORYBOARD,
        kind="storyboard",
        subject_type=SUBJECT,
        load=state.load,
        work=_work,
        begin=_begin,
        on_failure=_noop_failure,
        retry=_retry,
        first_stage="planning the scenes",
    )
)
