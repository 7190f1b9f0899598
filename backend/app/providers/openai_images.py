"""Cover art from OpenAI's image API through the official client.

Current GPT image models always answer base64 (`b64_json`) and draw 1536×1024 (landscape),
1024×1536 (portrait) or 1024×1024; DALL·E 3, kept for accounts that still have it, draws
1792×1024, 1024×1792 or 1024×1024 and is asked for base64 too (no second download, no link to
expire). We ask for the shape nearest the frame wanted; the picture then ends as a PNG of
exactly that frame (1920×1080 for a cover) through the shared Lanczos cover-crop."""

import base64
import binascii
from pathlib import Path

from app.config import get_settings
from app.core.errors import ProviderError
from app.providers import openai_client
from app.providers.base import aspect_of
from app.providers.calls import call
from app.providers.downloads import download
from app.providers.outputs import to_cover_png
from app.providers.prompts import image_prompt
from app.usage.prices import PlannedCall

SERVICE = openai_client.SERVICE
GPT_QUALITIES, DALLE_QUALITIES = {"low", "medium", "high", "auto"}, {"standard", "hd"}
GPT_SIZES = {"16:9": "1536x1024", "9:16": "1024x1536", "1:1": "1024x1024"}
DALLE_SIZES = {"16:9": "1792x1024", "9:16": "1024x1792", "1:1": "1024x1024"}


def is_dalle(model: str) -> bool:
    return model.startswith("dall-e")


class OpenAIImageProvider:
    name = "openai"

    def __init__(self) -> None:
        self.settings = get_settings()
        self.model = self.settings.openai.image_model
        openai_client.client()  # fails now, with the variable to set, if the key is missing

    def planned_calls(self) -> list[PlannedCall]:
        return [PlannedCall("openai", "OpenAI", self.model, "image", 1, "image")]

    def _request(self, prompt: str, *, aspect: str, still: bool) -> dict:
        wanted = self.settings.openai.image_quality
        text = image_prompt(prompt, aspect=aspect, still=still)
        params: dict = {"model": self.model, "prompt": text, "n": 1}
        if is_dalle(self.model):
            # The two families name qualities differently; a setting meant for the other one
            # falls back to this family's default instead of a 400 from OpenAI.
            params |= {
                "size": DALLE_SIZES[aspect],
                "response_format": "b64_json",
                "quality": wanted if wanted in DALLE_QUALITIES else "standard",
            }
        else:  # GPT image models refuse response_format; they always answer b64_json
            params |= {
                "size": GPT_SIZES[aspect],
                "output_format": "png",
                "quality": wanted if wanted in GPT_QUALITIES else "medium",
            }
        return params

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
        params = self._request(prompt, aspect=aspect_of(width, height), still=still)

        def work(attempt) -> bytes:
            response = openai_client.client().images.generate(**params)
            attempt.accept(str(response.created))
            if not response.data:
                raise ProviderError("answered without an image", provider=SERVICE.label)
            image = response.data[0]
            if image.b64_json:
                try:
                    return base64.b64decode(image.b64_json, validate=True)
                except (binascii.Error, ValueError) as exc:
                    raise ProviderError("sent an image in broken base64", provider=SERVICE.label) from exc
            if image.url:  # accounts/models that still answer with a link
                path = download(
                    image.url,
                    dest=workdir / "openai-image",
                    service=SERVICE,
                    max_bytes=self.settings.providers.image_max_bytes,
                    what="the OpenAI image",
                )
                return path.read_bytes()
            raise ProviderError("answered without an image", provider=SERVICE.label)

        data = call(
            self.planned_calls()[0],
            work,
            service=SERVICE,
            facts=openai_client.facts,
            what="drawing a storyboard still" if still else "drawing the cover art",
        )
        if len(data) > self.settings.providers.image_max_bytes:
            raise ProviderError("sent an image larger than we accept", provider=SERVICE.label)
        return to_cover_png(data, workdir=workdir, service=SERVICE, width=width, height=height)
