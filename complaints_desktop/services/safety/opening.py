"""Services: open a database safely — place checked, leftovers removed, a newer one refused,
a backup before an upgrade and the upgrade rolled back if it fails.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from collections.abc import Callable
from datetime import date
from pathlib import Path

from sqlalchemy import Engine

from complaints_desktop.config import backup_dir, database_url
from complaints_desktop.domain.errors import KnownError
from complaints_desktop.services.database import open_database
from complaints_desktop.services.env import Env
from complaints_desktop.services.safety.copies import _take, known_revisions
from complaints_desktop.storage import backup as store
from complaints_desktop.storage import location
from complaints_desktop.storage.engine import make_engine, sqlite_path
from complaints_desktop.storage.migrate import DatabaseTooNew, too_new

log = logging.getLogger(__name__)


def open_unmigrated(
    db: str | None, *, user: str | None = None, today: Callable[[], date] = date.today
) -> Env:
    """An environment on ``db`` without migrating or creating anything (for backup/check)."""
    from complaints_desktop.services.database import identity

    engine = make_engine(database_url(db), create_dir=False)
    return Env(engine=engine, user=user or identity(engine), today=today)


LEFTOVER_AGE = 60.0
"""Seconds after which a half-made copy nobody is using is a leftover of an interruption."""


def remove_leftovers(database: Path, *, now: float | None = None) -> list[Path]:
    """Delete what an interrupted backup or restore left behind; return what was deleted.

    A backup is written as ``NAME.partial`` in the backup folder and a restore staged as
    ``.DATABASE.restore`` next to the database; a killed program leaves them (40 MB
    each for a large database). Removed only while no other program has the database
    open (a backup running elsewhere holds it) and only files untouched for a minute.
    """
    import time

    if not database.exists() or store.open_elsewhere(database):
        return []
    moment = time.time() if now is None else now
    folder = backup_dir(database)
    candidates = [
        *(folder.glob(f"{database.stem}-*{store.PARTIAL}") if folder.is_dir() else []),
        *(
            database.with_name(f".{database.name}.{what}{side}")
            for what in ("restore", "rollback")
            for side in ("", "-wal", "-shm", "-journal")
        ),
    ]
    removed = []
    for leftover in candidates:
        try:
            if moment - leftover.stat().st_mtime < LEFTOVER_AGE:
                continue
            leftover.unlink()
        except OSError:
            continue
        removed.append(leftover)
    return removed


def open_database_safely(
    db: str | None = None, *, user: str | None = None, today: Callable[[], date] = date.today
) -> Env:
    """``open_database`` with the guards: place checked, backup before an upgrade, rollback.

    Refuses a SQLite file on a network share or in a synced folder, and a database from a
    newer version (untouched). Before upgrading an older database a backup is taken; if
    the upgrade fails, or leaves any table with fewer rows than before, that backup is put
    back and the error says so.
    """
    url = database_url(db)
    path = sqlite_path(url)
    if path is not None:
        reason = location.refusal(path)
        if reason:
            raise KnownError(reason)
        for leftover in remove_leftovers(path):
            log.info("removed %s, left by an interrupted backup or restore", leftover.name)
        if path.is_file() and path.stat().st_size == 0:
            raise KnownError(
                f"The database file {path} is empty (0 bytes): it may have been cut short "
                "by an interrupted copy. Nothing was changed. Restore a backup "
                "(complaints-desktop restore FILE), or delete the file to start a new database."
            )
        _refuse_if_too_new(path)
    taken: list[tuple[Engine, Path]] = []

    def before_upgrade(engine: Engine) -> None:
        assert path is not None
        env = Env(engine=engine, today=today)
        taken.append((engine, _take(env, "before-upgrade")))

    try:
        env = open_database(url, user=user, today=today, backup=before_upgrade if path else None)
        if taken and path is not None:
            _refuse_lost_rows(store.row_counts(taken[-1][1]), store.row_counts(path))
        return env
    except DatabaseTooNew:
        raise
    except Exception as exc:
        if not taken or path is None:
            raise
        engine, copy = taken[-1]
        engine.dispose()
        staged = path.with_name(f".{path.name}.rollback")
        store.copy_database(copy, staged)
        store.replace_database(path, staged)
        why = str(exc) if isinstance(exc, UpgradeLostRows) else f"{type(exc).__name__}: {exc}"
        raise KnownError(
            f"The database could not be upgraded to this version ({why}). It has been put "
            f"back exactly as it was, from the backup taken just before ({copy}). Please "
            "report this; you can keep using the previous version."
        ) from exc


class UpgradeLostRows(KnownError):
    """An upgrade left fewer rows in a table than there were before it."""


def _refuse_lost_rows(before: dict[str, int], after: dict[str, int]) -> None:
    lost = {t: n - after.get(t, 0) for t, n in before.items() if after.get(t, 0) < n}
    if lost:
        raise UpgradeLostRows(
            "the upgrade would have lost records: "
            + ", ".join(f"{n:,} from {t}" for t, n in sorted(lost.items()))
        )


def _refuse_if_too_new(path: Path) -> None:
    """Refuse a newer database before SQLite opens it for writing (not even the header
    changes); files that cannot be probed are left to ``open_database`` to explain."""
    if not path.exists() or store.header_problem(path):
        return
    try:
        with contextlib.closing(store.connect(path, readonly=True, timeout=2)) as conn:
            rev = store.revision(conn)
    except sqlite3.Error:
        return
    if rev is not None and rev not in known_revisions():
        raise DatabaseTooNew(too_new(rev))
