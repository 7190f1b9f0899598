"""The ad plan: 3–8 scenes summing exactly to the duration, the product in every scene, and
boundaries moved onto beats within ±0.25 s without changing the total."""

import random

import pytest

from app.ads import adplan, directions
from app.ads.adplan import AdPlanRequest


@pytest.mark.parametrize("duration", [15, 30, 45, 60])
def test_plans_sum_exactly_and_name_the_product(duration: int) -> None:
    r = AdPlanRequest(product="TrailFlow", duration=duration, key_messages=["grip", "light"], tone=["calm"])
    plan = adplan.settle(adplan.plan_locally(r), r)
    assert 3 <= len(plan.scenes) <= 8 and adplan.check_ad_plan(plan, r) == []
    edges = adplan.boundaries_ms(plan)
    assert edges[0] == 0 and edges[-1] == duration * 1000
    assert all("TrailFlow" in s.prompt for s in plan.scenes)
    assert [s.transition for s in plan.scenes][0] == "cut"
    assert all(s.transition_seconds == 0.5 for s in plan.scenes[1:])  # calm: crossfades


@pytest.mark.parametrize("seed", range(20))
def test_boundaries_snap_to_beats_within_a_quarter_second(seed: int) -> None:
    rng = random.Random(seed)
    duration = rng.choice([15, 30, 45, 60])
    r = AdPlanRequest(product="P", duration=duration)
    plan = adplan.settle(adplan.plan_locally(r), r)
    step, offset = rng.uniform(0.35, 0.8), rng.uniform(0, 0.3)
    beats = [offset + k * step for k in range(int(duration / step) + 1)]
    edges = adplan.boundaries_ms(plan)
    snapped = adplan.snap_to_beats(edges, beats)
    assert snapped[0] == 0 and snapped[-1] == duration * 1000  # total unchanged
    for before, after in zip(edges[1:-1], snapped[1:-1], strict=True):
        assert abs(after - before) <= 250
        nearest = min(beats, key=lambda b: abs(b * 1000 - before))
        if abs(nearest * 1000 - before) <= 250:
            assert after == round(nearest * 1000)  # moved onto the beat
    moved = adplan.with_edges(plan, snapped)
    assert sum(round(s.duration * 1000) for s in moved.scenes) == duration * 1000


def test_three_directions_are_far_apart_in_every_round() -> None:
    brief = {"product": "P", "tone": ["bold", "energetic"], "style_keywords": ["neon"]}
    for round_ in range(3):
        looks = directions.pick_looks(brief, round_)
        assert len({look.name for look in looks}) == 3
        for a in looks:
            for b in looks:
                if a is not b:
                    assert directions.palette_distance(a.palette, b.palette) >= directions.MIN_DISTANCE
