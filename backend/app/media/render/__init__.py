"""Still picture + audio -> a YouTube-ready MP4, in seconds rather than real time.

YouTube's upload recommendations, where they make sense for a still picture: MP4 with the
index (moov) first and no edit lists; H.264 High, 4:2:0, 1920x1080 at a constant 30 fps,
closed GOPs, no more than 2 consecutive B-frames (we use none); AAC-LC stereo 48 kHz
384 kbit/s. Picture and sound fade in from and out to black/silence over 2 s, and the video
lasts as long as the audio (within a frame).

How: video.py has x264 encode the fade-in, one GOP of the still picture and the last GOP
with the fade-out, and repeats the still GOP by copying its bytes for the rest of the track;
audio.py stream-copies the provider's AAC except its faded ends, or encodes other audio in
parallel pieces (adts.py); all encodes run at once on every core (jobs.py), then one ffmpeg
run muxes both streams by copy.
"""

import tempfile
from pathlib import Path

from PIL import Image

from app.core.progress import ProgressFn, no_progress
from app.media.ffmpeg import MediaError, probe, run_ffmpeg
from app.media.render import audio as soundtrack
from app.media.render.jobs import run_jobs
from app.media.render.video import FPS, join_pieces, plan_video, video_jobs

__all__ = ["render_video"]


def render_video(
    *, image: Path, audio: Path, out: Path, workdir: Path, progress: ProgressFn = no_progress
) -> None:
    """Write the MP4 to `out`. Intermediate files live in a folder inside `workdir` that is
    removed on success and failure alike. Raises MediaError with a readable reason."""
    progress(0.0)
    _check_image(image)
    if not audio.is_file():
        raise MediaError(f"audio not found: {audio.name}")
    with tempfile.TemporaryDirectory(prefix="render-", dir=workdir) as name:
        tmp = Path(name)
        sound = soundtrack.prepare(audio, tmp)
        plan = plan_video(round(sound.length * FPS / soundtrack.RATE))
        progress(0.05)
        results = run_jobs(video_jobs(image, plan, tmp) + sound.jobs, lambda f: progress(0.05 + 0.85 * f))
        video, aac = join_pieces(plan, tmp), sound.join(results, tmp / "audio.aac")
        _mux(video, aac, out, sound.length / soundtrack.RATE)
    progress(1.0)


def _mux(video: Path, aac: Path, out: Path, seconds: float) -> None:
    """Both streams into the MP4 by copy, then a look at the result: a wrong length would
    reveal a mistake anywhere above."""
    try:
        inputs = ["-f", "h264", "-framerate", str(FPS), "-i", str(video), "-f", "aac", "-i", str(aac)]
        # Raw H.264 has no timestamps: frame N is shown at exactly N/30 s (512 ticks of
        # 1/15360 s, ffmpeg's usual MP4 clock for 30 fps).
        timing = ["-bsf:v", f"setts=time_base=1/{512 * FPS}:ts=N*512:duration=512"]
        # Both streams start at 0 (no B-frames, no priming), so no edit list is needed.
        layout = ["-use_editlist", "0", "-movflags", "+faststart", "-f", "mp4", str(out)]
        run_ffmpeg([*inputs, "-map", "0:v:0", "-map", "1:a:0", "-c", "copy", *timing, *layout])
        lengths = {s["codec_type"]: float(s["duration"]) for s in probe(out)["streams"]}
        if set(lengths) != {"video", "audio"} or any(abs(d - seconds) > 1 / FPS for d in lengths.values()):
            raise MediaError(f"the rendered video came out wrong: {lengths}, expected {seconds:.3f} s")
    except MediaError:
        out.unlink(missing_ok=True)  # no half-written video
        raise


def _check_image(image: Path) -> None:
    """Fail early, with a reason a creator can read, rather than deep inside x264 jobs."""
    if not image.is_file():
        raise MediaError(f"cover image not found: {image.name}")
    try:
        with Image.open(image) as picture:
            picture.verify()  # reads the whole file and checks its structure, without decoding
    except (OSError, SyntaxError, ValueError) as exc:
        raise MediaError(f"cover image {image.name} is not a readable image: {exc}") from exc
