"""Renders a whole track into memory, hop by hop, on several threads.

Every sound is generated from a random stream keyed by (seed, layer, position), never by
looping a buffer, so any hop can be rendered independently and in parallel, and the same
prompt + seed always gives the same samples. numpy/scipy release the GIL inside their
large operations, which is where the time goes, so threads scale on a multi-core machine.
"""

import math
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed

import numpy as np
import scipy.fft

from . import events, mix
from .dsp import GRAIN, HOP, NBINS, NOISE_POWER, SR, WINDOW, lerp_steps, prompt_key, rng_for
from .harmony import ChordTimeline, progression
from .mood import Mood, mood_from_prompt
from .particles import KINDS, Particles
from .textures import TEXTURE_TOP_HZ, Beds, Ocean
from .voices import TOP_BIN, Drone, Pad

# Random spectrum → time signal with a mean square equal to the spectrum's total power.
_SCALE = GRAIN / math.sqrt(2 * NOISE_POWER)
# Below ~120 Hz both channels share their noise (a solid, centred low end); from there up to
# ~500 Hz they drift apart, and above it they are independent: a wide, enveloping image.
_MONO_BIN, _WIDE_BIN = int(120 * GRAIN / SR), int(500 * GRAIN / SR)
_BLEND = np.linspace(0, np.pi / 2, _WIDE_BIN - _MONO_BIN, dtype=np.float32)
_COS, _SIN = np.cos(_BLEND), np.sin(_BLEND)
FADE_IN, FADE_OUT = 3.0, 5.0  # seconds
HOPS_PER_TASK = 16


class Track:
    """Every layer of one track, planned up front from prompt + seed."""

    def __init__(self, *, prompt: str, seed: int, duration: float) -> None:
        self.seed = int(
            rng_for(seed, prompt_key(prompt) & 0xFFFFFFFF, prompt_key(prompt) >> 32).integers(2**62)
        )
        self.n = round(duration * SR)
        self.mood: Mood = mood_from_prompt(prompt=prompt, rng=rng_for(self.seed, 1))
        mood, s = self.mood, self.seed
        chords = progression(mood=mood, duration=duration + 2, rng=rng_for(s, 2))
        timeline = ChordTimeline(chords, crossfade=min(14.0, 0.4 * mood.chord_seconds))
        self.pad = Pad(mood=mood, timeline=timeline, seed=s)
        self.drone = Drone(timeline=timeline, seed=s)
        self.beds = Beds(textures=mood.textures, seed=s)
        # Spectra are empty above the pad's top unless a texture reaches higher.
        self.top_bin = TOP_BIN if not mood.textures else int(TEXTURE_TOP_HZ * GRAIN / SR)
        level = mood.textures.get
        self.ocean = Ocean(level=level("ocean", 0.0), duration=duration, seed=s) if level("ocean") else None
        self.particles = [
            Particles(kind=k, level=level(tex, 0.0), seed=s) for k, (tex, *_) in KINDS.items() if level(tex)
        ]
        self.events: list[events.EventLayer] = []
        if mood.bells > 0.05:
            self.events.append(events.bells(mood=mood, timeline=timeline, duration=duration, seed=s))
        if level("forest"):
            self.events.append(events.birds(level=level("forest", 0.0), duration=duration, seed=s))
        if level("thunder"):
            self.events.append(events.thunder(level=level("thunder", 0.0), duration=duration, seed=s))

    def grain(self, g: int, *, stream: int) -> np.ndarray:
        """Windowed stereo grain (2, GRAIN) centred on sample g*HOP; stream 0 is the pad
        with the steady textures, stream 1 the ocean waves."""
        if stream == 1:
            return self._ocean_grain(g)
        power, tonal = self.pad.grain(g)
        self.drone.add_to(tonal, grain=g)
        beds = self.beds.power(g * HOP / SR)
        if beds is not None:
            power += beds
        top = self.top_bin
        spectra = np.zeros((2, NBINS), dtype=np.complex64)  # nothing sounds above top_bin
        spectra[:, :top] = self._noise(g, stream=0, bins=2 * top).reshape(2, top)
        left, right = spectra
        right[:_MONO_BIN] = left[:_MONO_BIN]
        right[_MONO_BIN:_WIDE_BIN] = _COS * left[_MONO_BIN:_WIDE_BIN] + _SIN * right[_MONO_BIN:_WIDE_BIN]
        spectra[:, :top] *= np.sqrt(power[:top]) * np.float32(_SCALE)
        spectra[:, : tonal.shape[1]] += tonal
        grain = scipy.fft.irfft(spectra, n=GRAIN, axis=1)
        grain *= WINDOW
        return grain

    def _ocean_grain(self, g: int) -> np.ndarray:
        """Surf is noise, so the right channel can be the left one played backwards: as
        random, and uncorrelated with it, for half the work."""
        assert self.ocean is not None
        top = self.top_bin
        spectrum = np.zeros(NBINS, dtype=np.complex64)
        spectrum[:top] = self._noise(g, stream=1, bins=top) * (
            np.sqrt(self.ocean.power(g * HOP / SR)[:top]) * np.float32(_SCALE)
        )
        left = scipy.fft.irfft(spectrum, n=GRAIN) * WINDOW
        return np.stack([left, left[::-1]])

    def _noise(self, g: int, *, stream: int, bins: int) -> np.ndarray:
        """Complex noise for a grain's bins (random phases and levels), from cheap random bytes."""
        raw = np.frombuffer(rng_for(self.seed, 60 + stream, g).bytes(2 * bins), dtype=np.int8)
        return raw.astype(np.float32).view(np.complex64)

    def render_hop(self, out: np.ndarray, j: int, grains: dict[int, np.ndarray]) -> None:
        """Fill out (the hop's samples, (n, 2)); `grains` carries the previous grain of
        each stream from the last hop of the same task."""
        start, n = j * HOP, len(out)
        for stream in (0, 1) if self.ocean else (0,):
            if stream not in grains:
                grains[stream] = self.grain(j, stream=stream)
            nxt = self.grain(j + 1, stream=stream)
            prev = grains[stream]
            if stream == 0:  # overlap-add straight into the interleaved output
                for ch in (0, 1):
                    np.add(prev[ch, HOP : HOP + n], nxt[ch, :n], out=out[:, ch])
            else:
                assert self.ocean is not None
                swell = lerp_steps(self.ocean.gain(start=start, n=n, step=1024), step=1024, n=n)
                for ch in (0, 1):
                    out[:, ch] += (prev[ch, HOP : HOP + n] + nxt[ch, :n]) * swell
            grains[stream] = nxt
        for p in self.particles:
            p.render(out, hop=j)
        for layer in self.events:
            layer.render(out, start=start)
        self._fade(out, start)

    def _fade(self, out: np.ndarray, start: int) -> None:
        """Raised-cosine fade in at the start and out at the end of the track."""
        if start >= FADE_IN * SR and start + len(out) <= self.n - FADE_OUT * SR:
            return
        t = (start + np.arange(len(out))) / SR
        fade = np.minimum(t / FADE_IN, (self.n / SR - t) / FADE_OUT)
        if fade.min() < 1.0:
            out *= (np.sin(0.5 * np.pi * np.clip(fade, 0.0, 1.0)) ** 2).astype(np.float32)[:, None]


