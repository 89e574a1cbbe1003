"""Services: check a database — integrity, foreign keys, schema, audit trail, calendar."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable
from datetime import date

from complaints_desktop.config import backup_dir
from complaints_desktop.domain.calendar import DEFAULT_REGION, REGION_LABELS, bank_holidays
from complaints_desktop.services.env import Env
from complaints_desktop.services.safety import copies
from complaints_desktop.services.safety.copies import _file, known_revisions
from complaints_desktop.storage import audit, audit_state, location, settings_store
from complaints_desktop.storage import backup as store
from complaints_desktop.storage.failures import is_locked
from complaints_desktop.storage.migrate import current_revision, head_revision, written_by_newer

USUAL_BANK_HOLIDAYS = {"england-and-wales": 8, "scotland": 9, "northern-ireland": 10}


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
            with contextlib.closing(store.connect(path, timeout=copies.LOCK_WAIT)) as conn:
                found = store.integrity_problems(conn)
                rev = store.revision(conn)
        except sqlite3.Error as exc:
            if is_locked(exc):
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
            f"{written_by_newer(rev)} Nothing was checked further or changed; install the "
            "newer version to use it.",
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
