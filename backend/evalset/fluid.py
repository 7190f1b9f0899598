"""The General MIDI synthesiser the real scores are played through: fluidsynth with a GM
sound font (FluidR3, MIT). Each note can be started early by its key's lead, so a slowly
speaking note is heard on its beat, and a note ends before the next one of its key begins.

These are evaluation tools only; the analyser never imports them."""

import os
import subprocess
import tempfile
import wave
from dataclasses import replace
from functools import cache
from pathlib import Path

import numpy as np

from evalset import midi

SR = 44100
ATTACK = 0.2  # seconds of a note that make its attack (onset_leads)
LEAD_SPACING = 3.0  # seconds between the keys rendered to measure the leads
RENDER_TIMEOUT = 120  # seconds of synthesiser time for one piece
REARTICULATE = 0.005  # seconds between a note's end and the next note of its key
SOUND_FONTS = [Path("/usr/share/sounds/sf2/FluidR3_GM.sf2"), Path("/usr/share/sounds/sf2/default-GM.sf2")]


def sound_font() -> Path:
    """The font every rendering uses: EVALSET_SOUND_FONT when set (the beat model's training
    pieces are played on another font than the evaluation's, so the evaluation measures how
    it hears instruments it never trained on), else the first of SOUND_FONTS installed."""
    chosen = os.environ.get("EVALSET_SOUND_FONT")
    return Path(chosen) if chosen else next(p for p in SOUND_FONTS if p.exists())


def rearticulated(notes: list[midi.Note]) -> list[midi.Note]:
    """Each note ended before the next note of its key on its channel begins. A note started
    early by its lead overlaps the end of the note before it when both are one key; the
    synthesiser's note-off for the old note then releases the new one too, and a repeated
    note of a slowly speaking instrument (an inner voice, a repeated bass) fell silent at
    once instead of sounding its beat."""
    out: list[midi.Note] = []
    by_key: dict[tuple[int, int], list[midi.Note]] = {}
    for n in notes:
        by_key.setdefault((n.channel, n.pitch), []).append(n)
    for same in by_key.values():
        same.sort(key=lambda n: n.start)
        for n, following in zip(same, [*same[1:], None], strict=True):
            end = n.end if following is None else min(n.end, following.start - REARTICULATE)
            out.append(replace(n, end=max(end, n.start + REARTICULATE)))
    return out


@cache
def onset_leads(program: int) -> dict[int, float]:
    """Seconds from a note-on to the note being heard (its envelope reaching a third of the
    peak of its attack), for every MIDI pitch of a General MIDI program in the sound font.

    Per pitch, because a sound font plays each range of keys from its own recording: the
    violin's lead is 10 ms on one key and 46 ms two keys' ranges up, the clarinet's 110 ms in
    its lowest register and 15 ms in its highest; one figure per instrument would leave the
    truth of a piece tens of milliseconds off in whichever register it is written. The attack
    is the note's first ATTACK seconds: by then every sample here has spoken, while later the
    sustained samples swell on (the cello's level doubles between 0.2 and 0.4 s), and a swell
    half a second in does not move where a listener hears the note begin. Every key is played
    alone in one rendering, LEAD_SPACING seconds apart so no tail reaches the next."""
    pitches = range(21, 109)
    with tempfile.TemporaryDirectory() as tmp:
        a = synthesise(
            [
                midi.Note(0.5 + i * LEAD_SPACING, 1.5 + i * LEAD_SPACING, p, 80, 0)
                for i, p in enumerate(pitches)
            ],
            {0: program},
            Path(tmp),
            0.5 + len(pitches) * LEAD_SPACING,
        )
    env = np.sqrt(np.convolve(a.astype(np.float64) ** 2, np.ones(441) / 441, mode="same"))
    leads = {}
    for i, p in enumerate(pitches):
        start = int((0.5 + i * LEAD_SPACING) * SR)
        attack = env[start : start + int(ATTACK * SR)]
        # A key outside the instrument's range is silent; it then gets no lead.
        heard = int(np.argmax(attack > attack.max() / 3)) if attack.max() > 1e-4 else 0
        leads[p] = float(np.clip(heard / SR, 0.0, 0.15))
    return leads


def synthesise(notes: list[midi.Note], programs: dict[int, int], work: Path, seconds: float) -> np.ndarray:
    font = sound_font()
    with tempfile.TemporaryDirectory(dir=work) as tmp:
        mid, wav = Path(tmp) / "piece.mid", Path(tmp) / "piece.wav"
        midi.write(mid, notes, programs)
        subprocess.run(
            ["fluidsynth", "-ni", "-q", "-g", "0.5", "-r", str(SR), "-F", str(wav), str(font), str(mid)],
            check=True,
            capture_output=True,
            # a piece renders in seconds; one of the training corpus's scores once kept the
            # synthesiser writing for minutes (15 GB), and that must end as a failure
            timeout=RENDER_TIMEOUT,
        )
        with wave.open(str(wav)) as w:
            raw = np.frombuffer(w.readframes(w.getnframes()), dtype=np.int16)
            channels = w.getnchannels()
    audio = raw.reshape(-1, channels).astype(np.float32).mean(axis=1) / 32768
    audio = audio[: int(seconds * SR)]
    peak = float(np.max(np.abs(audio))) or 1.0
    return (audio / peak * 0.8).astype(np.float32)
