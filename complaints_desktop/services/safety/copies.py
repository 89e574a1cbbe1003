"""Services: backups — taken now, every day, before an upgrade; listed and rotated.

Backups go to ``config.backup_dir(database)``; the number kept is the ``backup_keep``
setting (default 14). A PostgreSQL database is backed up by its server (pg_dump), so
backup and restore only say so there.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from complaints_desktop.config import backup_dir
from complaints_desktop.domain.errors import KnownError, ValidationFailed
from complaints_desktop.services import access
from complaints_desktop.services.env import Env
from complaints_desktop.storage import audit, sealed_backup, settings_store
from complaints_desktop.storage import backup as store
from complaints_desktop.storage.engine import sqlite_path
from complaints_desktop.storage.migrate import KNOWN_REVISIONS

LOCK_WAIT = 10.0
"""Seconds to wait for another program to finish writing before giving up."""
KEEP_SETTING = "backup_keep"
DEFAULT_KEEP = 14
POSTGRES_BACKUP = (
    "This database is on a PostgreSQL server, which is backed up by the server's own "
    "backup (pg_dump), run by your IT team. complaints_desktop made no copy and changed "
    "nothing."
)


def known_revisions() -> set[str]:
    """Schema revisions this version of the app knows."""
    return set(KNOWN_REVISIONS)


def _file(env: Env) -> Path | None:
    return sqlite_path(env.engine.url.render_as_string(hide_password=False))


def _sqlite_file(env: Env) -> Path:
    path = _file(env)
    if path is None:
        raise KnownError(POSTGRES_BACKUP)
    return path


def _now(env: Env) -> datetime:
    """The current time on the environment's 'today' (tests fix the day)."""
    return datetime.combine(env.today(), datetime.now().time())


def _keep(env: Env) -> int:
    try:
        with env.uow() as session:
            value = settings_store.get(session, KEEP_SETTING, DEFAULT_KEEP)
        return max(int(value), 1)
    except Exception:  # an unreadable or unmigrated database still gets rotated
        return DEFAULT_KEEP


def _take(env: Env, kind: str, *, keep: int | None = None) -> Path:
    database = _sqlite_file(env)
    folder = backup_dir(database)
    path = store.free_name(folder, database, _now(env), kind)
    path = store.copy_database(database, path, timeout=LOCK_WAIT)
    store.rotate(folder, database, keep if keep is not None else _keep(env))
    return path


def on_server(env: Env) -> bool:
    """True when the database is on a PostgreSQL server (backed up by the server)."""
    return _file(env) is None


def backups(env: Env) -> list[store.Backup]:
    """The backups kept for this database, newest first (none on a PostgreSQL server)."""
    database = _file(env)
    if database is None:
        return []
    return store.list_backups(backup_dir(database), database)


def backup_keep(env: Env) -> int:
    """How many automatic and manual backups are kept (the ``backup_keep`` setting)."""
    return _keep(env)


def set_backup_keep(env: Env, keep: int) -> None:
    """Keep the newest ``keep`` backups from now on (older ones go at the next backup)."""
    access.require(env, "settings")
    if not 1 <= keep <= 365:
        raise ValidationFailed(["Keep between 1 and 365 backups."])
    old = _keep(env)
    if old == keep:
        return
    with env.uow(write=True) as session:
        settings_store.put(session, KEEP_SETTING, keep)
        audit.record(
            session,
            user=env.user,
            action="settings",
            entity="settings",
            changes={KEEP_SETTING: [old, keep]},
        )


def backup(env: Env, dest: Path | None, *, passphrase: str | None = None) -> Path:
    """Back up the database now; to ``dest`` (a file or folder) or the backup folder.

    With ``passphrase`` the backup is sealed (encrypted, ``storage.sealed_backup``): the
    file written ends in ``.sealed`` and no unencrypted copy is left.

    Returns:
        The backup file written.
    """
    if passphrase is not None:
        return _sealed_backup(env, dest, passphrase)
    database = _sqlite_file(env)
    if dest is None:
        return _take(env, "manual")
    if dest.is_dir():
        dest = dest / store.backup_name(database, _now(env), "manual")
    if dest.exists():
        raise KnownError(f"{dest} already exists. Choose another name; nothing was written.")
    if dest.resolve() == database.resolve():
        raise KnownError("A backup cannot be written over the database itself.")
    return store.copy_database(database, dest, timeout=LOCK_WAIT)


def _sealed_backup(env: Env, dest: Path | None, passphrase: str) -> Path:
    if len(passphrase) < sealed_backup.MIN_PASSPHRASE:
        raise ValidationFailed(
            [f"Use a passphrase of at least {sealed_backup.MIN_PASSPHRASE} characters."]
        )
    database = _sqlite_file(env)
    folder = backup_dir(database) if dest is None or dest.is_dir() else dest.parent
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    plain = folder / f".{database.stem}.{os.getpid()}.unsealed"
    if dest is None or dest.is_dir():
        name = store.backup_name(database, _now(env), "manual") + sealed_backup.SUFFIX
        dest = (dest or folder) / name
    if dest.exists():
        raise KnownError(f"{dest} already exists. Choose another name; nothing was written.")
    try:
        store.copy_database(database, plain, timeout=LOCK_WAIT)
        return sealed_backup.seal(plain, dest, passphrase)
    finally:
        for leftover in (plain, *store.sidecars(plain)):
            leftover.unlink(missing_ok=True)


def daily_backup(env: Env) -> Path | None:
    """The automatic backup at the first start of each day (None when one exists today).

    Not an error when the database is empty or a PostgreSQL one: then nothing is done.
    """
    database = _file(env)
    if database is None or not database.exists():
        return None
    today = env.today()
    if any(b.taken.date() == today for b in store.list_backups(backup_dir(database), database)):
        return None
    return _take(env, "daily")
