"""Finalize: the composed video is kept, everything that made it goes — provider clips, the
stills but the one kept as the thumbnail, the painter's layers, the composition cache — and the
video is frozen (every later edit is a 409). Size and duration are recorded from the file."""

from datetime import UTC, datetime

from sqlalchemy.orm import Session

from app import storage
from app.media.ffmpeg import duration_of
from app.videos.models import Video, VideoStatus
from app.videos.production import files
from app.videos.production.state import clips_of, require_idle, require_status, scenes_of


def finalize(db: Session, video: Video) -> Video:
    require_status(video, VideoStatus.COMPOSED, doing="finalize it")
    require_idle(db, video)
    output = storage.absolute(video.output_path or "")
    scenes, clips = scenes_of(db, video), clips_of(db, video)
    kept = thumbnail_scene(scenes)
    doomed: list[str] = []
    for scene in scenes:
        doomed += [p for p in files.scene_files(scene) if scene is not kept or p != scene.still_path]
        if scene is not kept:
            scene.still_path = None
        scene.layers = []
    for clip in clips:
        doomed += files.clip_files(clip)
        clip.source_path = None
    video.status = VideoStatus.FINALIZED
    video.finalized_at = datetime.now(UTC)
    video.output_bytes = output.stat().st_size
    video.output_duration = round(duration_of(output), 3)
    db.commit()
    files.remove(doomed)
    files.remove_cache(video)
    return video


def thumbnail_scene(scenes: list) -> object | None:
    """The still that stands for the video (upload thumbnail, library card): the first
    scene of the first chorus-like section if any, else the first scene."""
    for scene in scenes:
        if scene.still_path and str(scene.data.get("section_label", "")).lower() == "chorus":
            return scene
    return next((s for s in scenes if s.still_path), None)
