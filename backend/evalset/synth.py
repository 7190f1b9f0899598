"""Synthetic songs with exact truth: drums, bass, chords, arpeggios and a lead melody laid on a
tempo map we choose (steady, drifting or ramping; straight or swung), in 4/4, 3/4 or 6/8, with
labelled sections (intro / verse / chorus / bridge / outro), drumless intros and breakdowns, in
a known key. Everything is drawn from one seed, so a song is the same on every machine.

The notated beat is the truth: the quarter note in x/4 and the dotted quarter in 6/8, the
level at which the snare's backbeat falls every second beat (4/4, 6/8) — the one a video
editor cuts on."""

from dataclasses import replace

import numpy as np
from scipy.signal import oaconvolve

from evalset import harmony
from evalset.parts import bass_bar, drum_bar, keys_bar, lead_bar
from evalset.sound import SR, Instruments, Mix
from evalset.spec import SongSpec, random_spec
from evalset.timing import Clock, beats_per_bar, tempo_curve
from evalset.truth import PITCH_NAMES, Truth

__all__ = ["SR", "SongSpec", "random_spec", "render", "short_song"]


def render(spec: SongSpec) -> tuple[np.ndarray, Truth]:
    """The song's mono float32 samples at 44.1 kHz and its truth."""
    rng = np.random.default_rng(spec.seed + 7919)
    bpb = beats_per_bar(spec.meter)
    subdivision = 3 if spec.meter == "6/8" else 2
    plan: list[tuple[str, int]] = [
        (label, spec.intro_bars if label in ("intro", "outro") else spec.bars_per_section)
        for label in spec.sections
    ]
    total_bars = sum(bars for _, bars in plan) + 1  # + the final chord's bar
    n_beats = total_bars * bpb + 2
    bpm = tempo_curve(spec, n_beats, rng)
    start = float(rng.uniform(0.2, 0.8))
    beat_times = start + np.concatenate([[0.0], np.cumsum(60.0 / bpm)])
    clock = Clock(beat_times, subdivision, spec.swing)
    duration = float(beat_times[total_bars * bpb - bpb] + 60 / spec.bpm * bpb + 1.5)
    mix = Mix(duration)
    inst = Instruments(rng)
    progs = harmony.PROGRESSIONS[spec.mode]
    chosen = {part: progs[part][int(rng.integers(len(progs[part])))] for part in progs}
    motif = harmony.motif(rng, bpb, subdivision)
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
            chord = harmony.chord(spec.tonic, spec.mode, prog[b % len(prog)])
            fill = b == bars - 1
            if drums:
                drum_bar(
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
            keys_bar(mix, inst, clock, pos, bpb, subdivision, chord, comp, label, loud, rng)
            if label != "intro" or not spec.drumless_intro:
                bass_bar(mix, inst, clock, pos, bpb, subdivision, chord, bass_style, loud, rng, label)
            if label in ("chorus", "bridge") or (label == "verse" and b >= bars // 2):
                lead_bar(mix, inst, clock, pos, chord, motif, b, label, loud, rng, spec)
        bar += bars
    # the final chord, held
    pos = bar * bpb
    final = harmony.chord(spec.tonic, spec.mode, 0)
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
