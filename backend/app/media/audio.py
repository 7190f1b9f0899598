"""Float PCM → the two audio deliverables, encoded in parallel pieces; plus measurement.

- MP3: 320 kbps CBR, 44.1 kHz stereo (what the creator downloads).
- AAC-LC: 384 kbps, 48 kHz stereo in .m4a, moov first (muxed into the video as is).

One encoder process is single-threaded and a 15-minute track would take ~5 s (MP3) and
~10-15 s (AAC), so the audio is cut into pieces encoded concurrently and joined losslessly,
packet by packet; each encoder gets its piece through a pipe, straight from the array. A
piece starts on the codec's frame grid a few frames early and ends a few frames late;
those warm-up frames let its encoder and the decoder's overlap-add see the same signal as
a single pass would, and are dropped when joining. MP3 pieces use no bit reservoir
(`-reservoir 0`), so no frame borrows bits from a frame of another piece. The joins
measure as clean as a single-pass encode (tests/media/test_audio.py).
"""

import math
import os
import re
import tempfile
from collections.abc import Callable
from concurrent.futures import FIRST_EXCEPTION, ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from app.media.ffmpeg import MediaError, run_ffmpeg

SAMPLE_RATE = 44100
# Pieces follow the track's length, never the machine's core count (so the bytes don't
# either): every piece costs a process start and warm-up frames, which for a short track
# outweigh the parallelism. AAC takes about twice LAME's time, so it gets twice the pieces:
# a 2-minute track is one MP3 piece beside two AAC pieces, ~1 s of work for each core.
SECONDS_PER_PIECE = {"mp3": 150, "aac": 75}
MAX_PIECES = 4


