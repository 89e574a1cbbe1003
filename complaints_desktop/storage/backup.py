"""Storage: consistent SQLite backups (verified, then renamed), rotation, restore, checks.

A backup is made with SQLite's online backup API into a temporary ``.partial`` file in
the destination folder, switched to a single self-contained file (no ``-wal``), checked
with ``PRAGMA integrity_check``, flushed to disk and only then renamed to its final name.
A copy that fails its check is deleted: a backup on disk is always a good one.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import shutil
import sqlite3
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from complaints_desktop import files
from complaints_desktop.domain.errors import KnownError
from complaints_desktop.storage.engine import COPY_KEY, sqlite_uri
from complaints_desktop.storage.failures import Failure, classify, is_locked

HEADER = b"SQLite format 3\x00"
PARTIAL = ".partial"
_STAMP = "%Y-%m-%d-%H%M%S"
_NAME = re.compile(r"-(\d{4}-\d{2}-\d{2}-\d{6})-([a-z-]+?)(?:-(\d+))?\.sqlite3$")


class BackupFailed(KnownError):
    """A backup or restore could not be made; nothing was changed."""


class DatabaseBusy(BackupFailed):
    """Another program holds the database's lock (it is not damaged)."""


@dataclass(frozen=True)
class Backup:
    """One backup file in the backup folder."""

    path: Path
    taken: datetime
    kind: str


def sidecars(database: Path) -> tuple[Path, Path]:
    """The ``-wal`` and ``-shm`` files SQLite keeps next to a database in WAL mode."""
    return database.with_name(database.name + "-wal"), database.with_name(database.name + "-shm")


def connect(path: Path, *, timeout: float = 10.0, readonly: bool = False) -> sqlite3.Connection:
    """A plain sqlite3 connection to an existing file (never creates one)."""
    uri = sqlite_uri(path.absolute(), "ro" if readonly else "rw")
    return sqlite3.connect(uri, uri=True, timeout=timeout, isolation_level=None)


@contextlib.contextmanager
def opened(path: Path, *, timeout: float = 10.0) -> Iterator[sqlite3.Connection]:
    """``connect`` as a context manager that always closes the connection."""
    conn = connect(path, timeout=timeout)
    try:
        yield conn
    finally:
        conn.close()


def header_problem(path: Path, *, timeout: float = 2.0, readonly: bool = False) -> str | None:
    """What is wrong with the file at first sight (missing, empty, not SQLite, truncated).

    Asked of SQLite, never by opening the file ourselves: on Linux and macOS, closing
    *any* handle a process holds on a file drops every lock SQLite holds on it in that
    process, so another program closing the database would then delete its ``-wal`` with
    this process's saves in it (SQLite's "How To Corrupt An SQLite Database File", 2.2).
    Only a file SQLite cannot read at all — nothing can be saved to it — has its header
    read, to say precisely what is wrong. A file another program is writing (locked) is
    a database: not a problem here. ``readonly`` (a file offered for restoring, not ours
    to change) reads it read-only and removes SQLite's helper files made for that again.
    """
    if not path.exists():
        return f"There is no file {path}."
    if path.is_dir():
        return f"{path} is a folder, not a database file."
    if path.stat().st_size == 0:
        return f"{path} is empty (0 bytes)."
    existing = {p for p in sidecars(path) if p.exists()}
    try:
        conn = connect(path, timeout=timeout, readonly=readonly)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
            if readonly:
                _tidy(path, existing)
    except sqlite3.OperationalError as exc:
        if is_locked(exc):
            return None
        return _bytes_problem(path)  # e.g. read-only media: the header says what it can
    except sqlite3.DatabaseError as exc:
        return _bytes_problem(path) or f"{path} cannot be read by SQLite ({exc})."
    return None


def _bytes_problem(path: Path) -> str | None:
    """The header's own account of a file SQLite cannot read (see ``header_problem``)."""
    size = path.stat().st_size
    with path.open("rb") as f:
        head = f.read(100)
    if len(head) < 100 or not head.startswith(HEADER):
        return f"{path} is not a SQLite database file."
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(head[28:32], "big")
    counter_valid = head[24:28] == head[92:96]
    wal, _ = sidecars(path)
    wal_pending = wal.exists() and wal.stat().st_size > 0
    if counter_valid and not wal_pending and pages and size < pages * page_size:
        return (
            f"{path} is cut short: it holds {size:,} bytes of the {pages * page_size:,} "
            "it should have (an interrupted copy?)."
        )
    return None


def integrity_problems(conn: sqlite3.Connection) -> list[str]:
    """Problems found by ``PRAGMA integrity_check`` and ``PRAGMA foreign_key_check``."""
    try:
        rows = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
        if rows != ["ok"]:
            lines = [ln for r in rows for ln in str(r).splitlines() if not ln.startswith("***")]
            return [f"SQLite integrity check: {ln}" for ln in lines[:20]]
        broken = conn.execute("PRAGMA foreign_key_check").fetchall()
    except sqlite3.DatabaseError as exc:
        if is_locked(exc):
            raise  # not damage: another program holds the file
        return [f"SQLite cannot read the file: {exc}."]
    return [
        f"Table {table} row {rowid} points to a missing row of {parent}."
        for table, rowid, parent, _ in broken[:20]
    ]


