"""The seed-user CLI, run as a user runs it: a subprocess, judged by exit code and output."""

import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import select

from app.auth.models import AuthSession, User
from tests.conftest import login

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "create_user.py"


def run(*args: str, password: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ}
    env.pop("CREATE_USER_PASSWORD", None)
    if password is not None:
        env["CREATE_USER_PASSWORD"] = password
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
    )


def test_create_is_idempotent_and_reset_needs_the_flag(db, client) -> None:
    first = run("--email", "Me@Example.com", password="first-password")
    assert first.returncode == 0 and "Created user me@example.com" in first.stdout
    again = run("--email", "me@example.com", password="first-password")
    assert again.returncode == 0 and "nothing changed" in again.stdout
    other = run("--email", "me@example.com", password="second-password")
    assert other.returncode == 3 and "--reset" in other.stderr
    pair = login(client, "me@example.com", "first-password")
    reset = run("--email", "me@example.com", "--reset", password="second-password")
    assert reset.returncode == 0
    assert login(client, "me@example.com", "second-password")
    # A password reset signs out the sessions opened with the old password.
    assert (
        client.get("/api/auth/me", headers={"Authorization": f"Bearer {pair['access_token']}"}).status_code
        == 401
    )
    assert db.scalar(select(AuthSession).where(AuthSession.revoked_reason == "password_reset"))
    assert len(db.scalars(select(User)).all()) == 1


def test_weak_password_and_bad_email_are_refused_clearly(db) -> None:
    weak = run("--email", "me@example.com", password="short")
    assert weak.returncode == 2 and "at least 8 characters" in weak.stderr
    bad = run("--email", "not-an-email", password="long-enough-1")
    assert bad.returncode == 2 and "invalid email" in bad.stderr
    missing = run("--email", "me@example.com")
    assert missing.returncode == 2 and "no password" in missing.stderr
    assert db.scalars(select(User)).all() == []


def test_ensure_seed_creates_once_and_prints_the_password_once(db, client) -> None:
    created = run("--ensure-seed", "seed@example.com")
    assert created.returncode == 0
    password = next(
        line.split(":", 1)[1].strip() for line in created.stdout.splitlines() if "password:" in line
    )
    assert login(client, "seed@example.com", password)
    second = run("--ensure-seed", "seed@example.com")
    assert second.returncode == 0 and "password:" not in second.stdout
