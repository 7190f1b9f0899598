"""A timeline -> the music video's MP4, encoded once, in parallel, reusing what hasn't changed.

1. plan.py puts every shot boundary on the frame nearest its beat and cuts the video into
   one segment per shot (a transition's blended frames belong to the shot they lead into).
2. Each segment is one ffmpeg run (segment.py): its frames are made by filters (motion.py
   for stills, clips.py for provider clips), text and fades are drawn on, and x264 encodes
   them once into closed GOPs of raw H.264 with headers shared by all segments. The runs go
   side by side, one per core, with the soundtrack's encode (sound.py) among them; segments
   and soundtracks already in the cache (same hash of everything that decides their bytes)
   are not made again.
3. The segments are joined by concatenating their bytes (each starts with a keyframe, and
   nothing in a closed GOP refers outside it) and muxed with the sound by stream copy:
   MP4, moov first, no edit lists, the same container as the still renderer's.

The filter graphs are built with ffmpeg-python (it escapes option values and graph syntax);
the few arguments that are not a graph (input options, the mux's bitstream filter) are
written as lists, which need no escaping.
"""

import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path

from app.core.errors import MediaError
from app.core.progress import ProgressFn, no_progress
from app.media.compose.clips import check_clip
from app.media.compose.plan import Segment, plan_segments
from app.media.compose.segment import Hasher, Work, encode, key_of
from app.media.compose.sound import MUSIC_UNDER, TARGET, ClipSound, encode_soundtrack, has_sound
from app.media.compose.timeline import ComposeResult, StillMotion, Timeline, VideoClip
from app.media.ffmpeg import probe, run_ffmpeg
from app.media.render import annexb
from app.media.render.audio import AAC, RATE
from app.media.render.jobs import Job, run_jobs

# Rough CPU seconds per frame, to start the heaviest jobs first and weigh progress.
COST = {"still": 0.012, "clip": 0.02, "blend": 0.01}
SOUND_VERSION = f"1|{' '.join(AAC)}|{TARGET}|{MUSIC_UNDER}"


def compose(
    timeline: Timeline, *, out: Path, workdir: Path, cache: Path, progress: ProgressFn = no_progress
) -> ComposeResult:
    """Write the video to `out` (atomically). Raises MediaError with a readable reason."""
    progress(0.0)
    segments = plan_segments(timeline)
    _check_sources(timeline)
    fps = timeline.fps
    total = round(timeline.duration * fps)
    fades = (
        min(round(timeline.fade_in * fps), segments[0].last - segments[0].first),
        min(round(timeline.fade_out * fps), segments[-1].last - segments[-1].first),
    )
    cache.mkdir(parents=True, exist_ok=True)
    workdir.mkdir(parents=True, exist_ok=True)
    files = Hasher()
    works = []
    for i in range(len(segments)):
        key = key_of(timeline, segments, i, files, fades)
        works.append(Work(segments[i], key, cache / f"{key}.h264"))
    missing = [i for i, work in enumerate(works) if not work.path.is_file()]
    samples = round(total * RATE / fps)
    audio_fades = (round(fades[0] * RATE / fps), round(fades[1] * RATE / fps))
    voices = _voices(timeline, segments)
    # The soundtrack is cached like the segments: re-composing after a clip changed does not
    # encode the song again (the AAC encoder costs as much as a fifth of the picture).
    sound = cache / f"sound-{_sound_key(timeline, samples, audio_fades, voices, files)}.aac"
    with tempfile.TemporaryDirectory(prefix="compose-", dir=workdir) as name:
        scratch = Path(name)

        def soundtrack() -> None:
            encoded = encode_soundtrack(
                timeline.audio,
                scratch / "audio.aac",
                samples=samples,
                fades=audio_fades,
                loudnorm=timeline.loudnorm,
                scratch=scratch,
                voices=voices,
            )
            staging = sound.with_suffix(f".{os.getpid()}.part")
            shutil.move(encoded, staging)
            os.replace(staging, sound)

        cost = timeline.duration * 0.06 * (2 if timeline.loudnorm else 1)
        jobs = [] if sound.is_file() else [Job("audio", cost, soundtrack)]
        jobs += [_job(timeline, segments, i, works[i], scratch, fades) for i in missing]
        progress(0.02)
        run_jobs(jobs, lambda f: progress(0.02 + 0.93 * f))
        video = _join(works, scratch / "video.h264")
        partial = scratch / "video.mp4"
        _mux(video, sound, partial, fps=fps, seconds=total / fps)
        _publish(partial, out)
    progress(1.0)
    return ComposeResult(
        path=out,
        duration=total / fps,
        size_bytes=out.stat().st_size,
        cuts=[seg.shot_first / fps for seg in segments[1:]],
        encoded=len(missing),
        reused=len(segments) - len(missing),
    )


