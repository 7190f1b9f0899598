"""Video type suggestions: the creator's words first, then the song; never a lyric video
without lyrics; every suggestion says why."""

from app.providers.video_types import allowed_types, suggest_video_type

AMBIENT = {
    "genre": "ambient",
    "mood": ["calm", "dreamy"],
    "tempo": 70,
    "descriptors": {"drums": 0.05},
    "sections": [],
}
POP = {
    "genre": "pop",
    "mood": ["happy"],
    "tempo": 104,
    "descriptors": {"drums": 0.5, "movement": 0.7},
    "sections": [{"label": x} for x in ("intro", "verse", "chorus", "verse", "chorus", "bridge", "outro")],
}
EDM = {
    "genre": "electronic",
    "mood": ["energetic"],
    "tempo": 128,
    "descriptors": {"drums": 0.7},
    "sections": [],
}


def test_the_song_suggests_a_type_with_reasons() -> None:
    assert suggest_video_type(AMBIENT, False).video_type == "scenery"
    assert suggest_video_type(EDM, False).video_type == "visualizer"
    assert suggest_video_type(POP, True).video_type == "lyric"
    assert suggest_video_type(POP, False).video_type == "story"
    assert all(suggest_video_type(a, False).reasons for a in (AMBIENT, EDM, POP))


def test_lyric_video_only_with_lyrics_and_the_prompt_outranks_the_song() -> None:
    assert "lyric" not in allowed_types(False) and "lyric" in allowed_types(True)
    assert suggest_video_type(AMBIENT, False, "a lyric video please").video_type == "scenery"
    said = suggest_video_type(AMBIENT, False, "the story of a journey to the sea")
    assert said.video_type == "story" and "'journey'" in said.reasons[0]
    assert suggest_video_type(POP, True, "abstract geometric shapes").video_type == "visualizer"
