"""The picture being painted: a float RGB array plus the few blend operations layers use,
and the finishing pass (vignette, film grain, dithering) that turns it into 8-bit pixels."""

import numpy as np
from PIL import Image

from .noise import enlarge
from .palette import Colour


class Canvas:
    """Float32 sRGB pixels in [0, 1], shape (height, width, 3).

    Blends take a `top` row so a layer that only covers the lower part of the picture
    (a ridge, the sea) touches only those rows: full-frame passes are the main cost."""

    def __init__(self, *, width: int, height: int) -> None:
        self.width = width
        self.height = height
        self.rgb = np.zeros((height, width, 3), dtype=np.float32)

    def rows(self, top: int = 0, bottom: int | None = None) -> np.ndarray:
        """Row indices top..bottom as a float column, for vectorised per-pixel maths."""
        bottom = self.height if bottom is None else bottom
        return np.arange(top, bottom, dtype=np.float32)[:, None]

    def columns(self) -> np.ndarray:
        return np.arange(self.width, dtype=np.float32)[None, :]

    def paint(self, colour: Colour | np.ndarray, alpha: np.ndarray, *, top: int = 0) -> None:
        """Normal 'over' blend. alpha is (rows, width) starting at row `top`; colour is one
        colour or per-pixel (rows, width, 3)."""
        region = self.rgb[top : top + alpha.shape[0]]
        region += (colour - region) * alpha[..., None]

    def shine(self, colour: Colour, amount: np.ndarray, *, top: int = 0) -> None:
        """Screen blend of light: brightens without clipping, like light on film."""
        region = self.rgb[top : top + amount.shape[0]]
        region += (1 - region) * (colour * np.clip(amount, 0, 1)[..., None])

    def vignette(self) -> np.ndarray:
        """The darkening towards the corners, (height, width) factors in (0, 1]."""
        h, w = self.height, self.width
        y = (np.arange(h // 8, dtype=np.float32)[:, None] / (h // 8) - 0.5) * 2
        x = (np.arange(w // 8, dtype=np.float32)[None, :] / (w // 8) - 0.5) * 2
        vignette = 1 - 0.22 * np.clip(x * x * 0.7 + y * y - 0.25, 0, None) ** 1.3
        return enlarge(vignette, width=w, height=h)

    def to_image(self, *, rng: np.random.Generator, grain: float = 0.008) -> Image.Image:
        """Vignette, grain and dither, then 8-bit RGB. Finishes the canvas in place.

        Grain is luminance-only and partly twice a pixel in size so it survives H.264
        encoding and keeps smooth skies from breaking into bands; it also dithers the
        float-to-8-bit rounding. Smooth factors (vignette) are computed small and enlarged,
        and full-size RGB passes are kept few: they are the expensive part."""
        h, w = self.height, self.width
        vignette = self.vignette()

        fine = rng.standard_normal((h, w), dtype=np.float32)
        coarse = rng.standard_normal(((h + 1) // 2, (w + 1) // 2), dtype=np.float32)
        coarse = np.repeat(np.repeat(coarse, 2, axis=0), 2, axis=1)[:h, :w]
        noise = fine * 0.6 + coarse * 0.8
        # Grain shows most in mid-tones, like film; deep shadows stay clean-ish.
        luma = (self.rgb @ np.array([0.2126, 0.7152, 0.0722], dtype=np.float32)) * vignette
        noise *= np.float32(grain * 255) * (0.35 + 0.65 * np.sqrt(np.clip(luma, 0, 1)))

        pixels = self.rgb
        pixels *= (vignette * 255)[..., None]
        pixels += (noise + 0.5)[..., None]  # +0.5: round to nearest when truncating below
        np.clip(pixels, 0, 255, out=pixels)
        return Image.fromarray(pixels.astype(np.uint8))