def render(
    *, prompt: str, seed: int, duration: float, threads: int, progress: Callable[[float], None]
) -> np.ndarray:
    """The finished track, at -14 LUFS and under the peak ceiling, as float32 (n, 2)."""
    track = Track(prompt=prompt, seed=seed, duration=duration)
    pcm = np.empty((track.n, 2), dtype=np.float32)
    n_hops = math.ceil(track.n / HOP)
    tasks = [range(a, min(a + HOPS_PER_TASK, n_hops)) for a in range(0, n_hops, HOPS_PER_TASK)]
    measured: dict[int, np.ndarray] = {}

    def run(hops: range) -> None:
        grains: dict[int, np.ndarray] = {}
        for j in hops:
            seg = pcm[j * HOP : (j + 1) * HOP]
            track.render_hop(seg, j, grains)
            if j % 4 == 0:  # measuring every fourth hop is plenty for a steady texture
                measured[j] = mix.k_weighted_blocks(seg)

    with ThreadPoolExecutor(max_workers=threads) as pool:
        # Progress is reported from the caller's thread, as tasks finish.
        for done, future in enumerate(as_completed([pool.submit(run, t) for t in tasks]), start=1):
            future.result()
            progress(done / len(tasks))
    gain = np.float32(mix.gain_for(mix.integrated_loudness([measured[j] for j in sorted(measured)])))

    def scale(j: int) -> np.ndarray:  # chunks of whole hops: HOP is a multiple of mix.STEP
        seg = pcm[j * HOP : (j + HOPS_PER_TASK) * HOP]
        seg *= gain
        return mix.block_peaks(seg)

    with ThreadPoolExecutor(max_workers=threads) as pool:
        peaks = np.concatenate(list(pool.map(scale, range(0, n_hops, HOPS_PER_TASK))))
    mix.limit(pcm, peaks=peaks)
    return pcm
