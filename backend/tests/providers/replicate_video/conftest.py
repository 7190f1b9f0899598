"""Clips from the Replicate image-to-video emulator: small polls (the real default is 4 s),
480p Wan unless a test says otherwise, and stills drawn the way the storyboard hands them over."""

import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from app.core.progress import ProgressFn
from app.providers.clips import ClipFile, ClipRequest
from app.providers.replicate_video import ReplicateClipProvider
from app.usage import context
from tests.emulators import media
from tests.emulators.replicate import ReplicateEmulator

POLL = 0.05
SCENE = "Slow push-in over a misty lake at dawn, reeds swaying, soft light breaking through"


@pytest.fixture
def video_api(replicate_api: ReplicateEmulator, configure) -> Iterator[ReplicateEmulator]:
    configure(
        clip_provider="replicate",
        replicate_video_poll_seconds=POLL,
        replicate_video_resolution="480p",
    )
    yield replicate_api


@pytest.fixture
def still(tmp_path: Path) -> Callable[..., Path]:
    def draw(name: str = "still", width: int = 1920, height: int = 1080) -> Path:
        path = tmp_path / f"{name}.png"
        path.write_bytes(media.image(width, height))
        return path

    return draw


def make_clip(
    request: ClipRequest,
    workdir: Path,
    *,
    job_id: uuid.UUID | None = None,
    progress: ProgressFn | None = None,
) -> ClipFile:
    """One clip, booked to a job (a fresh one unless given), as the pipeline's clip step does."""
    with context.job(job_id=job_id or uuid.uuid4()):
        return ReplicateClipProvider().generate(
            request, workdir=workdir, progress=progress or (lambda _f: None)
        )
