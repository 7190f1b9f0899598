"""render_video measured from the outside: MP4 layout, stream parameters, lengths, fades on
picture and sound, picture fidelity, the provider's AAC copied untouched, failures.

Inputs are synthetic and short: a colourful 1920x1080 PNG and steady stereo white noise (which
the AAC encoder needs its full 384 kbit/s for), as .m4a and .mp3. Nothing here times anything."""

import re
import struct
import subprocess
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw

from app.media.ffmpeg import MediaError, probe
from app.media.render import render_video
from app.media.render.annexb import first_pictures
from app.media.render.video import FADE_FRAMES, GOP_FRAMES, X264_HEADERS, check_pieces, plan_video

RATE, FPS = 48_000, 30
M4A_SECONDS = 31.3  # the fade-in, five 5 s GOPs and a shorter last one that holds the fade-out
MP3_SECONDS = 30.0  # long enough to be encoded in two parallel pieces


def ffmpeg(*args: str, stdin: bytes | None = None) -> bytes:
    cmd = ["ffmpeg", "-hide_banner", "-loglevel", "error", "-y", *args]
    if stdin is None:
        cmd.insert(1, "-nostdin")
    return subprocess.run(cmd, input=stdin, capture_output=True, check=True).stdout


def noise(seconds: float) -> list[str]:
    """ffmpeg input arguments for steady, uncorrelated stereo white noise."""
    left, right = (f"anoisesrc=d={seconds}:r={RATE}:a=0.2:c=white:s={seed}" for seed in (1, 2))
    return ["-f", "lavfi", "-i", left, "-f", "lavfi", "-i", right, "-filter_complex", "[0][1]amerge=inputs=2"]


def decode_audio(path: Path) -> np.ndarray:
    """Samples at 48 kHz, mono mix (the channels are equally loud)."""
    raw = ffmpeg("-i", str(path), "-ar", str(RATE), "-ac", "2", "-f", "f32le", "-")
    return np.frombuffer(raw, dtype="<f4").reshape(-1, 2).mean(axis=1)


def decode_frames(path: Path, indices: list[int]) -> list[np.ndarray]:
    """RGB frames by index, converted with the BT.709 matrix the video is tagged with."""
    select = "+".join(f"eq(n\\,{i})" for i in indices)
    rgb = f"select='{select}',scale=in_color_matrix=bt709:in_range=tv,format=rgb24"
    raw = ffmpeg("-i", str(path), "-vf", rgb, "-vsync", "passthrough", "-f", "rawvideo", "-")
    frames = np.frombuffer(raw, dtype=np.uint8).reshape(-1, 1080, 1920, 3)
    assert len(frames) == len(indices)
    return [frame.astype(float) for frame in frames]


def boxes(data: bytes, start: int, end: int) -> list[tuple[bytes, int, int]]:
    """(type, payload start, end) of the MP4 boxes between start and end."""
    found = []
    while start < end:
        size, kind = struct.unpack(">I4s", data[start : start + 8])
        header = 8
        if size == 1:
            size, header = struct.unpack(">Q", data[start + 8 : start + 16])[0], 16
        found.append((kind, start + header, start + size))
        start += size
    return found


def box_types(data: bytes, start: int, end: int) -> list[bytes]:
    """Every box type inside [start, end), recursing into the containers of the movie box."""
    containers = {b"moov", b"trak", b"mdia", b"minf", b"stbl", b"edts", b"dinf", b"udta"}
    types = []
    for kind, payload, box_end in boxes(data, start, end):
        types.append(kind)
        if kind in containers:
            types += box_types(data, payload, box_end)
    return types


def rms_windows(samples: np.ndarray, seconds: float = 0.25) -> np.ndarray:
    size = int(RATE * seconds)
    count = len(samples) // size
    return np.sqrt((samples[: count * size].reshape(count, size) ** 2).mean(axis=1))


