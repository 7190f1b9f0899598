"""The local planner (the default, offline, free): a scene plan by rules over the song's
analysis and the creator's words. See style.py for the style guide and scenes.py for the
rules that turn sections and energy into scenes. Deterministic: the same request gives the
same plan, so a re-run of a job draws the same storyboard."""

from app.providers.planning import PlanRequest, ScenePlan

from .scenes import build_scenes
from .style import read_world, style_guide


def _title(request: PlanRequest) -> str:
    words = request.prompt.strip().split()
    title = " ".join(words[:6]) or "Untitled"
    return title[0].upper() + title[1:]


def plan_locally(request: PlanRequest) -> ScenePlan:
    world = read_world(request)
    style = style_guide(request, world)
    scenes, clips = build_scenes(request, style)
    return ScenePlan(title=_title(request), style=style, scenes=scenes, clips=clips)


class LocalPlanner:
    name = "local"

    def plan(self, *, request: PlanRequest) -> ScenePlan:
        return plan_locally(request)
