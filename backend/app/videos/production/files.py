"""Every file a video owns — stills and their layers, provider clips, the composed output and
the composition cache — found from its rows, so they can be removed with them. Rows go first
(committed), files after: a crash in between leaves an orphan file, never a row pointing at
nothing."""

import shutil
from collections.abc import Iterable

from sqlalchemy.orm import Session

from app import storage
from app.videos.models import Clip, Scene, Video
from app.videos.production.state import cache_dir, clips_of, scenes_of


def scene_files(scene: Scene) -> list[str]:
    return [p for p in (scene.still_path, *(layer.get("path") for layer in scene.layers or [])) if p]


def clip_files(clip: Clip) -> list[str]:
    return [clip.source_path] if clip.source_path else []


def owned(db: Session, video: Video) -> list[str]:
    """Every stored file of the video (relative paths), output included."""
    files = [f for s in scenes_of(db, video) for f in scene_files(s)]
    files += [f for c in clips_of(db, video) for f in clip_files(c)]
    if video.output_path:
        files.append(video.output_path)
    return files


def remove(paths: Iterable[str | None]) -> None:
    storage.delete(*paths)


def remove_cache(video: Video) -> None:
    shutil.rmtree(cache_dir(video), ignore_errors=True)


def delete_video(db: Session, video: Video) -> None:
    """The video's rows, then every file it owned: the storage is freed."""
    doomed = owned(db, video)
    db.delete(video)
    db.commit()
    remove(doomed)
    remove_cache(video)
