"""Reports: the report's tables as a spreadsheet (openpyxl), one sheet per table."""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from datetime import date

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from complaints_desktop.reports.annual.tables import Cell, TableSpec

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def safe_text(text: str) -> str:
    """Text a spreadsheet will never run as a formula (prefixed with ``'`` when needed)."""
    return "'" + text if text.startswith(FORMULA_START) else text


def _sheet_name(key: str, used: set[str]) -> str:
    base = _BAD_SHEET_CHARS.sub(" ", key).strip()[:31] or "Table"
    name, n = base, 2
    while name.casefold() in used:
        suffix = f" ({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(name.casefold())
    return name


def _value(cell: Cell) -> str | int | float | date | None:
    if isinstance(cell, str):
        return safe_text(cell)
    return cell


def build_xlsx(tables: Iterable[TableSpec], *, title: str = "") -> bytes:
    """A workbook with one sheet per table: title, headings, then real numbers and dates.

    A suppressed count holds the text ``c``; the table's footnote follows the rows.
    """
    book = Workbook()
    default = book.active
    used: set[str] = set()
    bold = Font(bold=True)
    for spec in tables:
        sheet = book.create_sheet(_sheet_name(spec.key, used))
        sheet.append([safe_text(spec.title)])
        sheet["A1"].font = Font(bold=True, size=12)
        if title:
            sheet.append([safe_text(title)])
        sheet.append([safe_text(h) for h in spec.headers])
        header_row = sheet.max_row
        for cell in sheet[header_row]:
            cell.font = bold
        for i, row in enumerate(spec.rows):
            sheet.append([_value(v) for v in row])
            if i in spec.bold_rows:
                for cell in sheet[sheet.max_row]:
                    cell.font = bold
            for j, kind in enumerate(spec.kinds):
                target = sheet.cell(row=sheet.max_row, column=j + 1)
                if kind == "money":
                    target.number_format = "#,##0.00"
                elif kind == "number":
                    target.number_format = "0.0"
                elif kind == "date":
                    target.number_format = "dd/mm/yyyy"
        if spec.total_last and spec.rows:
            for cell in sheet[sheet.max_row]:
                cell.font = bold
        for text in (spec.withheld, spec.note):
            if text:
                sheet.append([])
                sheet.append([safe_text(text)])
        sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
        for j, header in enumerate(spec.headers):
            longest = max([len(header)] + [len(str(r[j])) for r in spec.rows if r[j] is not None])
            sheet.column_dimensions[get_column_letter(j + 1)].width = min(60, max(10, longest + 2))
    if default is not None and len(book.worksheets) > 1:
        book.remove(default)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
