"""The key of a rendered excerpt of a score, read from the score by rules that hold for any
piece (never a list of pieces), and a way to refresh the key in the stored truth without
rendering the audio again.

What is heard is the opening of the piece (about 75 s), so the key must be the excerpt's:

1. The scale. The written key signature in force over most of the excerpt (taken from the
   lowest part, which is the one a clarinet's transposition cannot touch). When the notes the
   excerpt actually plays fit another major-scale collection clearly better, that collection is
   used instead: lead sheets are often encoded without a signature, and old music writes a
   minor key one accidental short (the "Dorian" signature of Baroque chorales). When no
   signature holds for two thirds of the excerpt, the excerpt changes key and its key is
   unknown.
2. The tonic, out of the two that scale allows (its major tonic and its relative minor):
   the bass of the piece's final chord — the last chord is the home chord — counted only when
   the signature in force at the end is the excerpt's. A bass that is neither (the piece ends
   on a half cadence, or in another key) gives no vote. The bass is the lowest note sounding;
   in a lead sheet the chord symbols are played with their root in the bass, so they count.
3. The excerpt's own opening: the bass under its first full bar. When it is the other tonic
   of the scale and its triad is what that bar sounds (an introduction in the relative key,
   say a minor opening to a major movement), the excerpt is ambiguous and its key unknown;
   with no final vote the opening alone decides.

A key stated in the file (ABC's K:, MusicXML's <mode>) is not used: in MusicXML it is often
filled in by the converter from the signature alone, and the rules above agree with it
wherever it is right."""

from dataclasses import dataclass
from typing import Any

import numpy as np

from evalset.truth import PITCH_NAMES

MAJOR_SCALE = np.array([0, 2, 4, 5, 7, 9, 11])
# how much better (share of note time inside the scale) another collection must fit before the
# written signature is overruled, and how much of the excerpt one signature must hold
FIT_MARGIN = 0.04
SIGNATURE_HOLD = 2 / 3
# how many times more bass time one tonic (with its dominant) needs than the other to decide
DWELL_RATIO = 1.5


@dataclass(frozen=True)
class Sounding:
    start: float  # quarter notes
    end: float
    midi: float


@dataclass
class Evidence:
    """What the rules saw, kept for the report of a refresh."""

    written: int | None = None  # sharps (negative: flats) of the written signature
    scale: int | None = None  # sharps of the scale used
    written_fit: float = 0.0
    best_fit: float = 0.0
    hold: float = 0.0
    final_bass: str | None = None
    opening_bass: str | None = None
    reason: str = ""


def _notes(score: Any) -> list[list[Sounding]]:
    """Every part's sounding notes, chord symbols played as the render plays them (the chord
    over its root two octaves down, until the next symbol)."""
    from music21 import harmony

    out = []
    for part in score.parts:
        flat = part.flatten().stripTies()
        notes: list[Sounding] = []
        for el in flat.notes:
            if isinstance(el, harmony.ChordSymbol) or el.duration.quarterLength == 0:
                continue
            start = float(el.offset)
            end = start + float(el.duration.quarterLength)
            notes += [Sounding(start, end, float(p.midi)) for p in el.pitches]
        symbols = list(flat.getElementsByClass(harmony.ChordSymbol))
        end_of_part = float(flat.highestTime)
        for i, sym in enumerate(symbols):
            if not sym.pitches:
                continue
            start = float(sym.offset)
            end = float(symbols[i + 1].offset) if i + 1 < len(symbols) else end_of_part
            notes += [Sounding(start, end, 48.0 + p.pitchClass) for p in sym.pitches]
            notes.append(Sounding(start, end, 36.0 + sym.root().pitchClass))
        out.append(notes)
    return out


def _signatures(part: Any) -> list[tuple[float, int]]:
    from music21 import key

    found = [
        (float(k.getOffsetInHierarchy(part)), int(k.sharps))
        for k in part.recurse().getElementsByClass(key.KeySignature)
    ]
    return sorted(found) or [(0.0, 0)]


def _in_force(signatures: list[tuple[float, int]], at: float) -> int:
    current = signatures[0][1]
    for offset, sharps in signatures:
        if offset <= at + 1e-9:
            current = sharps
    return current


def _scale(sharps: int) -> set[int]:
    return {int((7 * sharps + d) % 12) for d in MAJOR_SCALE}


def _bass_at(notes: list[Sounding], at: float) -> float | None:
    sounding = [n.midi for n in notes if n.start <= at + 1e-9 < n.end + 1e-9]
    return min(sounding) if sounding else None


