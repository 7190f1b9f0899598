"""Annex B H.264, what x264 writes with `-f h264`: NAL units behind 00 00 01 start codes,
the parameter sets (SPS/PPS) repeated before every keyframe, no container, no timestamps.
Pieces whose parameter sets are identical join by plain byte concatenation."""

from app.media.ffmpeg import MediaError

START = b"\x00\x00\x01"
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


def nal_units(data: bytes, kinds: set[int]) -> list[bytes]:
    """The first NAL unit of each of `kinds`, in the order of their type numbers
    (header byte first, start code and trailing zeros removed)."""
    units = _units(data)
    ends = [begin for begin, _, _ in units[1:]] + [len(data)]
    found: dict[int, bytes] = {}
    for (_, header, kind), end in zip(units, ends):
        if kind in kinds:
            found.setdefault(kind, data[header:end].rstrip(b"\x00"))
    missing = kinds - found.keys()
    if missing:
        raise MediaError(f"the H.264 stream lacks NAL units of types {sorted(missing)}")
    return [found[kind] for kind in sorted(kinds)]


def parameter_sets(data: bytes) -> bytes:
    """The SPS and PPS units of a stream (the first of each kind), for comparing pieces."""
    return b"".join(nal_units(data, PARAMETER_SETS))


def keyframes(data: bytes) -> list[bytes]:
    """A stream of keyframes only, one per picture: x264 repeats the parameter sets before
    every keyframe, so each picture starts at an SPS."""
    starts = [begin for begin, _, kind in _units(data) if kind == 7]
    if not starts or starts[0] != 0:
        raise MediaError("the H.264 piece does not start with its parameter sets")
    return [data[a:b] for a, b in zip(starts, starts[1:] + [len(data)])]
