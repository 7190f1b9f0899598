"""The picture track: one still image as H.264 High 1080p30 with 2 s fades from and to black.

Only the fade-in (in two halves) and one keyframe of the picture go through x264, as raw
H.264 (Annex B). Every later frame is written by hand (skip.py): a GOP is the keyframe
followed by frames that repeat it, and the fade-out is frames that each scale the one
before toward black. So the picture costs the same second or so whether the track lasts
2 or 15 minutes, and the bytes between keyframes are ~12 per frame.
"""

from dataclasses import dataclass
from pathlib import Path

from app.media.ffmpeg import MediaError, run_ffmpeg
from app.media.render.h264 import PARAMETER_SETS, keyframes, nal_units, parameter_sets
from app.media.render.jobs import Job
from app.media.render.skip import Headers

FPS = 30
WIDTH, HEIGHT = 1920, 1080
FADE_FRAMES = 2 * FPS

# After the fade-in, a keyframe every 5 s (a GOP). YouTube suggests a GOP of half the
# frame rate, but on a still picture each keyframe re-sends the whole image (~0.2-0.4 MB)
# while the frames between are nearly free: 0.5 s GOPs would make the file ~10x larger for
# nothing. A keyframe every 5 s keeps the picture at a few hundred kbit/s (below the audio),
# lets YouTube's ingest split the upload into chunks and players seek instantly (at most
# 150 repeated frames to decode).
GOP_FRAMES = 5 * FPS

# Everything that shapes the H.264 headers (SPS/PPS) is pinned, so that the pieces, though
# encoded separately, share one set of headers and can be joined by stream copy (checked
# after encoding). No B-frames: on a still picture they save nothing, and without them every
# frame is presented when it is decoded, so the MP4 needs no composition offsets or edit
# list for the picture to start at 0. Closed GOPs: each piece starts with an IDR frame
# nothing before it refers to. CAVLC rather than CABAC, weighted prediction on and room for
# two reference frames, so that frames can be written by hand after the keyframe (skip.py):
# CABAC would need an arithmetic coder for that, and the fade-out keeps the full picture as
# a second reference. CAVLC costs ~15% more bits and the second reference ~15% more time
# on the few frames x264 codes, small beside the audio and beside what they save.
X264_HEADERS = [
    "stitchable=1", "bframes=0", "ref=2", "weightp=1", "cabac=0", "8x8dct=1",
    "open-gop=0", "scenecut=0", f"keyint={GOP_FRAMES}", f"min-keyint={GOP_FRAMES}",
]


def x264(preset: str, crf: int, *tuning: str) -> list[str]:
    """x264 settings: the speed/quality knobs vary per piece, the headers never do."""
    return [
        "-c:v", "libx264", "-preset", preset, "-tune", "stillimage", "-crf", str(crf),
        "-profile:v", "high", "-level:v", "4.1", "-x264-params", ":".join([*X264_HEADERS, *tuning]),
        # The pieces run side by side, one per core (jobs.py); x264's own threads would only
        # add their overhead (~30% more CPU for a fade piece).
        "-threads", "1",
        "-color_primaries", "bt709", "-color_trc", "bt709", "-colorspace", "bt709", "-color_range", "tv",
    ]


# x264's "ultrafast" analysis skips the motion search a still picture doesn't need; the
# intra partitions, adaptive quantisation and deblocking it also drops are put back.
# The still keyframe is what the viewer looks at for minutes: CRF 36 with ipratio=8 puts
# it 18 QP finer, at what CRF 18 gives (~50 dB PSNR on our test picture). The fade-in's
# keyframes are brief and dark, but the frames after each show it up to twice as bright,
# noise included: CRF 20. Every frame of that job is forced to be a keyframe (an IDR)
# without changing keyint, which would change the headers.
STILL_X264 = x264("ultrafast", 36, "partitions=i4x4,i8x8", "aq-mode=1", "deblock=-3,-3", "ipratio=8")
FADE_X264 = [*x264("ultrafast", 20, "partitions=i4x4,i8x8", "aq-mode=1", "deblock=-1,-1"),
             "-force_key_frames", "expr:1", "-forced-idr", "1"]

# The picture is decoded and converted once per piece, then repeated by the `loop` filter
# and given 30 fps timestamps (decoding a 1080p PNG costs more than encoding a frame of it,
# so it must not happen 30 times a second). Pictures of another shape cover the frame and
# are cropped evenly, like app.media.image does.
PICTURE = (
    f"scale={WIDTH}:{HEIGHT}:force_original_aspect_ratio=increase"
    ":out_color_matrix=bt709:out_range=tv,format=yuv420p,"
    f"crop={WIDTH}:{HEIGHT},setsar=1,loop=loop=-1:size=1,settb=1/{FPS},setpts=N"
)


