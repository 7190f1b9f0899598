"""The picture track: one still image as H.264 High 1080p30 with 2 s fades from and to black.

x264 encodes three pieces as raw H.264 (annexb.py), each made of closed GOPs: the fade-in,
one GOP of the still picture, and the last GOP, which ends in the fade-out. Every GOP in
between is the still GOP again, copied byte for byte (or its first frames, where the plan
needs a shorter one): a closed GOP starts with an IDR keyframe and nothing in it refers to
anything outside it, so identical GOPs decode identically wherever they sit. The result is
an ordinary x264 bitstream, and the picture costs the same few CPU seconds whether the track
lasts 2 or 15 minutes: x264 spends ~6 ms on every frame even of a still picture, which would
be ~3 CPU minutes for a 15-minute track.
"""

from dataclasses import dataclass
from pathlib import Path

from app.media.ffmpeg import MediaError, run_ffmpeg
from app.media.render import annexb
from app.media.render.jobs import Job

FPS = 30
WIDTH, HEIGHT = 1920, 1080
FADE_FRAMES = 2 * FPS

# After the fade-in, a keyframe every 5 s (a GOP). YouTube suggests a GOP of half the
# frame rate, but on a still picture each keyframe re-sends the whole image (~0.1-0.3 MB)
# while the frames between are nearly free: 0.5 s GOPs would make the file ~10x larger for
# nothing. A keyframe every 5 s keeps the picture at a few hundred kbit/s (below the audio),
# lets YouTube's ingest split the upload into chunks and players seek instantly (at most
# 150 repeated frames to decode).
GOP_FRAMES = 5 * FPS

# Everything that shapes the H.264 headers (SPS/PPS) is pinned, so that the pieces, though
# encoded separately, share one set of headers and can be joined by concatenation (checked
# when joining). No B-frames: on a still picture they save nothing, and without them every
# frame is presented when it is decoded, so the MP4 needs no composition offsets or edit
# list for the picture to start at 0. Closed GOPs, and keyframes only where the plan puts
# them. Weighted prediction lets x264 code a fading frame as the frame before it scaled
# toward or away from black, plus a correction: about a quarter fewer bytes for the fades.
# CABAC rather than CAVLC: keyframes ~15 % smaller, which outweighs its frames of a still
# picture costing ~70 bytes rather than ~13 (210 kB per 5 s GOP against 239 kB).
X264_HEADERS = [
    *["stitchable=1", "bframes=0", "ref=1", "weightp=1", "cabac=1", "8x8dct=1"],
    *["open-gop=0", "scenecut=0", f"keyint={GOP_FRAMES}", f"min-keyint={GOP_FRAMES}"],
]

# x264's "ultrafast" analysis skips the motion search a still picture doesn't need; the
# intra partitions, adaptive quantisation and deblocking it also drops are put back.
# The still keyframe is what the viewer looks at for minutes: CRF 36 with ipratio=8 puts
# it 18 QP finer, at what CRF 18 gives (~50 dB PSNR on our test picture). The P-frames
# after it are then quantised more coarsely than the keyframe's own error, so x264 codes
# every macroblock as "unchanged": ~70 bytes a frame, and the picture holds perfectly still.
# Fading frames do change, and at that quantiser x264 would leave them up to 3 % of full
# brightness off the straight line; they are coded at QP 24 instead (an x264 zone), which
# keeps every frame within half a level of 255 of it on average, for ~0.5 MB per second of
# fade. Adaptive quantisation matters there too: it spends its bits on the dark frames,
# where a dark picture would otherwise drift by a few percent.
STILL_QUALITY = ["partitions=i4x4,i8x8", "aq-mode=1", "deblock=-3,-3", "ipratio=8"]
FADE_QP = 24


