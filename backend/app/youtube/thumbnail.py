"""The cover art as a YouTube thumbnail: 1280x720 (16:9, YouTube's recommended size) JPEG
under YouTube's 2 MB limit. The cover PNGs are about 2.2 MB, so sending them as they are
would be refused."""

from pathlib import Path

from PIL import Image

from app.media.image import cover_crop, load_image_checked

WIDTH, HEIGHT = 1280, 720
MAX_BYTES = 2 * 1024 * 1024
QUALITIES = (90, 82, 72, 60, 45)  # busy generative art can need a few steps down


def make_thumbnail(source: Path, dest: Path) -> Path:
    image = cover_crop(load_image_checked(source.read_bytes()), width=WIDTH, height=HEIGHT)
    for quality in QUALITIES:
        image.save(dest, format="JPEG", quality=quality, optimize=True, progressive=True)
        if dest.stat().st_size < MAX_BYTES:
            return dest
    # Still too big at the lowest quality (pure noise): halve the detail rather than fail.
    image.resize((WIDTH // 2, HEIGHT // 2), Image.Resampling.LANCZOS).resize((WIDTH, HEIGHT)).save(
        dest, format="JPEG", quality=QUALITIES[-1]
    )
    return dest