@dataclass(frozen=True)
class VideoPlan:
    frames: int  # the whole video
    fade: int  # frames in each fade
    gops: list[int]  # frames of each GOP after the fade-in; the last one holds the fade-out


def plan_video(frames: int) -> VideoPlan:
    if frames < FPS:
        raise MediaError("the audio is too short for a video (under a second)")
    fade = min(FADE_FRAMES, frames // 2)
    rest = frames - fade
    count = -(-rest // GOP_FRAMES)
    gops = [GOP_FRAMES] * (count - 1) + [rest - (count - 1) * GOP_FRAMES]
    if gops[-1] < fade:  # the fade-out darkens one picture: it can't straddle a keyframe
        gops[-2] -= fade - gops[-1]
        gops[-1] = fade
    return VideoPlan(frames, fade, gops)


def fade_in_keys(fade: int) -> list[int]:
    """Frames of the fade-in that x264 codes as keyframes: black, then 1, 2, 4, 8, ... The
    frames between are written as the last keyframe brightened (skip.py), by less than 2x,
    so its coding noise is never amplified more than that."""
    return [0] + [1 << k for k in range(fade.bit_length()) if 1 << k < fade]


def video_jobs(image: Path, plan: VideoPlan, tmp: Path) -> list[Job]:
    """Two x264 jobs, each writing tmp/<name>.h264 (raw H.264): the fade-in's keyframes and
    the keyframe of the still picture that every GOP after the fade-in starts from."""
    keys = fade_in_keys(plan.fade)
    chosen = "+".join(f"eq(n\\,{key})" for key in keys)
    pieces = {
        # Frame 0 black, frame `fade` (the first still frame) at full brightness.
        "fade-in": (len(keys), f",fade=t=in:n={plan.fade},select='{chosen}',setpts=N", FADE_X264),
        "still": (1, "", STILL_X264),
    }

    def job(name: str, frames: int, fade: str, settings: list[str]) -> Job:
        args = [
            "-i", str(image), "-vf", PICTURE + fade, "-r", str(FPS), "-frames:v", str(frames), "-an",
            *settings, "-f", "h264", str(tmp / f"{name}.h264"),
        ]
        # Rough CPU seconds on a small server: decoding the picture, then each keyframe.
        return Job(name, 0.15 + frames * 0.03, lambda: run_ffmpeg(args))

    return [job(name, *piece) for name, piece in pieces.items()]


def join_pieces(plan: VideoPlan, tmp: Path) -> Path:
    """The whole picture track as raw H.264: the fade-in's keyframes each followed by
    frames brightening it, then GOPs of the still keyframe followed by repeats of it, the
    last GOP ending in the fade-out (skip.py writes every frame that isn't a keyframe)."""
    fade_in, keyframe = (tmp / "fade-in.h264").read_bytes(), (tmp / "still.h264").read_bytes()
    # The MP4 describes the whole track with one set of headers (the first piece's); a
    # different x264 build is the one way the pieces' could differ, so check.
    if parameter_sets(fade_in) != parameter_sets(keyframe):
        raise MediaError("x264 wrote different H.264 headers for the video pieces; cannot join them")
    headers = Headers.parse(*nal_units(keyframe, PARAMETER_SETS))
    keys = fade_in_keys(plan.fade)
    pictures = keyframes(fade_in)
    if len(pictures) != len(keys):
        raise MediaError(f"x264 wrote {len(pictures)} fade-in keyframes, {len(keys)} were asked for")

    def gop(length: int, fade: int = 0) -> bytes:
        """`length` frames from the keyframe, the last `fade` of them fading out (the first
        of those still at full brightness)."""
        full = length - max(fade - 1, 0)  # frames at full brightness, the keyframe included
        frames = headers.repeats(1, full - 1)
        if fade > 1:
            levels = [1 - i / (fade - 1) for i in range(1, fade)]
            frames += headers.scaled(full, levels, after_keyframe=full == 1)
        return keyframe + b"".join(frames)

    path = tmp / "video.h264"
    with path.open("wb") as out:
        for key, end, picture in zip(keys, keys[1:] + [plan.fade], pictures):
            # Frame n of the fade-in is at n/fade of full brightness (ffmpeg's fade filter).
            brighter = headers.scaled(1, [n / key for n in range(key + 1, end)], after_keyframe=True)
            out.write(picture + b"".join(brighter))
        full = gop(GOP_FRAMES)
        for length in plan.gops[:-1]:
            out.write(full if length == GOP_FRAMES else gop(length))
        out.write(gop(plan.gops[-1], plan.fade))
    return path
