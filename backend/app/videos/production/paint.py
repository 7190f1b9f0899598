"""One storyboard still, by the image role. The local painter also hands out its layers (sky,
light, land …) so the local animator can move near things more than far ones; other
providers give a flat picture, fitted to the video's frame."""

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.media.image import save_png
from app.providers import registry
from app.providers.local.art.storyboard import paint_storyboard_layers


@dataclass(frozen=True)
class LayerFile:
    kind: str
    depth: float
    left: int
    top: int
    path: Path


@dataclass(frozen=True)
class Painted:
    still: Path
    layers: list[LayerFile]
    provider: str


def prompt_for(style: dict[str, Any], scene: dict[str, Any]) -> str:
    """The scene's own words first, then the style every still shares."""
    parts = [
        scene.get("prompt", ""),
        style.get("world", ""),
        style.get("medium", ""),
        scene.get("lighting", ""),
    ]
    return ", ".join(p.strip() for p in parts if p and p.strip())


def still(
    style: dict[str, Any], scene: dict[str, Any], *, seed: int, size: tuple[int, int], workdir: Path
) -> Painted:
    width, height = size
    provider = registry.image_provider()
    prompt = prompt_for(style, scene)
    if provider.name != "local":
        path = provider.generate(
            prompt=prompt, seed=seed, workdir=workdir, width=width, height=height, still=True
        )
        return Painted(path, [], provider.name)
    # The local painter keeps one world per video (the style guide's palette and forms) and
    # frames each scene differently; it also hands out the layers for parallax.
    flat, layers = paint_storyboard_layers(style, scene, size=size, seed=seed)
    files = []
    for n, layer in enumerate(layers):
        path = workdir / f"layer{n}-{layer.kind}.png"
        layer.image.save(path, optimize=False, compress_level=1)
        files.append(LayerFile(layer.kind, layer.depth, layer.left, layer.top, path))
    return Painted(save_png(flat, workdir / "still.png"), files, "local")
