"""Hand-written frames are only written for the headers they were designed for: any other
x264 setting is refused with a readable reason rather than turned into a broken stream.
(What they look like once decoded is measured in test_render.py.)"""

import subprocess

import pytest

from app.media.ffmpeg import MediaError
from app.media.render.h264 import PARAMETER_SETS, BitReader, BitWriter, escape, nal_units, unescape
from app.media.render.skip import Headers


def keyframe(x264_params: str) -> bytes:
    return subprocess.run(
        ["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "color=c=teal:s=64x64", "-frames:v", "1",
         "-c:v", "libx264", "-preset", "ultrafast", "-x264-params", x264_params, "-f", "h264", "-"],
        capture_output=True, check=True,
    ).stdout


def test_our_settings_are_understood() -> None:
    headers = Headers.parse(*nal_units(keyframe("bframes=0:ref=2:weightp=1:cabac=0"), PARAMETER_SETS))
    assert headers.macroblocks == 16  # 64x64 pixels
    assert len(headers.repeats(1, 20)) == 20


@pytest.mark.parametrize(("params", "reason"), [
    ("bframes=0:ref=2:weightp=1:cabac=1", "CABAC"),
    ("bframes=0:ref=1:weightp=1:cabac=0", "fewer than two reference frames"),
    ("bframes=0:ref=2:weightp=0:cabac=0", "weighted prediction switched off"),
    ("bframes=2:ref=2:weightp=1:cabac=0", "picture order type"),
])
def test_other_settings_are_refused(params: str, reason: str) -> None:
    with pytest.raises(MediaError, match=reason):
        Headers.parse(*nal_units(keyframe(params), PARAMETER_SETS))


def test_header_bits_round_trip_through_emulation_prevention() -> None:
    """Long runs of zero bits (big Exp-Golomb numbers) make 00 00 0x byte patterns, which a
    NAL unit must not contain: they are escaped, and read back unchanged."""
    values = [0, 1, 8160, 2**20, 3, 2**24 + 5]
    writer = BitWriter()
    for value in values:
        writer.ue(value)
        writer.se(-value)
        writer.u(8, value % 256)
    rbsp = writer.rbsp()
    escaped = escape(rbsp)
    assert b"\x00\x00\x00" not in escaped and b"\x00\x00\x01" not in escaped and escaped != rbsp
    reader = BitReader(unescape(escaped))
    assert [(reader.ue(), reader.se(), reader.u(8)) for _ in values] == [(v, -v, v % 256) for v in values]
