"""Services: write the case or contacts log as CSV or XLSX (formats.md §2-3).

Rows are built from domain objects so export -> import round-trips. Text that a
spreadsheet would run as a formula gets a leading ``'``. The file is written beside the
target and renamed into place, so a failure never leaves half a file.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from complaints_desktop import files
from complaints_desktop.domain.errors import KnownError
from complaints_desktop.domain.model import Case, Contact
from complaints_desktop.services.caselog.columns import CASE_LOG, CONTACT_LOG, Column
from complaints_desktop.services.caselog.parse import (
    AMOUNTS,
    CASE_COLUMNS,
    CONTACT_COLUMNS,
    PERSONAL,
    escape,
)

Value = str | date | int | None
"""A typed cell: text, a date, an amount in pence (amount columns), or blank."""


def case_columns(anonymised: bool) -> tuple[str, ...]:
    """The case-log columns written (personal ones left out when anonymised)."""
    return tuple(c for c in CASE_COLUMNS if not (anonymised and c in PERSONAL))


def _yes_no(value: bool | None) -> str:
    return "" if value is None else ("yes" if value else "no")


def _cell(column: Column, value: Any) -> Value:
    """A value as the log writes it (lists joined with ``;``, yes/no as words)."""
    kind = column.kind
    if kind == "names":
        return ";".join(value)
    if kind == "yes_no":
        return _yes_no(value)
    if kind == "amount":
        pence: int | None = value or None  # no amount (0) is written as a blank cell
        return pence
    written: Value = value
    return written


def case_row(case: Case) -> dict[str, Value]:
    """Every case-log column of ``case`` (a stage's or referral's are absent without it)."""
    parts: dict[str, object] = {
        "case": case,
        "advocacy": case.advocacy,
        "complainant": case.complainant,
        "child": case.child,
        "stage1": case.stage(1),
        "stage2": case.stage(2),
        "stage3": case.stage(3),
        "ombudsman": case.ombudsman,
    }
    row: dict[str, Value] = {}
    for column in CASE_LOG:
        if column.part == "equality":
            row[column.name] = case.equality.get(column.attr, "")
            continue
        owner = parts[column.part]
        if owner is not None:
            row[column.name] = _cell(column, getattr(owner, column.attr))
    return row


def contact_row(contact: Contact) -> dict[str, Value]:
    """Every contacts-log column of ``contact``."""
    return {c.name: _cell(c, getattr(contact, c.attr)) for c in CONTACT_LOG}


def contact_columns(anonymised: bool) -> tuple[str, ...]:
    """The contacts-log columns written (the name and address left out when anonymised)."""
    return tuple(c for c in CONTACT_COLUMNS if not (anonymised and c in PERSONAL))


def pounds(pence: int) -> str:
    """Whole pence as ``1200.50`` (no thousands separator, no £)."""
    return f"{Decimal(pence) / 100:.2f}"


def _text(column: str, value: Value) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        return escape(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int) and column in AMOUNTS:
        return pounds(value)
    return escape(str(value))


def write(path: Path, columns: tuple[str, ...], rows: Iterable[dict[str, Value]]) -> None:
    """Write ``rows`` to ``path`` as CSV (UTF-8 with BOM) or XLSX, by its extension."""
    suffix = path.suffix.casefold()
    if suffix not in (".csv", ".xlsx"):
        raise KnownError(f"Export to a .csv or .xlsx file ({path.name} is neither).")
    writer = _write_csv if suffix == ".csv" else _write_xlsx
    files.write_atomically(Path(path), lambda temporary: writer(temporary, columns, rows))


def _write_csv(path: Path, columns: tuple[str, ...], rows: Iterable[dict[str, Value]]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_text(c, row.get(c)) for c in columns])
        handle.flush()
        os.fsync(handle.fileno())


def _write_xlsx(path: Path, columns: tuple[str, ...], rows: Iterable[dict[str, Value]]) -> None:
    from openpyxl import Workbook  # imported here: only XLSX needs it
    from openpyxl.cell import WriteOnlyCell

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Log")
    sheet.append(list(columns))
    for row in rows:
        cells: list[object] = []
        for column in columns:
            value = row.get(column)
            if isinstance(value, date):
                cell = WriteOnlyCell(sheet, value=value)
                cell.number_format = "yyyy-mm-dd"
                cells.append(cell)
            elif isinstance(value, int) and column in AMOUNTS:
                cell = WriteOnlyCell(sheet, value=float(Decimal(value) / 100))
                cell.number_format = "0.00"
                cells.append(cell)
            else:
                cells.append(_text(column, value) or None)
        sheet.append(cells)
    book.save(path)


__all__ = [
    "CONTACT_COLUMNS",
    "case_columns",
    "case_row",
    "contact_columns",
    "contact_row",
    "write",
]
