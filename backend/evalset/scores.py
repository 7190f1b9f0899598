"""Real compositions rendered with real instruments: scores from music21's bundled corpus
(BSD), played by us through a General MIDI synthesiser (fluidsynth with the FluidR3 GM
sound font, both MIT) with a human-like tempo (slow drift, a ritardando at the end, a few
milliseconds of looseness per note, slowly speaking instruments started early as players
do) and, for some pieces, a drum kit. The beats and downbeats
are exact: they come from the score's bars and the tempo map we chose.

These are evaluation tools only; the analyser never imports them."""

import contextlib
import math
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from evalset import fluid, key_truth, midi
from evalset.truth import Truth

# General MIDI programs per ensemble, top voice first.
ENSEMBLES = {
    "strings": [40, 40, 41, 42],
    "organ": [19, 19, 19, 19],
    "piano": [0, 0, 0, 0],
    "brass": [56, 60, 57, 58],
    "winds": [73, 68, 71, 70],
    "guitar": [24, 25, 24, 32],
    "harpsichord": [6, 40, 41, 42],
    "fiddle": [40, 24, 0, 32],  # melody, chords (guitar), piano, bass
}
CHORDS, BASS = 25, 33  # the programs that play a lead sheet's chord symbols


@dataclass(frozen=True)
class Piece:
    name: str
    path: str  # in music21's corpus
    bpm: float  # of the notated beat (quarter; dotted quarter in compound meters)
    ensemble: str
    drums: bool = False
    number: int | None = None  # tune within an ABC collection
    seconds: float = 75.0


def available() -> str | None:
    """Why the real-score set cannot be made here, or None when it can."""
    if shutil.which("fluidsynth") is None:
        return "fluidsynth is not installed (apt-get install fluidsynth fluid-soundfont-gm)"
    if not any(p.exists() for p in fluid.SOUND_FONTS):
        return "no General MIDI sound font (apt-get install fluid-soundfont-gm)"
    try:
        import music21  # noqa: F401
    except ImportError:
        return "music21 is not installed (pip install -r requirements-dev.txt)"
    return None


def _tempo_map(
    beat_ql: float, bpm: float, total_ql: float, rng: np.random.Generator, rit_ql: float
) -> tuple[np.ndarray, np.ndarray]:
    """Seconds at each point of a fine grid of quarter-note offsets: a slowly wandering tempo
    (a few per cent, over bars) and a ritardando over the last `rit_ql` quarters."""
    step = 1 / 48
    grid = np.arange(0, total_ql + 4, step)
    knots = np.arange(0, total_ql + 8, 4 * beat_ql)  # one random value every four beats
    wander = np.cumsum(rng.normal(0, 0.02, len(knots)))
    wander -= np.linspace(0, wander[-1], len(knots))
    factor = np.exp(np.clip(np.interp(grid, knots, wander), -0.06, 0.06))
    rit = np.clip((grid - (total_ql - rit_ql)) / rit_ql, 0, 1)
    factor *= 1 - 0.22 * rit**2
    quarter_bpm = bpm * beat_ql * factor
    seconds = np.concatenate([[0.0], np.cumsum(60 / quarter_bpm[:-1] * step)])
    return grid, seconds


def _score(piece: Piece) -> Any:  # a music21 Score
    from music21 import corpus

    parsed = corpus.parse(piece.path)
    if piece.number is not None:
        parsed = parsed.scores[piece.number]  # an ABC collection
    # play the repeats, as a performer would; music21 refuses some repeat structures, and
    # then the piece is played once through
    with contextlib.suppress(Exception):
        parsed = parsed.expandRepeats()
    return parsed.toSoundingPitch()


def _key_truth(score: Any, end_ql: float) -> tuple[str | None, str | None]:
    """The key of the rendered excerpt (its first `end_ql` quarter notes); the rules are in
    key_truth.py."""
    tonic, mode, _ = key_truth.excerpt_key(score, end_ql)
    return tonic, mode


def excerpt_end(score: Any, piece: Piece) -> float:
    """Where the rendered opening ends, in quarter notes: the first bar end at or past
    `piece.seconds` at the piece's tempo."""
    from music21 import meter

    parts = list(score.parts)
    bars = _Bars(parts[0])
    ts = parts[0].recurse().getElementsByClass(meter.TimeSignature).first()
    quarter_seconds = 60 / piece.bpm / float(ts.beatDuration.quarterLength)
    end_ql = 0.0
    for m in parts[0].getElementsByClass("Measure"):
        end_ql = bars(float(m.offset)) + min(
            float(m.duration.quarterLength), float(m.barDuration.quarterLength)
        )
        if end_ql * quarter_seconds >= piece.seconds:
            break
    return end_ql


