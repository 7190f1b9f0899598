"""Still images for the video: checking downloaded bytes really are an image, fitting any
picture to the 1920x1080 frame, and writing PNGs.

Providers return all sorts of shapes (1536x1024, 1792x1024, 1024x1024, portrait ...); the
video is 16:9, so we scale to *cover* the frame and crop the overflow evenly, never
letterbox: a still-image video with black bars looks broken."""

import io
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

FRAME_WIDTH, FRAME_HEIGHT = 1920, 1080


def load_image_checked(data: bytes) -> Image.Image:
    """Decode bytes fully into an image; ValueError with a clear message if they are not one."""
    if not data:
        raise ValueError("image data is empty")
    try:
        image = Image.open(io.BytesIO(data))
        image.load()  # decode now: truncated or corrupt files fail here, not later
    except Image.DecompressionBombError as exc:
        raise ValueError(f"image is too large to process safely: {exc}") from exc
    except (UnidentifiedImageError, OSError, SyntaxError) as exc:
        start = data[:16]
        raise ValueError(f"data is not a readable image (starts with {start!r})") from exc
    return ImageOps.exif_transpose(image)  # phone photos carry their rotation in EXIF


def _flatten(image: Image.Image) -> Image.Image:
    """RGB, with any transparency composited over black rather than dropped at random."""
    if image.mode == "RGB":
        return image
    if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info:
        rgba = image.convert("RGBA")
        background = Image.new("RGBA", rgba.size, (0, 0, 0, 255))
        return Image.alpha_composite(background, rgba).convert("RGB")
    return image.convert("RGB")


def cover_crop(image: Image.Image, *, width: int = FRAME_WIDTH, height: int = FRAME_HEIGHT) -> Image.Image:
    """Scale (Lanczos) so the image covers width x height, then crop the centre. RGB out."""
    image = _flatten(image)
    scale = max(width / image.width, height / image.height)
    # Round up so rounding never leaves a 1-pixel gap to fill.
    scaled_w = max(width, round(image.width * scale + 0.4999))
    scaled_h = max(height, round(image.height * scale + 0.4999))
    if (scaled_w, scaled_h) != image.size:
        image = image.resize((scaled_w, scaled_h), Image.Resampling.LANCZOS)
    left = (scaled_w - width) // 2
    top = (scaled_h - height) // 2
    return image.crop((left, top, left + width, top + height))


def save_png(image: Image.Image, path: Path) -> Path:
    """Write a PNG and return its path.

    Fast compression: the file is an intermediate that ffmpeg and the thumbnail step
    re-encode, and level 1 is about 4x faster than the default for under 10% more bytes."""
    image.save(path, format="PNG", compress_level=1)
    return path
