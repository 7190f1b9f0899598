"""What the next steps will cost, before they run: the scene plan, the stills still to paint,
the clips still to make — priced from the same planned calls the budget guard checks, so
the estimate and the guard never disagree. Local providers cost nothing."""

from decimal import Decimal
from pathlib import Path

from sqlalchemy.orm import Session

from app.providers import registry
from app.providers.clips import ClipRequest
from app.usage.prices import PlannedCall, cost_of
from app.videos.models import ClipStatus, Video
from app.videos.production.schemas import Estimate, EstimateLine
from app.videos.production.state import clips_of, scenes_of


def image_calls(count: int) -> list[PlannedCall]:
    provider = registry.image_provider()
    planned = getattr(provider, "planned_calls", None)
    return [call for _ in range(count) for call in (planned() if planned else [])]


def clip_calls(db: Session, video: Video) -> list[PlannedCall]:
    provider = registry.clip_provider()
    calls: list[PlannedCall] = []
    for clip in clips_of(db, video):
        if clip.status != ClipStatus.READY:
            request = ClipRequest(
                still=Path("still.png"),
                prompt="",
                duration=clip.end - clip.start,
                aspect=video.aspect,
                seed=0,
            )
            calls += provider.planned_calls(request)
    return calls


def estimate(db: Session, video: Video) -> Estimate:
    scenes = scenes_of(db, video)
    clips = clips_of(db, video)
    # Before the plan, every clip may get a scene of its own: the most the stills can cost.
    stills = sum(1 for s in scenes if not s.approved) if scenes else len(clips)
    lines = [
        _line("stills", stills, image_calls(stills)),
        _line("clips", sum(1 for c in clips if c.status != ClipStatus.READY), clip_calls(db, video)),
    ]
    return Estimate(lines=lines, total_usd=float(sum((Decimal(str(line.usd)) for line in lines), Decimal(0))))


def _line(what: str, count: int, calls: list[PlannedCall]) -> EstimateLine:
    usd = sum((cost_of(c) for c in calls), Decimal(0))
    providers = sorted({c.label for c in calls}) or ["local (free)"]
    return EstimateLine(what=what, count=count, usd=float(usd), providers=providers)
