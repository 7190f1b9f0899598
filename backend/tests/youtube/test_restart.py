"""The upload that must not be lost: the API runs as a real uvicorn process against the test
database and the Google emulator. A 5xx interrupts it once; then the process is killed
(SIGKILL) while YouTube holds a chunk. A new process marks the step failed at start-up, and
retry continues the same YouTube session from the last confirmed byte."""

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest
from sqlalchemy import text

from tests.conftest import BACKEND, PASSWORD
from tests.youtube.conftest import CHUNK, DASHBOARD, add_rendered, upload_body, video_bytes


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ApiProcess:
    def __init__(self, log: Path) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        self.proc: subprocess.Popen | None = None

    def start(self) -> "ApiProcess":
        # The environment as the tests configured it (test database, storage, emulator URLs).
        env = os.environ | {"PUBLIC_BASE_URL": self.url}
        with open(self.log, "ab") as out:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "uvicorn", "app.main:app", "--host", "127.0.0.1", "--port", str(self.port)],
                cwd=BACKEND, env=env, stdout=out, stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                pytest.fail(f"API process exited:\n{self.log.read_text()}")
            try:
                if httpx.get(f"{self.url}/api/health", timeout=1).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        pytest.fail(f"API process did not start:\n{self.log.read_text()}")

    def kill(self) -> None:
        assert self.proc is not None
        os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait(10)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()


@pytest.fixture
def api_processes(tmp_path: Path):
    started: list[ApiProcess] = []

    def launch() -> ApiProcess:
        started.append(ApiProcess(tmp_path / "api.log").start())
        return started[-1]

    yield launch
    for process in started:
        process.stop()


def test_upload_interrupted_by_a_5xx_and_a_killed_process_completes(google, user, db, cover_png, api_processes) -> None:
    first = api_processes()
    auth = {"Authorization": "Bearer " + httpx.post(
        f"{first.url}/api/auth/login", json={"email": user.email, "password": PASSWORD}).json()["access_token"]}
    # Connect through the real process, as a browser would.
    consent = httpx.get(httpx.get(f"{first.url}/api/auth/youtube", headers=auth).json()["auth_url"])
    assert httpx.get(consent.headers["location"]).headers["location"] == f"{DASHBOARD}/settings?youtube=connected"

    track = add_rendered(db, user, cover_png, size=10 * CHUNK + 4321)  # 11 chunks
    google.fail_chunk(2, status=503)
    google.hold_chunk(6)
    outcome: dict = {}

    def upload() -> None:
        try:
            outcome["response"] = httpx.post(f"{first.url}/api/upload", json=upload_body(track), headers=auth, timeout=60)
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
    retried = httpx.post(f"{second.url}/api/tracks/{track.id}/retry", headers=auth, timeout=60)
    assert retried.status_code == 200, retried.text
    done = retried.json()
    assert done["status"] == "uploaded" and done["youtube_url"].endswith(done["youtube_video_id"])

    assert google.files[done["youtube_video_id"]] == video_bytes(track)  # byte-identical
    assert google.count("POST", "/upload/youtube/v3/videos") == 1  # one YouTube session throughout
    assert google.status_queries == 2  # one `bytes */total` per interruption
    assert google.resent_chunks() == 2  # fewer than 2 chunks re-sent per interruption (1 each)

    # The access log saw the OAuth callback, but not its code or state.
    log = first.log.read_text()
    assert "GET /api/auth/youtube/callback?[redacted]" in log and "code=" not in log
