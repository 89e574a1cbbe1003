"""Alembic environment: bound to SQLModel.metadata, batch mode for SQLite."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine, text

from complaints_desktop.storage.engine import IMMEDIATE, WAIT_MS, lock_key
from complaints_desktop.storage.tables import metadata

config = context.config


def run_migrations() -> None:
    engine = config.attributes.get("engine")
    if engine is None:
        engine = create_engine(config.get_main_option("sqlalchemy.url"))
    sqlite = engine.dialect.name == "sqlite"
    # One upgrade at a time (eight PCs first opening a new server at once): SQLite begins
    # the migration's transaction with BEGIN IMMEDIATE (storage.engine), PostgreSQL takes
    # an advisory lock first. Alembic reads the revision inside the transaction, after
    # the wait, so whoever waited finds the schema already made and does nothing.
    options = {IMMEDIATE: True, WAIT_MS: 120_000} if sqlite else {}
    with engine.connect().execution_options(**options) as connection:
        if sqlite:
            # Batch mode copies a table and drops the old one; with foreign keys on, that
            # DROP cascades and deletes every child row (stages, elements, ...). Off while
            # migrating (it only changes outside a transaction), on again afterwards.
            _driver_pragma(connection, "PRAGMA foreign_keys=OFF")
        with connection.begin():
            if not sqlite:
                connection.execute(
                    text("SELECT pg_advisory_xact_lock(:key)"), {"key": lock_key("migrate")}
                )
            context.configure(
                connection=connection,
                target_metadata=metadata,
                render_as_batch=True,
                compare_type=True,
            )
            context.run_migrations()
        if sqlite:
            _driver_pragma(connection, "PRAGMA foreign_keys=ON")


def _driver_pragma(connection: Connection, statement: str) -> None:
    """Run a PRAGMA outside any transaction (SQLAlchemy would begin one first)."""
    cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(statement)
    finally:
        cursor.close()


run_migrations()
