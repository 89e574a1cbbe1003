"""Storage: the one engine, its pragmas, and the unit of work."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlmodel import Session

from complaints_desktop.domain.errors import KnownError


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL, or None for another database or in-memory SQLite."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        return None
    if parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def make_engine(url: str, *, create_dir: bool = True) -> Engine:
    """Build the engine for ``url`` with the pragmas of STYLE.md on every connection."""
    path = sqlite_path(url)
    if path is not None:
        if create_dir:
            path.parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 10})
        _install_sqlite_pragmas(engine)
        return engine
    if url.startswith("sqlite"):
        engine = create_engine(url)
        _install_sqlite_pragmas(engine, wal=False)
        return engine
    try:
        return create_engine(url, pool_pre_ping=True)
    except ImportError as exc:  # the postgres extra is optional (no wheel on Windows on ARM)
        raise KnownError(
            "PostgreSQL support (psycopg) is not installed on this PC, so a team's "
            "PostgreSQL database cannot be opened here. A database file on this PC works."
        ) from exc


LARGE_WRITE = 1000
"""Rows after which a bulk write refreshes the server's planner statistics."""


def refresh_planner_statistics(engine: Engine, rows: int) -> None:
    """After ``rows`` new or changed rows, let PostgreSQL's planner see the new sizes.

    Until autovacuum gets round to it (minutes later), a server plans every query of a
    table that grew from 0 to 100,000 rows as if it were empty: searches on 100,000
    imported cases took 2-3x as long (measured: 125 ms against 59 ms for a name).
    SQLite plans from its indexes alone and is left as it is.
    """
    if rows < LARGE_WRITE or engine.dialect.name != "postgresql":
        return
    with engine.connect() as connection:
        connection.exec_driver_sql("ANALYZE")
        connection.commit()


def _install_sqlite_pragmas(engine: Engine, wal: bool = True) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=10000")
        if wal:
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.close()


@contextmanager
def unit_of_work(engine: Engine) -> Iterator[Session]:
    """One transaction: commit on success, roll back on any error.

    A locked database becomes a ``KnownError`` the user can act on.
    """
    session = Session(engine, expire_on_commit=False)
    try:
        yield session
        session.commit()
    except Exception as exc:
        session.rollback()
        if "database is locked" in str(exc):
            raise KnownError(
                "The database is busy (another program or window is writing to it). "
                "Nothing was changed; try again in a moment."
            ) from exc
        raise
    finally:
        session.close()
