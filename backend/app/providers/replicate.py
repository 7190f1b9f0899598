"""Replicate adapters: MusicGen for music, Flux for cover art (prediction mechanics are in
replicate_client.py).

MusicGen makes at most REPLICATE_MUSIC_MAX_SECONDS per prediction, so a longer track is
made of pieces (one prediction each, a different seed each, several at once) that overlap
by REPLICATE_MUSIC_CROSSFADE_SECONDS and are joined with an equal-power crossfade."""

import contextvars
import math
import threading
from concurrent.futures import FIRST_EXCEPTION, ThreadPoolExecutor, wait
from pathlib import Path

from app.config import get_settings
from app.core.errors import ProviderError
from app.core.progress import ProgressFn
from app.providers.base import AudioResult, aspect_of
from app.providers.downloads import download
from app.providers.outputs import to_audio_result, to_cover_png
from app.providers.prompts import image_prompt
from app.providers.replicate_client import SERVICE, client, run_prediction
from app.usage.prices import PlannedCall

MAKE_SHARE = 0.6  # of the progress bar: the predictions; joining and encoding take the rest


def piece_lengths(*, duration: int, max_seconds: int, crossfade: float) -> list[int]:
    """Whole-second piece lengths, each ≤ max_seconds, that cover `duration` once the
    overlaps are taken out (the surplus is trimmed at the end)."""
    if duration <= max_seconds:
        return [duration]
    count = math.ceil((duration - crossfade) / (max_seconds - crossfade))
    each = math.ceil((duration + (count - 1) * crossfade) / count)
    return [min(each, max_seconds)] * count


class ReplicateMusicProvider:
    name = "replicate"

    def __init__(self) -> None:
        self.settings = get_settings()
        client()  # fails now, with the variable to set, if the token is missing
        if 2 * self.settings.replicate.music_crossfade_seconds >= self.settings.replicate.music_max_seconds:
            raise ProviderError(
                "REPLICATE_MUSIC_CROSSFADE_SECONDS must be under half of REPLICATE_MUSIC_MAX_SECONDS",
                provider=SERVICE.label,
            )

    def _lengths(self, duration: int) -> list[int]:
        return piece_lengths(
            duration=duration,
            max_seconds=self.settings.replicate.music_max_seconds,
            crossfade=self.settings.replicate.music_crossfade_seconds,
        )

    def planned_calls(self, *, duration: int) -> list[PlannedCall]:
        model = self.settings.replicate.music_model
        return [
            PlannedCall("replicate", "Replicate", model, "music", s, "second")
            for s in self._lengths(duration)
        ]

    def _piece(self, *, planned: PlannedCall, prompt: str, seed: int, dest: Path) -> Path:
        s = self.settings
        urls = run_prediction(
            planned,
            model=s.replicate.music_model,
            version=s.replicate.music_version,
            what="making the music",
            input={
                "prompt": prompt,
                "duration": int(planned.units),
                "model_version": s.replicate.music_variant,
                "output_format": "wav",
                "normalization_strategy": "loudness",
                "seed": seed,
            },
        )
        return download(
            urls[0],
            dest=dest,
            max_bytes=s.providers.audio_max_bytes,
            service=SERVICE,
            what="a piece of the MusicGen track",
        )

    def generate(
        self, *, prompt: str, duration: int, seed: int, workdir: Path, progress: ProgressFn
    ) -> AudioResult:
        planned = self.planned_calls(duration=duration)
        progress(0.0)
        done, lock = [0], threading.Lock()

        def piece(k: int) -> Path:
            path = self._piece(
                planned=planned[k], prompt=prompt, seed=(seed + k) % 2**31, dest=workdir / f"piece{k}.wav"
            )
            with lock:
                done[0] += 1
                progress(MAKE_SHARE * done[0] / len(planned))
            return path

        # Worker threads get a copy of this context, so their calls are booked to this job.
        with ThreadPoolExecutor(max_workers=self.settings.replicate.music_parallel) as pool:
            futures = [pool.submit(contextvars.copy_context().run, piece, k) for k in range(len(planned))]
            wait(futures, return_when=FIRST_EXCEPTION)
            for f in futures:
                f.cancel()  # a piece failed: don't start (and pay for) the ones still queued
            paths = [f.result() for f in futures]
        return to_audio_result(
            paths,
            duration=duration,
            crossfade=self.settings.replicate.music_crossfade_seconds,
            workdir=workdir,
            service=SERVICE,
            progress=lambda f: progress(MAKE_SHARE + (1 - MAKE_SHARE) * f),
        )


class ReplicateImageProvider:
    name = "replicate"

    def __init__(self) -> None:
        self.settings = get_settings()
        client()

    def planned_calls(self) -> list[PlannedCall]:
        return [
            PlannedCall("replicate", "Replicate", self.settings.replicate.image_model, "image", 1, "image")
        ]

    def generate(
        self,
        *,
        prompt: str,
        seed: int,
        workdir: Path,
        width: int = 1920,
        height: int = 1080,
        still: bool = False,
    ) -> Path:
        s = self.settings
        aspect = aspect_of(width, height)  # Flux draws 16:9, 9:16 and 1:1 as asked
        urls = run_prediction(
            self.planned_calls()[0],
            model=s.replicate.image_model,
            version=s.replicate.image_version,
            what="drawing a storyboard still" if still else "drawing the cover art",
            input={
                "prompt": image_prompt(prompt, aspect=aspect, still=still),
                "aspect_ratio": aspect,
                "output_format": "png",
                "num_outputs": 1,
                "seed": seed,
            },
        )
        path = download(
            urls[0],
            dest=workdir / "replicate-image",
            max_bytes=s.providers.image_max_bytes,
            service=SERVICE,
            what="the Flux image",
        )
        return to_cover_png(path.read_bytes(), workdir=workdir, service=SERVICE, width=width, height=height)