def x264(*, fading: tuple[int, int] | None = None) -> list[str]:
    """x264 settings; `fading`: the first and last frame of the job that fade."""
    zones = [f"zones={fading[0]},{fading[1]},q={FADE_QP}"] if fading else []
    params = ":".join([*X264_HEADERS, *STILL_QUALITY, *zones])
    encoder = ["-c:v", "libx264", "-preset", "ultrafast", "-tune", "stillimage", "-crf", "36"]
    stream = ["-profile:v", "high", "-level:v", "4.1", "-x264-params", params]
    colours = ["-color_primaries", "bt709", "-color_trc", "bt709", "-colorspace", "bt709"]
    # The pieces run side by side, one per core (jobs.py); x264's own threads would only add
    # their overhead. One thread also means one slice per picture (annexb.py).
    return [*encoder, *stream, "-threads", "1", *colours, "-color_range", "tv"]


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
    # The last GOP is the one x264 encodes with the fade-out; keeping the whole fade in it
    # means every GOP before it is the still picture, a copy of one encoded GOP.
    if gops[-1] < fade:
        gops[-2] -= fade - gops[-1]
        gops[-1] = fade
    return VideoPlan(frames, fade, gops)


def video_jobs(image: Path, plan: VideoPlan, tmp: Path) -> list[Job]:
    """The x264 jobs, each writing tmp/<name>.h264: the fade-in GOP (frame 0 black, frame n
    at n/fade of full brightness, as ffmpeg's fade filter makes it), the still GOP when
    the plan has GOPs between the fade-in and the last one, and the last GOP, whose last
    `fade` frames go from full brightness (the first) to black (the last)."""
    last = plan.gops[-1]
    # The fade filter leaves its first frame as it is and makes the one n frames later
    # black: n is one less than the frames of the fade-out.
    out_start = last - plan.fade
    pieces: dict[str, tuple[int, str, tuple[int, int] | None]] = {
        "fade-in": (plan.fade, f",fade=t=in:n={plan.fade}", (0, plan.fade - 1)),
        "fade-out": (last, f",fade=t=out:s={out_start}:n={plan.fade - 1}", (out_start + 1, last - 1)),
    }
    if len(plan.gops) > 1:
        pieces["still"] = (GOP_FRAMES, "", None)

    def job(name: str, frames: int, fade: str, fading: tuple[int, int] | None) -> Job:
        picture = ["-i", str(image), "-vf", PICTURE + fade, "-r", str(FPS), "-frames:v", str(frames), "-an"]
        args = [*picture, *x264(fading=fading), "-f", "h264", str(tmp / f"{name}.h264")]
        # Rough CPU seconds on a small server: decoding the picture, then each frame (one
        # x264 has to code costs about three it finds unchanged).
        changing = fading[1] - fading[0] + 1 if fading else 1
        return Job(name, 0.2 + (frames - changing) * 0.006 + changing * 0.018, lambda: run_ffmpeg(args))

    return [job(name, *piece) for name, piece in pieces.items()]


def join_pieces(plan: VideoPlan, tmp: Path) -> Path:
    """The whole picture track as raw H.264: the fade-in GOP, the still GOP for every GOP of
    the plan but the last (the first frames of it for a shorter one), the fade-out GOP."""
    fade_in, fade_out = (tmp / "fade-in.h264").read_bytes(), (tmp / "fade-out.h264").read_bytes()
    still = (tmp / "still.h264").read_bytes() if len(plan.gops) > 1 else b""
    pieces = {"fade-in": (fade_in, plan.fade), "fade-out": (fade_out, plan.gops[-1])}
    if still:
        pieces["still"] = (still, GOP_FRAMES)
    check_pieces(pieces)
    path = tmp / "video.h264"
    with path.open("wb") as out:
        out.write(fade_in)
        for length in plan.gops[:-1]:
            out.write(still if length == GOP_FRAMES else annexb.first_pictures(still, length))
        out.write(fade_out)
    return path


def check_pieces(pieces: dict[str, tuple[bytes, int]]) -> None:
    """The MP4 describes the whole track with one set of headers (the first piece's): pieces
    joined under headers that differ from their own would decode as garbage, and a piece
    with a frame too many or too few would put the picture out of step with the sound."""
    headers = {annexb.parameter_sets(data) for data, _ in pieces.values()}
    if len(headers) > 1:
        raise MediaError("x264 wrote different H.264 headers for the video pieces; cannot join them")
    for name, (data, frames) in pieces.items():
        if (found := annexb.picture_count(data)) != frames:
            raise MediaError(f"x264 wrote {found} frames for the video's {name}, {frames} were asked for")
