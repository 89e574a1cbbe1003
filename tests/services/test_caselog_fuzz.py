"""Property-based tests (hypothesis): whatever a case log holds, reading and parsing it
either gives typed values within bounds or refuses it in words; never anything else."""

from __future__ import annotations

import io
import math
import tempfile
import zipfile
from datetime import date, datetime, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from complaints_desktop.domain.errors import ValidationFailed
from complaints_desktop.services import caselog
from complaints_desktop.services.caselog.parse import (
    AMOUNTS,
    CASE_COLUMNS,
    DATABASE_LISTS,
    DATES,
    FIRST_YEAR,
    MAX_PENCE,
    MULTILINE,
)
from complaints_desktop.services.caselog.read import read_table
from complaints_desktop.services.caselog.table import MAX_CELL, Cell, Unreadable
from complaints_desktop.services.caselog.validate import RowParser, match_header
from complaints_desktop.services.caselog.xlsx import read_xlsx
from complaints_desktop.services.env import Env
from complaints_desktop.storage import tables
from tests.services.bad_logs import COLUMNS, GOOD, HEADER, good_rows_xml, workbook

FAST = settings(
    max_examples=60,
    deadline=timedelta(seconds=2),
    suppress_health_check=[HealthCheck.too_slow],
)
TEXT = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30
) | st.sampled_from(["", " ", "2024-02-30", "31/12/1899", "£1,200.505", "NaN", "1e400"])
CELL: st.SearchStrategy[Cell] = st.one_of(
    TEXT,
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(),
    st.datetimes(),
    st.builds(Unreadable, st.text(min_size=1, max_size=10)),
)
ONE_LINE = frozenset("\x00\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")


@FAST
@given(st.lists(CELL, max_size=len(CASE_COLUMNS) + 3))
def test_any_row_gives_values_within_bounds_or_problems(cells: list[Cell]) -> None:
    columns, _ = match_header(list(CASE_COLUMNS), "cases")
    values, problems = RowParser(columns, "cases")(cells)
    assert all(isinstance(c, str) and isinstance(what, str) and what for c, what in problems)
    bad = {c for c, _ in problems}
    for column, value in values.items():
        if column in bad:
            continue
        if column in AMOUNTS:
            assert value is None or (isinstance(value, int) and 0 <= value <= MAX_PENCE)
        elif column in DATES:
            assert value is None or (isinstance(value, date) and value.year >= FIRST_YEAR)
        elif column in DATABASE_LISTS:
            assert all(isinstance(n, str) and n and not ONE_LINE & set(n) for n in value)
        elif isinstance(value, str):
            assert "\x00" not in value
            if column not in MULTILINE:
                assert not ONE_LINE & set(value), (column, value)


def _read_all(path: Path) -> list[tuple[int, list[Cell]]] | None:
    """Every row of the file at ``path``, parsed; None when it is refused in words."""
    problems: list[str] = []
    try:
        table = read_table(path)
        columns, header_problems = match_header(table.header, "cases")
        rows = list(table.rows)
        if not header_problems:
            parse = RowParser(columns, "cases")
            for _, cells in rows:
                parse(cells)
        return rows
    except ValidationFailed as refused:
        problems = refused.problems
    assert problems
    assert all(isinstance(p, str) and p for p in problems)
    return None


@FAST
@given(
    st.lists(
        st.lists(st.text(alphabet=',"\r\n;a1-/£.\x00 \t', max_size=12), max_size=6), max_size=5
    ),
    st.sampled_from(["\r\n", "\n", ""]),
)
def test_any_csv_is_read_or_refused_in_words(rows: list[list[str]], end: str) -> None:
    text = "\r\n".join([HEADER, GOOD, *(",".join(r) for r in rows)]) + end
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "log.csv"
        path.write_text(text, encoding="utf-8")
        read = _read_all(path)
    assert read is None or all(number >= 2 for number, _ in read)


