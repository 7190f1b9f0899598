"""A composed music video made quickly for upload tests: the rows a render leaves (song,
video with sections and output, scenes with stills) and a real small MP4 from ffmpeg, rather
than the whole pipeline."""

import hashlib
import subprocess
import uuid
from pathlib import Path

from PIL import Image
from sqlalchemy.orm import Session

from app import storage
from app.config import get_settings
from app.songs.models import Song, SongLyrics
from app.videos.models import Scene, Video, VideoStatus

STILL_COLOUR = (200, 30, 90)
SECTIONS = [
    {"start": 0.0, "end": 4.2, "label": "intro", "note": ""},
    {"start": 4.2, "end": 42.7, "label": "verse", "note": ""},
    {"start": 42.7, "end": 80.0, "label": "chorus", "note": ""},
    {"start": 80.0, "end": 85.0, "label": "bridge", "note": ""},
    {"start": 85.0, "end": 120.0, "label": "chorus", "note": ""},
    {"start": 120.0, "end": 126.0, "label": "outro", "note": ""},
]
LINES = [
    {"start": 5.0, "end": 8.5, "text": " Under the neon rain"},
    {"start": 9.0, "end": 12.25, "text": "we keep on running"},
    {"start": 43.0, "end": 47.0, "text": "Hold the light"},
]


def mp4(path: Path, *, seconds: float = 6.0, size: str = "320x180") -> Path:
    """A real H.264 file, noisy enough to be a few 256 KiB chunks."""
    path.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            "ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", f"testsrc2=size={size}:rate=25",
            "-t", str(seconds), "-vf", "noise=alls=60:allf=t", "-c:v", "libx264", "-preset", "ultrafast",
            "-b:v", "2M", "-pix_fmt", "yuv420p", str(path),
        ],
        check=True,
    )  # fmt: skip
    return path


def add_composed(
    db: Session,
    user,
    *,
    status: VideoStatus = VideoStatus.COMPOSED,
    aspect: str = "16:9",
    duration: float = 126.0,
    lyrics: bool = False,
) -> Video:
    song_id, video_id = uuid.uuid4(), uuid.uuid4()
    content_hash = hashlib.sha256(song_id.bytes).hexdigest()
    song = Song(
        id=song_id,
        user_id=user.id,
        title="Neon Rain",
        content_hash=content_hash,
        path=storage.relative_path("uploads", song_id, "mp3"),
        format="mp3",
        codec="mp3",
        duration=duration,
        sample_rate=48000,
        channels=2,
        bytes=1,
        source="upload",
        status="analysed",
    )
    output = storage.relative_path("videos", video_id, "mp4")
    mp4(storage.absolute(output))
    video = Video(
        id=video_id,
        user_id=user.id,
        song_id=song_id,
        prompt="Night city in the rain, neon reflections",
        aspect=aspect,
        status=status,
        grid={"beats": [], "downbeats": [], "beats_per_bar": 4, "duration": duration},
        sections=[s for s in SECTIONS if s["start"] < duration],
        output_path=output,
        output_bytes=storage.absolute(output).stat().st_size,
        output_duration=duration,
    )
    db.add_all([song, video])
    db.flush()
    for index, colour in enumerate([(20, 20, 20), STILL_COLOUR]):
        still = storage.relative_path("images", uuid.uuid4(), "png")
        storage.absolute(still).parent.mkdir(parents=True, exist_ok=True)
        Image.new("RGB", (1920, 1080), colour).save(storage.absolute(still))
        label = "verse" if index == 0 else "chorus"  # the chorus's still stands for the video
        db.add(
            Scene(
                video_id=video_id, index=index, data={"section_label": label}, still_path=still, approved=True
            )
        )
    if lyrics:
        model = get_settings().openai.transcribe_model
        db.add(
            SongLyrics(
                content_hash=content_hash,
                provider="openai",
                model=model,
                data={"language": "english", "provider": "openai", "model": model, "segments": LINES},
                seconds=1.0,
            )
        )
    db.commit()
    return video


def upload_body(**overrides) -> dict:
    return {
        "title": "Neon Rain (official video)",
        "description": "A night drive through the rain.",
        "tags": ["music video", "synthwave"],
        "privacy": "unlisted",
        "made_for_kids": False,
    } | overrides


def video_bytes(video: Video) -> bytes:
    return storage.absolute(video.output_path or "").read_bytes()