class _Bars:
    """One part's bars on a common timeline. An encoding error can make a bar overfull (a
    grace note given a length: the first bar of Weber's concertino lasts 3.106 quarters in
    the clarinet and 3.125 in the piano), which shifts every later bar of that part by a
    different amount — the parts drift apart, and beats taken from one part miss the
    others. Here every bar lasts what its time signature says (a pickup keeps its shorter
    length), and offsets inside a bar are kept, squeezed into the bar when it overflows."""

    def __init__(self, part: Any) -> None:
        self.starts: list[float] = []  # the part's own offsets
        self.lengths: list[float] = []
        self.regular: list[float] = []  # the common timeline's
        at = 0.0
        for m in part.getElementsByClass("Measure"):
            own = float(m.duration.quarterLength)
            nominal = float(m.barDuration.quarterLength)
            self.starts.append(float(m.offset))
            self.lengths.append(own)
            self.regular.append(at)
            at += min(own, nominal) if own > 0 else 0.0

    def __call__(self, q: float) -> float:
        """A part offset on the common timeline."""
        if not self.starts:
            return q
        i = max(0, int(np.searchsorted(self.starts, q + 1e-9, side="right")) - 1)
        inside = q - self.starts[i]
        span = (self.regular[i + 1] - self.regular[i]) if i + 1 < len(self.regular) else self.lengths[i]
        if self.lengths[i] > span > 0 and inside <= self.lengths[i]:
            inside *= span / self.lengths[i]
        return self.regular[i] + inside


def render(piece: Piece, seed: int, work: Path) -> tuple[np.ndarray, Truth]:
    """Render the opening of a piece (about `piece.seconds`), return mono audio and truth."""
    from music21 import harmony, meter

    rng = np.random.default_rng(seed)
    score = _score(piece)
    parts = list(score.parts)
    measures = list(parts[0].getElementsByClass("Measure"))
    bars = [_Bars(part) for part in parts]
    ts = parts[0].recurse().getElementsByClass(meter.TimeSignature).first()
    beat_ql = float(ts.beatDuration.quarterLength)
    bpb = int(ts.beatCount)
    # bars of the opening that fit the wanted length
    end_ql = excerpt_end(score, piece)
    # beats and downbeats from the bars (a pickup bar has beats but no downbeat)
    beat_ql_list, down_ql = [], []
    for m in measures:
        m_start = bars[0](float(m.offset))
        if m_start >= end_ql - 1e-6:
            break
        mts = m.timeSignature or ts
        b_ql = float(mts.beatDuration.quarterLength)
        bar_start = m_start - float(m.paddingLeft)
        m_end = m_start + min(float(m.duration.quarterLength), float(m.barDuration.quarterLength))
        k = 0
        while bar_start + k * b_ql < m_end - 1e-6:
            q = bar_start + k * b_ql
            if q >= m_start - 1e-6 and (not beat_ql_list or q > beat_ql_list[-1] + 1e-6):
                beat_ql_list.append(q)
                if k == 0:
                    down_ql.append(q)
            k += 1
    grid, seconds_at = _tempo_map(beat_ql, piece.bpm, end_ql, rng, rit_ql=2 * bpb * beat_ql)
    lead_in = float(rng.uniform(0.3, 0.8))

    def at(q: float) -> float:
        return lead_in + float(np.interp(q, grid, seconds_at))

    programs = ENSEMBLES[piece.ensemble]
    lead = {min(i, 7): fluid.onset_leads(programs[min(i, len(programs) - 1)]) for i in range(len(parts))}
    notes: list[midi.Note] = []
    for index, part in enumerate(parts):
        channel = min(index, 7)
        flat = part.flatten().stripTies()
        symbols = [e for e in flat.getElementsByClass(harmony.ChordSymbol)]
        on_bars = bars[index]
        for el in flat.notes:
            if isinstance(el, harmony.ChordSymbol) or el.duration.quarterLength == 0:
                continue
            start_q = on_bars(float(el.offset))
            if start_q >= end_ql:
                continue
            end_q = min(on_bars(float(el.offset + el.duration.quarterLength)), end_ql + 2)
            # Players start a slowly speaking note early, so that it is heard on the beat; a
            # note-on at the beat would sound late by the note's swell.
            loose = rng.normal(0, 0.006)
            accent = 10 if any(abs(start_q - d) < 1e-6 for d in down_ql) else 0
            for p in el.pitches:
                notes.append(
                    midi.Note(
                        at(start_q) + loose - lead[channel][int(p.midi)],
                        at(end_q) - 0.01,
                        int(p.midi),
                        int(72 + accent + rng.integers(-8, 8)),
                        channel,
                    )
                )
        for i, sym in enumerate(symbols):  # lead sheets: chords on a second instrument
            start_q = on_bars(float(sym.offset))
            end_q = on_bars(float(symbols[i + 1].offset)) if i + 1 < len(symbols) else end_ql
            if start_q >= end_ql:
                break
            hits = [start_q + k * beat_ql for k in range(max(1, round((end_q - start_q) / beat_ql)))]
            for h in hits:
                for p in sym.pitches:
                    key = int(48 + p.pitchClass + (12 if p.pitchClass < 5 else 0))
                    notes.append(
                        midi.Note(
                            at(h) + rng.normal(0, 0.006) - fluid.onset_leads(CHORDS)[key],
                            at(h + beat_ql) - 0.05,
                            key,
                            62,
                            4,
                        )
                    )
                root = int(36 + sym.root().pitchClass)
                notes.append(
                    midi.Note(at(h) - fluid.onset_leads(BASS)[root], at(h + beat_ql) - 0.05, root, 80, 5)
                )
    if piece.drums:
        notes += _drums(beat_ql_list, down_ql, bpb, beat_ql, at, rng)
    channels = {min(i, 7): programs[min(i, len(programs) - 1)] for i in range(len(parts))}
    channels.update({4: CHORDS, 5: BASS})
    tonic, mode = _key_truth(score, end_ql)
    truth = Truth(
        beats=[at(q) for q in beat_ql_list],
        downbeats=[at(q) for q in down_ql],
        beats_per_bar=bpb,
        tempo=float(np.median(60 / np.diff([at(q) for q in beat_ql_list]))),
        tonic=tonic,
        mode=mode,
        drums="all" if piece.drums else "none",
        meter=ts.ratioString,
        description=f"{piece.path} {ts.ratioString} {piece.bpm:.0f} BPM {piece.ensemble}"
        + (" + drums" if piece.drums else ""),
    )
    audio = fluid.synthesise(fluid.rearticulated(notes), channels, work, seconds=at(end_ql) + 2.5)
    return audio, truth


