"""Sparse sounds placed on a seeded schedule: soft bell notes, bird calls, thunder.

Each is rendered once as a stereo template with its own reverb tail (bird calls and bells
are reused, the way a bird repeats its song; every thunder roll is unique) and added into
whichever hops it overlaps.
"""

import bisect
import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import scipy.fft
from scipy import signal

from .dsp import SR, midi_hz, rng_for
from .harmony import ChordTimeline
from .mood import Mood
from .voices import PAD_LEVEL

PAD_RMS = math.sqrt(PAD_LEVEL)
BELL_SECONDS = 3.5
BIRD_SECONDS = 2.0


@dataclass(frozen=True)
class Event:
    start: int  # sample
    template: int  # key into the layer's template maker
    gain_l: float
    gain_r: float


class Reverb:
    """A stereo room for one layer's sounds: decaying, low-passed noise as the impulse
    response, independent per channel so the tail spreads across the stereo field.
    Its spectrum is computed once; each sound then costs three FFTs."""

    def __init__(self, *, rng: np.random.Generator, seconds: float, tone: float, longest: float) -> None:
        n_ir = int(seconds * SR)
        t = np.arange(n_ir) / SR
        sos = signal.butter(2, tone, fs=SR, output="sos")
        ir = signal.sosfilt(sos, rng.standard_normal((2, n_ir)), axis=1) * np.exp(-6.9 * t / seconds)
        ir[:, : int(0.012 * SR)] = 0  # a little pre-delay keeps the dry attack clear
        ir /= np.sqrt(np.sum(ir**2, axis=1, keepdims=True))
        self._size = scipy.fft.next_fast_len(int(longest * SR) + n_ir, real=True)
        self._ir = scipy.fft.rfft(ir.astype(np.float32), self._size, axis=1)

    def __call__(self, dry: np.ndarray, *, wet: float) -> np.ndarray:
        """(n, 2) float32: the mono `dry` sound in the room, with its tail."""
        tail = scipy.fft.irfft(
            scipy.fft.rfft(dry.astype(np.float32), self._size)[None, :] * self._ir, self._size, axis=1
        )
        out = wet * tail
        out[:, : len(dry)] += (1 - wet) * dry
        return (out / np.abs(out).max()).T.astype(np.float32)


def _bell(pitch: int, room: Reverb) -> np.ndarray:
    """A soft glass/celesta-like note: near-harmonic partials that decay at different rates."""
    f0, t = midi_hz(pitch), np.arange(int(BELL_SECONDS * SR), dtype=np.float32) / SR
    partials = ((1.0, 1.0, 2.2), (2.0, 0.3, 1.2), (3.01, 0.1, 0.7), (4.1, 0.05, 0.45))
    tone = sum(
        a * np.sin(np.float32(2 * np.pi * f0 * r) * t) * np.exp(-t / np.float32(d)) for r, a, d in partials
    )
    tone *= np.minimum(1.0, t / 0.006) * np.minimum(1.0, (t[-1] - t) / 0.5)  # no click at either end
    return room(tone, wet=0.55)


def _bird(key: int, rng: np.random.Generator, room: Reverb) -> np.ndarray:
    """One bird's phrase: whistles, falling chirps or a trill, heard from a distance."""
    style, parts = key % 3, []
    for _ in range(int(rng.integers(2, 7)) if style < 2 else 1):
        if style == 0:  # whistle: a held or gliding note
            d = rng.uniform(0.08, 0.25)
            f = np.linspace(rng.uniform(2000, 4200), rng.uniform(2000, 4200), int(d * SR))
        elif style == 1:  # chirp: a fast downward sweep
            d = rng.uniform(0.03, 0.07)
            f = np.geomspace(rng.uniform(4500, 7000), rng.uniform(2500, 3500), int(d * SR))
        else:  # trill: a warbling note
            d = rng.uniform(0.4, 1.0)
            tt = np.arange(int(d * SR)) / SR
            f = rng.uniform(3000, 4800) + rng.uniform(250, 700) * np.sin(2 * np.pi * rng.uniform(18, 35) * tt)
        env = np.sin(np.pi * np.arange(len(f)) / len(f)) ** 2
        phase = 2 * np.pi * np.cumsum(f) / SR
        parts += [
            env * (np.sin(phase) + 0.12 * np.sin(2 * phase)),
            np.zeros(int(rng.uniform(0.05, 0.14) * SR)),
        ]
    dry = np.concatenate(parts)[: int(BIRD_SECONDS * SR)]
    dry *= np.minimum(1.0, np.arange(len(dry))[::-1] / (0.02 * SR))  # a long phrase fades, never cuts
    return room(dry, wet=0.45)


