"""The soundtrack: AAC-LC 48 kHz stereo 384 kbit/s with 2 s fades, assembled frame by frame.

AAC-LC codes 1024 samples per frame, and each frame's transform window overlaps the next
one's. Output frame k decodes track samples [k*1024, (k+1)*1024) from the overlap of two
windows, so frames from different encoder runs can be joined wherever both runs saw the
same signal around the joint. Every encoded piece therefore starts CONTEXT frames early and
ends CONTEXT frames late; those extra frames are thrown away.

- The provider's .m4a (AAC-LC 48 kHz stereo, made for muxing) is stream-copied: only ~2 s at
  each end is decoded, faded and re-encoded; every frame between is copied byte for byte.
- Anything else (MP3, WAV, FLAC, ...) is decoded once and encoded in parallel pieces with
  the fast coder.

Perceptual noise substitution is off: at 384 kbit/s there are bits to code noisy bands
rather than have the decoder invent noise for them (which it does with a random generator,
so the output would differ from the provider's even where frames are copied).

Encoders put 1024 samples of "priming" before the audio, which MP4 normally hides with an
edit list. YouTube asks for no edit lists, so the priming frame is dropped instead and the
sound starts at 0 like the picture. Its only contribution was the first half-overlap, at a
point where the fade-in keeps the volume under 1 %.
"""

import math
import os
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from app.media.ffmpeg import MediaError, probe, run_ffmpeg
from app.media.render.adts import read_frames, write_frames
from app.media.render.jobs import Job

RATE = 48_000
FRAME = 1024  # samples per AAC-LC frame
FADE = 2 * RATE
CONTEXT = 2  # frames encoded before and after each piece so its edges overlap real signal
PIECE_FRAMES = 10 * RATE // FRAME  # below ~10 s a parallel piece isn't worth a process
# Intensity and mid/side stereo off too: tools for squeezing stereo into few bits, idle at
# 384 kbit/s, whose per-band search was a quarter of the encoder's time.
AAC = ["-c:a", "aac", "-aac_coder", "fast", "-aac_pns", "0", "-aac_is", "0", "-aac_ms", "0", "-b:a", "384k"]


@dataclass(frozen=True)
class Decoded:
    """ffmpeg input arguments whose decoded sample 0 is sample `start` of the track."""

    args: list[str]
    start: int


@dataclass(frozen=True)
class Soundtrack:
    length: int  # samples at 48 kHz
    jobs: list[Job]  # each returns the AAC frames of one piece, in order of `pieces`
    pieces: list[str]  # job names, or "copy" for the frames copied from the source
    copied: list[bytes]

    def join(self, results: dict[str, object], out: Path) -> Path:
        frames: list[bytes] = []
        for piece in self.pieces:
            frames += self.copied if piece == "copy" else cast(list[bytes], results[piece])
        write_frames(out, frames)
        return out


def prepare(audio: Path, tmp: Path) -> Soundtrack:
    """Probe the audio and plan its pieces: stream copy when it is the provider's AAC."""
    info = probe(audio, extra=["-select_streams", "a:0", "-show_packets", "-read_intervals", "%+#1"])
    streams = [s for s in info["streams"] if s.get("codec_type") == "audio"]
    if not streams:
        raise MediaError(f"{audio.name} has no audio stream")
    priming = _priming_frames(info, streams[0])
    if priming is not None:
        # MP4 states the exact length (its edit list excludes priming and padding).
        length = round(float(streams[0]["duration"]) * RATE)
        _, _, head, tail = _layout(length)
        if tail > head:
            return _copy(audio, priming, length, tmp)
    return _encode_all(audio, tmp)