def _sound_key(
    timeline: Timeline, samples: int, fades: tuple[int, int], voices: list[ClipSound], files: Hasher
) -> str:
    """Everything the soundtrack's bytes depend on."""
    parts = {
        "version": SOUND_VERSION,
        "song": files(timeline.audio),
        "samples": samples,
        "fades": fades,
        "loudnorm": timeline.loudnorm,
        "voices": [[files(v.path), v.start, v.length] for v in voices],
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()[:32]


def _voices(timeline: Timeline, segments: list[Segment]) -> list[ClipSound]:
    """The provider clips that bring sound, in their slots (ads only; a music video keeps the
    song alone)."""
    if not timeline.clip_sound:
        return []
    fps = timeline.fps
    return [
        ClipSound(
            shot.source.path,
            round(seg.shot_first * RATE / fps),
            round((seg.shot_last - seg.shot_first) * RATE / fps),
        )
        for shot, seg in zip(timeline.shots, segments, strict=True)
        if isinstance(shot.source, VideoClip) and has_sound(shot.source.path)
    ]


def _publish(partial: Path, out: Path) -> None:
    """Put the finished file at `out` in one step: a rename when the work folder shares its
    file system, else a copy beside `out` first, then a rename (never a half-written video)."""
    try:
        os.replace(partial, out)
    except OSError:
        beside = out.with_name(f".{out.name}.{os.getpid()}.part")
        try:
            shutil.copyfile(partial, beside)
            os.replace(beside, out)
        finally:
            beside.unlink(missing_ok=True)


def _job(
    timeline: Timeline, segments: list[Segment], i: int, work: Work, scratch: Path, fades: tuple[int, int]
) -> Job:
    seg = segments[i]
    kind = "clip" if isinstance(timeline.shots[i].source, VideoClip) else "still"
    cost = (seg.last - seg.first) * COST[kind] + seg.blend * COST["blend"]
    return Job(f"segment-{i}", cost, lambda: encode(timeline, segments, i, work, scratch, fades))


def _check_sources(timeline: Timeline) -> None:
    for i, shot in enumerate(timeline.shots, start=1):
        source = shot.source
        if isinstance(source, VideoClip):
            check_clip(source.path)
        elif isinstance(source, StillMotion):
            for path in [source.still, *(layer.image for layer in source.layers)]:
                if not path.is_file():
                    raise MediaError(f"shot {i}: picture not found: {path.name}")
        else:
            raise MediaError(f"shot {i} has no picture or clip")


def _join(works: list[Work], path: Path) -> Path:
    """The segments' bytes one after the other, after checking they share their headers and
    hold the frames planned (a frame too many or too few would put every later cut off)."""
    headers = set()
    with path.open("wb") as out:
        for work in works:
            data = work.path.read_bytes()
            headers.add(annexb.parameter_sets(data))
            frames = work.segment.last - work.segment.first
            if (found := annexb.picture_count(data)) != frames:
                work.path.unlink(missing_ok=True)
                raise MediaError(
                    f"segment {work.segment.index + 1} holds {found} frames, {frames} were planned"
                )
            out.write(data)
    if len(headers) > 1:
        raise MediaError("the segments were encoded with different H.264 headers; cannot join them")
    return path


def _mux(video: Path, aac: Path, out: Path, *, fps: int, seconds: float) -> None:
    """Both streams into the MP4 by copy; then a look at the result: a wrong length would
    reveal a mistake anywhere above."""
    inputs = ["-f", "h264", "-framerate", str(fps), "-i", str(video), "-f", "aac", "-i", str(aac)]
    # Raw H.264 has no timestamps: frame N is shown at exactly N/fps.
    timing = ["-bsf:v", f"setts=time_base=1/{512 * fps}:ts=N*512:duration=512"]
    layout = ["-use_editlist", "0", "-movflags", "+faststart", "-f", "mp4", str(out)]
    run_ffmpeg([*inputs, "-map", "0:v:0", "-map", "1:a:0", "-c", "copy", *timing, *layout])
    lengths = {s["codec_type"]: float(s["duration"]) for s in probe(out)["streams"]}
    if set(lengths) != {"video", "audio"} or any(abs(d - seconds) > 1 / fps for d in lengths.values()):
        raise MediaError(f"the composed video came out wrong: {lengths}, expected {seconds:.3f} s")
