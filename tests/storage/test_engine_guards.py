"""The engine's guards: a write that cannot get the lock is "busy"; a replaced file is
never written into (SQLite)."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from complaints_desktop.domain.errors import KnownError
from complaints_desktop.storage.engine import DatabaseReplaced, make_engine, unit_of_work

pytestmark = pytest.mark.sqlite_only


def _engine(path: Path):  # type: ignore[no-untyped-def]
    engine = make_engine(f"sqlite:///{path}")
    with unit_of_work(engine, write=True) as session:
        session.execute(text("CREATE TABLE t (x TEXT)"))
    return engine


def test_a_write_that_cannot_get_the_lock_in_time_is_said_to_be_busy(tmp_path: Path) -> None:
    engine = _engine(tmp_path / "c.sqlite3")
    other = sqlite3.connect(tmp_path / "c.sqlite3")
    other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    try:
        with (
            pytest.raises(KnownError, match="The database is busy"),
            unit_of_work(engine, write=True, wait=0.2) as session,
        ):
            session.execute(text("INSERT INTO t VALUES ('lost?')"))
    finally:
        other.rollback()
        other.close()
        engine.dispose()


def test_a_file_replaced_under_an_open_engine_is_never_written_into(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    engine = _engine(path)
    with unit_of_work(engine, write=True) as session:
        session.execute(text("INSERT INTO t VALUES ('before')"))
    shutil.copy(path, tmp_path / "copy.sqlite3")
    try:
        os.replace(tmp_path / "copy.sqlite3", path)  # moved over it by another program
    except PermissionError:
        # Windows refuses to replace a file a program holds open: nothing can be moved
        # over the open database there, and its writes go on into the one file.
        assert os.name == "nt"
        with unit_of_work(engine, write=True) as session:
            session.execute(text("INSERT INTO t VALUES ('still the one file')"))
        with unit_of_work(engine) as session:
            assert "still the one file" in [r[0] for r in session.execute(text("SELECT x FROM t"))]
        engine.dispose()
        return
    try:
        for write in (True, False):
            with (
                pytest.raises(DatabaseReplaced, match="open it again"),
                unit_of_work(engine, write=write) as session,
            ):
                session.execute(text("INSERT INTO t VALUES ('into the old file')"))
        engine.dispose()  # reopened: the file there now is the one used
        with unit_of_work(engine, write=True) as session:
            session.execute(text("INSERT INTO t VALUES ('after reopening')"))
        with unit_of_work(engine) as session:
            rows = [r[0] for r in session.execute(text("SELECT x FROM t"))]
        assert "into the old file" not in rows
        assert "after reopening" in rows
    finally:
        engine.dispose()


def _rows(engine) -> list[str]:  # type: ignore[no-untyped-def]
    with unit_of_work(engine) as session:
        return [r[0] for r in session.execute(text("SELECT x FROM t"))]


@pytest.mark.parametrize("how", ["copyfile", "write in place"])
def test_an_older_copy_written_in_place_over_an_open_file_is_never_written_into(
    tmp_path: Path, how: str
) -> None:
    path = tmp_path / "c.sqlite3"
    engine = _engine(path)
    with unit_of_work(engine, write=True) as session:
        session.execute(text("CREATE TABLE audit (id INTEGER PRIMARY KEY, x TEXT)"))
        session.execute(text("INSERT INTO audit (x) VALUES ('one')"))
        session.execute(text("INSERT INTO t VALUES ('before')"))
    with unit_of_work(engine) as session:
        session.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
    older = tmp_path / "older.sqlite3"
    shutil.copyfile(path, older)  # a copy of the file, taken as a person would
    with unit_of_work(engine, write=True) as session:
        session.execute(text("INSERT INTO audit (x) VALUES ('two')"))
        session.execute(text("INSERT INTO t VALUES ('after the copy')"))
    with unit_of_work(engine) as session:
        session.execute(text("PRAGMA wal_checkpoint(PASSIVE)"))  # the file itself has them
    with unit_of_work(engine, write=True) as session:
        session.execute(text("INSERT INTO t VALUES ('in the log only')"))
    copied = older.read_bytes()
    try:
        if how == "copyfile":
            shutil.copyfile(older, path)  # the same file, truncated and rewritten
        else:
            with path.open("r+b") as f:  # written over without even truncating it
                f.write(copied)
        for write in (True, False):
            with (
                pytest.raises(DatabaseReplaced, match="open it again"),
                unit_of_work(engine, write=write) as session,
            ):
                session.execute(text("INSERT INTO t VALUES ('into the copy')"))
        assert path.read_bytes()[: len(copied)] == copied  # the copy is as it was put there
    finally:
        engine.dispose()


def test_a_backup_copied_back_in_place_is_known_even_with_nothing_saved_since(
    tmp_path: Path,
) -> None:
    from complaints_desktop.storage.backup import copy_database

    path = tmp_path / "c.sqlite3"
    engine = _engine(path)
    with unit_of_work(engine, write=True) as session:
        session.execute(text("CREATE TABLE setting (key TEXT PRIMARY KEY, value TEXT)"))
        session.execute(text("CREATE TABLE audit (id INTEGER PRIMARY KEY)"))
        session.execute(text("INSERT INTO audit DEFAULT VALUES"))
    with unit_of_work(engine) as session:
        session.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
    backup = copy_database(path, tmp_path / "backup.sqlite3")  # given a name of its own
    try:
        with unit_of_work(engine, write=True) as session:
            session.execute(text("INSERT INTO t VALUES ('kept')"))  # no false alarm
        shutil.copyfile(backup, path)  # the same audit trail, but another copy
        with (
            pytest.raises(DatabaseReplaced, match="was replaced"),
            unit_of_work(engine, write=True) as session,
        ):
            session.execute(text("INSERT INTO t VALUES ('into the copy')"))
    finally:
        engine.dispose()


def test_a_copy_taken_just_before_the_windows_own_checkpoint_and_copied_back_is_known(
    tmp_path: Path,
) -> None:
    path = tmp_path / "c.sqlite3"
    engine = _engine(path)
    with unit_of_work(engine, write=True) as session:
        session.execute(text("CREATE TABLE audit (id INTEGER PRIMARY KEY)"))
        session.execute(text("INSERT INTO audit DEFAULT VALUES"))
    with unit_of_work(engine) as session:
        session.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
    older = tmp_path / "older.sqlite3"
    shutil.copyfile(path, older)
    with unit_of_work(engine, write=True) as session:
        session.execute(text("INSERT INTO audit DEFAULT VALUES"))
        session.execute(text("INSERT INTO t VALUES ('saved')"))
    with unit_of_work(engine) as session:  # the last thing this window did: a checkpoint
        session.execute(text("PRAGMA wal_checkpoint(PASSIVE)"))
    shutil.copyfile(older, path)  # the older copy back, before the window's next save
    try:
        with (
            pytest.raises(DatabaseReplaced, match="was replaced"),
            unit_of_work(engine, write=True) as session,
        ):
            session.execute(text("INSERT INTO t VALUES ('into the copy')"))
    finally:
        engine.dispose()


def test_a_postgresql_engine_has_no_file_to_guard() -> None:
    # A server's database cannot be copied over under a window: no check, no cost, and
    # so no false alarm when colleagues save (the concurrency tests' PostgreSQL pass).
    engine = make_engine("postgresql+psycopg://officer:secret@localhost/complaints")
    try:
        assert "_same_file" not in [f.__name__ for f in engine.dispatch.begin]
        assert "_after" not in [f.__name__ for f in engine.pool.dispatch.checkin]
    finally:
        engine.dispose()
