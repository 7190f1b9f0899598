from datetime import UTC, datetime, timedelta

from fastapi.testclient import TestClient

from app.config import get_settings
from app.tracks.models import TrackStatus
from tests.tracks.conftest import add_track, files_of


def test_history_pages_of_50_newest_first_with_status_filter(client: TestClient, auth, db, user) -> None:
    start = datetime.now(UTC) - timedelta(days=1)
    for i in range(55):
        add_track(
            db,
            user,
            status=TrackStatus.RENDERED if i % 5 == 0 else TrackStatus.GENERATED,
            prompt=f"Track number {i:02d} calm",
            created_at=start + timedelta(minutes=i),
        )
    first = client.get("/api/history", headers=auth).json()
    assert (first["total"], first["pages"], first["page_size"], len(first["items"])) == (55, 2, 50, 50)
    assert first["items"][0]["prompt"] == "Track number 54 calm"
    second = client.get("/api/history?page=2", headers=auth).json()
    assert [t["prompt"] for t in second["items"]] == [f"Track number {i:02d} calm" for i in range(4, -1, -1)]
    rendered = client.get("/api/history?status=rendered", headers=auth).json()
    assert rendered["total"] == 11 and {t["status"] for t in rendered["items"]} == {"rendered"}
    assert client.get("/api/history?status=nonsense", headers=auth).status_code == 400
    empty = client.get("/api/history?page=9", headers=auth).json()
    assert empty["items"] == [] and empty["total"] == 55


def test_stats_count_status_storage_and_quota(client: TestClient, auth, db, user, monkeypatch) -> None:
    add_track(db, user, status=TrackStatus.GENERATED, music_bytes=1000, image_bytes=200)
    add_track(db, user, status=TrackStatus.FAILED)
    add_track(
        db, user, status=TrackStatus.RENDERED, video_bytes=5000, created_at=datetime(2020, 1, 5, tzinfo=UTC)
    )
    monkeypatch.setattr(get_settings().usage, "monthly_generation_quota", 2)
    stats = client.get("/api/stats", headers=auth).json()
    assert stats["tracks_by_status"]["generated"] == 1 and stats["tracks_by_status"]["failed"] == 1
    assert stats["tracks_by_status"]["uploaded"] == 0 and stats["total_tracks"] == 3
    assert stats["storage_bytes"] == 6200
    assert (
        stats["month_generations"] == 2
        and stats["quota_used_percent"] == 100.0
        and stats["quota_alert"] is True
    )
    monkeypatch.setattr(get_settings().usage, "monthly_generation_quota", 500)
    assert client.get("/api/stats", headers=auth).json()["quota_alert"] is False


def test_delete_removes_row_and_every_file(client: TestClient, auth, generated) -> None:
    tid = generated["id"]
    client.post("/api/render", json={"track_id": tid}, headers=auth)
    client.get(f"/api/tracks/{tid}/waveform", headers=auth)  # creates the cached peaks file too
    assert len(files_of(tid)) == 5
    assert client.delete(f"/api/tracks/{tid}", headers=auth).status_code == 204
    assert files_of(tid) == []
    assert client.get(f"/api/tracks/{tid}", headers=auth).status_code == 404
    assert client.get("/api/history", headers=auth).json()["total"] == 0
