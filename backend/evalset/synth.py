"""Synthetic songs with exact truth: drums, bass, chords, arpeggios and a lead melody laid on a
tempo map we choose (steady, drifting or ramping; straight or swung), in 4/4, 3/4 or 6/8, with
labelled sections (intro / verse / chorus / bridge / outro), drumless intros and breakdowns, in
a known key. Everything is drawn from one seed, so a song is the same on every machine.

The notated beat is the truth: the quarter note in x/4 and the dotted quarter in 6/8, the
level at which the snare's backbeat falls every second beat (4/4, 6/8) — the one a video
editor cuts on."""

import math
from dataclasses import dataclass, replace

import numpy as np
from scipy.signal import oaconvolve

from evalset.sound import SR, Instruments, Mix
from evalset.truth import PITCH_NAMES, Truth

MAJOR = [0, 2, 4, 5, 7, 9, 11]
MINOR = [0, 2, 3, 5, 7, 8, 10]
# Progressions as scale degrees (0 = tonic); a chord per bar.
PROGRESSIONS = {
    "major": {
        "verse": [[0, 5, 3, 4], [0, 3, 5, 4], [0, 4, 5, 3], [0, 0, 3, 4]],
        "chorus": [[3, 4, 0, 5], [5, 3, 0, 4], [3, 0, 4, 4], [0, 4, 3, 4]],
        "bridge": [[1, 4, 2, 5], [3, 3, 0, 4], [5, 5, 3, 4]],
    },
    "minor": {
        "verse": [[0, 5, 2, 6], [0, 3, 6, 2], [0, 5, 3, 4], [0, 0, 5, 4]],
        "chorus": [[5, 2, 6, 0], [3, 6, 2, 5], [5, 6, 0, 0], [3, 4, 0, 0]],
        "bridge": [[3, 3, 0, 4], [5, 6, 2, 4], [1, 4, 0, 4]],
    },
}
TEMPLATES = [
    ["intro", "verse", "chorus", "verse", "chorus", "bridge", "chorus", "outro"],
    ["intro", "verse", "chorus", "verse", "chorus", "outro"],
    ["intro", "verse", "verse", "chorus", "bridge", "chorus", "outro"],
    ["intro", "chorus", "verse", "chorus", "bridge", "chorus", "outro"],
]


@dataclass(frozen=True)
class SongSpec:
    seed: int
    meter: str = "4/4"  # "4/4", "3/4", "6/8"
    bpm: float = 120.0
    swing: float = 0.5  # where the off-beat eighth falls within the beat (0.5 = straight)
    tempo_shape: str = "steady"  # "steady", "drift", "ramp"
    ramp: float = 0.0  # relative tempo change over the ramped part
    drums: bool = True
    drumless_intro: bool = False
    breakdown: bool = False  # the bridge (or second verse) without drums
    tonic: int = 0
    mode: str = "major"
    sections: tuple[str, ...] = ("intro", "verse", "chorus", "verse", "chorus", "bridge", "chorus", "outro")
    bars_per_section: int = 8
    intro_bars: int = 4


def random_spec(seed: int) -> SongSpec:
    """A song drawn from the evaluation set's distribution."""
    rng = np.random.default_rng(seed)
    meter = str(rng.choice(["4/4", "3/4", "6/8"], p=[0.55, 0.2, 0.25]))
    low, high = {"4/4": (60, 190), "3/4": (80, 180), "6/8": (60, 100)}[meter]
    bpm = float(math.exp(rng.uniform(math.log(low), math.log(high))))
    swing = float(rng.uniform(0.58, 0.67)) if meter != "6/8" and rng.random() < 0.3 else 0.5
    shape = str(rng.choice(["steady", "drift", "ramp"], p=[0.4, 0.35, 0.25]))
    ramp = float(rng.choice([-1, 1]) * rng.uniform(0.08, 0.18)) if shape == "ramp" else 0.0
    drums = bool(rng.random() < 0.85)
    bar_seconds = {"4/4": 4, "3/4": 3, "6/8": 2}[meter] * 60 / bpm
    return SongSpec(
        seed=seed,
        meter=meter,
        bpm=bpm,
        swing=swing,
        tempo_shape=shape,
        ramp=ramp,
        drums=drums,
        drumless_intro=drums and bool(rng.random() < 0.5),
        breakdown=drums and bool(rng.random() < 0.4),
        tonic=int(rng.integers(12)),
        mode="major" if rng.random() < 0.6 else "minor",
        sections=tuple(TEMPLATES[int(rng.integers(len(TEMPLATES)))]),
        bars_per_section=4 if bar_seconds > 2.6 else 8,
        intro_bars=4 if bar_seconds > 1.6 else 8,
    )


