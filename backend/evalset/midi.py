"""A minimal Standard MIDI File writer (format 1), with one tick = one millisecond, so the
notes we place at exact seconds reach the synthesiser at those seconds (±0.5 ms)."""

import struct
from dataclasses import dataclass
from pathlib import Path

PPQ = 500  # ticks per quarter note; with 500 000 µs per quarter a tick is 1 ms


@dataclass(frozen=True)
class Note:
    start: float  # seconds
    end: float
    pitch: int
    velocity: int
    channel: int  # 9 = General MIDI percussion


def _varlen(value: int) -> bytes:
    out = [value & 0x7F]
    value >>= 7
    while value:
        out.append(0x80 | (value & 0x7F))
        value >>= 7
    return bytes(reversed(out))


def _track(events: list[tuple[int, int, bytes]]) -> bytes:
    """events: (tick, order, message) — order puts note-offs before note-ons at one tick."""
    body, now = bytearray(), 0
    for tick, _, message in sorted(events):
        body += _varlen(tick - now) + message
        now = tick
    body += b"\x00\xff\x2f\x00"
    return b"MTrk" + struct.pack(">I", len(body)) + bytes(body)


def write(path: Path, notes: list[Note], programs: dict[int, int]) -> None:
    """Write notes (channels → General MIDI programs) to a MIDI file."""
    tempo = [(0, 0, b"\xff\x51\x03" + (500_000).to_bytes(3, "big"))]
    events: list[tuple[int, int, bytes]] = []
    for channel, program in programs.items():
        if channel != 9:
            events.append((0, 0, bytes([0xC0 | channel, program])))
    for n in notes:
        on, off = round(n.start * 1000), max(round(n.end * 1000), round(n.start * 1000) + 1)
        events.append((on, 2, bytes([0x90 | n.channel, n.pitch, max(1, min(127, n.velocity))])))
        events.append((off, 1, bytes([0x80 | n.channel, n.pitch, 0])))
    header = b"MThd" + struct.pack(">IHHH", 6, 1, 2, PPQ)
    path.write_bytes(header + _track(tempo) + _track(events))
