"""Services: read the first sheet of an XLSX case or contacts log, row by row.

openpyxl reads the workbook's parts (which sheet is first, its shared strings, which
styles are dates); the sheet itself is parsed here, streaming, keeping only the row being
read (openpyxl's own reader looks through a whole sheet for a ``<dimension>`` that files
written by openpyxl, so our exports, do not have, builds a rich-text object for every
inline-string cell, and keeps every element it does not use).

A workbook is read within limits, checked before anything is unpacked (the sizes its zip
directory declares, which Python's zip reader holds every part to) and while the sheet is
read (cells, rows, columns, elements in a row), so a "zip bomb" or a damaged file is
refused in bounded memory and time. A cell that cannot be read (a number that is not
finite, a date that does not exist, text the workbook does not have, a spreadsheet error
such as ``#N/A``, text longer than a cell holds) comes back as ``Unreadable`` and is
reported with its row and column.
"""

from __future__ import annotations

import io
import math
import re
import warnings
import zipfile
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from typing import IO, Any
from xml.etree.ElementTree import iterparse

from complaints_desktop.domain.errors import ValidationFailed
from complaints_desktop.services.caselog.table import (
    MAX_CELL,
    MAX_COLUMNS,
    Cell,
    Table,
    Unreadable,
    beyond_columns,
    column_letter,
    too_long,
    too_many_columns,
)

MAX_SHEET_BYTES = 256 * 1024 * 1024
"""Largest worksheet, unpacked (a 100,000-row export is about 150 MB)."""
MAX_PARTS_BYTES = 128 * 1024 * 1024
"""Largest total of the workbook's other XML parts, unpacked (shared strings, styles...)."""
MAX_CELLS = 10_000_000
"""Most cells (with a value or not) a sheet may hold (100,000 rows of 43 columns: 4.3M)."""
MAX_ROWS = 1_048_576
"""A spreadsheet's last row."""
MAX_ROW_ELEMENTS = 50_000
"""Most XML elements inside one row (a cell is 1-3 of them, rich text a few dozen)."""
MAX_RATIO = 100
"""Most a part of over ``RATIO_FROM`` bytes may unpack to, per byte packed. Spreadsheets'
XML packs about 6-13 to 1 (even 100,000 near-identical rows); a zip bomb 750-1,000 to 1."""
RATIO_FROM = 8 * 1024 * 1024
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_ROW, _CELL, _VALUE, _INLINE = f"{_MAIN}row", f"{_MAIN}c", f"{_MAIN}v", f"{_MAIN}is"
_TEXT, _RUN = f"{_MAIN}t", f"{_MAIN}r"
_REFERENCE = re.compile(r"\$?([A-Z]{1,3})\$?([1-9][0-9]{0,6})")


def read_xlsx(data: bytes, name: str) -> Table:
    """The first worksheet of the workbook ``data`` (named ``name`` in messages)."""
    book = _Book.open(data, name)
    lines = book.rows()
    try:
        first = next(lines, None)
    except BaseException:
        book.close()
        raise
    if first is None:
        book.close()
        raise ValidationFailed([f"{name} is empty."])
    number, cells = first
    header = ["" if isinstance(c, Unreadable) else str(c) for c in cells] if number == 1 else []
    while header and not header[-1].strip():
        header.pop()
    if len(header) > MAX_COLUMNS:  # not reached: reading stops at a value past MAX_COLUMNS
        book.close()
        raise too_many_columns(name, len(header))

    def rows() -> Iterator[tuple[int, list[Cell]]]:
        try:
            for number, cells in lines:
                if any(c != "" for c in cells):
                    while len(cells) > len(header) and cells[-1] == "":
                        cells.pop()
                    yield number, cells
        finally:
            book.close()

    return Table(header, rows(), max(book.count_rows() - 1, 1))