# ---------------------------------------------------------------- timing


def _beats_per_bar(meter: str) -> int:
    return {"4/4": 4, "3/4": 3, "6/8": 2}[meter]


def _tempo_curve(spec: SongSpec, n_beats: int, rng: np.random.Generator) -> np.ndarray:
    """BPM of each beat."""
    k = np.arange(n_beats, dtype=float)
    if spec.tempo_shape == "drift":
        walk = np.cumsum(rng.normal(0, 0.004, n_beats))
        walk -= np.linspace(0, walk[-1], n_beats) * 0.5  # keep it wandering, not running away
        walk = np.convolve(walk, np.ones(8) / 8, mode="same")
        return spec.bpm * np.exp(np.clip(walk, -0.05, 0.05))
    if spec.tempo_shape == "ramp":
        start, end = 0.3 * n_beats, 0.7 * n_beats  # steady, then a ramp through the middle, then held
        share = np.clip((k - start) / (end - start), 0, 1)
        return spec.bpm * (1 + spec.ramp * share)
    return np.full(n_beats, spec.bpm)


class Clock:
    """Maps positions in beats (fractional: sub-beats, swung) to seconds."""

    def __init__(self, beat_times: np.ndarray, subdivision: int, swing: float):
        self.beats, self.subdivision, self.swing = beat_times, subdivision, swing

    def time(self, position: float) -> float:
        k = min(math.floor(position), len(self.beats) - 2)
        frac = position - k
        if self.subdivision == 2 and self.swing != 0.5:  # swing the eighths (and the 16ths with them)
            frac = (
                frac / 0.5 * self.swing if frac < 0.5 else self.swing + (frac - 0.5) / 0.5 * (1 - self.swing)
            )
        return float(self.beats[k] + frac * (self.beats[k + 1] - self.beats[k]))


