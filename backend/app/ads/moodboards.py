"""The mood-board step: three style directions from the brief, four stills each from the
image role in the brief's aspect ("painting n/12"). A fresh round replaces the directions
(and their files) only once its twelve stills are all made, so a failure leaves the boards
the creator already had."""

import uuid
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from app import storage
from app.ads import directions
from app.ads.models import Brief
from app.ads.service import STILLS_PER_DIRECTION, SUBJECT, fields_of, require_no_video
from app.errors import Conflict, Unprocessable
from app.jobs import registry, runner
from app.jobs.context import StepContext
from app.providers import registry as providers
from app.providers.local.art.storyboard import paint_storyboard_still
from app.providers.planning import ASPECT_SIZES
from app.usage import budget
from app.usage.prices import PlannedCall

MOODBOARDS = "brief.moodboards"
DEFAULT_ASPECT = "16:9"


def start(db: Session, brief: Brief, *, fresh: bool) -> Brief:
    if fresh and brief.moodboards:
        brief.moodboard_round += 1
        db.commit()
    runner.run(db, MOODBOARDS, brief)
    return brief


def choose(db: Session, brief: Brief, index: int) -> Brief:
    require_no_video(brief)
    if not 0 <= index < len(brief.moodboards):
        raise Unprocessable(
            f"index: there are {len(brief.moodboards)} directions (0 to {len(brief.moodboards) - 1})"
        )
    brief.chosen = index
    db.commit()
    return brief


def _paint(guide: dict[str, Any], scene: dict[str, Any], aspect: str, seed: int, workdir: Path) -> Path:
    provider = providers.image_provider()
    if provider.name == "local":
        return paint_storyboard_still(guide, scene, aspect, seed, workdir)
    width, height = ASPECT_SIZES[aspect]
    prompt = ", ".join(p for p in (scene["prompt"], guide["world"], guide["medium"], scene["lighting"]) if p)
    return provider.generate(
        prompt=prompt, seed=seed, workdir=workdir, width=width, height=height, still=True
    )


def _work(ctx: StepContext) -> None:
    db, brief = ctx.db, ctx.subject
    fields = fields_of(brief)
    aspect = brief.aspect or DEFAULT_ASPECT
    looks = directions.pick_looks(fields, brief.moodboard_round)
    total = len(looks) * STILLS_PER_DIRECTION
    provider = providers.image_provider()
    if provider.name != "local":
        planned: list[PlannedCall] = getattr(provider, "planned_calls", lambda: [])()
        budget.check_job(job_id=ctx.job.id, planned=planned * total)
    made: list[dict[str, Any]] = []
    kept: list[str] = []
    try:
        for d, look in enumerate(looks):
            guide = directions.guide(look, fields)
            seed = (brief.moodboard_round * 7919 + d * 104729 + 17) % 2**31
            stills = []
            for n, scene in enumerate(directions.mood_scenes(look, fields, guide["palette"])):
                done = d * STILLS_PER_DIRECTION + n
                ctx.progress.update(f"painting {done + 1}/{total}", done / total)
                with ctx.workdir() as workdir:
                    path = _paint(guide, scene, aspect, seed + n, workdir)
                    rel = storage.relative_path("images", uuid.uuid4(), "png")
                    storage.commit(path, rel)
                kept.append(rel)
                stills.append(rel)
            made.append(
                {
                    "name": look.name,
                    "keywords": list(look.keywords),
                    "palette": guide["palette"],
                    "guide": guide,
                    "stills": stills,
                    "seed": seed,
                    "aspect": aspect,
                }
            )
    except BaseException:
        storage.delete(*kept)
        raise
    old = [p for d in brief.moodboards for p in d.get("stills", [])]
    brief.moodboards, brief.chosen = made, None
    db.commit()
    storage.delete(*old)


def _begin(db: Session, brief: Brief) -> None:
    require_no_video(brief)
    if not brief.product:
        raise Conflict("Name the product first: the mood boards are painted around it")


def _load(db: Session, brief_id: uuid.UUID) -> Brief | None:
    return db.get(Brief, brief_id, populate_existing=True)


registry.register(
    registry.Step(
        name=MOODBOARDS,
        kind="moodboards",
        subject_type=SUBJECT,
        load=_load,
        work=_work,
        begin=_begin,
        retry=_begin,
        first_stage="painting 1/12",
    )
)
