"""The migrations and the models describe the same schema, with the constraints the product relies on."""

from alembic import command
from alembic.config import Config
from sqlalchemy import inspect, text

from app.db import get_engine
from tests.conftest import BACKEND


def test_models_and_migrations_agree() -> None:
    config = Config(str(BACKEND / "alembic.ini"))
    config.set_main_option("script_location", str(BACKEND / "migrations"))
    command.check(config)  # raises when autogenerate would produce any operation


def test_seed_constraints_are_enforced_by_the_database(user) -> None:
    engine = get_engine()
    with engine.connect() as conn:
        for sql in (
            "INSERT INTO tracks (user_id, prompt, duration) VALUES (:u, 'short', 300)",
            "INSERT INTO tracks (user_id, prompt, duration) VALUES (:u, 'a long enough prompt', 60)",
            "INSERT INTO tracks (user_id, prompt, duration, status) VALUES (:u, 'a long enough prompt', 300, 'bogus')",
            "INSERT INTO batches (user_id, total, duration_seconds) VALUES (:u, 11, 300)",
        ):
            trans = conn.begin()
            try:
                conn.execute(text(sql), {"u": user.id})
                raise AssertionError(f"accepted: {sql}")
            except Exception as exc:
                assert "violates check constraint" in str(exc), exc
            finally:
                trans.rollback()
    indexes = {
        ix["name"]
        for table in ("tracks", "batches", "batch_items", "refresh_tokens")
        for ix in inspect(engine).get_indexes(table)
    }
    assert {
        "ix_tracks_user_id",
        "ix_tracks_status",
        "ix_tracks_created_at",
        "ix_batches_user_id",
        "ix_batches_created_at",
        "ix_batch_items_batch_id",
        "ix_batch_items_position",
        "ix_refresh_tokens_user_id",
    } <= indexes


def test_migrations_round_trip_on_a_scratch_database() -> None:
    """Every migration's downgrade works: head → base → head on an empty database."""
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    from app.config import get_settings

    url = make_url(get_settings().database_url)
    scratch = f"{url.database}_roundtrip"
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{scratch}"'))
    try:
        config = Config(str(BACKEND / "alembic.ini"))
        config.set_main_option("script_location", str(BACKEND / "migrations"))
        config.attributes["database_url"] = url.set(database=scratch).render_as_string(hide_password=False)
        command.upgrade(config, "head")
        command.downgrade(config, "base")
        command.upgrade(config, "head")
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)'))
        admin.dispose()