def _chord(tonic: int, mode: str, degree: int) -> list[int]:
    """Triad (pitch classes relative to C, as offsets from tonic) on a scale degree; in minor
    the dominant is major (harmonic minor), as in most songs."""
    scale = MAJOR if mode == "major" else MINOR
    notes = [scale[(degree + i) % 7] + 12 * ((degree + i) // 7) for i in (0, 2, 4)]
    if mode == "minor" and degree == 4:
        notes[1] = 11
    return [tonic + n for n in notes]


def render(spec: SongSpec) -> tuple[np.ndarray, Truth]:
    """The song's mono float32 samples at 44.1 kHz and its truth."""
    rng = np.random.default_rng(spec.seed + 7919)
    bpb = _beats_per_bar(spec.meter)
    subdivision = 3 if spec.meter == "6/8" else 2
    plan: list[tuple[str, int]] = [
        (label, spec.intro_bars if label in ("intro", "outro") else spec.bars_per_section)
        for label in spec.sections
    ]
    total_bars = sum(bars for _, bars in plan) + 1  # + the final chord's bar
    n_beats = total_bars * bpb + 2
    bpm = _tempo_curve(spec, n_beats, rng)
    start = float(rng.uniform(0.2, 0.8))
    beat_times = start + np.concatenate([[0.0], np.cumsum(60.0 / bpm)])
    clock = Clock(beat_times, subdivision, spec.swing)
    duration = float(beat_times[total_bars * bpb - bpb] + 60 / spec.bpm * bpb + 1.5)
    mix = Mix(duration)
    inst = Instruments(rng)
    progs = PROGRESSIONS[spec.mode]
    chosen = {part: progs[part][int(rng.integers(len(progs[part])))] for part in progs}
    motif = _motif(rng, bpb, subdivision)
    comp = str(rng.choice(["block", "arp"]))  # how the keys accompany
    bass_style = str(rng.choice(["roots", "pulse", "octaves"]))
    hats_per_beat = subdivision * (2 if spec.meter == "4/4" and spec.bpm < 95 and spec.swing == 0.5 else 1)
    sections: list[tuple[float, float, str]] = []
    bar = 0
    for index, (label, bars) in enumerate(plan):
        sections.append((clock.time(bar * bpb), 0.0, label))
        prog = chosen[label] if label in chosen else chosen["verse"]
        drums = spec.drums and not (label == "intro" and spec.drumless_intro)
        drums = drums and not (spec.breakdown and label == "bridge")
        drums = drums and not (spec.breakdown and "bridge" not in spec.sections and index == 3)
        loud = {"intro": 0.6, "verse": 0.8, "chorus": 1.0, "bridge": 0.75, "outro": 0.6}[label]
        for b in range(bars):
            pos = (bar + b) * bpb
            chord = _chord(spec.tonic, spec.mode, prog[b % len(prog)])
            fill = b == bars - 1
            if drums:
                _drum_bar(
                    mix,
                    inst,
                    clock,
                    pos,
                    spec.meter,
                    hats_per_beat,
                    loud,
                    rng,
                    crash=b == 0 and label == "chorus",
                    fill=fill and label != "outro",
                )
            _keys_bar(mix, inst, clock, pos, bpb, subdivision, chord, comp, label, loud, rng)
            if label != "intro" or not spec.drumless_intro:
                _bass_bar(mix, inst, clock, pos, bpb, subdivision, chord, bass_style, loud, rng, label)
            if label in ("chorus", "bridge") or (label == "verse" and b >= bars // 2):
                _lead_bar(mix, inst, clock, pos, chord, motif, b, label, loud, rng, spec)
        bar += bars
    # the final chord, held
    pos = bar * bpb
    final = _chord(spec.tonic, spec.mode, 0)
    t = clock.time(pos)
    for n in final:
        mix.add(inst.note("pad", 60 + n % 12 - 12), t, 0.12)
        mix.add(inst.note("piano", 60 + n % 12), t, 0.18)
    mix.add(inst.note("bass", 36 + final[0] % 12), t, 0.4)
    if spec.drums:
        mix.add(inst.drums["kick"], t, 0.8)
        mix.add(inst.drums["crash"], t, 0.7)
    ends = [s[0] for s in sections[1:]] + [duration]
    truth_sections = [
        (0.0 if i == 0 else s[0], e, s[2]) for i, (s, e) in enumerate(zip(sections, ends, strict=True))
    ]
    audio = _master(mix.buf[: int(duration * SR)], rng)
    beats = [float(x) for x in beat_times[: bar * bpb + 1]]
    drum_kind = "none" if not spec.drums else "some" if (spec.drumless_intro or spec.breakdown) else "all"
    truth = Truth(
        beats=beats,
        downbeats=beats[::bpb],
        beats_per_bar=bpb,
        tempo=float(np.median(60 / np.diff(beats))),
        tonic=PITCH_NAMES[spec.tonic % 12],
        mode=spec.mode,
        sections=truth_sections,
        drums=drum_kind,
        meter=spec.meter,
        description=f"{spec.meter} {spec.bpm:.0f} BPM {spec.tempo_shape}"
        + (f" {spec.ramp:+.0%}" if spec.tempo_shape == "ramp" else "")
        + (f" swing {spec.swing:.2f}" if spec.swing != 0.5 else "")
        + f" drums:{drum_kind} {PITCH_NAMES[spec.tonic % 12]} {spec.mode}",
    )
    return audio, truth


def _motif(rng: np.random.Generator, bpb: int, subdivision: int) -> list[tuple[float, int, float]]:
    """A two-bar melody: (position in beats, scale step, length in beats)."""
    slots = [i / subdivision for i in range(2 * bpb * subdivision)]
    chosen = sorted({0.0, *rng.choice(slots, size=min(len(slots), 3 + int(rng.integers(4))), replace=False)})
    steps = np.cumsum(rng.integers(-2, 3, len(chosen)))
    ends = [*chosen[1:], 2.0 * bpb]
    return [(float(p), int(s), float(e - p)) for p, s, e in zip(chosen, steps, ends, strict=True)]


def _drum_bar(
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


def _keys_bar(
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


def _bass_bar(
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


def _lead_bar(
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
    bpb = _beats_per_bar(spec.meter)
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


def _master(x: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """A touch of room (exponentially decaying noise) and a peak level that varies per song."""
    n = int(0.6 * SR)
    ir = rng.standard_normal(n).astype(np.float32) * np.exp(-np.arange(n) / (0.18 * SR)).astype(np.float32)
    ir /= np.sqrt(np.sum(ir**2))
    wet = oaconvolve(x, ir)[: len(x)].astype(np.float32)
    y = x + 0.25 * wet
    return (y / np.max(np.abs(y)) * float(rng.uniform(0.5, 0.95))).astype(np.float32)


def short_song(**changes: object) -> tuple[np.ndarray, Truth]:
    """A short song for tests: intro, verse, chorus, outro of four bars each, unless changed."""
    spec = SongSpec(seed=1, sections=("intro", "verse", "chorus", "outro"), bars_per_section=4, intro_bars=4)
    return render(replace(spec, **changes))  # type: ignore[arg-type]
