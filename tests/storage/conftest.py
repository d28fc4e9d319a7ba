"""Storage fixtures: every test runs on SQLite and, when reachable, on a real PostgreSQL."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url, text

from bot.settings import Settings
from storage.service import Store

DEFAULT_PG_URL = "postgresql+psycopg://skillscoach:skillscoach@127.0.0.1:5432/skillscoach_test"
BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


def pg_url() -> str:
    """The PostgreSQL server the tests may use (env SKILLSCOACH_TEST_POSTGRES_URL)."""
    return os.environ.get("SKILLSCOACH_TEST_POSTGRES_URL") or DEFAULT_PG_URL


def _masked(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)


@cache
def pg_problem() -> str | None:
    """None when PostgreSQL answers, else why not (checked once per session)."""
    engine = create_engine(pg_url(), connect_args={"connect_timeout": 3})
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as exc:  # any failure means: run on SQLite only, and say so
        cause = getattr(exc, "orig", None) or exc
        lines = str(cause).strip().splitlines() or [type(cause).__name__]
        return lines[0].rsplit("failed: ", 1)[-1]
    finally:
        engine.dispose()
    return None


_used = {"postgres": False}


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say clearly on which databases the storage tests ran."""
    if not _used["postgres"]:
        return
    problem = pg_problem()
    if problem is None:
        line = f"storage tests ran on SQLite and PostgreSQL ({_masked(pg_url())})"
        terminalreporter.write_line(line, green=True)
    else:
        terminalreporter.write_line(
            f"PostgreSQL not reachable at {_masked(pg_url())}: storage tests ran on SQLite "
            f"only ({problem})",
            yellow=True,
            bold=True,
        )


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """The database backend of this test run ("sqlite" or "postgres")."""
    if request.param == "postgres":
        _used["postgres"] = True
        problem = pg_problem()
        if problem is not None:
            pytest.skip(f"PostgreSQL not reachable at {_masked(pg_url())}: {problem}")
    return request.param


@pytest.fixture
def database_url(backend: str, data_dir: Path) -> Iterator[str]:
    """A fresh, empty database: a SQLite file, or a PostgreSQL schema dropped afterwards."""
    if backend == "sqlite":
        yield f"sqlite:///{data_dir / 'skillscoach.db'}"
        return
    with pg_schema() as url:
        yield url


@contextmanager
def pg_schema() -> Iterator[str]:
    """A fresh PostgreSQL schema as a database URL; it and its knowledge-base twin are dropped
    afterwards."""
    schema = f"test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(pg_url())
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = make_url(pg_url()).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}_kb" CASCADE'))
        admin.dispose()


@pytest.fixture
def store_settings(settings: Settings, database_url: str) -> Settings:
    """Settings pointing at the test database (key file in the temp data dir)."""
    return settings.model_copy(update={"database_url": database_url})


@pytest.fixture
def store(store_settings: Settings) -> Iterator[Store]:
    """An open Store on a fresh database."""
    opened = Store.open(store_settings)
    try:
        yield opened
    finally:
        opened.close()