def piece_count(n: int, codec: str) -> int:
    """Pieces of `codec` for n input samples: MP3 1 up to 2.5 minutes, 4 beyond 7.5; AAC
    1 up to 75 s, 4 beyond 3.75 minutes."""
    return max(1, min(MAX_PIECES, -(-n // (SECONDS_PER_PIECE[codec] * SAMPLE_RATE))))


_BITEXACT = ["-fflags", "+bitexact", "-flags:a", "+bitexact", "-map_metadata", "-1"]
_PCM_IN = ["-f", "f32le", "-ar", str(SAMPLE_RATE), "-ac", "2"]

# MP3: 1152 samples per frame; LAME delays the signal by 576 samples, the decoder by 529.
MP3_FRAME, MP3_DELAY, MP3_DECODER_DELAY = 1152, 576, 529
# Plain L/R stereo: at 320 kbps there are bits to spare, and skipping LAME's mid/side
# decisions saves 30% of its time. `-compression_level 7` is LAME's fast "-q 7" (no noise
# shaping, psychoacoustics kept for pre-echo control): as fast here as "-q 9" (which drops
# them) and ~2.5x faster than the default.
_LAME = [
    "-c:a",
    "libmp3lame",
    "-b:a",
    "320k",
    "-reservoir",
    "0",
    "-joint_stereo",
    "0",
    "-compression_level",
    "7",
]
MP3_ARGS = [*_LAME, "-f", "mp3", "-write_xing", "0", "-id3v2_version", "0"]  # bare frames, no tags
# AAC: 1024 samples per frame at 48 kHz, 1024 of encoder delay. Pieces start on multiples
# of 4704 input samples = 5120 output samples = 5 frames, so the resampler's and the
# encoder's grids line up in every piece.
AAC_FRAME, AAC_UNIT_IN, AAC_UNIT_FRAMES = 1024, 4704, 5
# Tools that save bits at low rates (noise substitution, intensity and mid/side stereo) or
# sharpen transients (TNS): at 384 kbps on ambient music they buy nothing audible and cost
# a third of the encoding time.
_AAC_TOOLS_OFF = ["-aac_pns", "0", "-aac_tns", "0", "-aac_is", "0", "-aac_ms", "0"]
AAC_ARGS = [
    "-ar",
    "48000",
    "-c:a",
    "aac",
    "-b:a",
    "384k",
    "-aac_coder",
    "fast",
    *_AAC_TOOLS_OFF,
    "-f",
    "adts",
]
# The .m4a: moov before the audio (plays while it downloads), no edit list (YouTube's advice).
_M4A_OUT = ["-movflags", "+faststart", "-use_editlist", "0"]
WARMUP_FRAMES = 4


@dataclass(frozen=True)
class Piece:
    first_in: int  # first input sample fed to this piece's encoder
    last_in: int  # one past the last input sample
    keep: slice  # which of its output frames go into the joined file


def _pieces(*, n_frames: int, unit_frames: int, unit_in: int, n_in: int, count: int) -> list[Piece]:
    """Split n_frames output frames into `count` pieces on a grid of `unit_frames`."""
    units = -(-n_frames // unit_frames)
    bounds = [round(units * k / count) * unit_frames for k in range(count)] + [n_frames]
    warm = -(-WARMUP_FRAMES // unit_frames)  # in units
    pieces = []
    for k in range(count):
        start_unit = max(0, bounds[k] // unit_frames - warm)
        first_in = start_unit * unit_in
        last_in = n_in if k == count - 1 else min(n_in, (bounds[k + 1] // unit_frames + warm) * unit_in)
        offset = start_unit * unit_frames
        pieces.append(Piece(first_in, last_in, slice(bounds[k] - offset, bounds[k + 1] - offset)))
    return pieces


def _plan(n: int, *, aac: bool, pieces: int | None) -> tuple[int, list[Piece], int, list[Piece]]:
    """Frame counts and pieces of both codecs for n input samples (AAC empty if not aac);
    `pieces` per codec, or what suits the length."""
    mp3_frames = -(-(n + MP3_DELAY + MP3_DECODER_DELAY) // MP3_FRAME)
    mp3 = _pieces(
        n_frames=mp3_frames, unit_frames=1, unit_in=MP3_FRAME, n_in=n, count=pieces or piece_count(n, "mp3")
    )
    if not aac:
        return mp3_frames, mp3, 0, []
    aac_frames = -(-(-(-n * 48000 // SAMPLE_RATE) + AAC_FRAME) // AAC_FRAME)
    cuts = _pieces(
        n_frames=aac_frames,
        unit_frames=AAC_UNIT_FRAMES,
        unit_in=AAC_UNIT_IN,
        n_in=n,
        count=pieces or piece_count(n, "aac"),
    )
    return mp3_frames, mp3, aac_frames, cuts


def join_points(n: int, *, pieces: int | None = None) -> dict[str, list[float]]:
    """Where the pieces meet, in seconds of the decoded (delay-trimmed) audio, per codec:
    the places to listen to, or to measure, when checking that joins are seamless."""
    _, mp3, _, aac = _plan(n, aac=True, pieces=pieces)
    mp3_frames = [p.first_in // MP3_FRAME + p.keep.start for p in mp3[1:]]  # first frame kept
    aac_frames = [p.first_in // AAC_UNIT_IN * AAC_UNIT_FRAMES + p.keep.start for p in aac[1:]]
    return {
        "mp3": [(f * MP3_FRAME - MP3_DELAY - MP3_DECODER_DELAY) / SAMPLE_RATE for f in mp3_frames],
        "aac": [(f * AAC_FRAME - AAC_FRAME) / 48000 for f in aac_frames],
    }


def _mp3_frames(data: bytes) -> list[bytes]:
    """Split an MPEG-1 Layer III stream (44.1 kHz) into frames."""
    frames, i = [], 0
    while i + 4 <= len(data):
        if data[i] != 0xFF or data[i + 1] & 0xE0 != 0xE0:
            raise MediaError(f"MP3 stream out of sync at byte {i}")
        kbps = (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320)[data[i + 2] >> 4]
        size = 144 * kbps * 1000 // SAMPLE_RATE + ((data[i + 2] >> 1) & 1)
        frames.append(data[i : i + size])
        i += size
    return frames


def _adts_frames(data: bytes) -> list[bytes]:
    """Split an ADTS stream into frames (each carries one 1024-sample AAC block)."""
    frames, i = [], 0
    while i + 7 <= len(data):
        if data[i] != 0xFF or data[i + 1] & 0xF6 != 0xF0:
            raise MediaError(f"ADTS stream out of sync at byte {i}")
        size = ((data[i + 3] & 3) << 11) | (data[i + 4] << 3) | (data[i + 5] >> 5)
        frames.append(data[i : i + size])
        i += size
    return frames


def _crc16(data: bytes) -> int:
    """CRC-16/ARC, the checksum of the LAME tag."""
    crc = 0
    for byte in data:
        crc ^= byte
        for _ in range(8):
            crc = (crc >> 1) ^ 0xA001 if crc & 1 else crc >> 1
    return crc


def _set_gapless_info(path: Path, *, padding: int) -> None:
    """Write LAME's encoder delay and end padding into the Info tag ffmpeg wrote when
    muxing the joined frames (it cannot know them), so players trim them exactly."""
    data = bytearray(path.read_bytes())
    tag = data.find(b"Info")
    frame = tag - 36  # MPEG-1 stereo: 4 header bytes + 32 bytes of side information
    if tag < 0 or data[frame] != 0xFF or data[tag + 120 : tag + 124] not in (b"Lavf", b"Lavc", b"LAME"):
        raise MediaError("the MP3 has no Info tag to complete")
    data[tag + 141 : tag + 144] = (MP3_DELAY << 12 | padding).to_bytes(3, "big")
    data[tag + 154 : tag + 156] = _crc16(bytes(data[frame : frame + 190])).to_bytes(2, "big")
    path.write_bytes(bytes(data))


def _encode_piece(
    pcm: np.ndarray, piece: Piece, codec_args: list[str], out: Path, on_fed: Callable[[int], None]
) -> None:
    """Encode one piece, fed through a pipe straight from the array (no copy, no temp file:
    writing 300 MB to disk first costs more CPU than the pipe); `on_fed` counts bytes."""
    samples = memoryview(pcm[piece.first_in : piece.last_in]).cast("B")  # type: ignore[arg-type]  # no copy of up to 300 MB
    args = [*_PCM_IN, "-i", "pipe:0", *codec_args, *_BITEXACT, str(out)]
    run_ffmpeg(args, input_bytes=samples, on_fed=on_fed)


def encode_audio(
    pcm: np.ndarray,
    *,
    mp3_path: Path,
    aac_path: Path | None,
    workers: int | None = None,
    pieces: int | None = None,
    progress: Callable[[float], None] | None = None,
) -> None:
    """Encode float32 stereo PCM (n, 2) at 44.1 kHz to MP3 (and AAC when aac_path is set).

    Temporary files live next to mp3_path; `progress` gets the fraction encoded so far;
    `pieces` (per codec) defaults to what suits the length.
    """
    if pcm.ndim != 2 or pcm.shape[1] != 2 or pcm.dtype != np.float32 or not pcm.flags.c_contiguous:
        raise MediaError("expected C-contiguous float32 PCM of shape (n, 2)")
    n = len(pcm)
    mp3_frames, mp3_cuts, _, aac_cuts = _plan(n, aac=aac_path is not None, pieces=pieces)
    # (codec, piece index, piece, args); AAC first: the longest jobs start first
    jobs = [("aac", k, p, AAC_ARGS) for k, p in enumerate(aac_cuts)]
    jobs += [("mp3", k, p, MP3_ARGS) for k, p in enumerate(mp3_cuts)]

    with tempfile.TemporaryDirectory(dir=mp3_path.parent, prefix=".encode-") as tmp:
        folder = Path(tmp)
        # Progress is the share of the input fed to the encoders (each one reads as fast as
        # it encodes), reported from the caller's thread a few times a second.
        fed = [0] * len(jobs)  # bytes per job, each written by its own worker only
        total = sum(p.last_in - p.first_in for _, _, p, _ in jobs) * pcm.itemsize * 2

        def counter(index: int) -> Callable[[int], None]:
            def count(n: int) -> None:
                fed[index] += n

            return count

        with ThreadPoolExecutor(max_workers=workers or os.cpu_count() or 2) as pool:
            pending = {
                pool.submit(_encode_piece, pcm, p, args, folder / f"{c}{k}", counter(index))
                for index, (c, k, p, args) in enumerate(jobs)
            }
            while pending:
                finished, pending = wait(pending, timeout=0.2, return_when=FIRST_EXCEPTION)
                for future in finished:
                    future.result()
                if progress is not None:
                    progress(1.0 if not pending else min(sum(fed) / total, 0.99))

        def joined(codec: str, split: Callable[[bytes], list[bytes]]) -> bytes:
            parts = []
            for c, k, piece, _ in jobs:
                if c == codec:
                    frames = split((folder / f"{codec}{k}").read_bytes())
                    if len(frames) < piece.keep.stop:
                        raise MediaError(f"{codec} piece {k} came out short ({len(frames)} frames)")
                    parts += frames[piece.keep]
            return b"".join(parts)

        raw_mp3 = folder / "joined.mp3"
        raw_mp3.write_bytes(joined("mp3", _mp3_frames))
        remux = ["-c:a", "copy", *_BITEXACT]
        run_ffmpeg(["-f", "mp3", "-i", str(raw_mp3), *remux, "-id3v2_version", "0", str(mp3_path)])
        _set_gapless_info(mp3_path, padding=mp3_frames * MP3_FRAME - MP3_DELAY - n)
        if aac_path is not None:
            raw_aac = folder / "joined.aac"
            raw_aac.write_bytes(joined("aac", _adts_frames))
            run_ffmpeg(["-f", "aac", "-i", str(raw_aac), *remux, *_M4A_OUT, str(aac_path)])


@dataclass(frozen=True)
class Loudness:
    integrated_lufs: float
    true_peak_dbtp: float


def measure_loudness(path: Path) -> Loudness:
    """EBU R128 integrated loudness and true peak (max over channels) of a media file."""
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "r128.txt"
        meter = f"ebur128=peak=true:metadata=1,ametadata=mode=print:file={report}"
        run_ffmpeg(["-i", str(path), "-vn", "-af", meter, "-f", "null", "-"])
        text = report.read_text()
    integrated = re.findall(r"lavfi\.r128\.I=(\S+)", text)
    peaks = re.findall(r"lavfi\.r128\.true_peaks_ch(\d+)=(\S+)", text)
    if not integrated or not peaks:
        raise MediaError(f"no loudness measurement for {path.name}")
    # Figures are running ones, printed per frame: the last of each holds the whole file's.
    # Peaks are linear amplitudes.
    last_peak = {ch: float(v) for ch, v in peaks}
    return Loudness(float(integrated[-1]), 20 * math.log10(max(max(last_peak.values()), 1e-10)))


def decode_pcm(path: Path, *, sample_rate: int = SAMPLE_RATE) -> np.ndarray:
    """Decode a media file's audio to float32 stereo (n, 2), e.g. to analyse it."""
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "pcm.f32"
        run_ffmpeg(["-i", str(path), "-vn", "-f", "f32le", "-ac", "2", "-ar", str(sample_rate), str(raw)])
        return np.fromfile(raw, dtype=np.float32).reshape(-1, 2)
