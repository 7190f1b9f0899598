"""What the creator does between steps: approve stills, regenerate one still (new seed or
edited words), choose the video type and the composition's options, and — once the video is
composed — regenerate one clip or a whole section, once each. Only what changed is redone:
the render step makes the clips that are not ready and reuses the rest of the composition."""

from typing import Any

from sqlalchemy.orm import Session

from app.errors import Conflict, NotFound
from app.videos.models import Clip, ClipStatus, Scene, Video, VideoStatus
from app.videos.production import render, storyboard
from app.videos.production.schemas import OptionsUpdate, SceneUpdate
from app.videos.production.state import (
    EDITABLE_FOR_STORYBOARD,
    clips_of,
    require_idle,
    require_not_final,
    require_status,
    scenes_of,
)

SEED_STEP = 1_000_003  # a regenerated clip's new seed: far from its neighbours'


def scene(db: Session, video: Video, index: int) -> Scene:
    for s in scenes_of(db, video):
        if s.index == index:
            return s
    raise NotFound(f"scene {index}: no such scene in this storyboard")


def approve(db: Session, video: Video, *, index: int | None = None) -> Video:
    """Approve one still, or (no index) the whole storyboard."""
    require_status(video, VideoStatus.STORYBOARDED, VideoStatus.APPROVED, doing="approve stills")
    require_idle(db, video)
    chosen = [scene(db, video, index)] if index is not None else scenes_of(db, video)
    for s in chosen:
        s.approved = True
    if all(s.approved for s in scenes_of(db, video)):
        video.status = VideoStatus.APPROVED
    db.commit()
    return video


def repaint(db: Session, video: Video, index: int, body: SceneUpdate) -> Video:
    """Paint one still again: with a new seed, or from edited scene words."""
    require_status(video, *EDITABLE_FOR_STORYBOARD, doing="repaint a still")
    require_idle(db, video)
    s = scene(db, video, index)
    data: dict[str, Any] = dict(s.data)
    if body.prompt is not None:
        data["prompt"] = body.prompt
    s.data = data
    s.seed = body.seed if body.seed is not None else (s.seed + 1) % 2**31
    s.approved = False
    video.status = VideoStatus.STORYBOARDED
    db.commit()
    return storyboard.start(db, video)


def set_options(db: Session, video: Video, body: OptionsUpdate) -> Video:
    require_status(
        video,
        VideoStatus.DRAFT,
        VideoStatus.PLANNED,
        *EDITABLE_FOR_STORYBOARD,
        VideoStatus.COMPOSED,
        doing="change its options",
    )
    require_idle(db, video)
    changes = body.model_dump(exclude_unset=True)
    if "video_type" in changes and video.status == VideoStatus.COMPOSED:
        raise Conflict("video_type: the video is composed; its type can no longer change")
    if "video_type" in changes:
        if changes["video_type"] != video.video_type and scenes_of(db, video):
            storyboard.discard_storyboard(db, video)  # the type steers the plan: plan again
        video.video_type = changes.pop("video_type")
    video.options = {**(video.options or {}), **changes}
    db.commit()
    return video


def regenerate_clip(db: Session, video: Video, index: int) -> Video:
    _check_regenerate(db, video, "clips", index, what=f"clip {index + 1}")
    clip = next((c for c in clips_of(db, video) if c.index == index), None)
    if clip is None:
        raise NotFound(f"clip {index}: no such clip in this video")
    _redo([clip])
    return _record_and_render(db, video, "clips", index)


def regenerate_section(db: Session, video: Video, index: int) -> Video:
    _check_regenerate(db, video, "sections", index, what=f"section {index + 1}")
    clips = [c for c in clips_of(db, video) if c.section_index == index]
    if not clips:
        raise NotFound(f"section {index}: no clips in this section")
    _redo(clips)
    return _record_and_render(db, video, "sections", index)


def _check_regenerate(db: Session, video: Video, kind: str, index: int, *, what: str) -> None:
    require_status(video, VideoStatus.COMPOSED, doing="regenerate")
    require_idle(db, video)
    if index in (video.regenerated or {}).get(kind, []):
        raise Conflict(f"{what} was already regenerated once; each may be regenerated once (0 left)")


def _redo(clips: list[Clip]) -> None:
    for clip in clips:
        clip.seed = (clip.seed + SEED_STEP) % 2**31
        clip.status, clip.motion, clip.error = ClipStatus.PLANNED, None, None


def _record_and_render(db: Session, video: Video, kind: str, index: int) -> Video:
    done = dict(video.regenerated or {})
    done[kind] = sorted({*done.get(kind, []), index})
    video.regenerated = done
    db.commit()
    return render.start(db, video)


def before_timeline_edit(db: Session, video: Video) -> None:
    """Sections and the grid may change until motion is made; a storyboard painted for the old
    clip plan is dropped (the plan is redone), a composed video is changed by regenerating."""
    require_not_final(video)
    if video.status == VideoStatus.COMPOSED:
        raise Conflict(
            "The video is composed: regenerate a clip or a section instead of editing the timeline"
        )
    require_idle(db, video)
    if scenes_of(db, video):
        storyboard.discard_storyboard(db, video)
        db.commit()
