"""cover_crop brings any provider image to the 1920x1080 frame without losing its centre;
load_image_checked rejects bytes that are not an image."""

import io

import numpy as np
import pytest
from PIL import Image

from app.media.image import cover_crop, load_image_checked, save_png

RED = (255, 0, 0)


def _with_centre_marker(width: int, height: int, mode: str = "RGB") -> Image.Image:
    """Grey image with a red square in the middle (side 5% of the shorter edge)."""
    image = Image.new("RGB", (width, height), (90, 90, 90))
    side = max(4, min(width, height) // 20)
    left, top = (width - side) // 2, (height - side) // 2
    image.paste(RED, (left, top, left + side, top + side))
    return image.convert(mode)


def _red_centroid(image: Image.Image) -> tuple[float, float]:
    pixels = np.asarray(image).astype(int)
    red = (pixels[..., 0] > 200) & (pixels[..., 1] < 60) & (pixels[..., 2] < 60)
    ys, xs = np.nonzero(red)
    assert len(xs) > 0, "centre marker lost"
    return float(xs.mean()), float(ys.mean())


@pytest.mark.parametrize(
    "size",
    [
        (1536, 1024),
        (1792, 1024),
        (1024, 1024),
        (800, 1200),
        (1920, 1080),
        (1280, 720),
        (3840, 2160),
        (2400, 800),
        (1000, 563),
    ],
)
def test_cover_crop_fills_the_frame_and_keeps_the_centre(size: tuple[int, int]) -> None:
    out = cover_crop(_with_centre_marker(*size))
    assert out.size == (1920, 1080)
    assert out.mode == "RGB"
    x, y = _red_centroid(out)
    assert abs(x - 959.5) < 2.5 and abs(y - 539.5) < 2.5
    # Cover, never letterbox: no black bars along any edge.
    pixels = np.asarray(out)
    for edge in (pixels[0], pixels[-1], pixels[:, 0], pixels[:, -1]):
        assert edge.min() > 40


def test_cover_crop_scales_up_small_images_by_the_larger_factor() -> None:
    # 800x1200 portrait must be scaled by 1920/800 = 2.4 so its width covers the frame;
    # the red square (side 40) is then 96 px wide.
    out = cover_crop(_with_centre_marker(800, 1200))
    pixels = np.asarray(out).astype(int)
    red_columns = np.nonzero((pixels[540, :, 0] > 200) & (pixels[540, :, 1] < 60))[0]
    assert 92 <= len(red_columns) <= 100


def test_cover_crop_keeps_a_16_9_image_whole() -> None:
    image = Image.new("RGB", (960, 540), (90, 90, 90))
    image.paste(RED, (0, 0, 20, 20))  # corner markers survive only if nothing is cropped
    image.paste(RED, (940, 520, 960, 540))
    out = np.asarray(cover_crop(image)).astype(int)
    assert out[5, 5, 0] > 200 and out[5, 5, 1] < 60
    assert out[1074, 1914, 0] > 200 and out[1074, 1914, 1] < 60


def test_cover_crop_custom_size() -> None:
    assert cover_crop(_with_centre_marker(1024, 1024), width=1280, height=720).size == (1280, 720)


@pytest.mark.parametrize("mode", ["RGBA", "L", "P", "CMYK", "LA"])
def test_cover_crop_always_returns_rgb(mode: str) -> None:
    out = cover_crop(_with_centre_marker(1024, 1024, mode))
    assert out.mode == "RGB" and out.size == (1920, 1080)


def test_transparent_areas_become_black_not_garbage() -> None:
    image = Image.new("RGBA", (1600, 900), (255, 255, 255, 0))  # fully transparent white
    out = np.asarray(cover_crop(image))
    assert out.max() == 0


def _encoded(image: Image.Image, fmt: str) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format=fmt)
    return buffer.getvalue()


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "WEBP"])
def test_load_image_checked_decodes_real_images(fmt: str) -> None:
    image = load_image_checked(_encoded(_with_centre_marker(320, 200), fmt))
    assert image.size == (320, 200)


@pytest.mark.parametrize(
    "data",
    [b"", b"not an image at all", b'{"error": "rate limited"}', b"<html>502</html>" * 20],
)
def test_load_image_checked_rejects_non_images(data: bytes) -> None:
    with pytest.raises(ValueError, match="image"):
        load_image_checked(data)


def test_load_image_checked_rejects_truncated_png() -> None:
    data = _encoded(Image.effect_noise((400, 400), 64).convert("RGB"), "PNG")
    with pytest.raises(ValueError, match="not a readable image"):
        load_image_checked(data[: len(data) // 2])


def test_save_png_round_trips(tmp_path) -> None:
    image = cover_crop(_with_centre_marker(1536, 1024))
    path = save_png(image, tmp_path / "cover.png")
    with Image.open(path) as reread:
        assert reread.format == "PNG"
        assert np.array_equal(np.asarray(reread), np.asarray(image))
