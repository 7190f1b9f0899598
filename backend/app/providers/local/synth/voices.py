"""The harmonic layers: a chorus pad and a sine drone, described per grain as spectra.

Each pad note is a stack of harmonics (saw-like, 1/h), every harmonic played by three
slightly detuned "players" panned left, centre and right: the slow beating between them
is the classic lush pad. Those tones are written straight into the grain's spectrum with
continuous phase (dsp.Tones), so they are as steady as oscillators. On top, a
quieter diffuse copy (narrow noise bands around the harmonics, random phases) adds air
and the upper harmonics. Chord changes, swelling notes and the slowly opening low-pass
are all just weights that change from grain to grain: there is nothing that could click.
"""

from dataclasses import dataclass

import numpy as np

from .dsp import BIN_HZ, FREQS, HOP, K_POWER, NBINS, SR, SlowLfo, Tones, band_power, midi_hz, rng_for
from .harmony import ChordTimeline
from .mood import Mood

PAD_TOP_HZ = 10_000.0  # pad harmonics stop here: above it only air, and harshness
TOP_BIN = int(PAD_TOP_HZ / BIN_HZ)
PAD_LEVEL = 4.0  # mean-square level of the pad; the other layers are set relative to it
TONAL_TOP_HZ = 3_000.0  # harmonics above this are only in the diffuse part
TONAL_BINS = int(TONAL_TOP_HZ * 1.02 / BIN_HZ) + 16  # the tones' spectra fit below this bin
# The three players: detune in units of the ensemble spread (uneven, so their beating never
# settles into a pattern), relative level (a stronger centre keeps the beating gentle) and
# left/right gains (constant power).
DETUNE = np.array([-1.0, 0.0, 0.73])
PLAYER_LEVEL = np.array([0.6, 1.0, 0.6])
PAN_L, PAN_R = np.array([0.95, 0.7, 0.3]), np.array([0.3, 0.7, 0.95])
MAX_DETUNE_HZ = 2.5
AIR = 0.2  # share of the tonal harmonics' power also played as diffuse noise bands


def _k_weight(freqs: np.ndarray) -> np.ndarray:
    return np.interp(freqs, FREQS, K_POWER)


def _formants() -> np.ndarray:
    """An "ah/oh" vowel (peaks near 600, 1100 and 2600 Hz), for the choir colour."""
    return 0.2 + band_power(600, 0.35) + 0.7 * band_power(1100, 0.3) + 0.35 * band_power(2600, 0.25)


@dataclass(frozen=True)
class Note:
    tones: Tones  # the players, harmonic by harmonic, each with its own random phase
    amps_l: np.ndarray  # their left and right amplitudes, for unit K-weighted note power
    amps_r: np.ndarray
    diffuse: np.ndarray  # power spectrum (TOP_BIN bins) of the diffuse part


