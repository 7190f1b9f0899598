"""Local image provider: generative pictures drawn with numpy, offline and deterministic.

The prompt's words pick a palette and the forms to draw (see scene.py); the seed
rearranges the composition. Output is an RGB PNG of the asked frame (1920x1080 for cover
art) in the job's workdir. Storyboard stills that share one world per video are painted by
storyboard.py from the plan's style guide and scene."""

from pathlib import Path

from app.core.errors import ProviderError
from app.media.image import save_png

from .compose import render


class LocalImageProvider:
    name = "local"

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
        what = "a storyboard still" if still else "the cover art"
        try:
            image = render(prompt=prompt, seed=seed, width=width, height=height)
            return save_png(image, workdir / "cover.png")
        except (OSError, ValueError, MemoryError) as exc:
            raise ProviderError(f"Could not draw {what}: {exc}", provider=self.name) from exc
