"""Services: import and export the case log and the contacts log (formats.md §2-3).

Import is all-or-nothing: every row is read and checked first, every problem is listed
as ``row N, column C: what is wrong``, and only a clean file is written, in one
transaction with one audit entry. New rows go in through ``storage.bulk`` (fast);
``--update`` rows are loaded, changed and saved like an edit.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlmodel import Session

from complaints_desktop.domain.calendar import WorkingCalendar
from complaints_desktop.domain.deadlines import next_deadline
from complaints_desktop.domain.errors import KnownError, ValidationFailed
from complaints_desktop.domain.model import Case, Contact
from complaints_desktop.domain.procedures import Settings
from complaints_desktop.domain.rules import closed_on, derive_status
from complaints_desktop.services import caselog_validate as v
from complaints_desktop.services.caselog_parse import (
    CONTACT_COLUMNS,
    DATABASE_LISTS,
    DATABASE_SINGLE,
)
from complaints_desktop.services.caselog_read import read_table
from complaints_desktop.services.caselog_write import case_columns, case_row, contact_row, write
from complaints_desktop.services.env import Env
from complaints_desktop.storage import audit, bulk, cases, vocabularies

REFERENCE_PREFIX = {"statutory": "CSC", "corporate": "CORP", "adult": "ASC"}
CONTACT_PREFIX = "CON"
Progress = Callable[[int, int], None]


@dataclass
class ImportResult:
    """What an import did: rows created and updated, and notes for the person."""

    created: int = 0
    updated: int = 0
    notes: list[str] = field(default_factory=list)


@dataclass
class _Row:
    number: int
    values: dict[str, Any]
    record: Any = None
    existing_id: int | None = None
    bad: set[str] = field(default_factory=set)


def _in_row_order(problems: list[str]) -> list[str]:
    """Problems sorted by row number (stable within a row)."""

    def row_of(problem: str) -> int:
        head = problem.split(",", 1)[0].removeprefix("row ")
        return int(head) if head.isdigit() else 0

    return sorted(problems, key=row_of)


def _cancelled(cancel: Callable[[], bool] | None) -> None:
    if cancel is not None and cancel():
        raise KnownError("The import was cancelled; nothing was changed.")


def import_file(
    env: Env,
    path: Path,
    *,
    contacts: bool = False,
    create_missing: bool = False,
    update: bool = False,
    progress: Progress | None = None,
    cancel: Callable[[], bool] | None = None,
) -> ImportResult:
    """Import a case log (or, with ``contacts``, a contacts log) from CSV or XLSX.

    Args:
        env: the use-case environment.
        path: the file.
        contacts: the file is a contacts log.
        create_missing: add team, service-area, type and remedy names not yet known.
        update: rows whose reference exists update that record (else that is an error).
        progress: called with (rows done, rows in all) now and then.
        cancel: asked now and then; True stops the import with nothing written.

    Raises:
        ValidationFailed: every problem, as ``row N, column C: what is wrong``.
        KnownError: the file cannot be read, or the import was cancelled.
    """
    with _gc_paused():
        return _import(env, Path(path), contacts, create_missing, update, progress, cancel)


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector during a bulk import.

    An import holds hundreds of thousands of small objects; the collector rescanning them
    again and again doubles the time. Nothing an import builds needs it (no cycles).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
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
    result = ImportResult(notes=list(table.notes))
    columns, header_problems = v.match_header(table.header, contacts)
    problems = [f"row 1, column {c}: {what}" for c, what in header_problems]
    if problems:
        raise ValidationFailed(problems)
    total = len(table.rows)
    if total == 0:
        raise ValidationFailed([f"{path.name} has a header but no rows to import."])
    settings, calendar, today = env.settings(), env.calendar(), env.today()
    rows: list[_Row] = []
    for done, (number, cells) in enumerate(table.rows, start=1):
        values, found = v.parse_row(columns, cells, contacts)
        problems += [f"row {number}, column {c}: {what}" for c, what in found]
        rows.append(_Row(number, values, bad={c for c, _ in found}))
        if done % 2000 == 0:
            _cancelled(cancel)
            if progress is not None:
                progress(done // 2, total)
    with env.uow() as session:
        problems += _resolve_names(session, rows, create_missing, result)
        problems += _check_references(session, rows, contacts, update)
        to_load = [r for r in rows if r.existing_id is not None]
        problems += _build(session, rows, contacts, settings, today)
        if problems:
            raise ValidationFailed(_in_row_order(problems))
        _cancelled(cancel)
        if progress is not None:
            progress(total * 3 // 4, total)
        new = [r for r in rows if r.existing_id is None]
        _give_references(session, new, contacts, result)
        if contacts:
            result.created = bulk.insert_contacts(session, [r.record for r in new])
            for row in to_load:
                bulk.save_contact(session, row.record)
        else:
            derived = [_derive(r.record, settings, calendar, today) for r in new]
            result.created = bulk.insert_cases(session, [r.record for r in new], derived)
            for row in to_load:
                extra = _derive(row.record, settings, calendar, today)
                cases.save(
                    session,
                    row.record,
                    next_due=extra.next_due,
                    next_due_what=extra.next_due_what,
                    closed_on=extra.closed_on,
                )
        result.updated = len(to_load)
        _cancelled(cancel)
        audit.record(
            session,
            user=env.user,
            action="import",
            entity="contact" if contacts else "complaint",
            changes={"file": path.name, "created": result.created, "updated": result.updated},
        )
    if progress is not None:
        progress(total, total)
    return result


def _resolve_names(
    session: Session, rows: list[_Row], create_missing: bool, result: ImportResult
) -> list[str]:
    """Spell vocabulary names as the database does; unknown ones are problems or added."""
    problems: list[str] = []
    columns = {**DATABASE_LISTS, **DATABASE_SINGLE}
    for column, kind in columns.items():
        if not any(column in r.values for r in rows):
            continue
        known = vocabularies.spelling_map(session, kind)
        added: list[str] = []
        for row in rows:
            value = row.values.get(column)
            if not value:
                continue
            names = value if isinstance(value, list) else [value]
            spelled: list[str] = []
            for name in names:
                key = " ".join(name.split()).casefold()
                if key not in known:
                    if not create_missing:
                        label = vocabularies.LABELS[kind]
                        problems.append(
                            f"row {row.number}, column {column}: {label} '{name}' is not in the "
                            f"list of {_plural(label)}; add it in Settings first, or import with "
                            '--create-missing ("add names not yet known")'
                        )
                        continue
                    known[key] = " ".join(name.split())
                    added.append(known[key])
                spelled.append(known[key])
            row.values[column] = (
                spelled if isinstance(value, list) else spelled[0] if spelled else ""
            )
        if added:
            label = vocabularies.LABELS[kind]
            result.notes.append(
                f"Added {len(added)} new {_plural(label) if len(added) > 1 else label}: "
                + ", ".join(added)
                + "."
            )
    return problems


def _plural(label: str) -> str:
    return label[:-1] + "ies" if label.endswith("y") else label + "s"


def _check_references(
    session: Session, rows: list[_Row], contacts: bool, update: bool
) -> list[str]:
    problems: list[str] = []
    first: dict[str, int] = {}
    for row in rows:
        reference = row.values.get("reference") or ""
        if not reference:
            continue
        if reference in first:
            problems.append(
                f"row {row.number}, column reference: {reference} is already on row "
                f"{first[reference]}; each reference may appear once"
            )
        else:
            first[reference] = row.number
    lookup = bulk.contact_references if contacts else bulk.references
    existing = lookup(session, list(first))
    for row in rows:
        reference = row.values.get("reference") or ""
        if reference in existing and first.get(reference) == row.number:
            if update:
                row.existing_id = existing[reference]
            else:
                problems.append(
                    f"row {row.number}, column reference: {reference} already exists; import "
                    'with --update ("update existing records") to change it'
                )
    return problems


def _build(
    session: Session, rows: list[_Row], contacts: bool, settings: Settings, today: date
) -> list[str]:
    """Make each row's domain object (new, or loaded and changed) and check it."""
    problems: list[str] = []
    contact_ids: dict[int, _Row] = {
        r.existing_id: r for r in rows if contacts and r.existing_id is not None
    }
    if contact_ids:
        for loaded in bulk.read_contacts(session, ids=list(contact_ids)):
            assert loaded.id is not None
            contact_ids[loaded.id].record = loaded
    for row in rows:
        values = row.values
        if contacts:
            if row.record is not None:
                v.apply_contact(row.record, values)
            elif values.get("kind") and values.get("received"):
                row.record = v.new_contact(values)
            if row.record is not None:
                found = v.check_contact(row.record, today)
                problems += _report(row, found)
            continue
        if row.existing_id is not None:
            row.record = cases.load(session, row.existing_id)
            v.apply_case(row.record, values)
        elif values.get("procedure") and values.get("received"):
            row.record = v.new_case(values)
        if row.record is not None:
            found = v.check_case(row.record, today, settings)
            problems += _report(row, found)
    return problems


