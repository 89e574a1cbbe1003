"""Services: safety of the data — backups, restore, integrity check, safe opening, start-up.

Backups go to ``config.backup_dir(database)``; the number kept is the ``backup_keep``
setting (default 14). A PostgreSQL database is backed up by its server (pg_dump), so
backup and restore only say so there.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import Engine

from complaints_desktop import files
from complaints_desktop.config import backup_dir, database_url
from complaints_desktop.domain import access as rules
from complaints_desktop.domain.calendar import DEFAULT_REGION, REGION_LABELS, bank_holidays
from complaints_desktop.domain.errors import KnownError, NotAllowed, ValidationFailed
from complaints_desktop.services import access
from complaints_desktop.services.database import open_database
from complaints_desktop.services.env import Env
from complaints_desktop.storage import (
    audit,
    audit_anchor,
    audit_state,
    location,
    sealed_backup,
    settings_store,
)
from complaints_desktop.storage import backup as store
from complaints_desktop.storage.engine import make_engine, sqlite_path
from complaints_desktop.storage.migrate import (
    KNOWN_REVISIONS,
    DatabaseTooNew,
    current_revision,
    head_revision,
)

__all__ = [
    "StartupState",
    "backup",
    "backup_keep",
    "backups",
    "calendar_warnings",
    "check",
    "daily_backup",
    "on_server",
    "open_database_safely",
    "open_unmigrated",
    "remove_leftovers",
    "restore",
    "set_backup_keep",
    "startup_check",
]

log = logging.getLogger(__name__)

LOCK_WAIT = 10.0
"""Seconds to wait for another program to finish writing before giving up."""
KEEP_SETTING = "backup_keep"
DEFAULT_KEEP = 14
USUAL_BANK_HOLIDAYS = {"england-and-wales": 8, "scotland": 9, "northern-ireland": 10}
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


def open_unmigrated(
    db: str | None, *, user: str | None = None, today: Callable[[], date] = date.today
) -> Env:
    """An environment on ``db`` without migrating or creating anything (for backup/check)."""
    from complaints_desktop.services.database import identity

    engine = make_engine(database_url(db), create_dir=False)
    return Env(engine=engine, user=user or identity(engine), today=today)


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
        with contextlib.closing(store.connect(database, timeout=LOCK_WAIT)) as conn:
            roles = store.user_roles(conn)
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise _refuse(
                file, "the database is in use by another program; close it first."
            ) from exc
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
            raise _refuse(
                file, f"it was written by a newer version of complaints_desktop (schema {rev})."
            )
        kept = folder
        env.engine.dispose()  # this process's own connections: none may stay open
        if database.exists():
            name = store.free_name(folder, database, _now(env), "before-restore")
            try:
                kept = store.copy_database(database, name, timeout=LOCK_WAIT)
            except store.DatabaseBusy as exc:
                raise _refuse(
                    file, "the database is in use by another program; close it first."
                ) from exc
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
        raise DatabaseTooNew(
            "This database was written by a newer version of complaints_desktop "
            f"(schema {rev}). It has not been changed. Install the newer version, "
            "or open another database."
        )


def calendar_warnings(
    region: str, today: date, count: Callable[[str, int], int] | None = None
) -> list[str]:
    """Warnings when bank holidays are not known up to 18 months ahead.

    Args:
        region: the council's bank-holiday region.
        today: the day of the check.
        count: bank holidays of a region in a year (default: the ``holidays`` package).
    """
    count = count or (lambda r, y: len(bank_holidays(r, y, y)))
    usual = USUAL_BANK_HOLIDAYS.get(region, 8)
    months = today.month - 1 + 18
    last = today.year + months // 12
    warnings = []
    for year in range(today.year, last + 1):
        found = count(region, year)
        if found < usual:
            warnings.append(
                f"Bank holidays for {year} are not fully known ({found} found, "
                f"{REGION_LABELS.get(region, region)} usually has {usual}), so deadlines in "
                f"{year} may come out a day early. Install an updated version of the app, "
                "or add the missing days as council closure days."
            )
    return warnings


def check(env: Env) -> tuple[list[str], list[str]]:
    """Check the database: integrity, foreign keys, schema, audit trail, calendar.

    Returns:
        (problems, notes): problems need action; notes say what was checked.
    """
    problems: list[str] = []
    notes: list[str] = []
    path = _file(env)
    if path is not None:
        reason = location.refusal(path)
        if reason:
            problems.append(reason)
        problem = store.header_problem(path)
        if problem:
            return [
                *problems,
                f"{problem} Restore a backup ('complaints-desktop restore FILE').",
            ], notes
        try:
            with contextlib.closing(store.connect(path, timeout=LOCK_WAIT)) as conn:
                found = store.integrity_problems(conn)
                rev = store.revision(conn)
        except sqlite3.Error as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                why = (
                    f"{path} is locked by another program that is writing to it, so it "
                    "could not be checked. Close that program (or wait) and check again."
                )
                return [*problems, why], notes
            return [*problems, f"{path} cannot be read: {exc}. Restore a backup."], notes
        if found:
            return [*problems, *found, "The database is damaged: restore a backup."], notes
        notes.append(f"Integrity and foreign-key checks of {path}: no problems.")
        if not path.stat().st_mode & 0o222:
            notes.append("The database file is read-only: it can be read but not changed.")
    else:
        try:
            rev = current_revision(env.engine)
        except Exception as exc:  # the driver's many connection errors
            detail = (str(getattr(exc, "orig", None) or exc).splitlines() or [""])[0]
            why = f"The database server could not be reached ({detail}). Check the address."
            return [*problems, why], notes
        notes.append("PostgreSQL: the server checks its own storage; the rest was checked.")
    head = head_revision()
    if rev is None:
        return [*problems, "This is not a complaints_desktop database (no schema revision)."], notes
    if rev not in known_revisions():
        return [
            *problems,
            (
                f"This database was written by a newer version of complaints_desktop "
                f"(schema {rev}). Nothing was checked further or changed; install the "
                "newer version to use it."
            ),
        ], notes
    if rev == head:
        notes.append(f"Schema revision {rev} (the newest this version knows).")
    else:
        notes.append(f"Schema revision {rev}; it will be upgraded to {head} when next opened.")
        return problems, notes
    with env.uow() as session:
        bad = audit.verify(session)
        cut = audit.anchor_problem(session)
        changed, covered = audit_state.mismatches(session)
        tables_changed = audit_state.table_mismatches(session)
        region = settings_store.get(session, "region", DEFAULT_REGION)
    if bad:
        shown = ", ".join(str(i) for i in bad[:10]) + ("…" if len(bad) > 10 else "")
        what = "1 entry does" if len(bad) == 1 else f"{len(bad)} entries do"
        problems.append(
            f"The audit trail has been altered outside the app: {what} not match the "
            f"record (entry number {shown})."
        )
    elif not cut:
        notes.append("Audit trail: every entry matches its record.")
    if cut:
        problems.append(cut)
    if changed:
        shown = ", ".join(changed[:10]) + ("…" if len(changed) > 10 else "")
        problems.append(
            f"{len(changed)} complaint{'s' if len(changed) != 1 else ''} changed outside the "
            f"app: the data no longer match the audit trail ({shown})."
        )
    elif covered:
        what = "1 complaint" if covered == 1 else f"{covered} complaints"
        notes.append(f"The data of {what} match the audit trail.")
    for what in tables_changed:
        problems.append(
            f"{what.capitalize()} changed outside the app: they no longer match the audit trail."
        )
    problems.extend(calendar_warnings(region, env.today()))
    if path is not None:
        kept = store.list_backups(backup_dir(path), path)
        if kept:
            notes.append(f"Last backup {kept[0].taken:%d %b %Y %H:%M}; {len(kept)} kept.")
        else:
            notes.append("No backup has been taken yet.")
    return problems, notes


@dataclass(frozen=True)
class StartupState:
    """What the window finds at start-up, and what the person can do about it.

    ``status`` is one of: ``ok``, ``missing`` (no file yet: normal on first start),
    ``locked``, ``corrupt``, ``read-only``, ``too-new``, ``unsafe-location`` (a network
    share or synced folder), ``unreachable`` (a PostgreSQL server: try again).
    ``message`` says what is wrong in plain words; ``way_out`` says what to do.
    ``latest_backup`` is the newest backup, to offer for restoring.
    """

    status: str
    message: str = ""
    way_out: str = ""
    path: Path | None = None
    latest_backup: Path | None = None

    @property
    def ok(self) -> bool:
        """True when the database can be opened as it is."""
        return self.status == "ok"


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

    def state(status: str, message: str, way_out: str) -> StartupState:
        return StartupState(status, message, way_out, path, latest.path if latest else None)

    reason = location.refusal(path)
    if reason:
        return state(
            "unsafe-location", reason, "Choose a database on this PC, or a PostgreSQL server."
        )
    if not path.exists():
        return state(
            "missing",
            f"There is no database at {path}.",
            "Start a new, empty database there (normal the first time), choose another "
            "database, or restore a backup"
            + (f" (the latest is {latest.path.name})." if latest else "."),
        )
    problem = store.header_problem(path)
    if problem:
        return state("corrupt", f"The database is damaged: {problem}", _restore_hint(latest))
    if not path.stat().st_mode & 0o222 or not os.access(path, os.W_OK):
        return state(
            "read-only",
            f"The database {path} is read-only, so nothing can be saved.",
            "Open it for reading only, or ask IT to make the file writable (its properties "
            "must not be 'Read-only').",
        )
    if not files.can_write_in(path.parent):  # os.access says yes to folders on Windows
        return state(
            "read-only",
            f"The folder {path.parent} cannot be written to, so nothing can be saved.",
            "Open the database for reading only, or ask IT for write access to the folder.",
        )
    try:
        with contextlib.closing(store.connect(path, timeout=timeout)) as conn:
            rev = store.revision(conn)
            if rev is not None and rev not in known_revisions():
                return state(
                    "too-new",
                    f"This database was written by a newer version of complaints_desktop "
                    f"(schema {rev}). It has not been changed.",
                    "Install the newer version, or choose another database.",
                )
            rows = [str(r[0]) for r in conn.execute("PRAGMA quick_check")] if quick_check else []
            if rows and rows != ["ok"]:
                lines = [ln for r in rows for ln in r.splitlines() if not ln.startswith("***")]
                return state(
                    "corrupt",
                    f"The database is damaged (SQLite says: {(lines or rows)[0]}).",
                    _restore_hint(latest),
                )
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("ROLLBACK")
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            return state(
                "locked",
                "The database is in use by another program or window that is saving to it.",
                "Wait a moment and try again, or close complaints_desktop in its other "
                "window (and any other program that has the file open).",
            )
        if "readonly" in str(exc) or "read-only" in str(exc):
            return state(
                "read-only",
                f"The database {path} cannot be written to.",
                "Open it for reading only, or ask IT for write access.",
            )
        return state("corrupt", f"The database cannot be read: {exc}.", _restore_hint(latest))
    except sqlite3.DatabaseError as exc:
        return state("corrupt", f"The database is damaged: {exc}.", _restore_hint(latest))
    if rev is not None and rev != head_revision():
        return state(
            "ok", "The database will be upgraded to this version; a backup is taken first.", ""
        )
    return state("ok", "", "")


def _postgres_state(url: str) -> StartupState:
    engine = make_engine(url)
    try:
        rev = current_revision(engine)
    except Exception as exc:
        return StartupState(
            "unreachable",
            "The database server could not be reached, so the case records cannot be "
            f"opened ({type(exc).__name__}). Nothing was changed.",
            "Check this PC's network connection (and VPN) and try again; if it goes on, "
            "ask IT whether the server is running, or check its address in Settings.",
        )
    finally:
        engine.dispose()
    if rev is not None and rev not in known_revisions():
        return StartupState(
            "too-new",
            f"This database was written by a newer version of complaints_desktop (schema {rev}). "
            "It has not been changed.",
            "Install the newer version on this PC.",
        )
    return StartupState("ok")
