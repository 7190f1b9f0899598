"""The painter's layers: the same picture as before, and layers that rebuild it."""

import numpy as np
import pytest

from app.providers.local.art.compose import render
from app.providers.local.art.layers import render_layers
from app.providers.local.art.noise import make_rng
from app.providers.local.art.scene import read_prompt

PROMPTS = ["sunset over the ocean with birds", "rainy night city", "winter snow mountains forest"]


@pytest.mark.parametrize("prompt", PROMPTS)
def test_layers_come_with_the_same_picture_render_gives(prompt: str) -> None:
    flat, _ = render_layers(prompt=prompt, seed=7, width=480, height=270)
    assert flat.tobytes() == render(prompt=prompt, seed=7, width=480, height=270).tobytes()


@pytest.mark.parametrize("prompt", PROMPTS)
def test_layers_laid_over_each_other_rebuild_the_picture(prompt: str) -> None:
    flat, layers = render_layers(prompt=prompt, seed=3, width=480, height=270)
    assert layers[0].kind == "sky" and layers[0].image.size == (480, 270)
    assert [layer.depth for layer in layers] == sorted((layer.depth for layer in layers), reverse=True)
    assert {"land"} <= {layer.kind for layer in layers}
    picture = np.asarray(layers[0].image, dtype=np.float32)[..., :3]
    for layer in layers[1:]:
        rgba = np.asarray(layer.image, dtype=np.float32)
        w, h = layer.image.size
        box = picture[layer.top : layer.top + h, layer.left : layer.left + w]
        alpha = rgba[..., 3:] / 255
        box[:] = rgba[..., :3] * alpha + box * (1 - alpha)
    # The flat picture has grain on everything, the layers only on the sky: close, not equal.
    error = np.abs(picture - np.asarray(flat, dtype=np.float32))
    assert error.mean() < 4.0
    # The land layer is opaque where the land is: its lower rows hide the sky entirely.
    land = next(layer for layer in layers if layer.kind == "land")
    assert np.asarray(land.image)[-5:, :, 3].min() == 255


def test_a_given_scene_is_drawn_instead_of_the_prompts_own() -> None:
    night = read_prompt(prompt="moonlit night lake", rng=make_rng(prompt="x", seed=1, purpose="scene"))
    a = render(prompt="sunny day meadow", seed=2, width=320, height=180, scene=night)
    b = render(prompt="sunny day meadow", seed=2, width=320, height=180)
    flat, _ = render_layers(prompt="sunny day meadow", seed=2, width=320, height=180, scene=night)
    assert a.tobytes() == flat.tobytes()
    assert np.asarray(a, dtype=np.float32).mean() < np.asarray(b, dtype=np.float32).mean() - 20
