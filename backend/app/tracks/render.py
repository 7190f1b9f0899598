"""Render: cover art + audio become a YouTube-ready MP4 → `rendered`."""

from app import storage
from app.errors import Conflict
from app.jobs.context import StepContext
from app.media.render import render_video
from app.tracks.models import Track, TrackStatus

# Still-image H.264 is tiny; the AAC track dominates. Temporary pieces double it.
BYTES_PER_SECOND = 2 * 60_000
# Without a ready AAC (e.g. a Mubert MP3) the renderer decodes the music to PCM first.
DECODED_BYTES_PER_SECOND = 48_000 * 2 * 4


def check_renderable(track: Track) -> None:
    if track.status == TrackStatus.RENDERING:
        raise Conflict("This track is already rendering; wait for it to finish")
    if track.status in (TrackStatus.RENDERED, TrackStatus.UPLOADING, TrackStatus.UPLOADED):
        raise Conflict("This track is already rendered")
    if track.status != TrackStatus.GENERATED:
        raise Conflict(f"Only a generated track can be rendered; this one is {track.status}")
    check_space(track)


def check_space(track: Track) -> None:
    per_second = BYTES_PER_SECOND + (0 if track.audio_path else DECODED_BYTES_PER_SECOND)
    storage.require_free_space(track.duration * per_second + 20_000_000)


def work(ctx: StepContext) -> None:
    track: Track = ctx.subject
    if not track.image_path or not (track.audio_path or track.music_path):
        raise FileNotFoundError("the track has no music or cover art to render")
    rel = storage.relative_path("videos", track.id, "mp4")
    with ctx.workdir() as work_dir:
        out = work_dir / "video.mp4"
        render_video(
            image=storage.absolute(track.image_path),
            audio=storage.absolute(track.audio_path or track.music_path or ""),
            out=out,
            workdir=work_dir,
            progress=ctx.progress.reporter("rendering video"),
        )
        track.video_bytes = storage.commit(out, rel)
    track.video_path = rel
    track.status = TrackStatus.RENDERED


def discard(track: Track) -> None:
    storage.delete(storage.relative_path("videos", track.id, "mp4"))
    track.video_path, track.video_bytes = None, 0
