"""ADTS, the raw AAC stream format: every AAC frame (1024 samples) carries its own 7- or
9-byte header and nothing in the bitstream links the frames, so streams can be cut and joined
frame by frame in plain Python (what the decoder's overlap between frames needs is audio.py's
business). ffmpeg writes it with `-f adts` and reads it with `-f aac`."""

from pathlib import Path

from app.media.ffmpeg import MediaError


def read_frames(path: Path) -> list[bytes]:
    """The ADTS frames of a file, each with its header."""
    data = path.read_bytes()
    frames: list[bytes] = []
    pos = 0
    while pos < len(data):
        header = data[pos : pos + 7]
        if len(header) < 7 or header[0] != 0xFF or header[1] & 0xF0 != 0xF0:
            raise MediaError(f"{path.name} is not a clean ADTS stream (byte {pos})")
        if header[6] & 0x03:
            # We count one frame per header; ffmpeg never writes several per header.
            raise MediaError(f"{path.name} packs several AAC frames per ADTS header")
        length = ((header[3] & 0x03) << 11) | (header[4] << 3) | (header[5] >> 5)
        if length < 7:
            raise MediaError(f"{path.name} has a broken ADTS header (byte {pos})")
        frames.append(data[pos : pos + length])
        pos += length
    return frames


def write_frames(path: Path, frames: list[bytes]) -> None:
    path.write_bytes(b"".join(frames))
