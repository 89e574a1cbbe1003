"""Services: the import run — rows checked and written a chunk at a time, in one transaction.

Rows are read, typed, matched to the database's vocabularies, checked and written in
chunks of ``CHUNK`` inside one transaction, so a 100,000-row file never sits in memory
all at once. Once any problem is found nothing more is written, but every row is still
checked; the caller then raises and the transaction rolls back: all or nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session

from complaints_desktop.domain.calendar import WorkingCalendar
from complaints_desktop.domain.deadlines import next_deadline
from complaints_desktop.domain.errors import KnownError
from complaints_desktop.domain.model import Case
from complaints_desktop.domain.procedures import Settings
from complaints_desktop.domain.rules import closed_on, derive_status
from complaints_desktop.domain.vocab import CONTACT_PREFIX, reference_prefix
from complaints_desktop.services.caselog import validate as v
from complaints_desktop.services.caselog.parse import DATABASE_LISTS, DATABASE_SINGLE, FIXED
from complaints_desktop.services.env import Env
from complaints_desktop.storage import bulk, cases, vocabularies
from complaints_desktop.storage import contacts as stored_contacts

CHUNK = 2000
NAME_COLUMNS = {**DATABASE_LISTS, **DATABASE_SINGLE}


@dataclass
class Row:
    """One data row on its way in."""

    number: int
    values: dict[str, Any]
    bad: set[str] = field(default_factory=set)
    record: Any = None
    existing_id: int | None = None


def plural(label: str) -> str:
    """``team`` -> ``teams``, ``remedy`` -> ``remedies``."""
    return label[:-1] + "ies" if label.endswith("y") else label + "s"


def derive(case: Case, settings: Settings, calendar: WorkingCalendar, today: Any) -> bulk.Derived:
    """Status, next deadline and closure date, as every case use case derives them.

    A case that is over (closed, withdrawn, resolved early) has nothing due unless the
    Ombudsman recommended remedies (kept by ``--update``): most rows of a historical log
    are over, and working out their deadlines would only cost time.
    """
    case.status = derive_status(case, settings, calendar, today)
    remedies_due = case.ombudsman is not None and case.ombudsman.recommendations
    if case.status not in ("open", "responded") and not remedies_due:
        return bulk.Derived(closed_on=closed_on(case))
    upcoming = next_deadline(case, settings, calendar, today)
    return bulk.Derived(
        next_due=upcoming.due if upcoming else None,
        next_due_what=upcoming.what if upcoming else "",
        closed_on=closed_on(case) if case.status not in ("open", "responded") else None,
    )


class Run:
    """One import: feed it chunks of rows, then ``finish``."""

    def __init__(
        self,
        env: Env,
        session: Session,
        *,
        contacts: bool,
        create_missing: bool,
        update: bool,
    ) -> None:
        self.session = session
        self.contacts = contacts
        self.create_missing = create_missing
        self.update = update
        self.settings = env.settings(session)
        self.calendar = env.calendar(session)
        self.today = env.today()
        self.problems: list[str] = []
        self.notes: list[str] = []
        self.created = 0
        self.updated = 0
        self.rows = 0
        self._known: dict[str, dict[str, str]] = {}
        self._seen: dict[str, dict[str, str]] = {}
        self._added: dict[str, list[str]] = {}
        self._first_row: dict[str, int] = {}
        self._unreferenced: list[Row] = []
        self._was_empty: bool | None = None  # the table had no rows before this import
        self._rebuild: list[str] | None = None  # indexes to build again once all is written

    def add(self, chunk: list[Row]) -> None:
        """Check a chunk of rows and, while the file is clean so far, write them."""
        self.rows += len(chunk)
        self._resolve_names(chunk)
        self._check_references(chunk)
        self._build(chunk)
        if self.problems:
            return
        new = [r for r in chunk if r.existing_id is None and r.record is not None]
        self._unreferenced += [r for r in new if not r.record.reference]
        self._write([r for r in new if r.record.reference])
        self._write_updates([r for r in chunk if r.existing_id is not None])

    def finish(self) -> None:
        """Write the rows that had no reference (each gets a generated one), and notes."""
        for kind, added in self._added.items():
            label = vocabularies.LABELS[kind]
            self.notes.append(
                f"Added {len(added)} new {plural(label) if len(added) > 1 else label}: "
                + ", ".join(added)
                + "."
            )
        if self.problems:
            return  # the caller rolls back, indexes included
        if self._unreferenced:
            self._give_references(self._unreferenced)
            self._write(self._unreferenced)
            count = len(self._unreferenced)
            self.notes.append(
                f"{count} row{'s' if count > 1 else ''} had no reference; "
                "references were generated."
            )
        if self._rebuild:
            bulk.rebuild_indexes(self.session, self._rebuild)
            self._rebuild = []

    def known_names(self, column: str) -> list[str]:
        """The names a column may hold so far: its vocabulary, with names seen in the file."""
        if column in FIXED:
            return list(FIXED[column])
        kind = NAME_COLUMNS.get(column)
        if kind is None:
            return []
        if kind not in self._known:
            self._known[kind] = vocabularies.spelling_map(self.session, kind)
        return list(self._known[kind].values())

    def _problem(self, row: Row, column: str, what: str) -> None:
        self.problems.append(f"row {row.number}, column {column}: {what}")

    def _resolve_names(self, chunk: list[Row]) -> None:
        """Spell vocabulary names as the database does; unknown ones are problems or added."""
        for column, kind in NAME_COLUMNS.items():
            if column not in chunk[0].values:
                continue
            if kind not in self._known:
                self._known[kind] = vocabularies.spelling_map(self.session, kind)
            known = self._known[kind]
            seen = self._seen.setdefault(kind, {})
            for row in chunk:
                value = row.values.get(column)
                if not value:
                    continue
                names = value if isinstance(value, list) else [value]
                try:  # names seen before (nearly every row): their spelling, at once
                    spelled = [seen[name] for name in names]
                except KeyError:
                    pass
                else:
                    row.values[column] = spelled if isinstance(value, list) else spelled[0]
                    continue
                spelled = []
                for name in names:
                    if name in seen:
                        spelled.append(seen[name])
                        continue
                    key = " ".join(name.split()).casefold()
                    if key not in known:
                        if not self.create_missing:
                            label = vocabularies.LABELS[kind]
                            self._problem(
                                row,
                                column,
                                f"{label} '{name}' is not in the list of {plural(label)}; add it "
                                "in Settings first, or import with --create-missing "
                                '("add names not yet known")',
                            )
                            continue
                        known[key] = " ".join(name.split())
                        self._added.setdefault(kind, []).append(known[key])
                    seen[name] = known[key]
                    spelled.append(known[key])
                if isinstance(value, list):
                    row.values[column] = spelled
                else:
                    row.values[column] = spelled[0] if spelled else ""

    def _check_references(self, chunk: list[Row]) -> None:
        fresh: list[Row] = []
        for row in chunk:
            reference = row.values.get("reference") or ""
            if not reference:
                continue
            if reference in self._first_row:
                self._problem(
                    row,
                    "reference",
                    f"{reference} is already on row {self._first_row[reference]}; each "
                    "reference may appear once",
                )
            else:
                self._first_row[reference] = row.number
                fresh.append(row)
        if self._was_empty is None:
            self._was_empty = bulk.is_empty(self.session, contacts=self.contacts)
        if self._was_empty:  # none existed; repeats within the file were caught above
            return
        lookup = stored_contacts.contact_references if self.contacts else bulk.references
        existing = lookup(self.session, [r.values["reference"] for r in fresh])
        for row in fresh:
            reference = row.values["reference"]
            if reference not in existing:
                continue
            if self.update:
                row.existing_id = existing[reference]
            else:
                self._problem(
                    row,
                    "reference",
                    f"{reference} already exists; import with --update "
                    '("update existing records") to change it',
                )

    def _build(self, chunk: list[Row]) -> None:
        """Make each row's domain object (new, or loaded and changed) and check it."""
        if self.contacts:
            loaded = {r.existing_id: r for r in chunk if r.existing_id is not None}
            if loaded:
                for contact in stored_contacts.read_contacts(self.session, ids=list(loaded)):
                    assert contact.id is not None
                    loaded[contact.id].record = contact
        for row in chunk:
            values = row.values
            if self.contacts:
                if row.record is not None:
                    v.apply_contact(row.record, values)
                elif values.get("kind") and values.get("received"):
                    row.record = v.new_contact(values)
                found = v.check_contact(row.record, self.today) if row.record else []
            else:
                if row.existing_id is not None:
                    row.record = cases.load(self.session, row.existing_id)
                    v.apply_case(row.record, values)
                elif values.get("procedure") and values.get("received"):
                    row.record = v.new_case(values)
                found = v.check_case(row.record, self.today, self.settings) if row.record else []
            for column, what in found:
                if column not in row.bad:
                    self._problem(row, column, what)

    def _write(self, rows: list[Row]) -> None:
        if not rows:
            return
        records = [r.record for r in rows]
        if self.contacts:
            self.created += stored_contacts.insert_contacts(self.session, records)
            return
        if self._rebuild is None:  # the first write: into empty tables, index once at the end
            self._rebuild = bulk.defer_indexes(self.session)
        derived = [derive(c, self.settings, self.calendar, self.today) for c in records]
        self.created += bulk.insert_cases(self.session, records, derived)

    def _write_updates(self, rows: list[Row]) -> None:
        for row in rows:
            if self.contacts:
                stored_contacts.save_contact(self.session, row.record)
            else:
                extra = derive(row.record, self.settings, self.calendar, self.today)
                cases.save(
                    self.session,
                    row.record,
                    next_due=extra.next_due,
                    next_due_what=extra.next_due_what,
                    closed_on=extra.closed_on,
                )
            self.updated += 1

    def _give_references(self, rows: list[Row]) -> None:
        """Generate ``PREFIX/YY/NNNN`` references, after the highest in use or in the file."""
        taken = set(self._first_row)
        counters: dict[str, int] = {}
        for row in rows:
            record = row.record
            prefix = CONTACT_PREFIX if self.contacts else reference_prefix(record.procedure)
            year = record.received.year
            stem = f"{prefix}/{year % 100:02d}/"
            if stem not in counters:
                first = (
                    stored_contacts.next_contact_reference(self.session, prefix, year)
                    if self.contacts
                    else cases.next_reference(self.session, prefix, year)
                )
                in_file = [r[len(stem) :] for r in taken if r.startswith(stem)]
                numbers = [int(n) + 1 for n in in_file if n.isdigit()]
                counters[stem] = max([int(first[len(stem) :]), *numbers])
            while f"{stem}{counters[stem]:04d}" in taken:
                counters[stem] += 1
            record.reference = f"{stem}{counters[stem]:04d}"
            taken.add(record.reference)
            counters[stem] += 1


def cancelled(cancel: Callable[[], bool] | None) -> None:
    """Stop (nothing written) when the person asked to cancel."""
    if cancel is not None and cancel():
        raise KnownError("The import was cancelled; nothing was changed.")
