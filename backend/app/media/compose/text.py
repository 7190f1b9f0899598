"""Text on the picture: titles, captions and calls to action in the font shipped beside this
module, wrapped and sized to the aspect's safe area.

The words never pass through filter syntax: each text is written to a file that drawtext
reads (`textfile`) with its %-expansion off, so quotes, colons, backslashes, braces,
semicolons and brackets show as typed. Only our own values (a path in our work folder, numbers,
a colour checked to be #rrggbb) reach the filter's options, and ffmpeg-python escapes those."""

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import ImageFont

from app.core.errors import MediaError
from app.media.compose.timeline import ROLES, TextOverlay

FONT = Path(__file__).parent / "fonts" / "DejaVuSans-Bold.ttf"
SAFE = 0.1  # margin kept clear on every side, as a fraction of the frame (title-safe)
# Role -> (font size as a fraction of the frame's shorter side, most lines, where the block's
# centre sits as a fraction of the frame's height).
STYLE = {"title": (0.085, 3, 0.45), "caption": (0.048, 2, 0.84), "cta": (0.06, 2, 0.72)}
FADE = 0.3  # seconds the text takes to appear and to go
COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


@dataclass(frozen=True)
class Placed:
    lines: tuple[str, ...]
    size: int  # font size, pixels
    top: int  # first line's top, pixels
    start: float
    end: float
    colour: str


@lru_cache(maxsize=64)
def _font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT), size)


def _wrap(words: list[str], size: int, width: int) -> list[str]:
    font, lines, line = _font(size), [], ""
    for word in words:
        candidate = f"{line} {word}" if line else word
        if line and font.getlength(candidate) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    if line:
        lines.append(line)
    return lines


def place(overlay: TextOverlay, *, width: int, height: int) -> Placed:
    """Font size and lines for one overlay: the role's size, made smaller until the text
    fits the safe area in the role's number of lines (a word too long for a line is
    measured like any line, so it shrinks the font too)."""
    if overlay.role not in ROLES:
        raise MediaError(f"unknown text role {overlay.role!r}")
    if not COLOUR.match(overlay.color):
        raise MediaError(f"text colour must look like #rrggbb, not {overlay.color!r}")
    fraction, most, centre = STYLE[overlay.role]
    room = int(width * (1 - 2 * SAFE))
    words = overlay.text.split()
    size = max(12, round(min(width, height) * fraction))
    while True:
        lines = _wrap(words, size, room)
        widest = max((_font(size).getlength(line) for line in lines), default=0)
        if (len(lines) <= most and widest <= room) or size <= 12:
            break
        size = max(12, int(size * 0.9))
    block = round(len(lines) * size * 1.25)
    top = round(height * centre - block / 2)
    top = max(round(height * SAFE), min(top, round(height * (1 - SAFE)) - block))
    return Placed(tuple(lines), size, top, overlay.start, overlay.end, overlay.color)


def draw(stream, placed: Placed, folder: Path, *, offset: float):
    """drawtext for one placed overlay on a segment whose frame 0 is at `offset` seconds:
    one per line, so every line is centred on its own."""
    start, end = placed.start - offset, placed.end - offset
    fade = min(FADE, (end - start) / 3)
    alpha = f"clip(min((t-({start:.4f}))/{fade:.4f},(({end:.4f})-t)/{fade:.4f}),0,1)"
    for i, line in enumerate(placed.lines):
        textfile = folder / f"line-{id(placed)}-{i}.txt"
        textfile.write_text(line, encoding="utf-8")
        stream = stream.drawtext(
            fontfile=str(FONT),
            textfile=str(textfile),
            expansion="none",
            fontsize=placed.size,
            fontcolor=placed.colour,
            x="(w-text_w)/2",
            y=placed.top + round(i * placed.size * 1.25),
            shadowcolor="black@0.6",
            shadowx=max(1, placed.size // 18),
            shadowy=max(1, placed.size // 18),
            borderw=max(1, placed.size // 28),
            bordercolor="black@0.45",
            alpha=alpha,
            enable=f"between(t,{start:.4f},{end:.4f})",
        )
    return stream