def revision(conn: sqlite3.Connection) -> str | None:
    """The Alembic schema revision recorded in the database (None when there is none)."""
    names = table_names(conn)
    if "alembic_version" not in names:
        return None
    row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    return str(row[0]) if row else None


def table_names(conn: sqlite3.Connection) -> set[str]:
    """Names of the tables in the database."""
    rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    return {str(r[0]) for r in rows}


def user_roles(conn: sqlite3.Connection) -> dict[str, tuple[str, bool]]:
    """Account (without case) -> (role, active) of the users recorded in the file.

    Empty when the file records no users (a new database, or one from before accounts).
    """
    if "user_account" not in table_names(conn):
        return {}
    rows = conn.execute("SELECT account, role, active FROM user_account").fetchall()
    return {str(a).casefold(): (str(r), bool(on)) for a, r, on in rows}


def row_counts(path: Path) -> dict[str, int]:
    """Rows in each table of the database file (SQLite's own tables left out, and the
    name a copy is given: ``name_the_copy``)."""
    with contextlib.closing(connect(path)) as conn:
        names = sorted(n for n in table_names(conn) if not n.startswith("sqlite_"))
        counts = {n: int(conn.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0]) for n in names}
        if "setting" in counts:
            named = conn.execute("SELECT count(*) FROM setting WHERE key = ?", (COPY_KEY,))
            counts["setting"] -= int(named.fetchone()[0])
        return counts


def _fsync(path: Path) -> None:
    with path.open("rb+") as f:
        os.fsync(f.fileno())
    if os.name != "nt":
        fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _remove(path: Path) -> None:
    for p in (path, *sidecars(path)):
        with contextlib.suppress(FileNotFoundError):
            p.unlink()


def copy_database(
    source: Path, dest: Path, *, timeout: float = 10.0, readonly: bool = False
) -> Path:
    """Copy the database ``source`` to ``dest`` consistently, verify it, then rename it.

    ``readonly`` opens the source read-only (a file offered for restoring is not ours to
    change); SQLite's empty ``-wal``/``-shm`` helper files made for that are removed again.

    Raises:
        BackupFailed: the source cannot be read or the copy fails its integrity check;
            ``dest`` is then left as it was.
    """
    problem = header_problem(source, timeout=timeout, readonly=readonly)
    if problem:
        raise BackupFailed(f"No backup was made: {problem}")
    dest.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    partial = dest.with_name(dest.name + PARTIAL)
    _remove(partial)
    existing = {p for p in sidecars(source) if p.exists()}
    try:
        src = connect(source, timeout=timeout, readonly=readonly)
        try:
            os.close(os.open(partial, os.O_WRONLY | os.O_CREAT, 0o600))  # its user's only
            out = sqlite3.connect(partial, isolation_level=None)
            try:
                # Hold a read transaction first: it waits at most ``timeout`` for a lock
                # (the backup call itself would retry for ever) and pins one snapshot.
                src.execute("BEGIN")
                src.execute("SELECT count(*) FROM sqlite_master").fetchone()
                src.backup(out)  # one step: a consistent copy even while others write
                src.execute("COMMIT")
                out.execute("PRAGMA journal_mode=DELETE")
                name_the_copy(out)
                problems = integrity_problems(out)
            finally:
                out.close()
        finally:
            src.close()
            if readonly:
                _tidy(source, existing)
        if problems:
            raise BackupFailed(
                f"No backup was made: the copy of {source.name} fails its integrity check "
                f"({problems[0]}). The database itself may be damaged; run "
                "'complaints-desktop check'."
            )
        _fsync(partial)
        files.replace(partial, dest)
    except sqlite3.OperationalError as exc:
        _remove(partial)
        if classify(exc) is Failure.FULL:
            raise BackupFailed(_no_room(dest)) from exc
        if is_locked(exc):
            raise DatabaseBusy(
                f"No backup was made: {source.name} is busy (another program is writing to "
                "it). Try again in a moment."
            ) from exc
        raise BackupFailed(f"No backup was made: SQLite could not read {source} ({exc}).") from exc
    except sqlite3.DatabaseError as exc:
        _remove(partial)
        raise BackupFailed(
            f"No backup was made: {source} is damaged and cannot be read ({exc})."
        ) from exc
    except OSError as exc:
        _remove(partial)
        if exc.errno == errno.ENOSPC:
            raise BackupFailed(_no_room(dest)) from exc
        raise
    except BaseException:
        _remove(partial)
        raise
    return dest


