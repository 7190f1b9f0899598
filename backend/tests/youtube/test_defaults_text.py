"""Suggested upload metadata carries no control, zero-width or bidirectional-override
characters, whatever the prompt held, and an invisible prompt still gets a readable title."""

import unicodedata
import uuid

import pytest

from app.tracks.models import Track
from app.youtube.defaults import defaults_for
from app.youtube.schemas import UploadRequest

HIDDEN = (
    "\x00\x07\x1b\x7f\u0085\u00ad\u061c\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2060\u2066\u2067\u2068\u2069\ufeff"
)


def _track(prompt: str, duration: int = 300) -> Track:
    return Track(id=uuid.uuid4(), prompt=prompt, duration=duration, seed=1)


def _invisible(text: str) -> list[str]:
    return [f"U+{ord(c):04X}" for c in text if unicodedata.category(c) in ("Cc", "Cf") and c != "\n"]


@pytest.mark.parametrize(
    "prompt",
    [
        "Ocean\x00waves at\x1b[31m night with\u202e soft rain",
        "Calm\u200b \u200bforest\u2066 mist\u2069 and\ufeff birds\u00ad",
        "Deep" + HIDDEN + " space drone. Slow pads and distant\u0007 bells",
    ],
)
def test_suggestions_are_free_of_invisible_characters(prompt: str) -> None:
    defaults = defaults_for(_track(prompt))
    for text in (defaults.title, defaults.description, *defaults.tags):
        assert _invisible(text) == [], (text, _invisible(text))
    UploadRequest(
        track_id=uuid.uuid4(),
        made_for_kids=False,
        **defaults.model_dump(exclude={"made_for_kids", "quota_cost"}),
    )


def test_words_stay_apart_and_together_as_written() -> None:
    title = defaults_for(_track("Ocean\x00waves and for\u200best rain")).title
    assert title.startswith("Ocean waves and forest rain")


def test_an_invisible_prompt_still_gets_a_title() -> None:
    defaults = defaults_for(_track("\u200b" * 12 + HIDDEN, duration=600))
    assert defaults.title == "Ambient music | 10 min"
    UploadRequest(
        track_id=uuid.uuid4(),
        made_for_kids=False,
        **defaults.model_dump(exclude={"made_for_kids", "quota_cost"}),
    )
