"""Benchmark: local cover art, end to end (draw + PNG write), averaged over a few prompts.

Run from backend/: `.venv/bin/python -m bench.art`."""

import tempfile
import time
from pathlib import Path

from app.providers.local.art import LocalImageProvider

PROMPTS = (
    "deep sleep ocean at night",
    "warm forest morning with birds",
    "dark space drone",
    "rainy lofi city",
    "sunset over the mountains",
    "xylophone quantum marmalade",  # unknown words: abstract scene
)
TARGET_SECONDS = 1.0


def run() -> list[str]:
    provider = LocalImageProvider()
    timings = []
    with tempfile.TemporaryDirectory() as workdir:
        provider.generate(prompt="warm-up", seed=0, workdir=Path(workdir))  # imports, caches
        for seed, prompt in enumerate(PROMPTS):
            start = time.perf_counter()
            provider.generate(prompt=prompt, seed=seed, workdir=Path(workdir))
            timings.append(time.perf_counter() - start)
    mean, worst = sum(timings) / len(timings), max(timings)
    return [
        f"cover art 1920x1080: {mean:.2f} s (target <= {TARGET_SECONDS:g} s)",
        f"cover art 1920x1080, slowest prompt: {worst:.2f} s (target <= {TARGET_SECONDS:g} s)",
    ]


if __name__ == "__main__":
    print("\n".join(run()))
