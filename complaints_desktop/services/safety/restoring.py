"""Services: put a backup back in place of the database, keeping the database first."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path

from complaints_desktop.config import backup_dir
from complaints_desktop.domain import access as rules
from complaints_desktop.domain.errors import KnownError, NotAllowed
from complaints_desktop.services.env import Env
from complaints_desktop.services.safety import copies
from complaints_desktop.services.safety.copies import _keep, _now, _sqlite_file, known_revisions
from complaints_desktop.services.safety.opening import open_database_safely
from complaints_desktop.storage import audit_anchor, sealed_backup
from complaints_desktop.storage import backup as store
from complaints_desktop.storage.failures import is_locked
from complaints_desktop.storage.migrate import head_revision, written_by_newer

IN_USE = "the database is in use by another program; close it first."
"""Why a restore over a database another program holds is refused."""


def _refuse(file: Path, why: str) -> KnownError:
    return KnownError(f"{file} was not restored: {why} Nothing was changed.")


def _require_restore(env: Env, database: Path, file: Path) -> None:
    """Refuse a restore to anyone the database does not record as an administrator.

    Read straight from the file, writing nothing (``access.current`` would record a first
    administrator). As the access model has it, a database that records no users yet
    belongs to whoever opens it first, so the machine's own user restores their personal
    database. A missing or damaged file cannot say who may restore: then, as for any
    SQLite file, access to the file is the boundary, and the restore — which keeps the
    file as it was first — is the way out the start-up screen offers.
    """
    if not database.exists() or store.header_problem(database) is not None:
        return
    try:
        with contextlib.closing(store.connect(database, timeout=copies.LOCK_WAIT)) as conn:
            roles = store.user_roles(conn)
    except sqlite3.OperationalError as exc:
        if is_locked(exc):
            raise _refuse(file, IN_USE) from exc
        return
    except sqlite3.DatabaseError:
        return
    if not roles:
        return
    role, active = roles.get(env.user.casefold(), ("viewer", False))
    role = role if active else "viewer"
    if not rules.allowed(role, "restore"):
        message = rules.refusal(role, "restore")
        if env.user.casefold() not in roles:
            message += f" ({env.user} has not been added as a user of this database.)"
        raise NotAllowed(f"{message} Nothing was changed.")


def restore(env: Env, file: Path, *, passphrase: str | None = None) -> Path:
    """Replace the database with the backup ``file``, keeping a copy of it first.

    A sealed backup needs its ``passphrase``; it is opened into a private file beside the
    database, restored from there, and that file removed.

    The file must be a complaints_desktop database that passes SQLite's integrity check
    and is not from a newer version; otherwise nothing changes. An older one is upgraded
    after the restore (backed up first, like any upgrade).

    Returns:
        Where the database as it was before is kept (the backup folder when there was none).
    """
    database = _sqlite_file(env)
    file = file.expanduser()
    if sealed_backup.is_sealed(file):
        _require_restore(env, database, file)
        if not passphrase:
            raise _refuse(file, "it is encrypted; give its passphrase.")
        opened = database.with_name(f".{database.name}.{os.getpid()}.unsealed")
        try:
            sealed_backup.unseal(file, opened, passphrase)
            return restore(env, opened)
        finally:
            opened.unlink(missing_ok=True)
    _require_restore(env, database, file)
    if not file.is_file():
        raise _refuse(file, "there is no such file.")
    if database.exists() and file.resolve() == database.resolve():
        raise _refuse(file, "it is the database itself.")
    problem = store.header_problem(file, readonly=True)
    if problem:
        raise _refuse(file, problem)
    if database.exists() and store.header_problem(database) is None:
        with contextlib.suppress(OSError):
            if not database.stat().st_mode & 0o222:
                raise _refuse(file, f"the database {database} is read-only.")
    folder = backup_dir(database)
    staged = database.with_name(f".{database.name}.restore")
    try:
        try:
            store.copy_database(file, staged, readonly=True)
        except store.BackupFailed as exc:
            raise _refuse(file, f"it is damaged ({exc}).") from exc
        with contextlib.closing(store.connect(staged)) as conn:
            tables, rev = store.table_names(conn), store.revision(conn)
        if "complaint" not in tables or rev is None:
            raise _refuse(file, "it is not a complaints_desktop database.")
        if rev not in known_revisions():
            raise _refuse(file, written_by_newer(rev, subject="it"))
        kept = folder
        env.engine.dispose()  # this process's own connections: none may stay open
        if database.exists():
            name = store.free_name(folder, database, _now(env), "before-restore")
            try:
                kept = store.copy_database(database, name, timeout=copies.LOCK_WAIT)
            except store.DatabaseBusy as exc:
                raise _refuse(file, IN_USE) from exc
            except store.BackupFailed:
                kept = store.raw_copy(database, name)  # a damaged database is kept as it is
            store.rotate(folder, database, max(_keep(env), 2))
            env.engine.dispose()
        try:
            store.replace_database(database, staged)
        except store.DatabaseBusy as exc:
            raise _refuse(file, str(exc)) from exc
        _mark_restored_trail(database)
    finally:
        for leftover in (staged, *store.sidecars(staged)):
            leftover.unlink(missing_ok=True)
    if rev != head_revision():
        open_database_safely(str(database), user=env.user, today=env.today).engine.dispose()
    return kept


def _mark_restored_trail(database: Path) -> None:
    """The restored trail's newest entry becomes the one ``check`` expects."""
    try:
        with contextlib.closing(store.connect(database)) as conn:
            row = conn.execute("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1").fetchone()
    except sqlite3.Error:
        row = None
    audit_anchor.keep(database, row[0] if row else None, row[1] if row else "", move_back=True)
