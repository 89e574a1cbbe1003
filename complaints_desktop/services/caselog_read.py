"""Services: read a case or contacts log (CSV in any of its encodings, or XLSX) into rows.

Cells come back as text, or as a date or number when an XLSX cell holds one. Rows are
numbered as a spreadsheet numbers them (the header is row 1); blank rows are skipped.
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from complaints_desktop.domain.errors import KnownError, ValidationFailed

Cell = str | date | datetime | int | float
"""What one cell can hold once read."""


@dataclass
class Table:
    """A file's header and data rows.

    Attributes:
        header: the header cells as written (not yet matched to known columns).
        rows: (spreadsheet row number, cells) for every non-blank data row, read as they
            are asked for (a 100,000-row file is never held as cells all at once).
        total: about how many data rows there are (for progress).
        notes: things the person should know (e.g. how the file was decoded).
        position: how far the reading has gone, in the unit of ``total`` (a CSV counts
            lines: a cell with line breaks spans several); None when rows are the unit.
    """

    header: list[str]
    rows: Iterator[tuple[int, list[Cell]]]
    total: int
    notes: list[str] = field(default_factory=list)
    position: Callable[[], int] | None = None


def read_table(path: Path) -> Table:
    """Read ``path`` (``.csv`` or ``.xlsx``) into a Table.

    Raises:
        KnownError: the file is missing, unreadable, not CSV/XLSX, empty, or has no header.
    """
    if not path.exists():
        raise ValidationFailed([f"There is no file {path}."])
    if path.is_dir():
        raise ValidationFailed([f"{path} is a folder, not a CSV or XLSX file."])
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise KnownError(f"{path.name} could not be read ({exc.strerror or exc}).") from exc
    suffix = path.suffix.casefold()
    if suffix in (".xlsx", ".xlsm") or data[:4] == b"PK\x03\x04":
        from complaints_desktop.services.caselog_xlsx import read_xlsx  # XLSX needs openpyxl

        table = read_xlsx(data, path.name)
    elif suffix in (".csv", ".txt", ""):
        table = _read_csv(data, path.name)
    else:
        raise ValidationFailed(
            [
                f"{path.name} is not a CSV or XLSX file. Save it from your spreadsheet as "
                "'CSV UTF-8' or 'Excel Workbook (.xlsx)' and import that."
            ]
        )
    if not any(h.strip() for h in table.header):
        raise ValidationFailed(
            [f"{path.name} has no header row (the first row must name the columns)."]
        )
    return table


def _decode(data: bytes, name: str) -> tuple[str, list[str]]:
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        try:
            return data.decode("utf-16"), []
        except UnicodeDecodeError as exc:
            raise ValidationFailed([f"{name} says it is UTF-16 but is not valid UTF-16."]) from exc
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    if b"\x00" in data:
        raise ValidationFailed([f"{name} is not a text file (it holds binary data)."])
    note = (
        f"{name} is not valid UTF-8; it was read as Windows-1252 (what Excel on Windows "
        "writes for 'CSV'). Check that accented letters and £ signs came out right."
    )
    return data.decode("cp1252", errors="replace"), [note]


def _read_csv(data: bytes, name: str) -> Table:
    text, notes = _decode(data, name)
    del data
    if not text.strip():
        raise ValidationFailed([f"{name} is empty."])
    reader = csv.reader(_lines(text), strict=False)
    try:
        header = next(reader)
    except csv.Error as exc:
        raise ValidationFailed([f"{name} is not a readable CSV file ({exc})."]) from exc

    def rows() -> Iterator[tuple[int, list[Cell]]]:
        try:
            for number, cells in enumerate(reader, start=2):
                if any(cells) and not "".join(cells).isspace():
                    yield number, cells  # type: ignore[misc]
        except csv.Error as exc:
            raise ValidationFailed([f"{name} is not a readable CSV file ({exc})."]) from exc

    lines = text.count("\n") + (0 if text.endswith("\n") else 1)
    total = max(lines - 1, 1)
    header = [h.lstrip("\ufeff") for h in header]
    return Table(header, rows(), total, notes, position=lambda: reader.line_num - 1)


def _lines(text: str) -> Iterator[str]:
    """The lines of ``text``, each with its line ending (no copy of the whole text)."""
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        if end < 0:
            yield text[start:]
            return
        yield text[start : end + 1]
        start = end + 1
