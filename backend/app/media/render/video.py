"""The picture track: one still image as H.264 High 1080p30 with 2 s fades from and to black,
encoded once and then repeated by copy.

Only three short pieces go through x264: the fade-in, one still GOP and the fade-out, as raw
H.264 (Annex B). The video is those bytes joined: the still GOP as often as the track needs,
one last copy cut short, so the picture costs the same few seconds whether the track lasts
2 or 15 minutes. (The concat demuxer would do the same join, but it re-probes every file it
opens, decoding a frame each time: ~5 s for the 180 copies of a 15-minute track.)
"""

from dataclasses import dataclass
from pathlib import Path

from app.media.ffmpeg import MediaError, run_ffmpeg
from app.media.render.h264 import first_pictures, parameter_sets
from app.media.render.jobs import Job

FPS = 30
WIDTH, HEIGHT = 1920, 1080
FADE_FRAMES = 2 * FPS

# The keyframe interval is the length of the still piece. YouTube suggests a GOP of half the
# frame rate, but on a still picture each keyframe re-sends the whole image (~0.2-0.4 MB)
# while the frames between are nearly free: 0.5 s GOPs would make the file ~10x larger for
# nothing. A keyframe every 5 s keeps the picture at a few hundred kbit/s (below the audio),
# lets YouTube's ingest split the upload into chunks and players seek instantly (at most
# 150 empty frames to decode), and costs one 150-frame encode.
GOP_FRAMES = 5 * FPS

# Everything that shapes the H.264 headers (SPS/PPS) is pinned, so that the pieces, though
# encoded separately, share one set of headers and can be joined by stream copy (checked
# after encoding). No B-frames: on a still picture they save nothing, and without them every
# frame is presented when it is decoded, so the MP4 needs no composition offsets or edit
# list for the picture to start at 0, and a copy of the still piece can be cut after any
# frame. Closed GOPs: each piece starts with an IDR frame nothing before it refers to.
X264_HEADERS = [
    "stitchable=1", "bframes=0", "ref=1", "weightp=1", "cabac=1", "8x8dct=1",
    "open-gop=0", "scenecut=0", f"keyint={GOP_FRAMES}", f"min-keyint={GOP_FRAMES}",
]


def x264(preset: str, crf: int, *tuning: str) -> list[str]:
    """x264 settings: the speed/quality knobs vary per piece, the headers never do."""
    return [
        "-c:v", "libx264", "-preset", preset, "-tune", "stillimage", "-crf", str(crf),
        "-profile:v", "high", "-level:v", "4.1", "-x264-params", ":".join([*X264_HEADERS, *tuning]),
        "-color_primaries", "bt709", "-color_trc", "bt709", "-colorspace", "bt709", "-color_range", "tv",
    ]


# x264's "ultrafast" analysis skips the motion search a still picture doesn't need; the
# intra partitions, adaptive quantisation and deblocking it also drops are put back.
# The still piece's P-frames only repeat the picture, so they get a quantiser too coarse to
# code anything (x264 skips every macroblock: ~70 bytes and ~5 ms a frame) while ipratio=8
# puts the keyframe 18 QP finer, at what CRF 18 gives (~50 dB PSNR on our test picture).
# The fades change every frame and get an ordinary CRF.
STILL_X264 = x264("ultrafast", 36, "partitions=i4x4,i8x8", "aq-mode=1", "deblock=-3,-3", "ipratio=8")
FADE_X264 = x264("ultrafast", 26, "partitions=i4x4,i8x8", "aq-mode=1", "deblock=-1,-1")

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
    fade: int  # frames in each fade piece
    still: int  # frames in the still piece (0 when the fades fill the video)
    copies: int  # whole copies of the still piece
    rest: int  # frames of one more copy, cut short


def plan_video(frames: int) -> VideoPlan:
    if frames < FPS:
        raise MediaError("the audio is too short for a video (under a second)")
    fade = min(FADE_FRAMES, frames // 2)
    middle = frames - 2 * fade
    still = min(GOP_FRAMES, middle)
    copies, rest = divmod(middle, still) if still else (0, 0)
    return VideoPlan(frames, fade, still, copies, rest)


def video_jobs(image: Path, plan: VideoPlan, tmp: Path) -> list[Job]:
    """x264 jobs for the pieces; each writes tmp/<name>.h264 (raw H.264)."""
    pieces = {
        # Frame 0 black, frame `fade` (the first still frame) at full brightness.
        "fade-in": (plan.fade, f",fade=t=in:n={plan.fade}", FADE_X264),
        # Mirror image: full brightness at frame 0, the last frame fully black.
        "fade-out": (plan.fade, f",fade=t=out:n={plan.fade - 1}", FADE_X264),
    }
    if plan.still:
        pieces["still"] = (plan.still, "", STILL_X264)

    def job(name: str, frames: int, fade: str, settings: list[str]) -> Job:
        args = [
            "-i", str(image), "-vf", PICTURE + fade, "-r", str(FPS), "-frames:v", str(frames), "-an",
            *settings, "-f", "h264", str(tmp / f"{name}.h264"),
        ]
        # Rough CPU seconds per frame on a small server.
        return Job(name, frames * (0.02 if fade else 0.006), lambda: run_ffmpeg(args))

    return [job(name, *piece) for name, piece in pieces.items()]


def join_pieces(plan: VideoPlan, tmp: Path) -> Path:
    """The whole picture track as raw H.264: fade-in, the still piece as often as needed
    (the last copy cut after `rest` frames), fade-out."""
    fade_in, fade_out = (tmp / "fade-in.h264").read_bytes(), (tmp / "fade-out.h264").read_bytes()
    still = (tmp / "still.h264").read_bytes() if plan.still else b""
    pieces = [fade_in, fade_out] + ([still] if still else [])
    # The MP4 describes the whole track with one set of headers (the first piece's); a
    # different x264 build is the one way the pieces' could differ, so check.
    if len({parameter_sets(piece) for piece in pieces}) != 1:
        raise MediaError("x264 wrote different H.264 headers for the video pieces; cannot join them")
    path = tmp / "video.h264"
    with path.open("wb") as out:
        out.write(fade_in)
        for _ in range(plan.copies):
            out.write(still)
        if plan.rest:
            out.write(first_pictures(still, plan.rest))
        out.write(fade_out)
    return path