class Pad:
    def __init__(self, *, mood: Mood, timeline: ChordTimeline, seed: int) -> None:
        self.mood = mood
        self.timeline = timeline
        self._seed = seed
        self._colour = (1 - mood.choir) + mood.choir * _formants()
        # One wandering level per pitch class, so a note held across chords keeps its life.
        self._note_lfo = [SlowLfo(rng_for(seed, 11, pc), min_period=18, max_period=70) for pc in range(12)]
        self._bright = SlowLfo(rng_for(seed, 12), min_period=50, max_period=160)
        self._shimmer = SlowLfo(rng_for(seed, 13), min_period=40, max_period=120)
        self._breath = SlowLfo(rng_for(seed, 14), min_period=25, max_period=90)
        # Low-pass corner: ~700 Hz for dark moods up to ~4 kHz for bright ones.
        self._cutoff = 700.0 * 5.5**mood.brightness
        self._notes: dict[tuple[int, bool], Note] = {}

    def _note(self, pitch: int, glassy: bool) -> Note:
        """One note's players and diffuse bands. "Glassy" shimmer notes are diffuse only,
        with harmonics falling off fast: a soft, airy halo an octave up."""
        key = (pitch, glassy)
        if key in self._notes:
            return self._notes[key]
        f0 = midi_hz(pitch)
        h = np.arange(1, min(32, int(PAD_TOP_HZ * 0.9 / f0)) + 1)
        power = h ** (-5.0 if glassy else -2.0) * np.interp(f0 * h, FREQS, self._colour)
        tonal = (f0 * h <= TONAL_TOP_HZ) & (h <= 12) & (not glassy)
        spread = 2 ** (self.mood.ensemble_cents / 1200) - 1
        # Gaussian bands, all harmonics at once: bins k of harmonic owner[i] are k[i].
        centre = f0 * h / BIN_HZ
        sigma = np.maximum(1.5, centre * spread)
        lo = np.maximum((centre - 4 * sigma).astype(int), 1)
        length = np.minimum((centre + 4 * sigma).astype(int) + 2, TOP_BIN) - lo
        owner = np.repeat(np.arange(len(h)), length)
        k = lo[owner] + np.arange(length.sum()) - np.repeat(np.cumsum(length) - length, length)
        bump = np.exp(-0.5 * ((k - centre[owner]) / sigma[owner]) ** 2)
        share = power * np.where(tonal, AIR, 1.0) / np.bincount(owner, bump, minlength=len(h))
        diffuse = np.bincount(k, bump * share[owner], minlength=TOP_BIN)
        # Detune grows with frequency up to 2.5 Hz, then stays: beating faster than a few
        # times a second stops sounding like a chorus and starts sounding rough.
        detune_hz = np.minimum(f0 * h[tonal] * spread, MAX_DETUNE_HZ)
        freqs = (f0 * h[tonal])[:, None] + detune_hz[:, None] * DETUNE[None, :]
        amps = np.sqrt(2 * power[tonal] * (1 - AIR) / np.sum(PLAYER_LEVEL**2))[:, None] * PLAYER_LEVEL
        k_total = np.sum(amps**2 / 2 * _k_weight(freqs)) + np.sum(diffuse * K_POWER[:TOP_BIN])
        amps /= np.sqrt(k_total)
        tones = Tones(freqs.ravel(), rng_for(self._seed, 16, pitch).uniform(0, 2 * np.pi, freqs.size))
        note = Note(
            tones=tones,
            amps_l=(amps * PAN_L).ravel(),
            amps_r=(amps * PAN_R).ravel(),
            diffuse=(diffuse / k_total).astype(np.float32),
        )
        self._notes[key] = note
        return note

    def _weights(self, t: float) -> dict[tuple[int, bool], float]:
        """Power weight of every sounding note; a note common to both chords of a
        crossfade gets cos² + sin² = 1, so held notes stay perfectly steady."""
        weights: dict[tuple[int, bool], float] = {}
        shimmer = self.mood.shimmer * (0.55 + 0.45 * self._shimmer(t)) * 0.5
        for chord, w in self.timeline.weights(t):
            for i, p in enumerate(chord.pitches):
                level = 1.3 if i == 0 else 1.0  # a slightly stronger root anchors the chord
                weights[(p, False)] = weights.get((p, False), 0.0) + w * w * level
            for p in chord.pitches[-3:]:
                weights[(p + 12, True)] = weights.get((p + 12, True), 0.0) + w * w * shimmer
        scale = PAD_LEVEL / 5 * 10 ** (0.15 * self._breath(t))  # ~5 notes sound at once
        return {key: w2 * scale * 10 ** (0.4 * self._note_lfo[key[0] % 12](t)) for key, w2 in weights.items()}

    @staticmethod
    def _lowpass(freqs: np.ndarray, cutoff: float) -> np.ndarray:
        """Power response of the low-pass that slowly opens and closes the pad."""
        return 1.0 / (1.0 + (freqs / np.float32(cutoff)) ** 4)

    def grain(self, g: int) -> tuple[np.ndarray, np.ndarray]:
        """The pad in grain g: (diffuse power spectrum (NBINS,), tonal spectra (2, TONAL_BINS))."""
        t = g * HOP / SR
        cutoff = self._cutoff * 2 ** (0.7 * self._bright(t))
        diffuse = np.zeros(TOP_BIN, dtype=np.float32)
        tonal = np.zeros((2, TONAL_BINS), dtype=np.complex64)
        for key, w2 in self._weights(t).items():
            note = self._note(*key)
            diffuse += np.float32(w2) * note.diffuse
            if len(note.tones.freqs):
                gain = np.sqrt(w2 * self._lowpass(note.tones.freqs, cutoff))
                note.tones.add_to(tonal[0], grain=g, amps=gain * note.amps_l)
                note.tones.add_to(tonal[1], grain=g, amps=gain * note.amps_r)
        out = np.zeros(NBINS, dtype=np.float32)
        out[:TOP_BIN] = diffuse * self._lowpass(FREQS[:TOP_BIN], cutoff)
        return out, tonal


class Drone:
    """A pure sine an octave or two under the pad: a soft, steady foundation. It follows
    the chord roots (or holds the tonic) with short crossfades, so two close bass notes
    never beat against each other for long."""

    LEVEL = 0.5  # mean-square level, in the same units as PAD_LEVEL

    def __init__(self, *, timeline: ChordTimeline, seed: int) -> None:
        self.timeline = ChordTimeline(timeline.chords, crossfade=4.0)
        self._breath = SlowLfo(rng_for(seed, 15), min_period=20, max_period=60)
        self._seed = seed
        self._tones: dict[int, Tones] = {}

    def add_to(self, tonal: np.ndarray, *, grain: int) -> None:
        """Add the drone to a grain's tonal spectra (2, bins), the same in both channels."""
        t = grain * HOP / SR
        power: dict[int, float] = {}
        for chord, w in self.timeline.weights(t):
            power[chord.bass] = power.get(chord.bass, 0.0) + w * w
        for pitch, p in power.items():
            if pitch not in self._tones:
                phase = rng_for(self._seed, 17, pitch).uniform(0, 2 * np.pi, 1)
                self._tones[pitch] = Tones(np.array([midi_hz(pitch)]), phase)
            amp = np.array([np.sqrt(2 * self.LEVEL * p) * 10 ** (0.1 * self._breath(t))])
            for ch in (0, 1):
                self._tones[pitch].add_to(tonal[ch], grain=grain, amps=amp)