def _thunder(rng: np.random.Generator) -> np.ndarray:
    """A distant roll: low rumbling noise under a few overlapping swells that die away."""
    n = 1 << 19  # 11.9 s
    f = np.maximum(np.fft.rfftfreq(n, 1 / SR), 1.0)
    # Amplitude spectrum: the rumble between 30 and 220 Hz, and a quieter rolling band above.
    rumble = 1 / np.sqrt((1 + (30 / f) ** 4) * (1 + (f / 220) ** 4))
    shape = rumble + 0.12 / np.sqrt((1 + (200 / f) ** 4) * (1 + (f / 1500) ** 4))
    spec = (rng.standard_normal((2, len(f))) + 1j * rng.standard_normal((2, len(f)))) * shape
    noise = np.fft.irfft(spec, n, axis=1)
    t = np.arange(n) / SR
    env = np.zeros(n)
    for onset in np.sort(rng.uniform(0.3, 5.0, int(rng.integers(3, 7)))):
        decay = rng.uniform(0.8, 2.5)
        env += (
            rng.uniform(0.4, 1.0)
            * np.where(t < onset, 0, 1 - np.exp(-(t - onset) / 0.35))
            * np.exp(-np.maximum(t - onset, 0) / decay)
        )
    env *= np.minimum(1.0, (t[-1] - t) / 2.0)
    out = (noise * env).T
    # Gentle saturation tames the noise's spikes (a rumble's grit, not a click), so a roll can
    # be loud without the limiter ducking the whole mix under every peak.
    out = np.tanh(2.5 * out / np.abs(out).max())
    return (out / np.abs(out).max()).astype(np.float32)


class EventLayer:
    """One kind of sparse sound: a schedule of Events and a cache of their templates."""

    def __init__(self, events: list[Event], make: Callable[[int], np.ndarray]) -> None:
        self._events = events
        self._starts = [e.start for e in events]
        self._make = make
        self._templates: dict[int, np.ndarray] = {}
        self._longest = 14 * SR  # no template is longer than this

    def _template(self, key: int) -> np.ndarray:
        if key not in self._templates:  # two threads may both build it: same result
            self._templates[key] = self._make(key)
        return self._templates[key]

    def render(self, out: np.ndarray, *, start: int) -> None:
        end = start + len(out)
        i = bisect.bisect_left(self._starts, start - self._longest)
        for e in self._events[i : bisect.bisect_left(self._starts, end)]:
            tpl = self._template(e.template)
            a, b = max(start, e.start), min(end, e.start + len(tpl))
            if a < b:
                seg = tpl[a - e.start : b - e.start]
                out[a - start : b - start, 0] += e.gain_l * seg[:, 0]
                out[a - start : b - start, 1] += e.gain_r * seg[:, 1]


def _panned(rng: np.random.Generator, gain: float, width: float = 0.8) -> tuple[float, float]:
    pan = min(0.95, max(0.05, 0.5 + width * (rng.random() - 0.5))) * math.pi / 2
    return gain * math.cos(pan) * math.sqrt(2), gain * math.sin(pan) * math.sqrt(2)


def _schedule(rng: np.random.Generator, *, duration: float, mean_gap: float, first: float) -> list[float]:
    times, t = [], first
    while t < duration:
        times.append(t)
        t += mean_gap * float(rng.exponential(0.7) + 0.3)
    return times


def bells(*, mood: Mood, timeline: ChordTimeline, duration: float, seed: int) -> EventLayer:
    rng = rng_for(seed, 50)
    events = []
    for t in _schedule(
        rng, duration=duration - 6, mean_gap=6.0 / mood.bells, first=float(rng.uniform(4, 12))
    ):
        chord = max(timeline.weights(t), key=lambda cw: cw[1])[0]
        for k in range(int(rng.choice([1, 1, 2, 3]))):  # now and then a short arpeggio
            pitch = int(rng.choice(chord.bells))
            gain = 1.2 * PAD_RMS * float(rng.uniform(0.5, 1.0))
            events.append(Event(int((t + k * rng.uniform(0.35, 0.8)) * SR), pitch, *_panned(rng, gain)))
    events.sort(key=lambda e: e.start)
    room = Reverb(rng=rng_for(seed, 51), seconds=3.0, tone=5000, longest=BELL_SECONDS)
    return EventLayer(events, lambda pitch: _bell(pitch, room))


def birds(*, level: float, duration: float, seed: int) -> EventLayer:
    rng = rng_for(seed, 52)
    events = [
        Event(
            int(t * SR),
            int(rng.integers(0, 18)),
            *_panned(rng, 1.6 * level * PAD_RMS * 10 ** rng.uniform(-0.8, 0), 1.6),
        )
        for t in _schedule(rng, duration=duration - 3, mean_gap=5.0 / level, first=float(rng.uniform(1, 5)))
    ]
    room = Reverb(rng=rng_for(seed, 53), seconds=1.6, tone=7000, longest=BIRD_SECONDS)
    return EventLayer(events, lambda key: _bird(key, rng_for(seed, 53, key), room))


def thunder(*, level: float, duration: float, seed: int) -> EventLayer:
    rng = rng_for(seed, 54)
    events = [
        Event(int(t * SR), i, *_panned(rng, 5.0 * level * PAD_RMS * float(rng.uniform(0.6, 1.0))))
        for i, t in enumerate(
            _schedule(rng, duration=duration - 12, mean_gap=70.0, first=float(rng.uniform(8, 25)))
        )
    ]
    return EventLayer(events, lambda i: _thunder(rng_for(seed, 55, i)))