def excerpt_key(score: Any, end: float) -> tuple[str | None, str | None, Evidence]:
    """(tonic, mode, evidence) of the first `end` quarter notes of a score (sounding pitch)."""
    ev = Evidence()
    parts = _notes(score)
    everything = [n for p in parts for n in p]
    if not everything:
        ev.reason = "no notes"
        return None, None, ev
    lowest = list(score.parts)[-1]
    signatures = _signatures(lowest)
    # 1. the scale
    cover: dict[int, float] = {}
    bounds = [o for o, _ in signatures if 0 < o < end] + [end]
    at = 0.0
    for b in bounds:
        s = _in_force(signatures, at)
        cover[s] = cover.get(s, 0.0) + b - at
        at = b
    written = max(cover, key=lambda s: cover[s])
    ev.written, ev.hold = written, cover[written] / end
    time = np.zeros(12)
    for n in everything:
        if n.start < end:
            time[int(n.midi) % 12] += min(n.end, end) - n.start
    fits = {s: sum(time[pc] for pc in _scale(s)) / (time.sum() + 1e-12) for s in range(-7, 8)}
    best = max(fits, key=lambda s: fits[s])
    ev.written_fit, ev.best_fit = fits[written], fits[best]
    scale = best if fits[best] > fits[written] + FIT_MARGIN else written
    ev.scale = scale
    if ev.hold < SIGNATURE_HOLD and scale == written:
        ev.reason = "the excerpt changes key signature"
        return None, None, ev
    scales = [written] + ([best] if best != written and fits[best] > fits[written] + FIT_MARGIN else [])
    bass = _bass_time(everything, end)
    # 2. the final chord's bass, when the piece ends under the excerpt's signature
    last_onset = max(n.start for n in everything)
    final = _bass_at(everything, last_onset)
    ends_written = _in_force(signatures, last_onset)
    tonic = None
    if final is not None:
        ev.final_bass = PITCH_NAMES[int(final) % 12]
        for s in scales:
            if s == written and ends_written != written:
                continue
            if int(final) % 12 in _tonics(s):
                tonic, ev.scale, ev.reason = int(final) % 12, s, "final chord"
                break
    if tonic is None:
        # 3. no final vote: the tonic the excerpt's bass dwells on, when it clearly does
        s = scales[-1]
        major, minor = _tonics(s)
        d_major, d_minor = _dwell(bass, major), _dwell(bass, minor)
        if max(d_major, d_minor) < DWELL_RATIO * min(d_major, d_minor):
            ev.reason = "no final chord on a tonic, and the bass favours neither tonic"
            return None, None, ev
        tonic, ev.scale, ev.reason = (major if d_major > d_minor else minor), s, "bass dwells"
    major, minor = _tonics(ev.scale)
    other = minor if tonic == major else major
    if _dwell(bass, other) >= DWELL_RATIO * _dwell(bass, tonic):
        ev.reason = "the excerpt dwells in the relative key of the piece's ending"
        return None, None, ev
    if ev.scale != scales[-1]:
        # the notes fit another scale clearly better: the excerpt may spend most of its time
        # away from the home key (a chorus on the subdominant, an exposition's second key)
        for away in _tonics(scales[-1]):
            if _dwell(bass, away) >= DWELL_RATIO * _dwell(bass, tonic):
                ev.reason = "the excerpt dwells in a key its notes fit better than the home key"
                return None, None, ev
    return PITCH_NAMES[tonic], "major" if tonic == major else "minor", ev


def _tonics(sharps: int) -> tuple[int, int]:
    """The major tonic of a signature and its relative minor's."""
    major = int(7 * sharps % 12)
    return major, (major + 9) % 12


def _bass_time(notes: list[Sounding], end: float) -> np.ndarray:
    """Quarter notes of the excerpt that each pitch class spends as the lowest sounding note."""
    step = 0.25
    grid = np.arange(0.0, end, step)
    low = np.full(len(grid), np.inf)
    for n in notes:
        if n.start >= end:
            continue
        a, b = np.searchsorted(grid, [n.start - 1e-9, n.end - 1e-9])
        low[a:b] = np.minimum(low[a:b], n.midi)
    out = np.zeros(12)
    for v in low[np.isfinite(low)]:
        out[int(v) % 12] += step
    return out


def _dwell(bass: np.ndarray, tonic: int) -> float:
    """How much the bass stays on a tonic and its dominant (the pillars of a key)."""
    return float(bass[tonic] + 0.5 * bass[(tonic + 7) % 12]) + 1e-9
