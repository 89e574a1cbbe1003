"""Services: read the first sheet of an XLSX case or contacts log, row by row (openpyxl).

openpyxl reads the workbook (sheets, shared strings, which styles are dates) and parses
the sheet; two of its read-only costs are avoided, each as long as reading the rows of a
100,000-row sheet: looking through the whole sheet for a ``<dimension>`` that files
written by openpyxl itself (so our exports) do not have, and building a rich-text object
for every inline-string cell (what those files hold) only to take its plain text.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from datetime import date
from typing import Any

from complaints_desktop.domain.errors import ValidationFailed
from complaints_desktop.services.caselog_read import Cell, Table


def read_xlsx(data: bytes, name: str) -> Table:
    """The first worksheet of the workbook ``data`` (named ``name`` in messages)."""
    try:
        book = _Book(data)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise ValidationFailed([f"{name} is not a readable XLSX workbook ({exc})."]) from exc
    if book.sheet is None:
        book.close()
        raise ValidationFailed([f"{name} has no worksheet."])
    lines = book.rows()
    first = next(lines, None)
    if first is None:
        book.close()
        raise ValidationFailed([f"{name} is empty."])
    number, cells = first
    header = [str(c) for c in cells] if number == 1 else []
    while header and not header[-1].strip():
        header.pop()

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

    def __init__(self, data: bytes) -> None:
        from openpyxl.reader.excel import ExcelReader  # imported here: only XLSX needs it

        sheets: list[str] = []

        class Reader(ExcelReader):  # type: ignore[misc]
            def read_worksheets(self) -> None:  # only where they are; rows are read below
                for _sheet, rel in self.parser.find_sheets():
                    if rel.target in self.valid_files and "chartsheet" not in rel.Type:
                        sheets.append(rel.target)

        self.reader = Reader(io.BytesIO(data), read_only=True, data_only=True)
        self.reader.read()
        self.sheet = sheets[0] if sheets else None

    def close(self) -> None:
        self.reader.archive.close()

    def count_rows(self) -> int:
        """Rows in the sheet: its ``<dimension>``, else counted (for progress only)."""
        from openpyxl.worksheet._reader import DATA_TAG, DIMENSION_TAG
        from openpyxl.worksheet.dimensions import SheetDimension
        from openpyxl.xml.functions import iterparse

        with self.reader.archive.open(self.sheet) as source:
            for _event, element in iterparse(source, events=("start",)):
                if element.tag == DIMENSION_TAG:
                    return int(SheetDimension.from_tree(element).boundaries[3] or 1)
                if element.tag == DATA_TAG:
                    break
        count = 0
        with self.reader.archive.open(self.sheet) as source:
            while chunk := source.read(1 << 20):
                count += chunk.count(b"</row>")
        return count

    def rows(self) -> Iterator[tuple[int, list[Cell]]]:
        """(spreadsheet row number, cells) of each row the sheet holds, in order."""
        from openpyxl.utils.cell import coordinate_to_tuple
        from openpyxl.worksheet._reader import INLINE_STRING, WorkSheetParser
        from openpyxl.xml.constants import SHEET_MAIN_NS

        text, run = f"{{{SHEET_MAIN_NS}}}t", f"{{{SHEET_MAIN_NS}}}r"

        class Parser(WorkSheetParser):  # type: ignore[misc]
            def parse_cell(self, element: Any) -> dict[str, Any]:
                inline = element.find(INLINE_STRING) if element.get("t") == "inlineStr" else None
                if inline is None:
                    return super().parse_cell(element)  # type: ignore[no-any-return]
                coordinate = element.get("r")  # where the cell is, as openpyxl works it out
                if coordinate:
                    row, self.col_counter = coordinate_to_tuple(coordinate)
                else:
                    row, self.col_counter = self.row_counter, self.col_counter + 1
                value = _plain(inline, text, run)
                return {"row": row, "column": self.col_counter, "value": value, "data_type": "s"}

        wb = self.reader.wb
        with self.reader.archive.open(self.sheet) as source:
            parser = Parser(
                source,
                self.reader.shared_strings,
                data_only=True,
                epoch=wb.epoch,
                date_formats=wb._date_formats,
                timedelta_formats=wb._timedelta_formats,
            )
            for number, found in parser.parse():
                cells: list[Cell] = [""] * (found[-1]["column"] if found else 0)
                for cell in found:
                    cells[cell["column"] - 1] = _xlsx_cell(cell["value"])
                yield number, cells


def _plain(inline: Any, text: str, run: str) -> str:
    """The plain text of an inline string (``<is>``): its text, then its runs' text.

    What openpyxl's ``Text.from_tree(inline).content`` gives, without building it.
    """
    plain: list[str] = []
    runs: list[str] = []
    for child in inline:
        if child.tag == text:
            plain = [child.text] if child.text is not None else []
        elif child.tag == run:
            for piece in child:
                if piece.tag == text and piece.text is not None:
                    runs.append(piece.text)
    return "".join(plain + runs)


def _xlsx_cell(value: object) -> Cell:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, date | int | float):
        return value
    return str(value)
