"""Turning a service's files into what the pipeline stores, after checking they are what we
asked for: audio → the MP3 320k + AAC pair (exactly the requested length), images → a
1920×1080 PNG through the shared Lanczos cover-crop.

An MP3 that already is the deliverable (320 kbps, 44.1 kHz stereo, the requested length —
what Mubert sends when asked for mp3/320) is kept as it is: decoding and re-encoding would
only add a second lossy generation. It is still fully decoded once to prove it is sound, and
the AAC for the video is then left to the renderer (AudioResult.aac_path = None)."""

from pathlib import Path

import numpy as np

from app.core.errors import ProviderError
from app.core.progress import ProgressFn
from app.media.audio import SAMPLE_RATE, decode_pcm, encode_audio
from app.media.ffmpeg import MediaError, duration_of, probe, run_ffmpeg
from app.media.image import cover_crop, load_image_checked, save_png
from app.providers.base import AudioResult
from app.providers.calls import Service

AUDIO_CODECS = {
    "mp3",
    "flac",
    "aac",
    "vorbis",
    "opus",
    "pcm_s16le",
    "pcm_s24le",
    "pcm_s32le",
    "pcm_f32le",
    "pcm_u8",
}
SHORT_TOLERANCE = 0.03  # a service may round the length; more than 3 % short is a failure
TAIL_FADE_SECONDS = 2.0  # when we cut a longer answer, fade out instead of stopping dead
MIN_IMAGE_SIDE = 256


def check_audio(path: Path, *, service: Service, what: str) -> dict:
    """The audio stream's facts (ffprobe, with the file's duration), or a ProviderError if
    it is not an audio file of a kind we accept."""
    try:
        info = probe(path)
    except MediaError as exc:
        raise ProviderError(f"{what} is not an audio file we can read", provider=service.label) from exc
    streams = [s for s in info.get("streams", []) if s.get("codec_type") == "audio"]
    if not streams or streams[0].get("codec_name") not in AUDIO_CODECS:
        found = (
            streams[0].get("codec_name") if streams else info.get("format", {}).get("format_name", "no audio")
        )
        raise ProviderError(f"{what} is not audio of a kind we accept ({found})", provider=service.label)
    seconds = float(info.get("format", {}).get("duration") or streams[0].get("duration") or 0)
    if seconds < 1:
        raise ProviderError(f"{what} holds less than a second of audio", provider=service.label)
    return streams[0] | {"duration": seconds}


def _is_deliverable(stream: dict, *, duration: int) -> bool:
    return (
        stream.get("codec_name") == "mp3"
        and int(stream.get("sample_rate", 0)) == SAMPLE_RATE
        and stream.get("channels") == 2
        and int(stream.get("bit_rate") or 0) >= 315_000
        and abs(float(stream["duration"]) - duration) <= 1.0
    )


def crossfade_join(pieces: list[np.ndarray], *, overlap: int) -> np.ndarray:
    """Join stereo pieces, each overlapping the next by `overlap` samples with an
    equal-power crossfade (the pieces are independent takes, so powers add, not amplitudes)."""
    total = sum(len(p) for p in pieces) - overlap * (len(pieces) - 1)
    out = np.zeros((total, 2), dtype=np.float32)
    t = np.linspace(0, np.pi / 2, overlap, dtype=np.float32)[:, None]  # empty when there is no overlap
    pos = 0
    for k, piece in enumerate(pieces):
        piece = piece.copy()
        if overlap and k > 0:
            piece[:overlap] *= np.sin(t)
        if overlap and k < len(pieces) - 1:
            piece[-overlap:] *= np.cos(t)
        out[pos : pos + len(piece)] += piece
        pos += len(piece) - overlap
    return out


def _check_sound(pcm: np.ndarray, *, service: Service) -> None:
    if float(np.abs(pcm).max(initial=0.0)) < 1e-4:
        raise ProviderError("returned silence", provider=service.label)


def to_audio_result(
    sources: list[Path],
    *,
    duration: int,
    crossfade: float,
    workdir: Path,
    service: Service,
    progress: ProgressFn,
) -> AudioResult:
    """Decode the service's file(s), join them, fit them to `duration` s, encode MP3 + AAC."""
    pieces, streams = [], []
    for path in sources:
        streams.append(check_audio(path, service=service, what=f"the audio from {service.label}"))
        pieces.append(decode_pcm(path))
    if len(sources) == 1 and _is_deliverable(streams[0], duration=duration):
        _check_sound(pieces[0], service=service)
        mp3_path = workdir / "music.mp3"
        # Stream copy: same audio frames, without the service's tags and pictures.
        run_ffmpeg(
            [
                "-i",
                str(sources[0]),
                "-map",
                "0:a:0",
                "-c:a",
                "copy",
                "-map_metadata",
                "-1",
                "-id3v2_version",
                "0",
                str(mp3_path),
            ]
        )
        progress(1.0)
        return AudioResult(mp3_path=mp3_path, aac_path=None, duration=duration_of(mp3_path))
    overlap = int(crossfade * SAMPLE_RATE)
    if any(len(p) <= 2 * overlap for p in pieces):
        raise ProviderError(
            "a piece of audio is shorter than the crossfade between pieces", provider=service.label
        )
    pcm = crossfade_join(pieces, overlap=overlap) if len(pieces) > 1 else pieces[0]
    wanted = duration * SAMPLE_RATE
    if len(pcm) < wanted * (1 - SHORT_TOLERANCE):
        raise ProviderError(
            f"returned {len(pcm) / SAMPLE_RATE:.0f} s of audio for a {duration} s track",
            provider=service.label,
        )
    _check_sound(pcm, service=service)
    if len(pcm) > wanted:
        pcm = pcm[:wanted].copy()
        fade = int(TAIL_FADE_SECONDS * SAMPLE_RATE)
        pcm[-fade:] *= np.linspace(1, 0, fade, dtype=np.float32)[:, None]
    elif len(pcm) < wanted:  # within tolerance: a little silence at the end keeps lengths exact
        pcm = np.concatenate([pcm, np.zeros((wanted - len(pcm), 2), dtype=np.float32)])
    pcm = np.ascontiguousarray(np.clip(pcm, -1.0, 1.0), dtype=np.float32)
    mp3_path, aac_path = workdir / "music.mp3", workdir / "music.m4a"
    try:
        encode_audio(pcm, mp3_path=mp3_path, aac_path=aac_path, progress=progress)
    except MediaError as exc:
        raise ProviderError(f"could not encode the track: {exc}", provider=service.label) from exc
    return AudioResult(mp3_path=mp3_path, aac_path=aac_path, duration=duration_of(mp3_path))


def to_cover_png(
    data: bytes, *, workdir: Path, service: Service, width: int = 1920, height: int = 1080
) -> Path:
    """Check the bytes are a real image, then cover-crop it to width×height and save a PNG."""
    try:
        image = load_image_checked(data)
    except ValueError as exc:
        raise ProviderError(f"sent an image we cannot read ({exc})", provider=service.label) from exc
    if min(image.size) < MIN_IMAGE_SIDE:
        raise ProviderError(
            f"sent an image of only {image.width}×{image.height} pixels", provider=service.label
        )
    return save_png(cover_crop(image, width=width, height=height), workdir / "cover.png")