def _layout(length: int) -> tuple[int, int, int, int]:
    """Fade length in samples, frame count, and the frames where joints may go: after the
    fade-in and before the fade-out, so that the signal around them isn't faded."""
    fade = min(FADE, length // 2)
    return fade, math.ceil(length / FRAME), math.ceil(fade / FRAME) + 1, (length - fade) // FRAME - 2


def _copy(audio: Path, priming: int, length: int, tmp: Path) -> Soundtrack:
    """Re-encode the faded ends, copy every frame between."""
    fade, total, head, tail = _layout(length)
    run_ffmpeg(["-i", str(audio), "-map", "0:a:0", "-c:a", "copy", "-f", "adts", str(tmp / "source.aac")])
    source = read_frames(tmp / "source.aac")
    if len(source) < priming + total:
        raise MediaError(f"{audio.name} holds {len(source) - priming} AAC frames, its length needs {total}")
    jobs = [
        _job(f"aac-{i}", _slice(source, priming, first, last, tmp), first, last, length, fade, tmp)
        for i, (first, last) in enumerate([(0, head), (tail, total)])
    ]
    return Soundtrack(length, jobs, ["aac-0", "copy", "aac-1"], source[priming + head : priming + tail])


def _encode_all(audio: Path, tmp: Path) -> Soundtrack:
    """Decode once (which also gives the exact length: an MP3's header may be off by tens of
    milliseconds), then encode in one piece per core."""
    pcm = tmp / "source.f32"
    as_pcm = ["-ar", str(RATE), "-ac", "2", "-c:a", "pcm_f32le", "-f", "f32le", str(pcm)]
    run_ffmpeg(["-i", str(audio), "-map", "0:a:0", *as_pcm])
    length = pcm.stat().st_size // 8  # two 4-byte samples per instant
    if length < FRAME:
        raise MediaError(f"{audio.name} is too short to make a video of")
    fade, total, head, tail = _layout(length)
    count = max(1, min(os.cpu_count() or 2, (tail - head) // PIECE_FRAMES))
    cuts = [0] + [head + (tail - head) * i // count for i in range(1, count)] + [total]
    decoded = Decoded(["-f", "f32le", "-ar", str(RATE), "-ac", "2", "-i", str(pcm)], 0)
    jobs = [_job(f"aac-{i}", decoded, cuts[i], cuts[i + 1], length, fade, tmp) for i in range(count)]
    return Soundtrack(length, jobs, [job.name for job in jobs], [])


def _priming_frames(info: dict, stream: dict) -> int | None:
    """How many leading frames of a stream-copyable AAC hold encoder priming; None when the
    audio can't be stream-copied (not AAC-LC 48 kHz stereo in MP4, or priming that isn't a
    whole number of frames, as some encoders write)."""
    copyable = (
        "mp4" in info["format"].get("format_name", "")
        and stream.get("codec_name") == "aac"
        and stream.get("profile") == "LC"
        and stream.get("sample_rate") == str(RATE)
        and stream.get("channels") == 2
        and info.get("packets")
    )
    if not copyable:
        return None
    pts = info["packets"][0].get("pts")
    if pts is None:
        return None
    num, den = (int(x) for x in stream["time_base"].split("/"))
    delay = -int(pts) * RATE * num / den  # samples before track start
    if delay < 0 or delay % FRAME:
        return None
    return int(delay) // FRAME


def _slice(source: list[bytes], priming: int, first: int, last: int, tmp: Path) -> Decoded:
    """The source's own frames around track frames [first, last), as a small ADTS file.
    It starts one frame early: a decoder's first frame lacks its overlap, so its output is
    thrown away with the rest of the context."""
    lo = max(0, priming + first - CONTEXT - 1)
    hi = min(len(source), priming + last + CONTEXT + 1)
    path = tmp / f"slice-{first}.aac"
    write_frames(path, source[lo:hi])
    return Decoded(["-f", "aac", "-i", str(path)], (lo - priming) * FRAME)


def _job(name: str, decoded: Decoded, first: int, last: int, length: int, fade: int, tmp: Path) -> Job:
    def run() -> list[bytes]:
        return _encode(decoded, first, last, length, fade, tmp / f"{name}.aac")

    return Job(name, (last - first) * FRAME / RATE * 0.05, run)  # fast coder ~20x real time


def _encode(decoded: Decoded, first: int, last: int, length: int, fade: int, out: Path) -> list[bytes]:
    """AAC frames for track frames [first, last), faded where they meet the fades."""
    lo = max(0, first - CONTEXT)
    start, end = lo * FRAME, (last + CONTEXT) * FRAME  # track samples fed to the encoder
    chain = [
        "asetpts=N/SR/TB",  # count samples, whatever timestamps the input carries
        f"atrim=start_sample={start - decoded.start}:end_sample={min(end, length) - decoded.start}",
        "asetpts=PTS-STARTPTS",
    ]
    # Joints lie between the fades, so the first piece holds the whole fade-in (and starts at
    # 0) and the last one holds the whole fade-out.
    if start == 0:
        chain.append(f"afade=t=in:ss=0:ns={fade}")
    if end > length - fade:
        chain.append(f"afade=t=out:ss={length - fade - start}:ns={fade}")
    chain.append(f"apad=whole_len={end - start}")  # silence after the track's last sample
    run_ffmpeg([*decoded.args, "-vn", "-sn", "-dn", "-af", ",".join(chain), *AAC, "-f", "adts", str(out)])
    # Frame 0 is the encoder's priming; frame 1 decodes track sample `start`.
    frames = read_frames(out)[1 + first - lo : 1 + last - lo]
    if len(frames) != last - first:
        raise MediaError(f"the AAC encoder returned {len(frames)} frames, expected {last - first}")
    return frames
