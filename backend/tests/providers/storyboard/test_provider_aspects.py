"""OpenAI and Replicate pictures in the video's shape: each service is asked for the size it
draws nearest the frame, the answer is fitted to the frame exactly, and a storyboard still is
described as a still of a music video (with the style guide in the prompt), not a cover."""

from pathlib import Path

import pytest
from PIL import Image

from app.providers.openai_images import OpenAIImageProvider
from app.providers.replicate import ReplicateImageProvider

STILL = "close view in a misty shoreline at dusk, soft watercolour, pastel dusk light"


@pytest.mark.parametrize(
    ("model", "frame", "size"),
    [
        ("gpt-image-2", (1080, 1920), "1024x1536"),
        ("gpt-image-2", (1080, 1080), "1024x1024"),
        ("gpt-image-2", (1920, 1080), "1536x1024"),
        ("dall-e-3", (1080, 1920), "1024x1792"),
    ],
)
def test_openai_draws_the_nearest_shape_then_fits_the_frame(
    openai_api, configure, tmp_path: Path, model, frame, size
) -> None:
    configure(openai_image_model=model)
    path = OpenAIImageProvider().generate(
        prompt=STILL, seed=1, workdir=tmp_path, width=frame[0], height=frame[1], still=True
    )
    with Image.open(path) as image:
        assert image.size == frame
    sent = openai_api.requests("images")[0].json
    assert sent["size"] == size
    assert sent["prompt"].startswith("A still from a music video") and sent["prompt"].endswith(STILL)
    assert "Album cover" not in sent["prompt"]


def test_openai_cover_art_is_unchanged(openai_api, configure, tmp_path: Path) -> None:
    OpenAIImageProvider().generate(prompt="calm sea", seed=1, workdir=tmp_path)
    sent = openai_api.requests("images")[0].json
    assert sent["size"] == "1536x1024" and sent["prompt"].startswith("Album cover art")


@pytest.mark.parametrize(
    ("frame", "aspect"), [((1080, 1920), "9:16"), ((1080, 1080), "1:1"), ((1920, 1080), "16:9")]
)
def test_flux_is_asked_for_the_videos_aspect(replicate_api, configure, tmp_path: Path, frame, aspect) -> None:
    path = ReplicateImageProvider().generate(
        prompt=STILL, seed=5, workdir=tmp_path, width=frame[0], height=frame[1], still=True
    )
    with Image.open(path) as image:
        assert image.size == frame
    [sent] = [r.json["input"] for r in replicate_api.requests() if r.method == "POST"]
    assert sent["aspect_ratio"] == aspect and sent["seed"] == 5
    assert (
        f"{'tall' if aspect == '9:16' else 'square' if aspect == '1:1' else 'wide'} {aspect}"
        in sent["prompt"]
    )
