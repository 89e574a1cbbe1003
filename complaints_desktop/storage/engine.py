"""Storage: the one engine, its pragmas, and the unit of work."""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Any, NoReturn
from urllib.parse import quote

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy import text as sql_text
from sqlalchemy.engine import make_url
from sqlmodel import Session

from complaints_desktop.domain.errors import KnownError
from complaints_desktop.storage.failures import Failure, classify


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
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        engine = create_engine(url, connect_args={"timeout": 10}, hide_parameters=True)
        _install_sqlite_pragmas(engine)
        _refuse_a_replaced_file(engine, path)
        if not path.exists():
            _private_when_created(engine, path)
        return engine
    if url.startswith("sqlite"):
        engine = create_engine(url, hide_parameters=True)
        _install_sqlite_pragmas(engine, wal=False)
        return engine
    try:
        return create_engine(url, pool_pre_ping=True, hide_parameters=True)
    except ImportError as exc:  # the postgres extra is optional (no wheel on Windows on ARM)
        raise KnownError(
            "PostgreSQL support (psycopg) is not installed on this PC, so a team's "
            "PostgreSQL database cannot be opened here. A database file on this PC works."
        ) from exc


class DatabaseReplaced(KnownError):
    """The database file was replaced (restored, moved over) while this engine had it open."""


COPY_KEY = "database_copy"
"""The setting naming which copy of the database a file is: every copy the app makes
(backups, the file a restore puts in place) is given a new one (``backup.copy_database``)."""
VERIFY_EVERY = 5.0
"""Seconds after which the file's own contents are looked at again even if its size and
time did not change (a file system's coarse clock; a network share's cached times)."""


@dataclass
class _Seen:
    """What this engine last saw of its file."""

    identity: tuple[int, int] | None = None
    """Device and inode (on Windows the file index): a file moved or renamed over it."""
    stamp: tuple[int, int] | None = None
    """Modification time and size when the contents below were read."""
    copy: str | None = None
    """Which copy the file holds (``COPY_KEY``)."""
    count: int = 0
    """The highest audit entry the file itself holds: it never goes down in a live file."""
    at: float = 0.0
    replaced: bool = False

    def forget(self) -> None:
        self.__dict__.update(vars(_Seen()))


def sqlite_uri(path: PurePath, mode: str) -> str:
    """The ``file:`` URI of the database file ``path`` for SQLite.

    The whole path is percent-encoded, separators too: SQLite decodes it back to the path
    as written. Written with ``/`` instead, a Windows network path (``\\\\server\\share\\…``)
    or long path (``\\\\?\\C:\\…``) would start ``file://`` and be read as a host name,
    which SQLite refuses.
    """
    return f"file:{quote(str(path), safe='')}?mode={mode}"


def _stat(path: Path) -> os.stat_result | None:
    try:
        return os.stat(path)
    except OSError:
        return None


def _contents(path: Path) -> tuple[str | None, int] | None:
    """Which copy the file itself holds and its highest audit entry (None: unreadable).

    Read through SQLite (never ``open()``: closing a plain handle drops every lock this
    process's connections hold on the file; SQLite keeps its handle until they let go)
    with ``immutable=1``: from the main file alone, past the write-ahead log. The log
    still holds this process's recent saves, whatever was copied over the file under
    it, so a read through the engine's own connections would see them and not the copy.
    """
    uri = sqlite_uri(path.absolute(), "ro") + "&immutable=1"
    try:
        conn = sqlite3.connect(uri, uri=True)
    except sqlite3.Error:
        return None
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        copy = None
        if "setting" in tables:
            row = conn.execute("SELECT value FROM setting WHERE key = ?", (COPY_KEY,)).fetchone()
            copy = str(row[0]) if row else None
        count = 0
        if "audit" in tables:
            count = int(conn.execute("SELECT coalesce(max(id), 0) FROM audit").fetchone()[0])
        return copy, count
    except sqlite3.Error:
        return None
    finally:
        conn.close()


