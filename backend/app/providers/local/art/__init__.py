"""Local image provider: generative cover art drawn with numpy, offline and deterministic.

The prompt's words pick a palette and the forms to draw (see scene.py); the seed
rearranges the composition. Output is a 1920x1080 RGB PNG in the job's workdir."""

from pathlib import Path

from app.core.errors import ProviderError
from app.media.image import save_png

from .compose import render


class LocalImageProvider:
    name = "local"

    def generate(self, *, prompt: str, seed: int, workdir: Path) -> Path:
        try:
            image = render(prompt=prompt, seed=seed)
            return save_png(image, workdir / "cover.png")
        except (OSError, ValueError, MemoryError) as exc:
            raise ProviderError(f"Could not draw the cover art: {exc}", provider=self.name) from exc
