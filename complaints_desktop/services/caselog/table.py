"""Services: what a log reader hands back — a table of cells — and the limits all readers keep.

Shared by the CSV reader (``read``) and the XLSX reader (``xlsx``), so neither imports
the other's module for these.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime

from complaints_desktop.domain.errors import ValidationFailed

MAX_COLUMNS = 200
"""Most columns a log may have (the case log has 43); cells further right are refused."""
MAX_CELL = 32_767
"""Most characters in one cell (what a spreadsheet cell holds)."""
CUT_SHORT = "the file looks cut short"
"""How every refusal of a file that ends part-way through its last row begins."""


@dataclass(frozen=True, slots=True)
class Unreadable:
    """A cell that cannot be read as written; ``what`` says why, in plain words."""

    what: str


Cell = str | date | datetime | int | float | Unreadable
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
        unterminated: the file (a CSV) does not end with a line break, so its last row
            may have been cut short; see ``validate.cut_short``.
    """

    header: list[str]
    rows: Iterator[tuple[int, list[Cell]]]
    total: int
    notes: list[str] = field(default_factory=list)
    position: Callable[[], int] | None = None
    unterminated: bool = False


def too_many_columns(name: str, count: int) -> ValidationFailed:
    """The refusal of a header with more than ``MAX_COLUMNS`` columns."""
    return ValidationFailed(
        [
            f"row 1: {name} has {count:,} columns in its header; a log has at most "
            f"{MAX_COLUMNS} (is this the right file?)."
        ]
    )


def beyond_columns(number: int, letter: str) -> ValidationFailed:
    """The refusal of a value further right than any log's columns."""
    return ValidationFailed(
        [
            f"row {number}, column {letter}: a value beyond the last column a log can have "
            f"(at most {MAX_COLUMNS} columns); nothing was imported."
        ]
    )


def too_long(length: int) -> Unreadable:
    """A cell longer than a spreadsheet cell can be."""
    return Unreadable(
        f"the cell holds {length:,} characters; a cell holds at most {MAX_CELL:,} "
        "(is the file damaged, or two cells run together?)"
    )


def column_letter(index: int) -> str:
    """Spreadsheet letters of a 0-based column index (0 -> A, 26 -> AA)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
