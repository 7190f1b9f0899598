"""The local planner: rules over sections and energy, for every video type, fast and
deterministic; every plan it makes passes the same checks a language model's plan must pass."""

from collections import Counter

import pytest

from app.providers.local.planner import LocalPlanner, plan_locally
from app.providers.planning import VIDEO_TYPES, ScenePlan, check_plan
from tests.providers.planner.songs import POP_FORM, song

MOVING = {"push", "zoom_in", "orbit", "pan_left", "pan_right", "tilt_up"}


def scenes_of(plan: ScenePlan, request, label: str):
    sections = {c.section_index for c in request.clips if c.section_label == label}
    return [s for s in plan.scenes if s.section_index in sections]


@pytest.mark.parametrize("video_type", VIDEO_TYPES)
def test_every_type_gives_a_sound_plan_that_covers_each_clip_once(video_type) -> None:
    request = song(video_type=video_type, lyrics=True)
    plan = LocalPlanner().plan(request=request)
    assert check_plan(plan, request) == []
    assert sorted(c.clip_index for c in plan.clips) == [c.index for c in request.clips]
    assert all("no text" in s.prompt for s in plan.scenes)
    assert len(plan.style.palette) == 6 and plan.style.motifs


def test_same_request_same_plan_and_a_different_prompt_a_different_world() -> None:
    assert plan_locally(song()) == plan_locally(song())
    night = plan_locally(song(prompt="Neon city at midnight in the rain"))
    assert night.style.palette != plan_locally(song()).style.palette
    assert "city" in night.style.world and "rain" in night.style.world


def test_chorus_looks_and_moves_unlike_a_verse() -> None:
    request = song()
    plan = plan_locally(request)
    verse, chorus = scenes_of(plan, request, "verse"), scenes_of(plan, request, "chorus")
    assert {s.framing for s in chorus} & {"close"} and not {s.framing for s in verse} & {"close"}
    assert min(s.intensity for s in chorus) > max(s.intensity for s in verse)
    assert {s.motion for s in chorus}.isdisjoint({s.motion for s in verse})
    assert set(chorus[0].palette) != set(verse[0].palette)
    assert all("bright and glowing" in s.lighting for s in chorus)
    # The chorus comes in on the beat; verses blend.
    opening = {s.section_index: s for s in reversed(plan.scenes)}
    first_of = [opening[k] for k in sorted(opening)]
    assert [s.transition for s in first_of] == [
        "dip",
        "crossfade",
        "cut",
        "crossfade",
        "cut",
        "dip",
        "cut",
        "dip",
    ]


def test_energy_drives_motion_and_how_long_a_picture_holds() -> None:
    request = song(labels=("verse",) * 2, clips_per_section=6)
    loud = request.model_copy(update={"clips": [c.model_copy(update={"energy": 0.9}) for c in request.clips]})
    calm_plan, loud_plan = plan_locally(request), plan_locally(loud)
    assert max(s.intensity for s in calm_plan.scenes) < min(s.intensity for s in loud_plan.scenes)
    # Calm neighbours share a still; loud clips each get their own.
    assert len(calm_plan.scenes) < len(request.clips) == len(loud_plan.scenes)
    assert Counter(c.scene_index for c in calm_plan.clips).most_common(1)[0][1] == 2


def test_bridge_changes_the_view_and_the_ends_are_wide_and_calm() -> None:
    request = song()
    plan = plan_locally(request)
    bridge = scenes_of(plan, request, "bridge")
    others = [s for s in plan.scenes if s not in bridge]
    assert {s.framing for s in bridge} <= {"aerial", "low"} and bridge[0].transition == "dip"
    assert bridge[0].motion in {"orbit", "tilt_up"} and "cooler" in bridge[0].lighting
    assert all("cooler" not in s.lighting for s in others)
    for label in ("intro", "outro"):
        ends = scenes_of(plan, request, label)
        assert ends[0].framing == "wide" and all(s.framing in {"wide", "aerial"} for s in ends)
        assert max(s.intensity for s in ends) < 0.25
    assert plan.scenes[-1].motion == "zoom_out"


def test_repeated_sections_carry_one_recognisable_motif() -> None:
    request = song(letters=True)  # sections named A, B, C… by the analysis: groups still tell
    plan = plan_locally(request)
    chorus = scenes_of(plan, request, "C")
    main = plan.style.motifs[0]
    assert all(main in s.prompt for s in chorus)
    assert len({s.section_index for s in chorus}) == 3
    # The loudest group is read as the chorus even without the word.
    assert all(s.framing in {"close", "medium", "wide"} and s.motion in MOVING for s in chorus)
    verse = scenes_of(plan, request, "B")
    assert all(main not in s.prompt for s in verse)


def test_video_type_steers_the_pictures() -> None:
    lyric = plan_locally(song(video_type="lyric", lyrics=True))
    assert all(s.caption_space and s.framing != "close" for s in lyric.scenes)
    assert all("lower third" in s.prompt for s in lyric.scenes)
    assert max(s.intensity for s in lyric.scenes) < max(s.intensity for s in plan_locally(song()).scenes)
    story = plan_locally(song(video_type="story"))
    stages = [s.prompt.split("traveller, ")[1].split(" ")[0:3] for s in story.scenes]
    assert stages[0] == ["the", "journey", "begins"] and stages[-1][0] == "homecoming"
    visual = plan_locally(song(video_type="visualizer"))
    assert all(s.prompt.count("abstract luminous forms") == 1 for s in visual.scenes)
    assert "nebula" in visual.style.world and "hills" not in visual.style.world


def test_a_long_song_of_seventy_clips_gets_a_whole_plan() -> None:
    request = song(labels=POP_FORM + POP_FORM[1:3], clips_per_section=7)
    assert len(request.clips) == 70
    plan = plan_locally(request)
    assert check_plan(plan, request) == []
    assert len(plan.clips) == 70


def test_check_plan_finds_what_the_schema_cannot_carry() -> None:
    request = song(clips_per_section=2)
    plan = plan_locally(request)
    broken = plan.model_copy(deep=True)
    broken.clips = broken.clips[:-1]
    broken.scenes[0].intensity = 3
    broken.scenes[1].transition_seconds = 9
    broken.style.palette = ["teal", "#00ff00"]
    problems = check_plan(broken, request)
    assert any("every clip" in p for p in problems)
    assert any("intensity 3" in p for p in problems) and any("0–2 s" in p for p in problems)
    assert any("style palette" in p for p in problems)
    spread = plan.model_copy(deep=True)
    spread.clips[-1].scene_index = 0  # the last clip back to the first scene: not a neighbour
    assert any("neighbours" in p or "across sections" in p for p in check_plan(spread, request))
