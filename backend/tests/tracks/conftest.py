import os
import stat
import uuid
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from app import storage
from app.jobs.models import Job, JobStatus
from app.tracks.models import Track, TrackStatus

PROMPT = "Deep sleep ocean ambient with ethereal pads and soft rain"


@pytest.fixture
def generated(client: TestClient, auth) -> dict:
    response = client.post("/api/generate", json={"prompt": PROMPT, "duration": 120, "seed": 7}, headers=auth)
    assert response.status_code == 200, response.text
    return response.json()


class BrokenFfmpeg:
    """Simulates ffmpeg failing on this machine: a stand-in earlier on PATH that exits 1.
    Our code runs unchanged; only the environment is broken until repair()."""

    def __init__(self, folder: Path) -> None:
        self.script = folder / "ffmpeg"
        self.script.write_text("#!/bin/sh\necho 'Conversion failed! (simulated)' >&2\nexit 1\n")
        self.script.chmod(self.script.stat().st_mode | stat.S_IEXEC)

    def repair(self) -> None:
        self.script.unlink()


@pytest.fixture
def broken_ffmpeg(tmp_path: Path, monkeypatch) -> BrokenFfmpeg:
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    return BrokenFfmpeg(tmp_path)


def files_of(track_id: str) -> list[str]:
    root = storage.root()
    return sorted(str(p.relative_to(root)) for p in root.rglob(f"{track_id}*"))


def leftover_workdirs() -> list[Path]:
    return list((storage.root() / "tmp").glob("*"))


def add_track(
    db: Session,
    user,
    *,
    status: TrackStatus = TrackStatus.GENERATED,
    prompt: str = PROMPT,
    job: tuple[str, JobStatus] | None = None,
    **extra,
) -> Track:
    """A track row as a step would have left it; `job` = (kind, status) of its newest job."""
    track = Track(
        id=uuid.uuid4(), user_id=user.id, prompt=prompt, duration=120, seed=1, status=status, **extra
    )
    db.add(track)
    if job is not None:
        kind, job_status = job
        db.add(
            Job(
                user_id=user.id,
                step=f"track.{kind}",
                kind=kind,
                subject_type="track",
                subject_id=track.id,
                status=job_status,
                stage=kind,
                progress=0.4,
                retryable=job_status == JobStatus.FAILED or None,
                error_message="it failed" if job_status == JobStatus.FAILED else None,
            )
        )
    db.commit()
    return track
