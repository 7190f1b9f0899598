"""Words we add to the creator's prompt before a service sees it, shared by the adapters."""

# Image models render lettering badly and a still-image video wants a calm, wide picture.
COVER_STYLE = (
    "Album cover art for an ambient music video, wide 16:9 landscape composition, atmospheric, "
    "no text, no letters, no logos, no people in the foreground. Mood and scene: "
)


def cover_prompt(prompt: str) -> str:
    return COVER_STYLE + prompt


# A storyboard still: the planner's prompt already carries the style guide; the shape is the
# video's, and the same bans on lettering hold.
STILL_STYLE = (
    "A still from a music video, {shape} composition, cinematic, atmospheric, "
    "no text, no letters, no logos. Scene: "
)
SHAPES = {"16:9": "wide 16:9 landscape", "9:16": "tall 9:16 portrait", "1:1": "square 1:1"}


def image_prompt(prompt: str, *, aspect: str, still: bool) -> str:
    """Cover art keeps its wording; a storyboard still is described in the video's shape."""
    if not still:
        return cover_prompt(prompt)
    return STILL_STYLE.format(shape=SHAPES[aspect]) + prompt
