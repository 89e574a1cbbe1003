"""Services: the quick look at the database before the window opens it (``StartupState``)."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from complaints_desktop import files
from complaints_desktop.config import backup_dir
from complaints_desktop.services.safety.copies import known_revisions
from complaints_desktop.storage import backup as store
from complaints_desktop.storage import location
from complaints_desktop.storage.engine import make_engine, sqlite_path
from complaints_desktop.storage.failures import Failure, classify
from complaints_desktop.storage.migrate import current_revision, head_revision, written_by_newer


class Status(StrEnum):
    """What the start-up look found."""

    OK = "ok"
    MISSING = "missing"
    """No file yet: normal on first start."""
    LOCKED = "locked"
    CORRUPT = "corrupt"
    READ_ONLY = "read-only"
    TOO_NEW = "too-new"
    UNSAFE_LOCATION = "unsafe-location"
    """A network share or synced folder."""
    UNREACHABLE = "unreachable"
    """A PostgreSQL server that did not answer: try again."""


@dataclass(frozen=True)
class StartupState:
    """What the window finds at start-up, and what the person can do about it.

    ``status`` says what was found (``Status``). ``message`` says what is wrong in plain
    words; ``way_out`` says what to do.
    ``latest_backup`` is the newest backup, to offer for restoring.
    """

    status: Status
    message: str = ""
    way_out: str = ""
    path: Path | None = None
    latest_backup: Path | None = None

    @property
    def ok(self) -> bool:
        """True when the database can be opened as it is."""
        return self.status is Status.OK


def _restore_hint(latest: store.Backup | None) -> str:
    if latest is None:
        return (
            "No backup was found in the backup folder. If you have a copy elsewhere, restore "
            "it; otherwise start a new database."
        )
    return (
        f"Restore the latest backup ({latest.path.name}), taken {latest.taken:%d %B %Y at %H:%M}."
    )


def _latest(path: Path) -> store.Backup | None:
    kept = store.list_backups(backup_dir(path), path)
    return kept[0] if kept else None


def startup_check(url: str, *, timeout: float = 1.0, quick_check: bool = True) -> StartupState:
    """A quick look at the database before the window opens it.

    Checks, in order: where the file is, that it exists, its header and length, that it
    can be written, that SQLite reads it, its schema revision, ``PRAGMA quick_check``
    (about 0.5 s for 60,000 complaints; ``quick_check=False`` leaves it out, for a window
    that runs ``check`` in the background instead), and that no other program holds the
    write lock (waiting at most ``timeout`` seconds).
    """
    path = sqlite_path(url)
    if path is None:
        return _postgres_state(url)
    latest = _latest(path)

    def state(status: Status, message: str, way_out: str) -> StartupState:
        return StartupState(status, message, way_out, path, latest.path if latest else None)

    reason = location.refusal(path)
    if reason:
        return state(
            Status.UNSAFE_LOCATION, reason, "Choose a database on this PC, or a PostgreSQL server."
        )
    if not path.exists():
        return state(
            Status.MISSING,
            f"There is no database at {path}.",
            "Start a new, empty database there (normal the first time), choose another "
            "database, or restore a backup"
            + (f" (the latest is {latest.path.name})." if latest else "."),
        )
    problem = store.header_problem(path)
    if problem:
        return state(Status.CORRUPT, f"The database is damaged: {problem}", _restore_hint(latest))
    if not path.stat().st_mode & 0o222 or not os.access(path, os.W_OK):
        return state(
            Status.READ_ONLY,
            f"The database {path} is read-only, so nothing can be saved.",
            "Open it for reading only, or ask IT to make the file writable (its properties "
            "must not be 'Read-only').",
        )
    if not files.can_write_in(path.parent):  # os.access says yes to folders on Windows
        return state(
            Status.READ_ONLY,
            f"The folder {path.parent} cannot be written to, so nothing can be saved.",
            "Open the database for reading only, or ask IT for write access to the folder.",
        )
    try:
        with contextlib.closing(store.connect(path, timeout=timeout)) as conn:
            rev = store.revision(conn)
            if rev is not None and rev not in known_revisions():
                return state(
                    Status.TOO_NEW,
                    f"{written_by_newer(rev)} It has not been changed.",
                    "Install the newer version, or choose another database.",
                )
            rows = [str(r[0]) for r in conn.execute("PRAGMA quick_check")] if quick_check else []
            if rows and rows != ["ok"]:
                lines = [ln for r in rows for ln in r.splitlines() if not ln.startswith("***")]
                return state(
                    Status.CORRUPT,
                    f"The database is damaged (SQLite says: {(lines or rows)[0]}).",
                    _restore_hint(latest),
                )
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("ROLLBACK")
    except sqlite3.OperationalError as exc:
        failure = classify(exc)
        if failure is Failure.LOCKED:
            return state(
                Status.LOCKED,
                "The database is in use by another program or window that is saving to it.",
                "Wait a moment and try again, or close complaints_desktop in its other "
                "window (and any other program that has the file open).",
            )
        if failure is Failure.READ_ONLY:
            return state(
                Status.READ_ONLY,
                f"The database {path} cannot be written to.",
                "Open it for reading only, or ask IT for write access.",
            )
        return state(Status.CORRUPT, f"The database cannot be read: {exc}.", _restore_hint(latest))
    except sqlite3.DatabaseError as exc:
        return state(Status.CORRUPT, f"The database is damaged: {exc}.", _restore_hint(latest))
    if rev is not None and rev != head_revision():
        return state(
            Status.OK, "The database will be upgraded to this version; a backup is taken first.", ""
        )
    return state(Status.OK, "", "")


def _postgres_state(url: str) -> StartupState:
    engine = make_engine(url)
    try:
        rev = current_revision(engine)
    except Exception as exc:
        return StartupState(
            Status.UNREACHABLE,
            "The database server could not be reached, so the case records cannot be "
            f"opened ({type(exc).__name__}). Nothing was changed.",
            "Check this PC's network connection (and VPN) and try again; if it goes on, "
            "ask IT whether the server is running, or check its address in Settings.",
        )
    finally:
        engine.dispose()
    if rev is not None and rev not in known_revisions():
        return StartupState(
            Status.TOO_NEW,
            f"{written_by_newer(rev)} It has not been changed.",
            "Install the newer version on this PC.",
        )
    return StartupState(Status.OK)