def _drums(
    beats: list[float],
    downs: list[float],
    bpb: int,
    beat_ql: float,
    at: Callable[[float], float],
    rng: np.random.Generator,
) -> list[midi.Note]:
    """A plain kit: kick on the downbeat (and the middle of a 4-beat bar), snare on the
    backbeat, closed hi-hat on the subdivisions."""
    out = []
    sub = 3 if abs(beat_ql - 1.5) < 1e-6 else 2
    for q in beats:
        position = round((q - max([d for d in downs if d <= q + 1e-6], default=q)) / beat_ql)
        if position == 0 or (bpb == 4 and position == 2):
            out.append(midi.Note(at(q), at(q) + 0.1, 36, 100, 9))
        elif bpb != 3 or position == 1:
            out.append(midi.Note(at(q), at(q) + 0.1, 38, 90 if bpb != 3 else 60, 9))
        for i in range(sub):
            t = at(q + i * beat_ql / sub)
            out.append(midi.Note(t + rng.normal(0, 0.003), t + 0.05, 42, 70 if i == 0 else 50, 9))
    return out


# Tempi are plausible performance tempi of the notated beat; ensembles and drums vary the
# material. Which half a piece belongs to is fixed in manifest.py.
PIECES = [
    Piece("chorale-bwv269", "bach/bwv269", 84, "strings"),
    Piece("chorale-bwv347", "bach/bwv347", 72, "organ"),
    Piece("chorale-bwv153.1", "bach/bwv153.1", 76, "piano"),
    Piece("chorale-bwv66.6", "bach/bwv66.6", 80, "brass"),
    Piece("chorale-bwv281", "bach/bwv281", 70, "guitar", drums=True),
    Piece("chorale-bwv86.6", "bach/bwv86.6", 78, "winds"),
    Piece("chorale-bwv40.8", "bach/bwv40.8", 88, "piano", drums=True),
    Piece("chorale-bwv254", "bach/bwv254", 74, "strings"),
    Piece("mozart-k458-1", "mozart/k458/movement1.mxl", 92, "strings"),
    Piece("mozart-k458-2", "mozart/k458/movement2.mxl", 132, "strings"),
    Piece("mozart-k545-1", "mozart/k545/movement1_exposition.mxl", 120, "piano"),
    Piece("mozart-k155-1", "mozart/k155/movement1.mxl", 126, "strings", drums=True),
    Piece("haydn-op74-4", "haydn/opus74no1/movement4.mxl", 138, "brass"),
    Piece("haydn-op74-3", "haydn/opus74no1/movement3.mxl", 150, "strings"),
    Piece("haydn-op74-1", "haydn/opus74no1/movement1.mxl", 120, "harpsichord"),
    Piece("joplin-maple-leaf", "joplin/maple_leaf_rag.mxl", 96, "piano"),
    Piece("joplin-maple-leaf-drums", "joplin/maple_leaf_rag.mxl", 104, "guitar", drums=True),
    Piece("schubert-lindenbaum", "schubert/Lindenbaum.xml", 96, "winds"),
    Piece("foster-brown-hair", "leadSheet/fosterBrownHair.mxl", 88, "fiddle", drums=True),
    Piece("berlin-ragtime", "leadSheet/berlinAlexandersRagtime.mxl", 112, "fiddle", drums=True),
    Piece("clara-polonaise-1", "schumann_clara/polonaise_op1n1.mxl", 100, "piano"),
    Piece("beethoven-op18-1-4", "beethoven/opus18no1/movement4.mxl", 140, "strings"),
    Piece("corelli-grave", "corelli/opus3no1/1grave.xml", 60, "harpsichord"),
    Piece("reel-a", "nottingham-dataset/reelsa-c.abc", 108, "fiddle", drums=True, number=0),
    Piece("reel-b", "nottingham-dataset/reelsa-c.abc", 112, "fiddle", number=1),
    Piece("airds-jig-3", "airdsAirs/book1.abc", 100, "fiddle", drums=True, number=3),
    Piece("airds-jig-6", "airdsAirs/book1.abc", 92, "winds", number=6),
    # Added later for variety (scherzi and fast 2/4, slow 3/4, 6/8 movements, hymns, songs,
    # folk tunes, a clarinet concertino), each chosen for its meter, tempo and instruments
    # before the analyser had heard it. One-beat bars (3/8) are left out: they have no
    # downbeat to find apart from the beat.
    Piece("beethoven-op18-1-3", "beethoven/opus18no1/movement3.mxl", 168, "strings"),
    Piece("beethoven-op59-1-1", "beethoven/opus59no1/movement1.mxl", 104, "strings"),
    Piece("mozart-k80-1", "mozart/k80/movement1.mxl", 60, "winds"),
    Piece("mozart-k155-3", "mozart/k155/movement3.mxl", 126, "brass"),
    Piece("haydn-op1-1-1", "haydn/opus1no1/movement1.mxl", 100, "strings"),
    Piece("haydn-op1-1-3", "haydn/opus1no1/movement3.mxl", 66, "organ"),
    Piece("schumann-op41-1-2", "schumann_robert/opus41no1/movement2.mxl", 100, "strings"),
    Piece("lift-every-voice", "johnson_j_r/lift_every_voice.mxl", 76, "piano"),
    Piece("aloha-oe", "liliuokalani/aloha_oe.mxl", 84, "guitar", drums=True),
    Piece("handel-lascia", "handel/rinaldo/Lascia_chio_pianga.mxl", 66, "strings"),
    Piece("cpebach-h186", "cpebach/h186.mxl", 112, "harpsichord"),
    Piece("weber-concertino", "weber/concertino_clarinet.mxl", 72, "winds"),
    Piece("oneills-2", "oneills1850/0001-0050.abc", 112, "fiddle", drums=True, number=2),
    Piece("oneills-1381", "oneills1850/1376-1475.abc", 104, "fiddle", number=5),
    Piece("essen-ballad-3", "essenFolksong/ballad10.abc", 96, "guitar", number=3),
    Piece("essen-kinder-4", "essenFolksong/kinder0.abc", 108, "piano", drums=True, number=4),
    Piece("fife-tune-2", "miscFolk/americanfifeopus.abc", 110, "winds", drums=True, number=2),
    Piece("chorale-bwv10.7", "bach/bwv10.7", 80, "organ"),
    Piece("chopin-mazurka-6-2", "chopin/mazurka06-2.krn", 132, "piano"),
]


def beat_count_ok(truth: Truth) -> bool:
    return len(truth.beats) >= 16 and all(d > 0 for d in np.diff(truth.beats)) and math.isfinite(truth.tempo)
