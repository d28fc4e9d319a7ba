"""Alembic environment: runs on the connection storage.db passes in, or on a URL for developers."""

from __future__ import annotations

from alembic import context

from storage.models import metadata

config = context.config


def _configure(connection) -> None:  # noqa: ANN001 - alembic hands us a Connection
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=True,  # SQLite can only ALTER through table copies
        compare_type=True,
    )


def run_migrations_online() -> None:
    """Run migrations on the given connection (storage.db.migrate) or on sqlalchemy.url."""
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        with context.begin_transaction():
            context.run_migrations()
        return
    # Developer path: `alembic -c storage/alembic.ini -x url=sqlite:///dev.db revision ...`
    from storage.db import make_engine

    url = context.get_x_argument(as_dictionary=True).get("url")
    url = url or config.get_main_option("sqlalchemy.url") or "sqlite:///dev.db"
    engine = make_engine(url)
    try:
        with engine.begin() as conn:
            _configure(conn)
            with context.begin_transaction():
                context.run_migrations()
    finally:
        engine.dispose()


if context.is_offline_mode():
    raise SystemExit("Offline (--sql) migrations are not supported; run them on a database.")
run_migrations_online()
