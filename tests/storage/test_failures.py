"""Storage: database errors are told apart by their code, not their wording."""

from __future__ import annotations

import errno
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

from complaints_desktop.storage.failures import Failure, classify, is_locked

pytestmark = pytest.mark.sqlite_only


def _error(action: Callable[[], object]) -> BaseException:
    with pytest.raises(sqlite3.Error) as caught:
        action()
    return caught.value


def test_real_sqlite_errors_are_classified(tmp_path: Path) -> None:
    db = tmp_path / "a.sqlite3"
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN EXCLUSIVE")
    other = sqlite3.connect(db, timeout=0, isolation_level=None)
    locked = _error(lambda: other.execute("SELECT * FROM t"))
    holder.execute("ROLLBACK")
    assert classify(locked) is Failure.LOCKED
    assert is_locked(locked)

    reader = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    assert classify(_error(lambda: reader.execute("INSERT INTO t VALUES (1)"))) is Failure.READ_ONLY

    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_bytes(b"not a database at all" * 100)
    spoiled = sqlite3.connect(garbage)
    damaged = _error(lambda: spoiled.execute("SELECT * FROM sqlite_master"))
    assert classify(damaged) is Failure.DAMAGED

    small = sqlite3.connect(tmp_path / "small.sqlite3")
    small.execute("CREATE TABLE t (x)")
    small.execute("PRAGMA max_page_count = 3")
    full = _error(lambda: small.executemany("INSERT INTO t VALUES (?)", [("x" * 4000,)] * 50))
    assert classify(full) is Failure.FULL

    missing = tmp_path / "no such folder" / "a.sqlite3"
    assert classify(_error(lambda: sqlite3.connect(missing))) is Failure.CANNOT_OPEN
    for conn in (holder, other, reader, spoiled, small):
        conn.close()


def test_wrapped_errors_and_other_codes(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'b.sqlite3'}")
    with pytest.raises(OperationalError) as caught, engine.connect() as conn:
        conn.execute(text("SELECT * FROM no_such_table"))
    engine.dispose()
    assert classify(caught.value) is Failure.OTHER  # a wrapped SQLite error, not one of ours
    assert classify(OSError(errno.ENOSPC, "No space left on device")) is Failure.FULL
    assert classify(RuntimeError("database is locked")) is Failure.OTHER  # words alone: no


class _Server(Exception):
    def __init__(self, sqlstate: str) -> None:
        super().__init__("translated words")
        self.sqlstate = sqlstate


def test_postgresql_sqlstates() -> None:
    assert classify(_Server("55P03")) is Failure.LOCKED
    assert classify(_Server("53100")) is Failure.FULL
    assert classify(_Server("25006")) is Failure.READ_ONLY
    assert classify(_Server("08006")) is Failure.UNREACHABLE
    assert classify(_Server("23505")) is Failure.OTHER
