"""Services: read a case or contacts log (CSV in any of its encodings, or XLSX) into rows.

Cells come back as text, or as a date or number when an XLSX cell holds one, or as
``Unreadable`` when a cell cannot be read as written (the row parser reports it with its
row and column). Rows are numbered as a spreadsheet numbers them (the header is row 1);
blank rows are skipped. Files are read within limits (size, columns, the length of a
cell), so a damaged or hostile file is refused in bounded memory and time.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from pathlib import Path

from complaints_desktop.domain.errors import KnownError, ValidationFailed
from complaints_desktop.services.caselog.table import (
    CUT_SHORT,
    MAX_CELL,
    MAX_COLUMNS,
    Cell,
    Table,
    beyond_columns,
    column_letter,
    too_long,
    too_many_columns,
)
from complaints_desktop.services.caselog.xlsx import read_xlsx

MAX_FILE_BYTES = 256 * 1024 * 1024
"""Largest file read (a 100,000-row case log is about 45 MB as CSV, 17 MB as XLSX)."""
CSV_FIELD_LIMIT = csv.field_size_limit()
"""Longest field the csv module reads (131,072 characters); a longer one stops the file."""


def read_table(path: Path) -> Table:
    """Read ``path`` (``.csv`` or ``.xlsx``) into a Table.

    Raises:
        ValidationFailed: the file is missing, not CSV/XLSX, empty, too large, damaged,
            or has no header (reading its rows can raise it too, for a damaged file).
        KnownError: the file cannot be read (permissions, a disk error).
    """
    if not path.exists():
        raise ValidationFailed([f"There is no file {path}."])
    if path.is_dir():
        raise ValidationFailed([f"{path} is a folder, not a CSV or XLSX file."])
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ValidationFailed(
                [
                    f"{path.name} is {size / 2**20:,.0f} MB; a log of at most "
                    f"{MAX_FILE_BYTES / 2**20:,.0f} MB can be imported (split it into parts)."
                ]
            )
        data = path.read_bytes()
    except OSError as exc:
        raise KnownError(f"{path.name} could not be read ({exc.strerror or exc}).") from exc
    suffix = path.suffix.casefold()
    if suffix in (".xlsx", ".xlsm") or data[:4] == b"PK\x03\x04":
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
    if not text or text.isspace():  # not ``strip()``: a copy of the whole text, 40 ms the
        raise ValidationFailed([f"{name} is empty."])  # GIL held for 60,000 rows (bench)
    lines = _Lines(text)
    reader = csv.reader(lines, strict=False)
    try:
        header = next(reader)
    except csv.Error as exc:
        raise ValidationFailed([f"row 1: {name} is not a readable CSV file ({exc})."]) from exc
    header = [h.lstrip("\ufeff") for h in header]
    width = len(header)
    while width and not header[width - 1].strip():
        width -= 1
    if width > MAX_COLUMNS:
        raise too_many_columns(name, width)
    unterminated = not text.endswith(("\n", "\r"))

    def rows() -> Iterator[tuple[int, list[Cell]]]:
        number, cells, begin, start = 1, [], 0, lines.end
        try:
            for cells in reader:
                number += 1
                begin, start = start, lines.end  # where this record began, and the next
                if any(cells) and not "".join(cells).isspace():
                    yield number, _checked(number, cells)
        except csv.Error as exc:
            raise ValidationFailed([_csv_error(name, number + 1, exc)]) from exc
        if number > 1 and any(c.strip() for c in cells):
            _refuse_if_cut(text[begin:], number, cells, header, width, unterminated)

    lines_in_all = text.count("\n") + (0 if text.endswith("\n") else 1)
    total = max(lines_in_all - 1, 1)
    table = Table(header, rows(), total, notes, position=lambda: reader.line_num - 1)
    table.unterminated = unterminated
    return table


def _checked(number: int, cells: list[str]) -> list[Cell]:
    """``cells`` with any over-long cell made ``Unreadable``; refuses a row too wide."""
    out: list[Cell] = cells  # type: ignore[assignment]
    if len(cells) > MAX_COLUMNS:
        while len(cells) > MAX_COLUMNS and not cells[-1].strip():
            cells.pop()
        if len(cells) > MAX_COLUMNS:
            raise beyond_columns(number, column_letter(len(cells) - 1))
    if cells and max(map(len, cells)) > MAX_CELL:
        out = [too_long(len(c)) if len(c) > MAX_CELL else c for c in cells]
    return out


def _csv_error(name: str, number: int, exc: csv.Error) -> str:
    if "field larger than field limit" in str(exc):
        return (
            f"row {number}: a cell is longer than {CSV_FIELD_LIMIT:,} characters; a cell holds "
            f"at most {MAX_CELL:,} (is the file damaged, or a quote mark left open?)"
        )
    return f"row {number}: {name} is not a readable CSV file ({exc})."


def _refuse_if_cut(
    last_record: str,
    number: int,
    cells: list[str],
    header: list[str],
    width: int,
    unterminated: bool,
) -> None:
    """Refuse a file that ends part-way through its last row (an interrupted copy).

    The last row is cut when it ends inside a quoted cell, or when the file has no line
    break at its end and the row has fewer cells than the header.
    """
    open_quote = False
    try:
        for _ in csv.reader(io.StringIO(last_record), strict=True):
            pass
    except csv.Error as exc:
        open_quote = "unexpected end of data" in str(exc)
    if not open_quote and (len(cells) >= width or not unterminated):
        return
    index = max(len(cells) - 1, 0)
    column = header[index].strip() if index < len(header) and header[index].strip() else None
    where = f"row {number}, column {column or column_letter(index)}"
    if open_quote:
        why = "it ends inside a quoted cell (a quote mark opened and never closed)"
    else:
        why = (
            f"its last row has {len(cells)} of the {width} columns and it ends without a line break"
        )
    raise ValidationFailed(
        [f"{where}: {CUT_SHORT}: {why}. Copy or save the whole file again; nothing was imported."]
    )


class _Lines:
    """The lines of a text, each with its line ending (no copy of the whole text).

    ``end`` is where the text not yet handed out begins (the start of the next record
    when the csv reader has just returned one).
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.end = 0

    def __iter__(self) -> Iterator[str]:
        text = self.text
        while self.end < len(text):
            start = self.end
            stop = text.find("\n", start)
            self.end = len(text) if stop < 0 else stop + 1
            yield text[start : self.end]
