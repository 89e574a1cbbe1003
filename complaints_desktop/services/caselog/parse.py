"""Services: the cells of the case, contacts and Ombudsman recommendations logs
(formats.md §2, §3, §5).

Each known column (``columns``) has a kind (text, date, amount, yes/no, fixed vocabulary,
or a database vocabulary such as teams); the sets of column names by kind below are read
from that one table. ``parse_cell`` turns one cell into a typed value or a
plain-words problem. Header matching and the "did you mean" suggestion live here too.

Every kind has bounds, so nothing absurd is stored: dates from 1900, amounts up to
£10,000,000 in whole pence (a spreadsheet's number checked as strictly as typed text), no
NUL or other control character anywhere, and no line break in a reference or a name
(only the address and other free-text columns may have several lines).
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from complaints_desktop.services.caselog.columns import (
    BY_NAME,
    CASE_LOG,
    CONTACT_LOG,
    LOGS,
    RECOMMENDATION_LOG,
    LogKind,
)
from complaints_desktop.services.caselog.table import Cell, Unreadable

CASE_COLUMNS: tuple[str, ...] = tuple(c.name for c in CASE_LOG)
CONTACT_COLUMNS: tuple[str, ...] = tuple(c.name for c in CONTACT_LOG)
RECOMMENDATION_COLUMNS: tuple[str, ...] = tuple(c.name for c in RECOMMENDATION_LOG)
LOG_COLUMNS: dict[LogKind, tuple[str, ...]] = {
    log: tuple(c.name for c in columns) for log, columns in LOGS.items()
}
LOG_NAMES: dict[LogKind, str] = {
    "cases": "case log",
    "contacts": "contacts log",
    "ombudsman": "Ombudsman recommendations log",
}
PERSONAL: frozenset[str] = frozenset(c.name for c in BY_NAME.values() if c.personal)
REQUIRED: dict[LogKind, tuple[str, ...]] = {
    log: tuple(c.name for c in columns if c.required) for log, columns in LOGS.items()
}


def _of_kind(*kinds: str) -> frozenset[str]:
    return frozenset(c.name for c in BY_NAME.values() if c.kind in kinds)


DATES: frozenset[str] = _of_kind("date")
AMOUNTS: frozenset[str] = _of_kind("amount")
YES_NO_COLUMNS: frozenset[str] = _of_kind("yes_no")
MULTILINE: frozenset[str] = _of_kind("free_text", "address")
"""Free-text columns whose cells may hold line breaks (every other text is one line)."""
FIXED: dict[str, tuple[str, ...]] = {c.name: c.choices for c in BY_NAME.values() if c.choices}
DATABASE_LISTS: dict[str, str] = {
    c.name: c.vocabulary for c in BY_NAME.values() if c.kind == "names"
}
"""List columns whose names come from an editable vocabulary (column -> vocabulary kind)."""
DATABASE_SINGLE: dict[str, str] = {
    c.name: c.vocabulary for c in BY_NAME.values() if c.kind == "name"
}

DATE_FORMS = "YYYY-MM-DD or DD/MM/YYYY (day first)"
FIRST_YEAR = 1900
"""Dates before this year are refused (a typing slip: 0024 for 2024, 1/1/1 for blank)."""
MAX_PENCE = 10_000_000 * 100
"""The largest amount accepted, £10,000,000, in pence."""
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_UK = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_AMOUNT = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$|^\.\d+$")
_ADDRESS_LINES = re.compile(r"[;\r\n]+")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_RISKY = frozenset("=+-@\t\r'")
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f\x85\u2028\u2029]")
"""What a one-line cell must not hold: NUL, line breaks and other control characters."""
_CONTROL_MULTILINE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
"""What a free-text cell must not hold (line breaks are allowed)."""
_LINE_BREAKS = frozenset("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")


def normalise_header(name: str) -> str:
    """A header cell as matched: lower case, surrounding spaces (and a BOM) removed."""
    return name.replace("\ufeff", "").strip().casefold()


def suggest(name: str, known: tuple[str, ...]) -> str:
    """The known column name closest to ``name`` (difflib), always one."""
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.0)
    return close[0] if close else known[0]


def unescape(text: str) -> str:
    """Undo the export's formula guard: drop one ``'`` before ``=``, ``+``, ``-``, ``@``, …"""
    if text.startswith("'") and text.lstrip("'").startswith(_FORMULA_START):
        return text[1:]
    return text


def escape(text: str) -> str:
    """Prefix ``'`` so no spreadsheet runs the cell as a formula (``unescape`` reverses it)."""
    if text and text[0] in _RISKY and text.lstrip("'").startswith(_FORMULA_START):
        return "'" + text
    return text