def _report(row: _Row, found: list[v.Problem]) -> list[str]:
    """Consistency problems of a row, leaving out ones caused by a cell already reported."""
    return [f"row {row.number}, column {c}: {w}" for c, w in found if c not in row.bad]


def _give_references(
    session: Session, new: list[_Row], contacts: bool, result: ImportResult
) -> None:
    """Generate ``PREFIX/YY/NNNN`` references for rows that have none."""
    taken = {r.record.reference for r in new if r.record.reference}
    counters: dict[str, int] = {}
    given = 0
    for row in new:
        record = row.record
        if record.reference:
            continue
        prefix = CONTACT_PREFIX if contacts else REFERENCE_PREFIX.get(record.procedure, "CMP")
        stem = f"{prefix}/{record.received.year % 100:02d}/"
        if stem not in counters:
            first = (
                bulk.next_contact_reference(session, prefix, record.received.year)
                if contacts
                else cases.next_reference(session, prefix, record.received.year)
            )
            in_file = [r[len(stem) :] for r in taken if r.startswith(stem)]
            numbers = [int(n) + 1 for n in in_file if n.isdigit()]
            counters[stem] = max([int(first[len(stem) :]), *numbers])
        while f"{stem}{counters[stem]:04d}" in taken:
            counters[stem] += 1
        record.reference = f"{stem}{counters[stem]:04d}"
        taken.add(record.reference)
        counters[stem] += 1
        given += 1
    if given:
        result.notes.append(
            f"{given} row{'s' if given > 1 else ''} had no reference; references were generated."
        )


