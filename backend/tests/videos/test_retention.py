"""What a failed video leaves — stills, layers, clips — is kept for the retention period (the
creator may retry, nothing paid for is lost), then removed; the project stays."""

import uuid
from datetime import UTC, datetime, timedelta

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from app.config import get_settings
from app.jobs.models import Job, JobStatus
from app.videos.models import Video
from app.videos.production import files, retention
from tests.songs.conftest import tone
from tests.songs.test_songs import upload

PROMPT = "Quiet harbour at night, lanterns on the water, slow drifting camera"


def storyboarded(client: TestClient, auth, tmp_path, name: str) -> dict:
    song = upload(client, auth, tone(tmp_path / f"{name}.wav", seconds=14, bpm=100 + len(name))).json()
    assert client.post(f"/api/songs/{song['id']}/analyze", headers=auth).status_code == 200
    vid = client.post("/api/videos", json={"song_id": song["id"], "prompt": PROMPT}, headers=auth).json()[
        "id"
    ]
    client.post(f"/api/videos/{vid}/clips/plan", headers=auth)
    board = client.post(f"/api/videos/{vid}/storyboard", headers=auth)
    assert board.status_code == 200, board.text
    return board.json()


def failed_job(db: Session, video_id: str, *, days_ago: float) -> None:
    video = db.get_one(Video, uuid.UUID(video_id))
    finished = datetime.now(UTC) - timedelta(days=days_ago)
    db.add(
        Job(
            user_id=video.user_id,
            step="video.render",
            kind="render",
            subject_type="video",
            subject_id=video.id,
            status=JobStatus.FAILED,
            stage="clips",
            error_message="Only 1 of 5 clips were made",
            retryable=True,
            started_at=finished - timedelta(minutes=5),
            finished_at=finished,
        )
    )
    db.commit()


def owned(db: Session, video_id: str) -> set[str]:
    return {p.rsplit("/", 1)[-1] for p in files.owned(db, db.get_one(Video, uuid.UUID(video_id)))}


def images() -> set[str]:
    return {p.name for p in (get_settings().storage.dir / "images").glob("*.png")}


def test_failed_videos_lose_their_leftovers_after_the_retention_period(
    client: TestClient, auth, db: Session, tmp_path
) -> None:
    others = images()  # other tests' files in the shared scratch storage
    old = storyboarded(client, auth, tmp_path, "old")
    recent = storyboarded(client, auth, tmp_path, "recent")
    failed_job(db, old["id"], days_ago=8)
    failed_job(db, recent["id"], days_ago=1)
    kept = owned(db, recent["id"])
    doomed = owned(db, old["id"])
    assert doomed and kept and images() - others == kept | doomed  # stills and their layers

    assert retention.sweep(db) == 1
    assert images() - others == kept  # only the recent video's files remain

    swept = client.get(f"/api/videos/{old['id']}", headers=auth).json()
    assert swept["scenes"] == [] and swept["status"] == "planned" and swept["clips"]  # the project stays
    assert "removed after 7 days" in swept["warnings"][0]
    assert client.get(f"/api/videos/{recent['id']}", headers=auth).json()["scenes"]
    assert retention.sweep(db) == 0  # nothing left to remove