def as_text(cell: Cell) -> str:
    """A cell as stripped text (numbers from XLSX without a spurious ``.0``)."""
    if isinstance(cell, str):
        return unescape(cell.strip()).strip() if cell.startswith("'") else cell.strip()
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, datetime):
        return cell.date().isoformat() if cell.time() == datetime.min.time() else str(cell)
    return str(cell)


@lru_cache(maxsize=65536)
def parse_date(text: str) -> date | None:
    """``YYYY-MM-DD`` or ``DD/MM/YYYY`` to a date; None when it is neither (or impossible)."""
    found = _ISO.match(text)
    try:
        if found:
            return date(int(found[1]), int(found[2]), int(found[3]))
        found = _UK.match(text)
        if found:
            return date(int(found[3]), int(found[2]), int(found[1]))
    except ValueError:
        return None
    return None


def parse_amount(cell: Cell) -> tuple[int | None, str]:
    """An amount in whole pence (None when blank), or a problem in words.

    A spreadsheet's number is checked as typed text is: at most two decimal places (read
    to the 15 significant digits a spreadsheet keeps, so 1200.5000000000002, a sum's
    rounding error, is 1200.50), not negative, at most £10,000,000.
    """
    if isinstance(cell, Unreadable):
        return None, cell.what
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        if isinstance(cell, float) and not math.isfinite(cell):
            return None, f"'{cell}' is not an amount of money"
        shown = f"{cell:.15g}" if isinstance(cell, float) else str(cell)
        if cell < 0:
            return None, f"{shown} is negative; an amount cannot be below 0"
        pounds = Decimal(shown)
        return _pence(pounds, shown)
    text = as_text(cell)
    if not text:
        return None, ""
    bare = text.replace(" ", "")
    negative = bare.startswith(("-", "£-"))
    bare = bare.lstrip("-").removeprefix("£").lstrip("-")
    if not _AMOUNT.match(bare):
        return (
            None,
            f"'{text}' is not an amount of money (write e.g. 1200.50, 1,200.50 or £1,200.50)",
        )
    if negative:
        return None, f"'{text}' is negative; an amount cannot be below 0"
    try:
        pounds = Decimal(bare.replace(",", ""))
    except InvalidOperation:
        return None, f"'{text}' is not an amount of money"
    return _pence(pounds, f"'{text}'")


def _pence(pounds: Decimal, shown: str) -> tuple[int | None, str]:
    if pounds * 100 > MAX_PENCE:
        return None, f"{shown} is more than £10,000,000; check the amount"
    if pounds != pounds.quantize(Decimal("0.01")):
        return None, f"{shown} has more than two decimal places"
    return int(pounds * 100), ""


Parser = Callable[[Cell], tuple[object, str]]
"""Turns one non-blank cell into (typed value, problem in words or "")."""


def blank_value(column: str) -> object:
    """What a blank cell of ``column`` means: None, "" or an empty list."""
    if column in DATES or column in AMOUNTS or column in YES_NO_COLUMNS:
        return None
    return [] if column in DATABASE_LISTS else ""


def repeats(column: str) -> bool:
    """True for columns whose cells repeat from row to row (worth remembering parsed)."""
    return (
        column in DATES
        or column in AMOUNTS
        or column in YES_NO_COLUMNS
        or column in FIXED
        or column in DATABASE_LISTS
        or column in DATABASE_SINGLE
    )


@lru_cache(maxsize=128)
def parser_for(column: str) -> Parser:
    """The parser of a known column's non-blank cells."""
    if column in DATES:
        return _date_cell
    if column in AMOUNTS:
        return parse_amount
    if column in YES_NO_COLUMNS:
        return _yes_no_cell
    if column in FIXED:
        return _fixed_parser(column, FIXED[column])
    if column in DATABASE_LISTS:
        return _list_cell
    if BY_NAME[column].kind == "address":
        return _address_cell
    if column in MULTILINE:
        return _free_text_cell
    return _text_cell