def _derive(case: Case, settings: Settings, calendar: WorkingCalendar, today: date) -> bulk.Derived:
    """Status, next deadline and closure date, as every case use case derives them.

    A case that is over (closed, withdrawn, resolved early) has nothing due: most rows of
    a historical log are, and working out their deadlines would only cost time.
    """
    case.status = derive_status(case, settings)
    if case.status not in ("open", "responded"):
        return bulk.Derived(closed_on=closed_on(case))
    upcoming = next_deadline(case, settings, calendar, today)
    return bulk.Derived(
        next_due=upcoming.due if upcoming else None,
        next_due_what=upcoming.what if upcoming else "",
        closed_on=closed_on(case) if case.status not in ("open", "responded") else None,
    )


def export_file(env: Env, path: Path, *, contacts: bool = False, anonymised: bool = False) -> int:
    """Write every case (or contact) to ``path`` (.csv or .xlsx); returns how many.

    ``anonymised`` leaves out the personal columns (names, address, contact details,
    child's date of birth and ID). Export then import gives back the same log.
    """
    path = Path(path)
    with env.uow() as session:
        if contacts:
            people: list[Contact] = bulk.read_contacts(session)
            count = len(people)
        else:
            logged: list[Case] = bulk.read_cases(session)
            count = len(logged)
    if contacts:
        write(path, CONTACT_COLUMNS, (contact_row(x) for x in people))
    else:
        write(path, case_columns(anonymised), (case_row(x) for x in logged))
    with env.uow() as session:
        audit.record(
            session,
            user=env.user,
            action="export",
            entity="contact" if contacts else "complaint",
            changes={"file": path.name, "count": count, "anonymised": anonymised},
        )
    return count
