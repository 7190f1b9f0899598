"""The song as the video's soundtrack: AAC-LC 48 kHz stereo, untouched between its gentle
fades, at -14 LUFS only when asked. One encode, run beside the picture's segments.

Encoders put 1024 samples of priming before the sound, which MP4 would hide with an edit
list; YouTube asks for none, so the priming frame is dropped and the sound starts at 0 like
the picture (under a fade-in it was silent anyway)."""

import json
import math
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import ffmpeg

from app.core.errors import MediaError
from app.media.ffmpeg import binary, probe, run_ffmpeg
from app.media.render.adts import read_frames, write_frames
from app.media.render.audio import AAC, FRAME, RATE

# True peak aimed 0.5 dB under YouTube's -1 dBTP: the AAC encode overshoots the PCM's peaks a little.
MUSIC_UNDER = 0.3  # the music's gain under a clip that brings its own sound (seed 002's mix)
TARGET = {"I": -14.0, "TP": -1.5, "LRA": 11.0}


def measure_loudness(song: Path) -> dict[str, str]:
    """loudnorm's first pass: the song's loudness, for a second pass that only scales it."""
    args = ffmpeg.input(str(song)).audio.filter("loudnorm", print_format="json", **TARGET)
    cmd = [binary("ffmpeg"), "-hide_banner", "-nostdin", *args.output("-", format="null").compile()[1:]]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    tail = proc.stderr[proc.stderr.rfind("{") :]
    try:
        found = json.loads(tail)
        return {
            key: found[key] for key in ("input_i", "input_tp", "input_lra", "input_thresh", "target_offset")
        }
    except (ValueError, KeyError) as exc:
        raise MediaError(f"could not measure the song's loudness: {proc.stderr[-300:]}") from exc


@dataclass(frozen=True)
class ClipSound:
    """A provider clip's own sound, in its slot: samples [start, start + length) at 48 kHz."""

    path: Path
    start: int
    length: int


def has_sound(path: Path) -> bool:
    return any(s.get("codec_type") == "audio" for s in probe(path).get("streams", []))


def mix_clip_sounds(song: Path, voices: Sequence[ClipSound], *, samples: int, scratch: Path) -> Path:
    """The song with the clips' sounds over it: under a clip that has sound the music drops to
    MUSIC_UNDER; each clip's sound is cut (or looped) to its slot like its picture. A WAV for
    the soundtrack's encode (and its loudness measurement) to start from."""
    slots = "+".join(f"between(t,{v.start / RATE:.6f},{(v.start + v.length) / RATE:.6f})" for v in voices)
    music = (
        ffmpeg.input(str(song))
        .audio.filter("aresample", RATE)
        .filter("aformat", channel_layouts="stereo")
        .filter("volume", volume=f"if({slots},{MUSIC_UNDER},1)", eval="frame")
    )
    parts = [music]
    for v in voices:
        parts.append(
            ffmpeg.input(str(v.path), stream_loop=-1)
            .audio.filter("aresample", RATE)
            .filter("aformat", channel_layouts="stereo")
            .filter("atrim", end_sample=v.length)
            .filter("asetpts", "N/SR/TB")
            .filter("adelay", delays=f"{v.start}S", all=1)
        )
    mixed = ffmpeg.filter(parts, "amix", inputs=len(parts), duration="first", normalize=0)
    path = scratch / "mix.wav"
    run_ffmpeg(mixed.filter("atrim", end_sample=samples).output(str(path), acodec="pcm_f32le").compile()[1:])
    return path


def encode_soundtrack(
    song: Path,
    out: Path,
    *,
    samples: int,
    fades: tuple[int, int],
    loudnorm: bool,
    scratch: Path,
    voices: Sequence[ClipSound] = (),
) -> Path:
    """`samples` at 48 kHz (the video's length), fading in and out over `fades` samples; with
    `voices`, the clips' own sounds over the music."""
    if voices:
        song = mix_clip_sounds(song, voices, samples=samples, scratch=scratch)
    audio = ffmpeg.input(str(song)).audio
    if loudnorm:
        m = measure_loudness(song)
        audio = audio.filter(
            "loudnorm",
            measured_I=m["input_i"],
            measured_TP=m["input_tp"],
            measured_LRA=m["input_lra"],
            measured_thresh=m["input_thresh"],
            offset=m["target_offset"],
            linear="true",
            **TARGET,
        )
    audio = (
        audio.filter("aresample", RATE)
        .filter("aformat", channel_layouts="stereo")
        .filter("asetpts", "N/SR/TB")
        .filter("atrim", end_sample=samples)
    )
    if fades[0]:
        audio = audio.filter("afade", type="in", start_sample=0, nb_samples=fades[0])
    if fades[1]:
        audio = audio.filter("afade", type="out", start_sample=samples - fades[1], nb_samples=fades[1])
    audio = audio.filter("apad", whole_len=samples)
    raw = scratch / "audio-encoded.aac"
    options = dict(zip(AAC[::2], AAC[1::2], strict=True))
    args = audio.output(
        str(raw), format="adts", ar=RATE, ac=2, **{k.lstrip("-"): v for k, v in options.items()}
    )
    run_ffmpeg(args.compile()[1:])
    wanted = math.ceil(samples / FRAME)
    frames = read_frames(raw)[1 : 1 + wanted]  # frame 0 is the encoder's priming
    if len(frames) != wanted:
        raise MediaError(f"the AAC encoder returned {len(frames)} frames of the song, expected {wanted}")
    write_frames(out, frames)
    return out
