"""Services: import and export the case log, the contacts log and the Ombudsman
recommendations log (formats.md §2, §3, §5).

Import is all-or-nothing: every row is checked, every problem is listed as
``row N, column C: what is wrong``, and the rows are written in one transaction with one
audit entry that is committed only when the whole file is clean (see
``caselog.run``). Export streams the log out a chunk of cases at a time.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from complaints_desktop.domain.errors import ValidationFailed
from complaints_desktop.services import access
from complaints_desktop.services.caselog import validate as v
from complaints_desktop.services.caselog.ombudsman import (
    import_recommendations,
    recommendation_rows,
)
from complaints_desktop.services.caselog.parse import RECOMMENDATION_COLUMNS
from complaints_desktop.services.caselog.read import read_table
from complaints_desktop.services.caselog.run import CHUNK, Row, Run, cancelled
from complaints_desktop.services.caselog.table import Cell
from complaints_desktop.services.caselog.write import (
    case_columns,
    case_row,
    contact_columns,
    contact_row,
    write,
)
from complaints_desktop.services.env import Env
from complaints_desktop.storage import audit, case_reads, users
from complaints_desktop.storage import contacts as stored_contacts
from complaints_desktop.storage.engine import BULK_WAIT, refresh_planner_statistics, serialise

REPORT_EVERY = 200
"""Rows between progress reports and looks at Cancel (an update can take 10 ms a row)."""

Progress = Callable[[int, int], None]


@dataclass
class ImportResult:
    """What an import did: rows created and updated, and notes for the person."""

    created: int = 0
    updated: int = 0
    notes: list[str] = field(default_factory=list)


def import_file(
    env: Env,
    path: Path,
    *,
    contacts: bool = False,
    ombudsman: bool = False,
    create_missing: bool = False,
    update: bool = False,
    progress: Progress | None = None,
    cancel: Callable[[], bool] | None = None,
) -> ImportResult:
    """Import a case log (or a contacts or Ombudsman recommendations log) from CSV or XLSX.

    Args:
        env: the use-case environment.
        path: the file.
        contacts: the file is a contacts log.
        ombudsman: the file is an Ombudsman recommendations log (formats.md §5): it
            replaces the recommendations of each case it names (``created`` counts the
            recommendations, ``updated`` the cases).
        create_missing: add team, service-area, type and remedy names not yet known.
        update: rows whose reference exists update that record (else that is an error).
        progress: called with (rows done, rows in all) now and then.
        cancel: asked now and then; True stops the import with nothing written.

    Raises:
        ValidationFailed: every problem, as ``row N, column C: what is wrong``.
        KnownError: the file cannot be read, or the import was cancelled.
    """
    access.require(env, "import")
    if ombudsman:
        done = import_recommendations(env, Path(path), create_missing=create_missing)
        return ImportResult(created=done.recommendations, updated=done.cases, notes=done.notes)
    with _gc_paused():
        return _import(env, Path(path), contacts, create_missing, update, progress, cancel)


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector during a bulk import.

    An import holds hundreds of thousands of small objects; the collector rescanning them
    again and again doubles the time. Nothing an import builds needs it (no cycles).

    At the end what is still alive (the calendar's and SQLAlchemy's caches, the last
    batch until it is let go: ~140,000 objects after 20,000 rows) is frozen before the
    collector is turned back on: its first collection walked them all holding the GIL,
    80 ms of CPU that stalled the window 350-580 ms on a loaded PC (issue #16,
    ``bench/bench_ui_freeze.py``). Frozen objects are still freed when no longer used;
    only the few hundred in reference cycles an import leaves (~700 after 20,000 rows)
    are never collected.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.freeze()
            gc.enable()


def _import(
    env: Env,
    path: Path,
    contacts: bool,
    create_missing: bool,
    update: bool,
    progress: Progress | None,
    cancel: Callable[[], bool] | None,
) -> ImportResult:
    table = read_table(path)
    columns, header_problems = v.match_header(table.header, "contacts" if contacts else "cases")
    if header_problems:
        raise ValidationFailed([f"row 1, column {c}: {what}" for c, what in header_problems])
    with env.uow(write=True, wait=BULK_WAIT) as session:  # another import: wait for it
        serialise(session, "import")  # PostgreSQL too: imports one after another
        run = Run(env, session, contacts=contacts, create_missing=create_missing, update=update)
        chunk: list[Row] = []
        parse = v.RowParser(columns, "contacts" if contacts else "cases")
        last: list[Cell] = []
        for number, cells in table.rows:
            values, found = parse(cells)
            if found:
                run.problems += [f"row {number}, column {c}: {what}" for c, what in found]
                chunk.append(Row(number, values, bad={c for c, _ in found}))
            else:
                chunk.append(Row(number, values))
            last = cells
            if len(chunk) > CHUNK:  # one row held back: it may be the last
                run.add(chunk[:-1])
                chunk = chunk[-1:]
            if number % REPORT_EVERY == 0:
                cancelled(cancel)
                if progress is not None:
                    done = table.position() if table.position else run.rows + len(chunk)
                    progress(min(done, table.total), table.total)
        if len(chunk) > 1 and table.unterminated:  # the names of every other row first
            run.add(chunk[:-1])
            chunk = chunk[-1:]
        if chunk and table.unterminated:
            problem = v.cut_short(columns, last, run.known_names)
            if problem is not None:
                run.problems.append(f"row {chunk[0].number}, column {problem[0]}: {problem[1]}")
        if chunk:
            run.add(chunk)
        if run.rows == 0:
            raise ValidationFailed([f"{path.name} has a header but no rows to import."])
        run.finish()
        if run.problems:
            raise ValidationFailed(v.in_row_order(run.problems))
        cancelled(cancel)
        audit.record(
            session,
            user=env.user,
            action="import",
            entity="contact" if contacts else "complaint",
            changes={"file": path.name, "created": run.created, "updated": run.updated},
        )
    refresh_planner_statistics(env.engine, run.created + run.updated)
    if progress is not None:
        progress(run.rows, run.rows)
    return ImportResult(created=run.created, updated=run.updated, notes=table.notes + run.notes)


def export_file(
    env: Env,
    path: Path,
    *,
    contacts: bool = False,
    ombudsman: bool = False,
    anonymised: bool = False,
) -> int:
    """Write every case (or contact, or Ombudsman recommendation) to ``path`` (.csv or
    .xlsx); returns how many.

    ``anonymised`` leaves out the personal columns (names, address, contact details,
    child's date of birth and ID). Export then import gives back the same log. Restricted
    cases the user is not named on are left out (``access.hidden_count`` says how many).
    """
    access.require(env, "export")
    path = Path(path)
    counted = [0]
    hidden: set[int] = set()

    def each(rows: Iterable[Any]) -> Iterator[Any]:
        for row in rows:
            if getattr(row, "restricted", False) and row.id in hidden:
                continue
            counted[0] += 1
            yield row

    with env.uow() as session:
        hidden = set(users.hidden(session, env.user, access.is_administrator(env)))
        if ombudsman:
            write(path, RECOMMENDATION_COLUMNS, each(recommendation_rows(session, env)))
        elif contacts:
            people = stored_contacts.read_contacts(session)
            columns = contact_columns(anonymised)
            write(path, columns, (contact_row(x) for x in each(people)))
        else:
            logged = case_reads.iter_cases(session)
            write(path, case_columns(anonymised), (case_row(x) for x in each(logged)))
    count = counted[0]
    with env.uow(write=True) as session:
        audit.record(
            session,
            user=env.user,
            action="export",
            entity="contact" if contacts else "recommendation" if ombudsman else "complaint",
            changes={
                "file": path.name,
                "count": count,
                "anonymised": anonymised,
                **({"restricted left out": len(hidden)} if hidden and not contacts else {}),
            },
        )
    return count
