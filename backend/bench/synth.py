"""Benchmark: the local music provider — synthesis + MP3 encoding of a 900 s track as a
multiple of real time, and the whole provider call (synthesis + MP3 + AAC) for 900 s and
300 s tracks. Each figure is the best of a few runs: the machine is shared and noisy.

Run from backend/: `.venv/bin/python -m bench.synth`."""

import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from app.media.audio import encode_audio
from app.providers.local.synth import LocalMusicProvider, engine

PROMPT = "calm rain for sleep"
REAL_TIME_TARGET = 150  # x real time for synthesis + MP3, 900 s
# Of the pipeline's budgets (generate+render 900 s in <= 18 s; generate 300 s in <= 5 s
# including ~1 s of cover art), the music provider should take at most this much.
PROVIDER_TARGETS = {900: 12.0, 300: 4.0}
RUNS = 3


def _best(run: Callable[[Path], None]) -> float:
    best = float("inf")
    for _ in range(RUNS):
        with tempfile.TemporaryDirectory() as workdir:
            start = time.perf_counter()
            run(Path(workdir))
            best = min(best, time.perf_counter() - start)
    return best


def _synth_and_mp3(workdir: Path, seconds: int = 900) -> None:
    pcm = engine.render(prompt=PROMPT, seed=1, duration=seconds, threads=LocalMusicProvider().threads,
                           progress=lambda _: None)
    encode_audio(pcm, mp3_path=workdir / "music.mp3", aac_path=None)


def _provider(seconds: int) -> Callable[[Path], None]:
    def run(workdir: Path) -> None:
        LocalMusicProvider().generate(prompt=PROMPT, duration=seconds, seed=1, workdir=workdir, progress=lambda _: None)
    return run


def run() -> list[str]:
    _best(lambda w: _synth_and_mp3(w, 10))  # warm-up: imports, FFT plans
    ratio = 900 / _best(_synth_and_mp3)
    lines = [f"music synthesis + MP3, 900 s track: {ratio:.0f}x real time (target >= {REAL_TIME_TARGET}x)"]
    for seconds, target in PROVIDER_TARGETS.items():
        took = _best(_provider(seconds))
        lines.append(f"music provider (synthesis + MP3 + AAC), {seconds} s track: {took:.1f} s (target <= {target:g} s)")
    return lines


if __name__ == "__main__":
    print("\n".join(run()))
