"""Reading a speech model's answer, whichever service gave it: Whisper's own signals for
invented lines at their exact thresholds, words without a place in time kept as text, and
segments whose times are missing, reversed or past the song mended or dropped."""

import math

from app.providers.openai_transcribe import OpenAITranscriber
from app.providers.transcription import Word, clean_segment, clean_words, hallucinated


def test_invented_lines_by_whisper_s_thresholds() -> None:
    assert hallucinated({"no_speech_prob": 0.61, "avg_logprob": -1.01})
    assert not hallucinated({"no_speech_prob": 0.6, "avg_logprob": -1.5})  # both must be past the line
    assert not hallucinated({"no_speech_prob": 0.9, "avg_logprob": -1.0})
    assert not hallucinated({"no_speech_prob": 0.9})  # one signal alone is not enough
    assert hallucinated({"compression_ratio": 2.41}) and not hallucinated({"compression_ratio": 2.4})
    assert not hallucinated({"no_speech_prob": None, "avg_logprob": None, "compression_ratio": math.nan})


def test_words_without_usable_times_stay_as_text() -> None:
    words = clean_words(
        [
            {"word": " hello ", "start": 1.0, "end": 1.4},
            {"word": "1999", "start": None},
            {"word": "back", "start": 3.0, "end": 2.0},  # reversed
            {"word": "", "start": 4.0, "end": 4.2},
            {"word": "late", "start": 29.5, "end": 31.0},  # past the song
            "not a word",
            {"word": "flag", "start": True, "end": 5.0},
        ],
        duration=30.0,
    )
    assert words == (
        Word("hello", 1.0, 1.4),
        Word("1999", None, None),
        Word("back", None, None),
        Word("late", 29.5, 30.0),
        Word("flag", None, None),
    )


def test_segments_are_mended_from_their_words_or_dropped() -> None:
    words = (Word("a", 2.0, 2.5), Word("b", 2.5, 3.25), Word("c", None, None))
    mended = clean_segment(2.0, None, "  a   b c ", words, duration=30.0)
    assert mended is not None and (mended.start, mended.end, mended.text) == (2.0, 3.25, "a b c")
    assert clean_segment(None, None, "text", (), duration=30.0) is None
    assert clean_segment(5.0, 4.0, "backwards", (), duration=30.0) is None
    assert clean_segment(1.0, 2.0, "   ", (), duration=30.0) is None
    from_words = clean_segment(1.0, 2.0, None, (Word("only", 1.0, 2.0),), duration=30.0)
    assert from_words is not None and from_words.text == "only"
    clamped = clean_segment(28.0, 35.0, "fades out", (), duration=30.0)
    assert clamped is not None and clamped.end == 30.0


def test_whisper_answer_with_nulls_where_the_sdk_lets_them_through() -> None:
    reader = OpenAITranscriber.__new__(OpenAITranscriber)  # reading needs no client
    reader.model = "whisper-1"
    found = reader.read(
        {
            "language": None,
            "segments": [
                {"start": 0.5, "end": 2.0, "text": " one two", "no_speech_prob": 0.1, "avg_logprob": -0.2},
                {"start": 2.0, "end": None, "text": " three four"},
                None,
                {
                    "start": 9.0,
                    "end": 9.5,
                    "text": " Thank you.",
                    "no_speech_prob": 0.95,
                    "avg_logprob": -1.4,
                },
            ],
            "words": [
                {"word": "one", "start": 0.5, "end": 1.0},
                {"word": "two", "start": 1.0, "end": 2.0},
                {"word": "three", "start": 2.0, "end": 2.6},
                {"word": "four", "start": 2.6, "end": 3.1},
                {"word": "thank", "start": 9.0, "end": 9.2},
            ],
        },
        duration=10.0,
    )
    assert found.language is None and found.dropped == 1
    assert [(s.start, s.end, s.text) for s in found.segments] == [
        (0.5, 2.0, "one two"),
        (2.0, 3.1, "three four"),
    ]
    assert [w.word for w in found.segments[1].words] == ["three", "four"]  # not the invented line's word
    assert reader.read({}, duration=10.0).segments == ()