class _Book:
    """A workbook opened for reading its first worksheet."""

    @classmethod
    def open(cls, data: bytes, name: str) -> _Book:
        """The workbook in ``data``; ValidationFailed when it is not one, or too large."""
        try:
            parts = zipfile.ZipFile(io.BytesIO(data)).infolist()
        except (zipfile.BadZipFile, ValueError, OSError, EOFError) as exc:
            raise _unreadable(name, exc) from exc
        sheet = max((p.file_size for p in parts if "worksheets/" in p.filename), default=0)
        other = sum(
            p.file_size
            for p in parts
            if "worksheets/" not in p.filename and p.filename.endswith((".xml", ".rels"))
        )
        bomb = any(
            p.file_size > RATIO_FROM and p.file_size > MAX_RATIO * max(p.compress_size, 1)
            for p in parts
        )
        if bomb or sheet > MAX_SHEET_BYTES or other > MAX_PARTS_BYTES:
            raise ValidationFailed(
                [
                    f"{name} ({len(data) / 2**20:,.1f} MB) would unpack to "
                    f"{(sheet + other) / 2**20:,.0f} MB, more than a log can be (a worksheet "
                    f"of at most {MAX_SHEET_BYTES / 2**20:,.0f} MB, packed at most "
                    f"{MAX_RATIO} to 1); it is damaged or not a log. Nothing was imported."
                ]
            )
        try:
            book = cls(data, name)
        except ValidationFailed:
            raise
        except Exception as exc:  # openpyxl reading a damaged workbook fails in many ways
            raise _unreadable(name, exc) from exc
        if book.sheet is None:
            book.close()
            raise ValidationFailed([f"{name} has no worksheet."])
        return book

    def __init__(self, data: bytes, name: str) -> None:
        from openpyxl.reader.excel import ExcelReader  # imported here: only XLSX needs it

        sheets: list[str] = []

        class Reader(ExcelReader):  # type: ignore[misc]
            def read_worksheets(self) -> None:  # only where they are; rows are read below
                for _sheet, rel in self.parser.find_sheets():
                    if rel.target in self.valid_files and "chartsheet" not in rel.Type:
                        sheets.append(rel.target)

        self.name = name
        self.reader = Reader(io.BytesIO(data), read_only=True, data_only=True)
        with warnings.catch_warnings():  # about styles and extensions a log does not use
            warnings.simplefilter("ignore")
            self.reader.read()
        self.sheet = sheets[0] if sheets else None

    def close(self) -> None:
        self.reader.archive.close()

    def count_rows(self) -> int:
        """Rows in the sheet: its ``<dimension>``, else counted (for progress only)."""
        try:
            with self.reader.archive.open(self.sheet) as source:
                head = source.read(4096)
            found = re.search(rb"<(?:\w+:)?dimension\s+ref=\"[A-Z]+\d+:[A-Z]+(\d{1,7})\"", head)
            if found:
                return min(int(found[1]), MAX_ROWS)
            count = 0
            with self.reader.archive.open(self.sheet) as source:
                while chunk := source.read(1 << 20):
                    count += chunk.count(b"</row>") + chunk.count(b":row>")
            return count
        except (zipfile.BadZipFile, OSError, EOFError):
            return 1  # reading the rows says what is wrong

    def rows(self) -> Iterator[tuple[int, list[Cell]]]:
        """(spreadsheet row number, cells) of each row the sheet holds, in order."""
        wb = self.reader.wb
        sheet = _Sheet(self.reader.shared_strings, wb.epoch, wb._date_formats)
        sheet.timedeltas = wb._timedelta_formats
        try:
            with self.reader.archive.open(self.sheet) as source:
                yield from sheet.rows(source)
        except ValidationFailed:
            raise
        except _Damaged as exc:
            raise ValidationFailed(
                [f"row {sheet.number}: {self.name} is damaged ({exc}); nothing was imported."]
            ) from exc
        except Exception as exc:  # bad XML, a bad zip entry: damaged after the last good row
            where = f" after row {sheet.number}" if sheet.number else ""
            raise ValidationFailed(
                [
                    f"{self.name}: the worksheet is damaged{where} ({_plain_error(exc)}); "
                    "nothing was imported."
                ]
            ) from exc


class _Damaged(ValueError):
    """A row of the sheet cannot be read (the message says why)."""


def _unreadable(name: str, exc: BaseException) -> ValidationFailed:
    return ValidationFailed([f"{name} is not a readable XLSX workbook ({_plain_error(exc)})."])


def _plain_error(exc: BaseException) -> str:
    text = str(exc).strip() or exc.__class__.__name__
    return text if len(text) <= 200 else text[:200] + "…"


