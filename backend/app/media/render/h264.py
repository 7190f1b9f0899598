"""Annex B H.264, what x264 writes with `-f h264`: NAL units behind 00 00 01 start codes,
the parameter sets (SPS/PPS) repeated before every keyframe, no container, no timestamps.
Pieces whose parameter sets are identical join by plain byte concatenation. Also the bit
level: Exp-Golomb fields and emulation prevention, for reading and writing headers."""

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


class BitReader:
    """Exp-Golomb bit reader over an RBSP (emulation prevention already removed)."""

    def __init__(self, data: bytes) -> None:
        self.bits = "".join(f"{byte:08b}" for byte in data)
        self.pos = 0

    def u(self, n: int) -> int:
        value = int(self.bits[self.pos : self.pos + n] or "0", 2)
        self.pos += n
        return value

    def ue(self) -> int:
        zeros = 0
        while self.bits[self.pos + zeros] == "0":
            zeros += 1
        self.pos += zeros
        return self.u(zeros + 1) - 1

    def se(self) -> int:
        k = self.ue()
        return (k + 1) // 2 if k % 2 else -(k // 2)


class BitWriter:
    """Exp-Golomb bit writer; `rbsp()` ends the payload as H.264 requires."""

    def __init__(self) -> None:
        self.bits: list[str] = []

    def u(self, n: int, value: int) -> None:
        self.bits.append(format(value, f"0{n}b") if n else "")

    def ue(self, value: int) -> None:
        code = format(value + 1, "b")
        self.bits.append("0" * (len(code) - 1) + code)

    def se(self, value: int) -> None:
        self.ue(2 * value - 1 if value > 0 else -2 * value)

    def rbsp(self) -> bytes:
        bits = "".join(self.bits) + "1"  # rbsp_stop_one_bit, then zeros to the byte boundary
        bits += "0" * (-len(bits) % 8)
        return int(bits, 2).to_bytes(len(bits) // 8, "big")


def unescape(nal: bytes) -> bytes:
    return nal.replace(b"\x00\x00\x03", b"\x00\x00")


def escape(rbsp: bytes) -> bytes:
    """Emulation prevention: no 00 00 0x (x <= 3) may appear inside a NAL unit."""
    out, zeros = bytearray(), 0
    for byte in rbsp:
        if zeros >= 2 and byte <= 3:
            out.append(3)
            zeros = 0
        out.append(byte)
        zeros = zeros + 1 if byte == 0 else 0
    return bytes(out)
