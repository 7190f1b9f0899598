"""The upload that must not be lost: the API runs as a real uvicorn process against the test
database and the Google emulator. A 5xx interrupts it once; then the process is killed
(SIGKILL) while YouTube holds a chunk. A new process marks the step failed at start-up, and
retry continues the same YouTube session from the last confirmed byte."""

import threading

import httpx
from sqlalchemy import text

from tests.conftest import PASSWORD
from tests.youtube.conftest import CHUNK, DASHBOARD, add_rendered, upload_body, video_bytes


def test_upload_interrupted_by_a_5xx_and_a_killed_process_completes(
    google, user, db, cover_png, api_processes
) -> None:
    first = api_processes()
    auth = {
        "Authorization": "Bearer "
        + httpx.post(f"{first.url}/api/auth/login", json={"email": user.email, "password": PASSWORD}).json()[
            "access_token"
        ]
    }
    # Connect through the real process, as a browser would.
    consent = httpx.get(httpx.get(f"{first.url}/api/auth/youtube", headers=auth).json()["auth_url"])
    assert (
        httpx.get(consent.headers["location"]).headers["location"]
        == f"{DASHBOARD}/settings?youtube=connected"
    )

    track = add_rendered(db, user, cover_png, size=10 * CHUNK + 4321)  # 11 chunks
    google.fail_chunk(2, status=503)
    google.hold_chunk(6)
    outcome: dict = {}

    def upload() -> None:
        try:
            outcome["response"] = httpx.post(
                f"{first.url}/api/upload", json=upload_body(track), headers=auth, timeout=60
            )
        except httpx.HTTPError as exc:
            outcome["error"] = exc

    request = threading.Thread(target=upload)
    request.start()
    assert google.held.wait(30), "the upload never reached chunk 6"
    saved = db.execute(text("SELECT bytes_confirmed, session_uri FROM upload_sessions")).one()
    assert saved.bytes_confirmed == 6 * CHUNK and saved.session_uri
    assert db.execute(text("SELECT status FROM tracks")).scalar_one() == "uploading"

    first.kill()
    google.release()
    request.join(30)
    assert "error" in outcome, outcome  # the client saw the connection die, not an answer
    assert google.status_queries == 1 and google.resent_chunks() == 1  # the 5xx: one query, one chunk again

    second = api_processes()  # start-up marks the interrupted step failed and retryable
    stopped = httpx.get(f"{second.url}/api/tracks/{track.id}", headers=auth).json()
    assert stopped["status"] == "failed" and stopped["failed_stage"] == "upload"
    job = stopped["job"]
    assert (job["kind"], job["status"], job["error_code"], job["retryable"]) == (
        "upload",
        "failed",
        "INTERRUPTED",
        True,
    )
    retried = httpx.post(f"{second.url}/api/tracks/{track.id}/retry", headers=auth, timeout=60)
    assert retried.status_code == 200, retried.text
    done = retried.json()
    assert done["status"] == "uploaded" and done["youtube_url"].endswith(done["youtube_video_id"])
    assert (done["job"]["id"], done["job"]["status"], done["job"]["attempts"]) == (job["id"], "succeeded", 2)

    assert google.files[done["youtube_video_id"]] == video_bytes(track)  # byte-identical
    assert google.count("POST", "/upload/youtube/v3/videos") == 1  # one YouTube session throughout
    assert google.status_queries == 2  # one `bytes */total` per interruption
    assert google.resent_chunks() == 2  # fewer than 2 chunks re-sent per interruption (1 each)

    # The access log saw the OAuth callback, but not its code or state.
    log = first.log.read_text()
    assert "GET /api/auth/youtube/callback?[redacted]" in log and "code=" not in log