class _Sheet:
    """Reads a worksheet's rows as cells, keeping only the row being read.

    Attributes:
        number: the row being read (0 before the first).
    """

    def __init__(self, strings: list[str], epoch: datetime, date_styles: set[int]) -> None:
        self.strings = strings
        self.epoch = epoch
        self.date_styles = date_styles
        self.timedeltas: set[int] = set()
        self.number = 0
        self.cells = 0

    def rows(self, source: IO[bytes]) -> Iterator[tuple[int, list[Cell]]]:
        """Each ``<row>`` of the sheet in ``source``, as (row number, cells)."""
        depth = 0
        parents: list[Any] = [None, None, None]  # the open elements at levels 1 and 2
        inside = 0  # elements ended inside the current level-3 element (a row)
        rows = 0
        for event, element in iterparse(source, events=("start", "end")):
            if event == "start":
                depth += 1
                if depth <= 2:
                    parents[depth] = element
                continue
            level, depth = depth, depth - 1
            if level > 3:
                inside += 1
                if inside > MAX_ROW_ELEMENTS:
                    self.number += 1  # the row being read, as near as is known
                    raise _Damaged(f"more than {MAX_ROW_ELEMENTS:,} elements in one row")
                continue
            if level == 3:
                inside = 0
                if element.tag == _ROW:
                    rows += 1
                    if rows > MAX_ROWS:
                        raise _Damaged("more rows than a spreadsheet can have")
                    yield self.row(element)
            if level > 1:
                parents[level - 1].clear()  # done with: forget it

    def row(self, element: Any) -> tuple[int, list[Cell]]:
        """One ``<row>``: its number and its cells (blank where it has none)."""
        given = element.get("r")
        if given is None:
            number = self.number + 1
        elif given.isascii() and given.isdigit() and len(given) <= 7:
            number = int(given)
        else:
            self.number += 1
            raise _Damaged(f"'{given[:20]}' is not a row number")
        if number <= self.number:
            raise _Damaged(f"the rows are out of order: row {number} after row {self.number}")
        self.number = number
        if number > MAX_ROWS:
            raise _Damaged("the row is past a spreadsheet's last row")
        found: list[tuple[int, Cell]] = []
        column = 0
        for cell in element:
            if cell.tag != _CELL:
                continue
            self.cells += 1
            if self.cells > MAX_CELLS:
                raise ValidationFailed(
                    [
                        f"row {number}: the worksheet has more than {MAX_CELLS:,} cells, more "
                        "than a log can have; nothing was imported."
                    ]
                )
            reference = cell.get("r")
            column = self.column(reference) if reference else column + 1
            value = self.value(cell)
            if value is None:
                continue  # an empty (perhaps formatted) cell
            if column > MAX_COLUMNS:
                raise beyond_columns(number, column_letter(column - 1))
            found.append((column, value))
        cells: list[Cell] = [""] * max((c for c, _ in found), default=0)
        for column, value in found:
            cells[column - 1] = value
        return number, cells

    def column(self, reference: str) -> int:
        """The 1-based column of a cell reference such as ``B7`` in the current row."""
        found = _REFERENCE.fullmatch(reference)
        if found is None:
            raise _Damaged(f"the cell reference '{reference[:20]}' is not a cell")
        if int(found[2]) != self.number:
            raise _Damaged(f"the cell reference '{reference}' is not in row {self.number}")
        column = 0
        for letter in found[1]:
            column = column * 26 + ord(letter) - 64
        if column > 16_384:
            raise _Damaged(f"the cell reference '{reference}' is past the last column")
        return column

    def value(self, cell: Any) -> Cell | None:
        """What one ``<c>`` holds (None when nothing)."""
        kind = cell.get("t", "n")
        if kind == "inlineStr":
            inline = cell.find(_INLINE)
            return None if inline is None else _text(_plain(inline))
        value = cell.findtext(_VALUE)
        if not value:
            return None
        if kind == "n":
            return self.number_or_date(value, cell.get("s"))
        if kind == "s":
            if not (value.isascii() and value.isdigit()) or int(value) >= len(self.strings):
                return Unreadable(
                    f"the cell refers to text number {value[:20]} of the workbook, which it "
                    "does not have (the file is damaged)"
                )
            return _text(self.strings[int(value)])
        if kind == "str":
            return _text(value)
        if kind == "b":
            return "no" if value.strip() in ("0", "false") else "yes"
        if kind == "d":
            from openpyxl.utils.datetime import from_ISO8601

            try:
                return _moment(from_ISO8601(value))
            except (ValueError, TypeError, OverflowError):
                return Unreadable(f"'{value[:40]}' is not a date")
        if kind == "e":
            return Unreadable(f"the cell holds the spreadsheet error {value[:20]}")
        return Unreadable(f"the cell is of a kind a log cannot hold ('{kind[:20]}')")

    def number_or_date(self, text: str, style: str | None) -> Cell:
        """A number cell: a number, or a date when its style is a date format."""
        try:
            number: int | float = (
                float(text) if "." in text or "E" in text or "e" in text else int(text)
            )
        except ValueError:
            return Unreadable(f"'{text[:40]}' is not a number a log can hold")
        if isinstance(number, float) and not math.isfinite(number):
            return Unreadable(f"'{text[:40]}' is not a number a log can hold")
        if style and style.isascii() and style.isdigit() and int(style) in self.date_styles:
            from openpyxl.utils.datetime import from_excel

            try:
                moment = from_excel(number, self.epoch, timedelta=int(style) in self.timedeltas)
            except (OverflowError, ValueError, TypeError):
                return Unreadable(f"{text[:40]} is formatted as a date but is not one")
            return _moment(moment)
        return number


def _moment(value: object) -> Cell:
    """A date, date and time, or time of day read from a cell, as a cell."""
    if isinstance(value, datetime | date):
        return value
    if isinstance(value, time | timedelta):
        return str(value)
    return Unreadable("the cell's date cannot be read")


def _text(value: object) -> Cell:
    text = value if isinstance(value, str) else str(value)
    return too_long(len(text)) if len(text) > MAX_CELL else text


def _plain(inline: Any) -> str:
    """The plain text of an inline string (``<is>``): its text, then its runs' text.

    What openpyxl's ``Text.from_tree(inline).content`` gives, without building it.
    """
    plain: list[str] = []
    runs: list[str] = []
    for child in inline:
        if child.tag == _TEXT:
            plain = [child.text] if child.text is not None else []
        elif child.tag == _RUN:
            for piece in child:
                if piece.tag == _TEXT and piece.text is not None:
                    runs.append(piece.text)
    return "".join(plain + runs)