@FAST
@given(st.binary(max_size=200), st.sampled_from([".csv", ".xlsx"]))
def test_any_bytes_are_read_or_refused_in_words(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"log{suffix}"
        path.write_bytes(data)
        _read_all(path)


def _cell(kind: str, value: str, reference: str) -> str:
    """A ``<c>`` of any kind holding ``value`` (numbers carry the date style)."""
    if kind == "inlineStr":
        return f'<c{reference} t="inlineStr"><is><t>{value}</t></is></c>'
    style = ' s="1"' if kind == "n" else ""
    return f'<c{reference} t="{kind}"{style}><v>{value}</v></c>'


XLSX_CELL = st.builds(
    _cell,
    st.sampled_from(["n", "s", "b", "d", "e", "str", "inlineStr", "x"]),
    st.one_of(
        st.text(alphabet="0123456789.-+eE", max_size=12),
        st.sampled_from(["NaN", "INF", "1E+400", "2024-02-30", "2024-02-28", "#N/A", "0", "7"]),
        st.text(alphabet=st.characters(codec="ascii", exclude_characters="<&"), max_size=8),
    ),
    st.sampled_from(["", ' r="A4"', ' r="Q4"', ' r="A0"', ' r="ZZZ4"', ' r="B2"', ' r="XFD4"']),
)


def _read_sheet(data: bytes) -> list[tuple[int, list[Cell]]] | None:
    """Every row of the workbook ``data``; None when it is refused in words."""
    problems: list[str] = []
    try:
        return list(read_xlsx(data, "x.xlsx").rows)
    except ValidationFailed as refused:
        problems = refused.problems
    assert problems
    return None


@FAST
@given(st.lists(XLSX_CELL, max_size=8))
def test_any_sheet_cells_are_read_or_refused_in_words(cells: list[str]) -> None:
    rows = good_rows_xml() + f'<row r="4">{"".join(cells)}</row>'
    for _, values in _read_sheet(workbook(rows, strings=["a", "b"])) or []:
        for value in values:
            assert isinstance(value, str | int | float | date | datetime | Unreadable)
            assert not isinstance(value, float) or math.isfinite(value)
            assert not isinstance(value, str) or len(value) <= MAX_CELL


@settings(max_examples=40, deadline=timedelta(seconds=2))
@given(st.data())
def test_a_damaged_workbook_is_read_or_refused_in_words(data: st.DataObject) -> None:
    good = workbook(good_rows_xml(), strings=["a"])
    with zipfile.ZipFile(io.BytesIO(good)) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml")
    at = data.draw(st.integers(min_value=0, max_value=len(sheet) - 1))
    cut = data.draw(st.integers(min_value=0, max_value=20))
    junk = data.draw(st.binary(max_size=20))
    broken = sheet[:at] + junk + sheet[at + cut :]
    _read_sheet(workbook("", sheet=broken.decode("utf-8", "replace")))


@settings(
    max_examples=25,
    deadline=timedelta(seconds=5),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.lists(st.sampled_from(COLUMNS), max_size=3), st.lists(CELL, min_size=1, max_size=3))
def test_an_import_either_succeeds_or_changes_nothing(
    env: Env, columns: list[str], cells: list[Cell]
) -> None:
    """End to end on a database: a bad row is refused in words and nothing is written."""
    row = GOOD.split(",")
    for column, cell in zip(columns, cells, strict=False):
        text = str(cell.what if isinstance(cell, Unreadable) else cell)
        row[COLUMNS.index(column)] = '"' + text.replace('"', '""') + '"'
    row[0] = f"FUZZ/{abs(hash(tuple(row))) % 10**9}"
    with env.uow() as session:
        before = session.execute(select(func.count()).select_from(tables.Complaint)).scalar_one()
    problems: list[str] = []
    created = 0
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "log.csv"
        path.write_text(f"{HEADER}\r\n{','.join(row)}\r\n", encoding="utf-8")
        try:
            created = caselog.import_file(env, path, create_missing=True).created
        except ValidationFailed as refused:
            problems = refused.problems
    assert created == 1 or problems
    with env.uow() as session:
        after = session.execute(select(func.count()).select_from(tables.Complaint)).scalar_one()
    assert after == before + created
