"""Alembic migrations: the schema they build is exactly the models', on both databases."""

from __future__ import annotations

import fnmatch
import tomllib
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from bot.settings import Settings
from storage import db
from storage.models import metadata
from storage.service import Store

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def engine(database_url: str):  # noqa: ANN201 - a SQLAlchemy Engine
    """An engine on the empty test database."""
    engine = db.make_engine(database_url)
    yield engine
    engine.dispose()


def test_migrations_build_exactly_the_models(engine) -> None:  # noqa: ANN001
    assert db.current_revision(engine) is None
    assert db.migrate(engine) == db.head_revision()
    with engine.connect() as conn:
        diff = compare_metadata(
            MigrationContext.configure(conn, opts={"compare_type": True}), metadata
        )
    assert diff == []


def test_constraint_names_match_the_naming_convention(engine) -> None:  # noqa: ANN001
    db.migrate(engine)
    inspector = inspect(engine)
    for table in metadata.sorted_tables:
        wanted = {fk.name for fk in table.foreign_key_constraints}
        assert {fk["name"] for fk in inspector.get_foreign_keys(table.name)} == wanted
        wanted_ix = {ix.name for ix in table.indexes}
        assert {ix["name"] for ix in inspector.get_indexes(table.name)} >= wanted_ix


def test_migrating_twice_is_a_no_op(engine) -> None:  # noqa: ANN001
    head = db.migrate(engine)
    assert db.migrate(engine) == head


def test_downgrade_and_upgrade_round_trip(engine) -> None:  # noqa: ANN001
    db.migrate(engine)
    config = db.alembic_config()
    with db.writer(engine).begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "base")
    assert "note" not in inspect(engine).get_table_names()
    db.migrate(engine)
    assert "note" in inspect(engine).get_table_names()


def test_unknown_newer_schema_is_refused_clearly(store_settings: Settings) -> None:
    Store.open(store_settings).close()
    engine = db.make_engine(store_settings.db_url)
    try:
        with engine.begin() as conn:
            conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    finally:
        engine.dispose()
    with pytest.raises(db.SchemaProblem, match="Upgrade Skillscoach"):
        Store.open(store_settings)


def test_sqlite_connections_use_wal_foreign_keys_and_busy_timeout(settings: Settings) -> None:
    with Store.open(settings) as store, store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == db.BUSY_TIMEOUT_MS
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
    database = Path(settings.data_dir) / "skillscoach.db"
    assert database.stat().st_mode & 0o077 == 0


def test_in_memory_sqlite_works_for_fast_tests(settings: Settings) -> None:
    memory = settings.model_copy(update={"database_url": "sqlite://"})
    with Store.open(memory) as store:
        manager = store.ensure_manager(external_id="tg:1")
        assert store.get_manager(external_id="tg:1") == manager


def test_migration_files_are_shipped_in_the_package() -> None:
    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"][
        "package-data"
    ]["storage"]
    package = ROOT / "storage"
    files = [
        p.relative_to(package).as_posix()
        for p in (package / "migrations").rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    ]
    assert "migrations/env.py" in files and "migrations/script.py.mako" in files
    for name in files:
        assert any(fnmatch.fnmatch(name, pattern) for pattern in patterns), name
    assert package / "migrations" == db.MIGRATIONS_DIR  # resolved from the package, not the cwd
