"""Pure pieces: Pacific quota days, thumbnails under 2 MB, YouTube's tag arithmetic,
suggested metadata within limits, chunk-size setting."""

import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from pydantic import ValidationError

from app.config import YouTubeSettings
from app.tracks.models import Track
from app.youtube import quota
from app.youtube.defaults import defaults_for
from app.youtube.schemas import UploadRequest, tags_length
from app.youtube.thumbnail import make_thumbnail


def test_quota_day_is_pacific_and_resets_at_pacific_midnight() -> None:
    # 06:30 UTC on 10 March 2026 is still 9 March in California (PDT, UTC-7, began on the 8th).
    now = datetime(2026, 3, 10, 6, 30, tzinfo=UTC)
    assert str(quota.pacific_day(now)) == "2026-03-09"
    assert quota.resets_at(now) == datetime(2026, 3, 10, 7, 0, tzinfo=UTC)
    winter = datetime(2026, 1, 15, 12, 0, tzinfo=UTC)
    assert quota.resets_at(winter) == datetime(2026, 1, 16, 8, 0, tzinfo=UTC)
    # The day the clocks change is 23 hours long: from midnight PST to midnight PDT.
    start = datetime(2026, 3, 8, 8, 0, tzinfo=UTC)
    assert str(quota.pacific_day(start)) == "2026-03-08"
    assert quota.resets_at(start) - start == timedelta(hours=23)


def test_cover_art_becomes_a_jpeg_thumbnail_under_2_mb(tmp_path: Path, cover_png: Path) -> None:
    noisy = tmp_path / "noise.png"
    Image.fromarray(np.random.default_rng(1).integers(0, 256, (1080, 1920, 3), dtype=np.uint8)).save(noisy)
    assert noisy.stat().st_size > 2 * 1024 * 1024  # the worst case: incompressible
    for source in (cover_png, noisy):
        out = make_thumbnail(source, tmp_path / f"{source.stem}.jpg")
        with Image.open(out) as image:
            assert image.format == "JPEG" and image.size == (1280, 720)
        assert out.stat().st_size < 2 * 1024 * 1024


def test_tags_are_counted_as_youtube_counts_them() -> None:
    assert tags_length(["lofi", "sleep music"]) == 4 + 13 + 1
    body = {"track_id": uuid.uuid4(), "title": "t", "made_for_kids": False}
    assert UploadRequest(**body, tags=["Rain", "rain", "ocean"]).tags == ["Rain", "ocean"]  # repeats dropped
    spaced = [f"tag {i:02d} " + "x" * 41 for i in range(10)]  # 48 characters each, with a space
    assert sum(map(len, spaced)) + 9 <= 500 < tags_length(spaced)  # fits only without YouTube's quotes
    with pytest.raises(ValidationError, match="tags"):
        UploadRequest(**body, tags=spaced)


def test_defaults_stay_within_limits_for_long_prompts() -> None:
    track = Track(id=uuid.uuid4(), prompt="slow evolving <drone> textures, " * 15, duration=900, seed=1)
    defaults = defaults_for(track)
    assert len(defaults.title) <= 100 and defaults.title.endswith("| 15 min")
    assert "<" not in defaults.title + defaults.description
    assert tags_length(defaults.tags) <= 500
    UploadRequest(
        track_id=track.id, made_for_kids=False, **defaults.model_dump(exclude={"made_for_kids", "quota_cost"})
    )


def test_chunk_size_must_be_a_multiple_of_256_kib(monkeypatch) -> None:
    monkeypatch.setenv("YOUTUBE_CHUNK_BYTES", str(300 * 1024))
    with pytest.raises(ValidationError, match="multiple of 262144"):
        YouTubeSettings()
