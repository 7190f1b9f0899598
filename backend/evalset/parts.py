"""The players of a synthetic song, one bar at a time: drums, keys (block chords, a pad or an
arpeggio), bass and the lead melody, each written into the mix on the song's clock."""

import numpy as np

from evalset.harmony import MAJOR, MINOR
from evalset.sound import Instruments, Mix
from evalset.spec import SongSpec
from evalset.timing import Clock, beats_per_bar


def drum_bar(
    mix: Mix,
    inst: Instruments,
    clock: Clock,
    pos: int,
    meter: str,
    hats_per_beat: int,
    loud: float,
    rng: np.random.Generator,
    *,
    crash: bool,
    fill: bool,
) -> None:
    d = inst.drums

    def v() -> float:
        return loud * float(rng.uniform(0.85, 1.0))

    if meter == "4/4":
        kicks, snares = [0.0, 2.0] + ([2.5] if rng.random() < 0.3 else []), [1.0, 3.0]
    elif meter == "3/4":
        kicks, snares = [0.0], [1.0, 2.0]
    else:
        kicks, snares = [0.0] + ([1 + 2 / 3] if rng.random() < 0.3 else []), [1.0]
    for k in kicks:
        mix.add(d["kick"], clock.time(pos + k), 0.9 * v())
    for s in snares:
        mix.add(d["snare"], clock.time(pos + s), (0.45 if meter == "3/4" else 0.7) * v())
    if fill:
        beats = {"4/4": 4, "3/4": 3, "6/8": 2}[meter]
        mix.add(d["snare"], clock.time(pos + beats - 0.5), 0.5 * v())
    n = {"4/4": 4, "3/4": 3, "6/8": 2}[meter] * hats_per_beat
    for i in range(n):
        accent = 1.0 if i % hats_per_beat == 0 else 0.6
        mix.add(d["hat"], clock.time(pos + i / hats_per_beat), accent * v())
    if crash:
        mix.add(d["crash"], clock.time(pos), 0.8 * v())


def keys_bar(
    mix: Mix,
    inst: Instruments,
    clock: Clock,
    pos: int,
    bpb: int,
    subdivision: int,
    chord: list[int],
    comp: str,
    label: str,
    loud: float,
    rng: np.random.Generator,
) -> None:
    notes = [60 + n % 12 - (12 if n % 12 > 7 else 0) for n in chord]
    t0 = clock.time(pos)
    if label in ("chorus", "bridge", "outro") or comp == "block":
        for n in notes:  # a pad under it, changing with the bar
            mix.add(inst.note("pad", n - 12), t0, 0.05 * loud, length=clock.time(pos + bpb) - t0 + 0.05)
    if comp == "arp" or label == "intro":
        pattern = [notes[0], notes[2], notes[1], notes[2] + 12, notes[0] + 12, notes[2]]
        for i in range(bpb * subdivision):
            at = pos + i / subdivision
            accent = 1.0 if i % subdivision == 0 else 0.55
            n = pattern[i % len(pattern)] - (12 if i % subdivision == 0 else 0)
            mix.add(inst.note("pluck", n), clock.time(at) + rng.normal(0, 0.002), 0.22 * accent * loud)
    else:
        hits = [float(b) for b in range(bpb)] if bpb != 3 else [1.0, 2.0]
        for h in hits:
            accent = 1.0 if h == 0 else 0.75
            for n in notes:
                mix.add(
                    inst.note("piano", n),
                    clock.time(pos + h) + rng.normal(0, 0.002),
                    0.13 * accent * loud,
                    length=0.9 * (clock.time(pos + h + 1) - clock.time(pos + h)),
                )


def bass_bar(
    mix: Mix,
    inst: Instruments,
    clock: Clock,
    pos: int,
    bpb: int,
    subdivision: int,
    chord: list[int],
    style: str,
    loud: float,
    rng: np.random.Generator,
    label: str,
) -> None:
    root = 36 + chord[0] % 12
    if root > 45:
        root -= 12
    if label == "intro" or style == "roots":
        hits = [(0.0, root), (bpb / 2, root)] if bpb != 3 else [(0.0, root)]
    elif style == "pulse":
        hits = [(float(b), root) for b in range(bpb)]
    else:
        hits = [(b + i / subdivision, root + 12 * (i % 2)) for b in range(bpb) for i in range(subdivision)]
    ends = [h for h, _ in hits[1:]] + [float(bpb)]
    for (h, n), e in zip(hits, ends, strict=True):
        length = clock.time(pos + e) - clock.time(pos + h)
        mix.add(inst.note("bass", n), clock.time(pos + h) + rng.normal(0, 0.002), 0.45 * loud, length=length)


def lead_bar(
    mix: Mix,
    inst: Instruments,
    clock: Clock,
    pos: int,
    chord: list[int],
    motif: list[tuple[float, int, float]],
    b: int,
    label: str,
    loud: float,
    rng: np.random.Generator,
    spec: SongSpec,
) -> None:
    bpb = beats_per_bar(spec.meter)
    scale = MAJOR if spec.mode == "major" else MINOR
    base = 72 + spec.tonic % 12 - (12 if spec.tonic % 12 > 6 else 0) + (0 if label == "chorus" else -5)
    half = (b % 2) * bpb
    for p, step, length in motif:
        if not half <= p < half + bpb:
            continue
        degree = step + (2 if label == "bridge" else 0)
        note = base + scale[degree % 7] + 12 * (degree // 7)
        at = pos + p - half
        seconds = clock.time(at + length) - clock.time(at)
        mix.add(
            inst.note("lead", note), clock.time(at) + rng.normal(0, 0.003), 0.12 * loud, length=seconds * 0.95
        )