def _refuse_a_replaced_file(engine: Engine, path: Path) -> None:
    """Every transaction first checks that ``path`` still holds the database this engine
    opened.

    A restore is refused while another window has the file open, but a file can still be
    replaced behind a window's back: moved or renamed over (a new file at the path), or
    copied over in place (``cp backup live`` on Linux; Explorer on Windows, where SQLite
    lets others write to the file it has open): the same file, rewritten. The window's
    connections would go on saving into the old, deleted file, or apply their
    write-ahead log over a different database, and every save would be lost. So:

    - the file's identity (device and inode; on Windows its file index) is taken when the
      engine first connects; another file (or none) at the path is a replacement;
    - the file's own contents (``_contents``, read past the log) say which copy of the
      database it is and its highest audit entry. Every copy the app makes gets a new
      copy name, and the highest audit entry of a live file never goes down (a log
      checkpoint only adds entries), so a backup copied back, or an older copy of the
      file, is a replacement. They are read again only when the file's time or size
      changed (SQLite writes the main file only at a checkpoint) or ``VERIFY_EVERY``
      seconds have passed: otherwise a transaction costs one ``stat``. They are also
      looked at after a unit of work whose checkpoint wrote the file (one more ``stat``
      a transaction), so what is remembered is what this engine last put there.

    Not caught: a copy of the file taken after this engine last looked at it (with no
    new copy name) and copied back after another program's checkpoint, before this
    engine's next transaction; nor, by design, a PostgreSQL server (nothing to copy over).

    A replaced file is refused with a message to reopen: nothing is saved into it; on
    Python 3.12+ the engine's connections close without checkpointing their log into it,
    and the log is then set aside (``_set_aside_the_old_log``). Disposing of the engine
    (closing every connection, as a restore in this process does first) forgets it all,
    so the next connection takes the new file's.
    """
    seen = _Seen()

    def look(found: os.stat_result | None) -> None:
        seen.stamp = (found.st_mtime_ns, found.st_size) if found is not None else None
        seen.at = time.monotonic()

    @event.listens_for(engine, "connect")
    def _remember(_dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        if seen.identity is None:
            found = _stat(path)
            if found is None:
                return  # the file is being created: its first transaction remembers it
            seen.identity = (found.st_dev, found.st_ino)
            contents = _contents(path)
            if contents is not None:
                seen.copy, seen.count = contents
                look(found)

    def same(found: os.stat_result | None) -> bool:
        """Whether the file is still the database this engine opened (False: replaced)."""
        if seen.replaced or found is None or (found.st_dev, found.st_ino) != seen.identity:
            return False
        stamp = (found.st_mtime_ns, found.st_size)
        if stamp == seen.stamp and time.monotonic() - seen.at < VERIFY_EVERY:
            return True
        contents = _contents(path)
        if contents is None:
            return True  # being written by a checkpoint (or copied over): looked at next time
        copy, count = contents
        if seen.stamp is not None and (copy != seen.copy or count < seen.count):
            contents = _contents_again(path)  # not a checkpoint caught half-way?
            if contents is not None and (contents[0] != seen.copy or contents[1] < seen.count):
                seen.replaced = True
                return False
            return True
        seen.copy, seen.count = copy, count
        look(found)
        return True

    @event.listens_for(engine, "begin")
    def _same_file(_connection: Connection) -> None:
        if seen.identity is not None and not same(_stat(path)):
            _replaced()

    @event.listens_for(engine, "checkin")
    def _after(_dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        # After each unit of work: a checkpoint it ran (SQLite runs one as a commit takes
        # the log past 1,000 pages) wrote the main file, so it is looked at now, while
        # it holds what this engine saved, rather than at the next transaction, after
        # something else might have been copied over it. A replacement found here is
        # refused at the next transaction.
        if seen.identity is not None and seen.stamp is not None:
            found = _stat(path)
            if found is not None and (found.st_mtime_ns, found.st_size) != seen.stamp:
                same(found)

    def _replaced() -> NoReturn:
        raise DatabaseReplaced(
            f"The database file {path} was replaced (a backup restored, or the file "
            "moved or copied over) since this window opened it. Nothing was saved, "
            "so nothing goes into the old copy. Close the window and open it again "
            "to work on the database as it is now; anything typed is still here to "
            "copy first."
        )

    @event.listens_for(engine, "close")
    def _no_checkpoint(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        # A connection's close would copy its log (saves made before the file was
        # replaced, pages of another database) into the file now there.
        option = getattr(sqlite3, "SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE", None)
        if seen.replaced and option is not None:
            with contextlib.suppress(sqlite3.Error):
                dbapi_connection.setconfig(option, True)  # type: ignore[attr-defined]

    @event.listens_for(engine, "engine_disposed")
    def _forget(_engine: Engine) -> None:
        if seen.replaced:
            _set_aside_the_old_log(path)
        seen.forget()


def _set_aside_the_old_log(path: Path) -> None:
    """Once a replaced file's connections are closed: the write-ahead log left beside it
    holds saves made before the copy was put there (pages of the database it replaced),
    which the next program to open the file would play into the copy. The log is kept
    under another name (nothing is deleted), so the file opens as it was copied. Left as
    it is while another program still holds it (Windows refuses the rename then).
    """
    wal = path.with_name(path.name + "-wal")
    aside = path.with_name(f"{path.name}-wal-replaced-{time.strftime('%Y%m%d-%H%M%S')}")
    with contextlib.suppress(OSError):
        if wal.exists() and wal.stat().st_size > 0:
            os.replace(wal, aside)


def _contents_again(path: Path) -> tuple[str | None, int] | None:
    """The contents read once more a moment later: another program's checkpoint may have
    been writing the main file while it was read the first time."""
    time.sleep(0.05)
    return _contents(path)


def _private_when_created(engine: Engine, path: Path) -> None:
    """A database file this engine creates is readable by its user only (0600 on POSIX;
    SQLite gives its -wal and -shm files the database's mode). On Windows the file
    inherits the folder's access list (the user's profile)."""

    @event.listens_for(engine, "connect", once=True)
    def _private(_dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        if os.name == "posix" and path.exists():
            path.chmod(0o600)


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


IMMEDIATE = "complaints_begin_immediate"
"""Execution option: this transaction writes, so it takes the write lock at its start."""
WAIT_MS = "complaints_wait_ms"
"""Execution option: how long the start of a writing transaction waits for another."""
BUSY_MS = 10_000
BULK_WAIT = 600.0
"""Seconds a bulk write (an import, demo data) waits for another to finish first."""


def _install_sqlite_pragmas(engine: Engine, wal: bool = True) -> None:
    # Writing transactions begin with BEGIN IMMEDIATE (SQLAlchemy's documented pysqlite
    # recipe, for the writing units of work only). The driver would begin a transaction
    # only at the first INSERT, so "read the largest reference, then insert the next" ran
    # its read outside any transaction and two saves took the same number. A writing unit
    # of work now holds the write lock from its first read (another writer waits for
    # it). Reading units of work stay as the driver runs them: no snapshot is held, so an
    # occasional write in one (auditing a view) waits for the lock instead of failing on
    # a snapshot another save made stale.
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_MS}")
        if wal:
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        options = connection.get_execution_options()
        if not options.get(IMMEDIATE):
            return  # the driver begins at the first write
        wait = options.get(WAIT_MS)
        if wait is None:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
            return
        connection.exec_driver_sql(f"PRAGMA busy_timeout={int(wait)}")
        try:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        finally:
            connection.exec_driver_sql(f"PRAGMA busy_timeout={BUSY_MS}")


def serialise(session: Session, name: str) -> None:
    """Let one writing transaction at a time past this point, until it ends.

    SQLite: a writing unit of work (``unit_of_work(..., write=True)``) already holds the
    database's write lock. PostgreSQL: a transaction-level advisory lock named ``name``
    (others wait for the commit or rollback), so "read the largest, write the next" and
    "seed if not seeded" cannot interleave between two PCs.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(sql_text("SELECT pg_advisory_xact_lock(:key)"), {"key": lock_key(name)})


def lock_key(name: str) -> int:
    """A stable 64-bit advisory-lock number for ``name``."""
    digest = hashlib.sha256(f"complaints_desktop:{name}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def disk_full(engine: Engine) -> str:
    """What to tell a person whose save met a full disk (naming the file or server)."""
    path = sqlite_path(engine.url.render_as_string(hide_password=False))
    where = f"the disk holding {path}" if path is not None else "the database server's disk"
    return (
        f"Nothing was saved: {where} is full. Free some space there (or ask IT to), "
        "then save again; what you typed is still here."
    )


@contextmanager
def unit_of_work(
    engine: Engine, *, write: bool = False, wait: float | None = None
) -> Iterator[Session]:
    """One transaction: commit on success, roll back on any error.

    ``write``: the transaction will write, so on SQLite it begins immediately (holding
    the write lock from its first statement; another writer waits up to 10 s, or
    ``wait`` seconds — a bulk write waits for another to finish). A locked database
    becomes a ``KnownError`` the user can act on.
    """
    session = Session(engine, expire_on_commit=False)
    try:
        if write and engine.dialect.name == "sqlite":
            # (inside the try: a lock still held by another writer after the wait is
            # "busy" to the user, not an unexpected error)
            options: dict[str, Any] = {IMMEDIATE: True}
            if wait is not None:
                options[WAIT_MS] = int(wait * 1000)
            session.connection(execution_options=options)
        yield session
        session.commit()
    except Exception as exc:
        session.rollback()
        failure = classify(exc)
        if failure is Failure.LOCKED:
            raise KnownError(
                "The database is busy (another program or window is writing to it). "
                "Nothing was changed; try again in a moment."
            ) from exc
        if failure is Failure.FULL:
            raise KnownError(disk_full(engine)) from exc
        raise
    finally:
        session.close()
