"""Test set-up: a real PostgreSQL database (migrated once per run), a scratch storage folder,
and isolation by emptying every table after each test — the app opens its own sessions (for
progress another request can read), so a rolled-back outer transaction would hide rows from
it; emptying the tables gives each test a fresh database instead."""

import os
import secrets
import tempfile
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("ENVIRONMENT", "test")
os.environ.setdefault("JWT_SECRET", secrets.token_urlsafe(48))
os.environ.setdefault("DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:55432/ambient_test")
os.environ.setdefault("STORAGE_DIR", tempfile.mkdtemp(prefix="ambient-test-storage-"))
os.environ.setdefault("PUBLIC_BASE_URL", "http://testserver")

import pytest
from alembic import command
from alembic.config import Config
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.orm import Session

from app.auth.models import User
from app.auth.passwords import hash_password
from app.auth.throttle import login_throttle
from app.config import get_settings
from app.db import Base, get_engine, session_factory

BACKEND = Path(__file__).resolve().parents[1]
# Fixtures for tests against the API as a real process (tests/api_process.py).
pytest_plugins = ["tests.api_process"]
PASSWORD = "correct horse battery"


@pytest.fixture(scope="session", autouse=True)
def database() -> None:
    url = get_settings().database_url
    if "test" not in url.rsplit("/", 1)[-1]:
        pytest.exit(
            f"refusing to run tests against {url.rsplit('/', 1)[-1]!r}: tests empty every table; "
            "use a database whose name contains 'test'",
            returncode=2,
        )
    config = Config(str(BACKEND / "alembic.ini"))
    config.set_main_option("script_location", str(BACKEND / "migrations"))
    command.upgrade(config, "head")


@pytest.fixture(autouse=True)
def _isolation() -> Iterator[None]:
    yield
    tables = ", ".join(t.name for t in Base.metadata.sorted_tables)
    with get_engine().begin() as conn:
        conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    login_throttle.reset()


@pytest.fixture
def db() -> Iterator[Session]:
    with session_factory()() as session:
        yield session


@pytest.fixture(scope="session")
def password_hash() -> str:
    return hash_password(PASSWORD)  # bcrypt cost 12 is slow on purpose; hash once per run


def make_user(db: Session, password_hash: str, email: str = "creator@example.com") -> User:
    user = User(email=email, password_hash=password_hash)
    db.add(user)
    db.commit()
    return user


@pytest.fixture
def user(db: Session, password_hash: str) -> User:
    return make_user(db, password_hash)


@pytest.fixture
def client() -> Iterator[TestClient]:
    from app.main import app

    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


def login(client: TestClient, email: str = "creator@example.com", password: str = PASSWORD) -> dict:
    response = client.post("/api/auth/login", json={"email": email, "password": password})
    assert response.status_code == 200, response.text
    return response.json()


@pytest.fixture
def tokens(client: TestClient, user: User) -> dict:
    return login(client)


@pytest.fixture
def auth(tokens: dict) -> dict[str, str]:
    return {"Authorization": f"Bearer {tokens['access_token']}"}