def control_problem(text: str, multiline: bool = False) -> str:
    """What is wrong with the characters of ``text`` ("" when nothing).

    NUL and other control characters are refused everywhere, line breaks unless
    ``multiline`` (a reference, a name or a list of names is one line).
    """
    if text.isprintable():  # the common case, at C speed
        return ""
    found = (_CONTROL_MULTILINE if multiline else _CONTROL).search(text)
    if found is None:
        return ""
    char = found[0]
    if char == "\x00":
        return "holds a NUL character (is the file damaged?)"
    if char in _LINE_BREAKS:
        return "holds a line break; this column takes one line (for a list, separate with ;)"
    return f"holds a control character (U+{ord(char):04X})"


def _text_cell(cell: Cell) -> tuple[object, str]:
    text = cell.strip() if cell.__class__ is str and not cell.startswith("'") else as_text(cell)
    return text, control_problem(text)


def _free_text_cell(cell: Cell) -> tuple[object, str]:
    text = as_text(cell)
    return text, control_problem(text, multiline=True)


def _list_cell(cell: Cell) -> tuple[object, str]:
    text = as_text(cell)
    return split_list(text), control_problem(text)


def _date_cell(cell: Cell) -> tuple[object, str]:
    if isinstance(cell, datetime):
        cell = cell.date()
    if isinstance(cell, date):
        return _from_1900(cell, cell.isoformat())
    text = as_text(cell)
    if not text:
        return None, ""
    if isinstance(cell, int | float):
        return None, f"{text} is a number, not a date; write {DATE_FORMS}"
    parsed = parse_date(text)
    if parsed is None:
        return None, f"'{text}' is not a date; write {DATE_FORMS}"
    return _from_1900(parsed, text)


def _from_1900(day: date, text: str) -> tuple[date | None, str]:
    if day.year < FIRST_YEAR:
        return None, f"'{text}' is before {FIRST_YEAR}; check the year"
    return day, ""


def _yes_no_cell(cell: Cell) -> tuple[object, str]:
    text = as_text(cell)
    answer = text.casefold()
    if not answer:
        return None, ""
    if answer in ("yes", "y", "true"):
        return True, ""
    if answer in ("no", "n", "false"):
        return False, ""
    return None, f"'{text}' should be yes or no"


def _fixed_parser(column: str, choices: tuple[str, ...]) -> Parser:
    seen: dict[Cell, tuple[object, str]] = {}

    def parse(cell: Cell) -> tuple[object, str]:
        found = seen.get(cell)
        if found is None:
            text = as_text(cell)
            spelled = match_choice(text, choices) if text else ""
            if spelled is None:
                found = ("", f"'{text}' is not one of: {', '.join(choices)}")
            else:
                found = (spelled, "")
            if len(seen) < 1000:
                seen[cell] = found
        return found

    return parse


def _address_cell(cell: Cell) -> tuple[object, str]:
    text = as_text(cell)
    problem = control_problem(text, multiline=True)
    if ";" not in text and "\n" not in text and "\r" not in text:
        return text, problem  # one line (already stripped)
    lines = [part.strip() for part in _ADDRESS_LINES.split(text)]
    return "\n".join(line for line in lines if line), problem


def match_choice(text: str, choices: tuple[str, ...]) -> str | None:
    """The choice spelled as the vocabulary spells it, matched ignoring case and spaces."""
    wanted = " ".join(text.split()).casefold()
    return _choices(choices).get(wanted)


@lru_cache(maxsize=64)
def _choices(choices: tuple[str, ...]) -> dict[str, str]:
    return {c.casefold(): c for c in choices}


def split_list(text: str) -> list[str]:
    """``a; b;c`` -> ``["a", "b", "c"]`` (spaces tidied, blanks and repeats dropped)."""
    out: list[str] = []
    seen: set[str] = set()
    for part in text.split(";"):
        clean = " ".join(part.split())
        if clean and clean.casefold() not in seen:
            seen.add(clean.casefold())
            out.append(clean)
    return out
