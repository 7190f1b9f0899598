"""The local music provider: an offline ambient synthesiser, no API key needed.

The prompt's words choose key, mode, pace, timbre and nature textures (mood.py); the track
is rendered in memory from seeded randomness (engine.py) at -14 LUFS, then encoded to MP3
and AAC in parallel pieces (app.media.audio).
"""

import os
from pathlib import Path

from app.core.errors import ProviderError
from app.core.progress import ProgressFn
from app.media.audio import encode_audio
from app.media.ffmpeg import MediaError, duration_of
from app.providers.base import AudioResult

from . import engine

MIN_SECONDS, MAX_SECONDS = 10, 900
SYNTH_SHARE = 0.25  # of the progress bar; encoding takes the rest


class LocalMusicProvider:
    name = "local"

    def __init__(self, *, threads: int | None = None) -> None:
        self.threads = threads or os.cpu_count() or 2

    def generate(
        self, *, prompt: str, duration: int, seed: int, workdir: Path, progress: ProgressFn
    ) -> AudioResult:
        if not MIN_SECONDS <= duration <= MAX_SECONDS:
            raise ProviderError(
                f"duration must be {MIN_SECONDS}-{MAX_SECONDS} s, got {duration}", provider=self.name
            )
        progress(0.0)
        pcm = engine.render(
            prompt=prompt,
            seed=seed,
            duration=duration,
            threads=self.threads,
            progress=lambda f: progress(SYNTH_SHARE * f),
        )
        mp3_path, aac_path = workdir / "music.mp3", workdir / "music.m4a"
        try:
            encode_audio(
                pcm,
                mp3_path=mp3_path,
                aac_path=aac_path,
                workers=self.threads,
                progress=lambda f: progress(SYNTH_SHARE + (1 - SYNTH_SHARE) * f),
            )
        except MediaError as exc:
            raise ProviderError(f"could not encode the track: {exc}", provider=self.name) from exc
        return AudioResult(mp3_path=mp3_path, aac_path=aac_path, duration=duration_of(mp3_path))
