"""Annex B H.264, what x264 writes with `-f h264`: NAL units behind 00 00 01 start codes,
the parameter sets (SPS/PPS) repeated before every keyframe, no container, no timestamps.
Pieces whose parameter sets are identical join by plain byte concatenation."""

from app.media.ffmpeg import MediaError

START = b"\x00\x00\x01"
SLICES = {1, 5}  # NAL types of coded pictures: non-IDR and IDR slices
PARAMETER_SETS = {7, 8}  # SPS, PPS


def _units(data: bytes) -> list[tuple[int, int, int]]:
    """(offset of the start code, offset of the NAL header, NAL type) for each NAL unit."""
    units = []
    pos = data.find(START)
    while pos != -1:
        begin = pos - 1 if pos > 0 and data[pos - 1] == 0 else pos  # 4-byte start codes
        units.append((begin, pos + 3, data[pos + 3] & 0x1F))
        pos = data.find(START, pos + 3)
    return units


def _starts_picture(data: bytes, unit: tuple[int, int, int]) -> bool:
    # A picture's first slice has first_mb_in_slice = 0, which Exp-Golomb codes as bit '1'.
    _, header, kind = unit
    return kind in SLICES and bool(data[header + 1] & 0x80)


def parameter_sets(data: bytes) -> bytes:
    """The SPS and PPS units of a stream (the first of each kind), for comparing pieces."""
    units = _units(data)
    ends = [begin for begin, _, _ in units[1:]] + [len(data)]
    found: dict[int, bytes] = {}
    for (_, header, kind), end in zip(units, ends):
        if kind in PARAMETER_SETS:
            found.setdefault(kind, data[header:end].rstrip(b"\x00"))
    return found.get(7, b"") + found.get(8, b"")


def first_pictures(data: bytes, count: int) -> bytes:
    """The first `count` pictures of a stream, cut before the units that begin the next one."""
    seen = 0
    cut = None  # start of the non-slice units (SEI, SPS, PPS) waiting for the next picture
    for unit in _units(data):
        if _starts_picture(data, unit):
            if seen == count:
                return data[: unit[0] if cut is None else cut]
            seen += 1
        if unit[2] in SLICES:
            cut = None
        elif cut is None:
            cut = unit[0]
    if seen == count:
        return data
    raise MediaError(f"the H.264 piece has {seen} pictures, {count} were needed")
