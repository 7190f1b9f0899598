"""Annex B, the raw H.264 stream format x264 writes with `-f h264`: NAL units, each behind a
00 00 01 start code (00 00 00 01 for some), with no container and no timestamps. The encoder
escapes every 00 00 0x inside a unit, so a start code can only be a boundary, and a stream
can be cut and joined between units in plain Python. Nothing here reads or writes what is
inside a unit: the bytes are x264's, in the order x264 wrote them. ffmpeg reads the format
with `-f h264`."""

from dataclasses import dataclass

from app.media.ffmpeg import MediaError

START = b"\x00\x00\x01"
PICTURE = {1, 5}  # slice of a picture (P here), slice of an IDR picture (a keyframe)
PARAMETER_SETS = {7, 8}  # SPS, PPS


@dataclass(frozen=True)
class Unit:
    start: int  # offset of its start code
    kind: int  # nal_unit_type


def units(data: bytes) -> list[Unit]:
    units_: list[Unit] = []
    pos = data.find(START)
    while pos != -1 and pos + 3 < len(data):
        begin = pos - 1 if pos > 0 and data[pos - 1] == 0 else pos  # 4-byte start codes
        units_.append(Unit(begin, data[pos + 3] & 0x1F))
        pos = data.find(START, pos + 3)
    return units_


def parameter_sets(data: bytes) -> bytes:
    """The stream's first SPS and PPS, each from its start code to the next unit, for
    comparing the headers of pieces."""
    found = units(data)
    ends = [unit.start for unit in found[1:]] + [len(data)]
    sets: dict[int, bytes] = {}
    for unit, end in zip(found, ends, strict=True):
        if unit.kind in PARAMETER_SETS:
            sets.setdefault(unit.kind, data[unit.start : end].strip(b"\x00"))
    if sets.keys() != PARAMETER_SETS:
        raise MediaError("an H.264 piece lacks its parameter sets (SPS and PPS)")
    return sets[7] + sets[8]


def first_pictures(data: bytes, count: int) -> bytes:
    """The stream's first `count` pictures: everything before the unit that follows the
    slice of picture `count - 1` (a picture's other units, such as parameter sets, come
    before its slice). Needs one slice per picture, as x264 writes with a single thread."""
    found = units(data)
    slices = [i for i, unit in enumerate(found) if unit.kind in PICTURE]
    if not 0 < count <= len(slices):
        raise MediaError(f"an H.264 piece holds {len(slices)} pictures, {count} were asked for")
    after = slices[count - 1] + 1
    return data if after == len(found) else data[: found[after].start]


def picture_count(data: bytes) -> int:
    return sum(unit.kind in PICTURE for unit in units(data))