def name_the_copy(conn: sqlite3.Connection) -> None:
    """Give the copy a name of its own (``engine.COPY_KEY``, in the settings).

    A window with the original open then knows the file for a different one if this copy
    is ever copied back over it, even byte for byte in place (``engine``'s replaced-file
    guard). A database from before the settings table is left as it is.
    """
    if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'setting'").fetchone() is None:
        return
    conn.execute(
        "INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)",
        (COPY_KEY, json.dumps(uuid.uuid4().hex)),
    )


def _no_room(dest: Path) -> str:
    return (
        f"No backup was made: the disk holding {dest.parent} is full. Free some space "
        "there (or back up to another drive); the database itself is unchanged."
    )


def _tidy(source: Path, existing: set[Path]) -> None:
    wal, shm = sidecars(source)
    if wal not in existing and wal.exists() and wal.stat().st_size == 0:
        for made in (wal, shm):
            if made not in existing:
                with contextlib.suppress(OSError):
                    made.unlink()


def raw_copy(source: Path, dest: Path) -> Path:
    """Copy the file (and its ``-wal``) byte for byte: for keeping a damaged database."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    partial = dest.with_name(dest.name + PARTIAL)
    shutil.copyfile(source, partial)
    if os.name == "posix":
        partial.chmod(0o600)
    _fsync(partial)
    files.replace(partial, dest)
    wal, _ = sidecars(source)
    if wal.exists():
        shutil.copyfile(wal, sidecars(dest)[0])
    return dest


def backup_name(database: Path, at: datetime, kind: str) -> str:
    """The file name of a backup of ``database`` taken at ``at`` (``kind``: daily, …)."""
    return f"{database.stem}-{at.strftime(_STAMP)}-{kind}.sqlite3"


def free_name(folder: Path, database: Path, at: datetime, kind: str) -> Path:
    """A new backup path in ``folder``; later than any other taken in the same second."""
    stamp = at.strftime(_STAMP)
    taken = [b for b in list_backups(folder, database) if b.taken == at.replace(microsecond=0)]
    if not taken:
        return folder / backup_name(database, at, kind)
    last = max(_index(b.path) for b in taken)
    return folder / f"{database.stem}-{stamp}-{kind}-{last + 1}.sqlite3"


def _index(path: Path) -> int:
    match = _NAME.search(path.name)
    return int(match.group(3) or 1) if match else 1


def list_backups(folder: Path, database: Path) -> list[Backup]:
    """Backups of ``database`` in ``folder``, newest first."""
    if not folder.is_dir():
        return []
    found: list[tuple[datetime, int, Backup]] = []
    prefix = database.stem + "-"
    for path in folder.glob(f"{database.stem}-*.sqlite3"):
        match = _NAME.search(path.name)
        if not match or not path.name.startswith(prefix):
            continue
        if path.name[len(prefix) : match.start() + 1]:
            continue  # another database whose name starts the same way
        taken = datetime.strptime(match.group(1), _STAMP)
        found.append((taken, int(match.group(3) or 1), Backup(path, taken, match.group(2))))
    found.sort(key=lambda t: (t[0], t[1]), reverse=True)
    return [b for _, _, b in found]


def rotate(folder: Path, database: Path, keep: int) -> list[Path]:
    """Delete all but the newest ``keep`` backups of ``database``; return what was deleted."""
    removed: list[Path] = []
    for old in list_backups(folder, database)[max(keep, 1) :]:
        with contextlib.suppress(OSError):
            old.path.unlink()
            removed.append(old.path)
    return removed


def open_elsewhere(database: Path, *, timeout: float = 1.0) -> bool:
    """True while another connection — a window, the command line, this process's own
    pool — has ``database`` open.

    In WAL mode every open connection holds a shared lock on the file for as long as it
    is open, idle or not; an exclusive lock is granted only when there is none.
    """
    if not database.exists():
        return False
    conn = connect(database, timeout=timeout)
    try:
        conn.execute("PRAGMA locking_mode=EXCLUSIVE")
        conn.execute("BEGIN EXCLUSIVE")
        conn.execute("ROLLBACK")
    except sqlite3.DatabaseError as exc:
        # A damaged file cannot say; nothing can be saved into it anyway.
        return is_locked(exc)
    finally:
        conn.close()
    return False


def replace_database(database: Path, staged: Path) -> None:
    """Put the verified file ``staged`` (in the same folder) in place of ``database``.

    Refused (``DatabaseBusy``) while any other connection has the database open: a
    window still open on it would go on saving into the replaced file, and every one of
    those saves would be lost. The old ``-wal``/``-shm`` files are removed first: SQLite
    would otherwise replay the old journal into the new file.
    """
    _fsync(staged)
    if open_elsewhere(database):
        raise DatabaseBusy(
            f"{database} is open in another window or program, so it was not replaced. "
            "Close complaints_desktop everywhere else (and any other program using the "
            "file) and try again."
        )
    try:
        for side in sidecars(database):
            files.unlink(side)
        files.replace(staged, database)
    except PermissionError as exc:
        raise BackupFailed(
            f"{database} is in use by another window or program, so it could not be "
            "replaced. Close complaints_desktop everywhere and try again."
        ) from exc