def faded(samples: np.ndarray, fade: int = 2 * RATE) -> np.ndarray:
    """What the renderer should make of the input: linear 2 s fades at both ends."""
    gain = np.ones(len(samples))
    ramp = np.arange(fade) / fade
    gain[:fade] = ramp
    gain[-fade:] = ramp[::-1] + 1 / fade
    return samples * gain


def low_pass(samples: np.ndarray, hz: int = 4000) -> np.ndarray:
    spectrum = np.fft.rfft(samples)
    spectrum[hz * len(samples) // RATE :] = 0
    return np.fft.irfft(spectrum, len(samples))


@dataclass
class Rendered:
    out: Path
    source: Path
    seconds: float
    progress: list[float]


@pytest.fixture(scope="module")
def media(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("render-inputs")
    y, x = np.mgrid[0:1080, 0:1920].astype(np.float32)
    red = 127 + 100 * np.sin(x / 197)
    green = 127 + 100 * np.sin(y / 153 + x / 400)
    blue = 127 + 100 * np.cos((x + y) / 350)
    pixels = np.stack([red, green, blue], axis=-1)
    picture = Image.fromarray(pixels.astype(np.uint8))
    draw = ImageDraw.Draw(picture)
    rng = np.random.default_rng(2)
    for _ in range(40):
        cx, cy, r = int(rng.integers(0, 1920)), int(rng.integers(0, 1080)), int(rng.integers(20, 160))
        draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=tuple(int(v) for v in rng.integers(0, 256, 3)))
    picture.save(folder / "picture.png")
    # No noise substitution, so that decoding is deterministic and copied frames compare equal.
    aac = ["-c:a", "aac", "-aac_coder", "fast", "-aac_pns", "0", "-b:a", "384k"]
    ffmpeg(*noise(M4A_SECONDS), *aac, str(folder / "track.m4a"))
    ffmpeg(*noise(3.0), *aac, str(folder / "short.m4a"))
    mp3 = ["-ar", "44100", "-c:a", "libmp3lame", "-b:a", "320k"]
    ffmpeg(*noise(MP3_SECONDS), *mp3, str(folder / "track.mp3"))
    return folder


def render(media: Path, audio: str, seconds: float, folder: Path) -> Rendered:
    workdir = folder / "work"
    workdir.mkdir()
    progress: list[float] = []
    out = workdir / "video.mp4.part"  # as the pipeline does: a temp name, no .mp4 suffix
    render_video(
        image=media / "picture.png", audio=media / audio, out=out, workdir=workdir, progress=progress.append
    )
    assert [p.name for p in workdir.iterdir()] == [out.name], "intermediate files left behind"
    return Rendered(out, media / audio, seconds, progress)


@pytest.fixture(scope="module")
def from_m4a(media: Path, tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    return render(media, "track.m4a", M4A_SECONDS, tmp_path_factory.mktemp("m4a"))


@pytest.fixture(scope="module")
def from_mp3(media: Path, tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    return render(media, "track.mp3", MP3_SECONDS, tmp_path_factory.mktemp("mp3"))


def streams(path: Path) -> dict[str, dict]:
    return {s["codec_type"]: s for s in probe(path)["streams"]}


def test_mp4_has_its_index_first_and_no_edit_lists(from_m4a: Rendered) -> None:
    data = from_m4a.out.read_bytes()
    top = [kind for kind, _, _ in boxes(data, 0, len(data))]
    assert top[0] == b"ftyp" and top.index(b"moov") < top.index(b"mdat")
    moov = next((payload, end) for kind, payload, end in boxes(data, 0, len(data)) if kind == b"moov")
    inside = box_types(data, *moov)
    assert inside.count(b"trak") == 2 and b"elst" not in inside
    assert "mp4" in probe(from_m4a.out)["format"]["format_name"]


def test_video_stream_follows_youtube_recommendations(from_m4a: Rendered) -> None:
    video = streams(from_m4a.out)["video"]
    assert (video["codec_name"], video["profile"], video["pix_fmt"]) == ("h264", "High", "yuv420p")
    assert (video["width"], video["height"]) == (1920, 1080)
    assert video["r_frame_rate"] == video["avg_frame_rate"] == "30/1"
    assert video["has_b_frames"] <= 2
    assert video["color_space"] == "bt709"


def test_gops_are_closed(from_m4a: Rendered) -> None:
    """x264's settings string (an SEI in the stream) says no B-frames, so every frame refers
    only to earlier ones; and every keyframe is an IDR picture, which nothing after it may
    refer across: each GOP is closed."""
    annexb = ffmpeg("-i", str(from_m4a.out), "-c:v", "copy", "-bsf:v", "h264_mp4toannexb", "-f", "h264", "-")
    options = annexb.split(b" options: ")[1].split(b"\x00")[0].split(b" ")
    settings = dict(option.split(b"=", 1) for option in options if b"=" in option)
    assert settings[b"bframes"] == b"0" and settings.get(b"open_gop", b"0") == b"0"
    nal_types = [annexb[m.end()] & 0x1F for m in re.finditer(b"\x00\x00\x01", annexb)]
    keyframes = [line for line in packet_flags(from_m4a.out) if "K" in line]
    assert nal_types.count(5) == len(keyframes) > 1  # one slice per picture


def packet_flags(path: Path, fields: str = "pts_time,flags") -> list[str]:
    """'pts_time,flags' (or other `fields`) of every video packet."""
    entries = ["-select_streams", "v", "-show_entries", f"packet={fields}", "-of", "csv=p=0", str(path)]
    found = subprocess.run(["ffprobe", "-v", "error", *entries], capture_output=True, text=True, check=True)
    return found.stdout.split()


def test_keyframes_every_few_seconds(from_m4a: Rendered) -> None:
    keys = [float(line.split(",")[0]) for line in packet_flags(from_m4a.out) if "K" in line.split(",")[1]]
    assert keys[0] == 0
    assert max(np.diff(keys)) <= 5.0 + 1e-6


def test_audio_stream_is_aac_lc_48k_stereo_384k(from_m4a: Rendered, from_mp3: Rendered) -> None:
    for rendered in (from_m4a, from_mp3):
        audio = streams(rendered.out)["audio"]
        assert (audio["codec_name"], audio["profile"]) == ("aac", "LC")
        assert (audio["sample_rate"], audio["channels"]) == ("48000", 2)
        assert abs(int(audio["bit_rate"]) - 384_000) < 0.1 * 384_000


@pytest.mark.parametrize("which", ["from_m4a", "from_mp3"])
def test_streams_start_at_0_and_last_as_long_as_the_audio(which: str, request: pytest.FixtureRequest) -> None:
    rendered: Rendered = request.getfixturevalue(which)
    for stream in streams(rendered.out).values():
        assert float(stream["start_time"]) == 0
        assert abs(float(stream["duration"]) - rendered.seconds) <= 1 / FPS


def test_picture_fades_from_and_to_black_and_shows_the_image(from_m4a: Rendered, media: Path) -> None:
    last = round(from_m4a.seconds * FPS) - 1
    first, half, full, middle, end = decode_frames(from_m4a.out, [0, 30, 60, last // 2, last])
    source = np.asarray(Image.open(media / "picture.png").convert("RGB")).astype(float)
    assert first.mean() < 2 and end.mean() < 2
    assert 0.4 < half.mean() / source.mean() < 0.6
    for frame in (full, middle):
        assert abs(frame - source).mean() < 3, "the still picture should look like the source"


def test_picture_fades_out_along_a_straight_line(from_m4a: Rendered) -> None:
    """Each frame of the fade-out must be the last full picture scaled toward black,
    linearly, to within a level or two of 255 (a wrong fade, or coding that drifts from it,
    would be off by tens). test_each_frame_of_both_fades_follows_the_straight_line
    measures every frame."""
    last = round(from_m4a.seconds * FPS) - 1
    start = last - (2 * FPS - 1)  # the fade's first frame, still at full brightness
    indices = [start, start + 15, start + 30, start + 45, last]
    full, *fading = decode_frames(from_m4a.out, indices)
    for index, frame in zip(indices[1:], fading, strict=True):
        brightness = 1 - (index - start) / (last - start)
        assert abs(frame.mean() / full.mean() - brightness) < 0.02, index
        assert abs(frame - brightness * full).mean() < 2, index


def assert_decodes_and_parses_cleanly(path: Path) -> None:
    """The picture track is pieces encoded separately and joined (most GOPs are copies of
    one): the decoder must take every frame, and ffmpeg's strict header parser
    (trace_headers) must read every field of every header."""
    for checks in (["-f", "null"], ["-map", "0:v", "-c", "copy", "-bsf:v", "trace_headers", "-f", "null"]):
        cmd = ["ffmpeg", "-hide_banner", "-nostdin", "-v", "error", "-i", str(path), *checks, "-"]
        result = subprocess.run(cmd, capture_output=True, text=True, check=True)
        assert result.stderr == ""


def test_whole_video_decodes_and_parses_without_a_complaint(from_m4a: Rendered) -> None:
    assert_decodes_and_parses_cleanly(from_m4a.out)


Planes = tuple[np.ndarray, np.ndarray]  # luma, both chroma planes


def decode_yuv(path: Path, first: int, count: int) -> list[Planes]:
    """Frames [first, first + count) as they are coded, without any conversion: (luma, both
    chroma planes) as signed distances from black (Y 16, Cb and Cr 128 in limited range)."""
    select = f"select='between(n\\,{first}\\,{first + count - 1})'"
    raw = ffmpeg(
        "-i", str(path), "-vf", select, "-vsync", "passthrough", "-pix_fmt", "yuv420p", "-f", "rawvideo", "-"
    )
    luma = 1920 * 1080
    size = luma * 3 // 2
    assert len(raw) == count * size
    frames = []
    for start in range(0, len(raw), size):
        planes = np.frombuffer(raw, dtype=np.uint8, count=size, offset=start).astype(np.int16)
        frames.append((planes[:luma] - 16, planes[luma:] - 128))
    return frames


def assert_scaled(frame: Planes, full: Planes, level: float) -> None:
    """`frame` is `full` scaled toward black by `level`: its mean brightness within 2 % of
    that (plus half a percent of full brightness, the rounding of the darkest frames), and
    every plane within about one level of 255 per pixel on average."""
    (luma, chroma), (full_luma, full_chroma) = frame, full
    assert abs(luma.mean() / full_luma.mean() - level) < 0.005 + 0.02 * level, level
    assert abs(luma - level * full_luma).mean() < 1.5, level
    assert abs(chroma - level * full_chroma).mean() < 1.5, level


def test_each_frame_of_both_fades_follows_the_straight_line(from_m4a: Rendered) -> None:
    """Frame n of the fade-in shows the picture at n/60 of its brightness (frame 60 is the
    first at full brightness); the fade-out's 60 frames go from full brightness to black in
    59 equal steps, the last one exactly black."""
    fade = FADE_FRAMES
    *fade_in, full = decode_yuv(from_m4a.out, 0, fade + 1)
    for n, frame in enumerate(fade_in):
        assert_scaled(frame, full, n / fade)
    last = round(from_m4a.seconds * FPS) - 1
    fade_out = decode_yuv(from_m4a.out, last - (fade - 1), fade)
    for i, frame in enumerate(fade_out):
        assert_scaled(frame, fade_out[0], 1 - i / (fade - 1))
    luma, chroma = fade_out[-1]
    assert not luma.any() and not chroma.any(), "the last frame must be exactly black"


def test_frames_between_keyframes_of_the_still_picture_are_nearly_free(from_m4a: Rendered) -> None:
    """After the fade-in and before the fade-out, nothing moves: x264 codes every frame that
    isn't a keyframe as "unchanged", so the picture costs its keyframes and little else."""
    frames = [line.split(",") for line in packet_flags(from_m4a.out, "size,flags")]
    last = round(from_m4a.seconds * FPS) - 1
    still = [int(size) for size, flags in frames[FADE_FRAMES : last - FADE_FRAMES] if "K" not in flags]
    assert len(still) > 700 and max(still) < 200


def test_sound_fades_in_and_out_and_is_steady_between(from_m4a: Rendered, from_mp3: Rendered) -> None:
    size = RATE // 4  # RMS in 0.25 s windows, 8 per fade
    # A linear 2 s fade: window i spans gains i/8 .. (i+1)/8, RMS sqrt(mean(gain^2)).
    ramp = np.sqrt([((i + 1) ** 3 - i**3) / 3 / 64 for i in range(8)])
    for rendered in (from_m4a, from_mp3):
        samples = decode_audio(rendered.out)[: round(rendered.seconds * RATE)]
        head, tail = rms_windows(samples[: 8 * size]), rms_windows(samples[-8 * size :])
        body = rms_windows(samples[8 * size : -8 * size])
        steady = np.median(body)
        assert np.all(abs(body - steady) < 0.1 * steady)
        assert np.all(abs(head / steady - ramp) < 0.1)
        assert np.all(abs(tail / steady - ramp[::-1]) < 0.1)


def test_m4a_is_stream_copied_between_the_fades(from_m4a: Rendered) -> None:
    out, source = decode_audio(from_m4a.out), decode_audio(from_m4a.source)
    middle = slice(3 * RATE, len(source) - 3 * RATE)
    assert np.array_equal(out[middle], source[middle]), "the provider's AAC must not be re-encoded"


@pytest.mark.parametrize("which", ["from_m4a", "from_mp3"])
def test_sound_is_aligned_and_seamless(which: str, request: pytest.FixtureRequest) -> None:
    """Compared with the faded input sample for sample, in 20 ms windows, below 4 kHz (above,
    AAC legitimately replaces noise with other noise of the same loudness). There, coding
    noise is under -20 dB; a shift by a single sample gives -10 dB, and a frame lost or
    doubled at a joint between separately encoded pieces makes the error as loud as the signal."""
    rendered: Rendered = request.getfixturevalue(which)
    out, source = decode_audio(rendered.out), decode_audio(rendered.source)
    length = round(rendered.seconds * RATE)
    assert len(out) >= length and len(source) >= length
    error = rms_windows(low_pass(out[:length] - faded(source[:length])), 0.02)
    steady = np.median(rms_windows(low_pass(source[:length]), 0.02))
    assert error.max() < 0.2 * steady


def test_progress_rises_to_one(from_m4a: Rendered, from_mp3: Rendered) -> None:
    for rendered in (from_m4a, from_mp3):
        assert rendered.progress[0] >= 0 and rendered.progress[-1] == 1.0
        assert all(b >= a for a, b in pairwise(rendered.progress))


def test_short_audio_and_a_square_picture(media: Path, tmp_path: Path) -> None:
    """3 s: the fades meet in the middle. The square picture is cropped to cover the frame."""
    square = tmp_path / "square.png"
    Image.open(media / "picture.png").crop((600, 0, 1680, 1080)).resize((640, 640)).save(square)
    out = tmp_path / "short.mp4"
    render_video(image=square, audio=media / "short.m4a", out=out, workdir=tmp_path)
    found = streams(out)
    assert (found["video"]["width"], found["video"]["height"]) == (1920, 1080)
    for stream in found.values():
        assert abs(float(stream["duration"]) - 3.0) <= 1 / FPS
    assert_decodes_and_parses_cleanly(out)  # the fade-out starts at the keyframe itself here


def test_a_last_gop_shortened_to_hold_the_fade_out(media: Path, tmp_path: Path) -> None:
    """7.1 s: after the fade-in, 153 frames would leave the fade-out 3 frames of its own GOP,
    so the plan moves the keyframe back; every frame must still decode, to black at the end."""
    audio = tmp_path / "seven.m4a"
    ffmpeg("-i", str(media / "track.m4a"), "-t", "7.1", "-c", "copy", str(audio))
    out = tmp_path / "seven.mp4"
    render_video(image=media / "picture.png", audio=audio, out=out, workdir=tmp_path)
    assert_decodes_and_parses_cleanly(out)
    frames = round(float(streams(out)["video"]["duration"]) * FPS)
    assert plan_video(frames).gops == [93, 60]
    keys = [float(line.split(",")[0]) for line in packet_flags(out) if "K" in line.split(",")[1]]
    assert keys[-1] == (FADE_FRAMES + 93) / FPS
    (end,) = decode_frames(out, [frames - 1])
    assert end.mean() < 2


def test_unreadable_inputs_raise_readable_errors(media: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n" + b"not really a picture" * 50)
    noise_mp3 = tmp_path / "noise.mp3"
    noise_mp3.write_bytes(bytes(range(256)) * 40)
    blip = tmp_path / "blip.m4a"
    ffmpeg(*noise(0.5), "-c:a", "aac", str(blip))
    workdir = tmp_path / "work"
    workdir.mkdir()
    out = workdir / "video.mp4"
    cases = [
        (media / "picture.png", blip, "too short"),
        (broken, media / "track.m4a", "cover image broken.png is not a readable image"),
        (media / "missing.png", media / "track.m4a", "cover image not found: missing.png"),
        (media / "picture.png", media / "missing.m4a", "audio not found: missing.m4a"),
        (media / "picture.png", noise_mp3, "could not read noise.mp3"),
        (media / "picture.png", media / "picture.png", "no audio stream"),
    ]
    for image, audio, message in cases:
        with pytest.raises(MediaError, match=message):
            render_video(image=image, audio=audio, out=out, workdir=workdir)
        assert list(workdir.iterdir()) == [], "a failed render must leave nothing behind"


def test_pieces_are_joined_only_under_the_same_headers_and_cut_between_pictures() -> None:
    """The pieces are separate x264 runs joined under the first one's headers: a setting
    that changes the headers (here CABAC, which decoders must know about) is refused rather
    than joined into a stream that would decode as garbage, and so is a piece with the wrong
    number of frames. A shorter GOP is the first frames of the still one, cut whole."""

    def piece(settings: list[str], frames: int) -> bytes:
        source = ["-f", "lavfi", "-i", "testsrc2=s=64x64:r=30", "-frames:v", str(frames)]
        encoder = ["-c:v", "libx264", "-preset", "ultrafast", "-threads", "1", "-x264-params"]
        return ffmpeg(*source, *encoder, ":".join(settings), "-f", "h264", "-")

    ours, other = piece(X264_HEADERS, 5), piece([*X264_HEADERS, "cabac=0"], 5)
    check_pieces({"one": (ours, 5), "two": (ours, 5)})
    with pytest.raises(MediaError, match="different H.264 headers"):
        check_pieces({"one": (ours, 5), "two": (other, 5)})
    with pytest.raises(MediaError, match="x264 wrote 5 frames for the video's one, 6 were asked for"):
        check_pieces({"one": (ours, 6)})
    cut = first_pictures(ours, 3)
    check_pieces({"cut": (cut, 3)})
    gray = ["-f", "rawvideo", "-pix_fmt", "gray", "-"]
    decoded = ffmpeg("-f", "h264", "-i", "-", *gray, stdin=cut)
    reference = ffmpeg("-f", "h264", "-i", "-", "-frames:v", "3", *gray, stdin=ours)
    assert decoded == reference and len(decoded) == 3 * 64 * 64


@pytest.mark.parametrize("seconds", [1, 3, 4.5, 7.1, 9.5, 31.3, 120, 900])
def test_plan_keeps_keyframes_close_and_the_fade_out_inside_one_gop(seconds: float) -> None:
    frames = round(seconds * FPS)
    plan = plan_video(frames)
    assert plan.fade == min(FADE_FRAMES, frames // 2)
    assert plan.fade + sum(plan.gops) == frames
    assert all(0 < gop <= GOP_FRAMES for gop in plan.gops)
    assert plan.gops[-1] >= plan.fade  # the fade-out darkens the last keyframe's picture
