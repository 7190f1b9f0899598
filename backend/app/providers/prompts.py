"""Words we add to the creator's prompt before a service sees it, shared by the adapters."""

# Image models render lettering badly and a still-image video wants a calm, wide picture.
COVER_STYLE = (
    "Album cover art for an ambient music video, wide 16:9 landscape composition, atmospheric, "
    "no text, no letters, no logos, no people in the foreground. Mood and scene: "
)


def cover_prompt(prompt: str) -> str:
    return COVER_STYLE + prompt
