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

from complaints_desktop import files
from complaints_desktop.domain.errors import KnownError
from complaints_desktop.domain.model import Case, Contact
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


def case_row(case: Case) -> dict[str, Value]:
    """Every case-log column of ``case``."""
    row: dict[str, Value] = {
        "reference": case.reference,
        "procedure": case.procedure,
        "received": case.received,
        "channel": case.channel,
        "relationship": case.relationship,
        "service_area": case.service_area,
        "teams": ";".join(case.teams),
        "types": ";".join(case.types),
        "advocacy": _yes_no(case.advocacy.used),
        "resolved_early": case.resolved_early,
        "remedies": ";".join(case.remedies),
        "complainant_name": case.complainant.name,
        "complainant_address": case.complainant.address,
        "complainant_email": case.complainant.email,
        "complainant_phone": case.complainant.phone,
        "child_name": case.child.name,
        "child_dob": case.child.dob,
        "child_id": case.child.system_id,
    }
    for key in ("age_band", "gender", "ethnicity", "disability", "sexual_orientation"):
        row[key] = case.equality.get(key, "")
    s1, s2, s3 = case.stage(1), case.stage(2), case.stage(3)
    if s1 is not None:
        row.update(
            s1_start=s1.start,
            s1_extended=_yes_no(s1.extended),
            s1_response=s1.response,
            s1_outcome=s1.outcome,
        )
    if s2 is not None:
        row.update(
            s2_requested=s2.requested,
            s2_start=s2.start,
            s2_extended=_yes_no(s2.extended),
            s2_response=s2.response,
            s2_outcome=s2.outcome,
            s2_cost=s2.cost or None,
        )
    if s3 is not None:
        row.update(
            s3_requested=s3.requested,
            s3_panel=s3.panel_date,
            s3_response=s3.response,
            s3_outcome=s3.outcome,
            s3_cost=s3.cost or None,
        )
    omb = case.ombudsman
    if omb is not None:
        row.update(
            lgsco_reference=omb.reference,
            lgsco_received=omb.received,
            lgsco_decided=omb.decided,
            lgsco_outcome=omb.outcome,
            lgsco_payment=omb.payment or None,
        )
    return row


def contact_row(contact: Contact) -> dict[str, Value]:
    """Every contacts-log column of ``contact``."""
    return {
        "reference": contact.reference,
        "kind": contact.kind,
        "received": contact.received,
        "teams": ";".join(contact.teams),
        "channel": contact.channel,
        "from": contact.sender,
        "summary": contact.summary,
        "responded": contact.responded,
        "name": contact.name,
        "title": contact.title,
        "address": contact.address,
        "email": contact.email,
    }


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
