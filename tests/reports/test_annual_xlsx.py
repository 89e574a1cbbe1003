"""The report's spreadsheet: one sheet per table, real numbers, the same suppression as the PDF."""

from __future__ import annotations

import io
import json
from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from complaints_desktop.reports.annual.every_table import all_tables
from complaints_desktop.reports.annual.model import ReportData
from complaints_desktop.reports.annual.xlsx import build_xlsx, safe_text
from tests.conftest import MERTON


@pytest.fixture(scope="module")
def stats() -> dict[str, Any]:
    return json.loads((MERTON / "expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def data(stats: dict[str, Any]) -> ReportData:
    return ReportData(
        stats=stats,
        council="London Borough of Merton",
        start=date(2022, 4, 1),
        end=date(2023, 3, 31),
        generated=date(2023, 10, 2),
    )


def _book(data: ReportData, threshold: int) -> Any:
    content = build_xlsx(all_tables(data, threshold).values(), title="Merton 2022/23")
    return load_workbook(io.BytesIO(content))


def rows_of(sheet: Worksheet) -> dict[str, list[Any]]:
    """First-column label -> the rest of the row, for every row below the headings."""
    out: dict[str, list[Any]] = {}
    for row in sheet.iter_rows(min_row=4, values_only=True):
        if row and isinstance(row[0], str):
            out.setdefault(row[0], list(row[1:]))
    return out


def test_one_sheet_per_table_with_headings(data: ReportData) -> None:
    book = _book(data, 5)
    names = book.sheetnames
    assert len(names) == len(all_tables(data, 5)) == len(set(names))
    assert all(len(n) <= 31 for n in names)
    sheet = book["S stages"]
    assert sheet["A1"].value.startswith("Statutory (Children Act 1989): complaints at each stage")
    assert [c.value for c in sheet[3]] == [
        "Stage",
        "Open at the start",
        "Started",
        "Completed",
        "Withdrawn",
        "Open at the end",
        "Started the year before",
    ]


def test_unsuppressed_sheets_hold_the_json_numbers(data: ReportData, stats: dict[str, Any]) -> None:
    book = _book(data, 0)
    s = stats["statutory"]
    stages = rows_of(book["S stages"])
    assert stages["Stage 1 (local resolution)"] == [0, 23, 23, 0, 0, "not recorded"]
    assert stages["Stage 2 (independent investigation)"] == [1, 7, 8, 0, 0, "not recorded"]
    outcomes = rows_of(book["S outcomes"])
    assert outcomes["Stage 3 (review panel)"] == [3, 0, 0, 0, 3, 100, "not recorded"]
    timeliness = rows_of(book["S timeliness"])
    stage2 = "Stage 2 (independent investigation): within 25 / 26-65 / over 65"
    assert timeliness[stage2] == [8, 0, 0, 8, 8, 0.0, 82.4, None, "not recorded"]
    for field, sheet in (
        ("age_band", "S age band"),
        ("gender", "S gender"),
        ("ethnicity", "S ethnicity"),
        ("disability", "S disability"),
        ("sexual_orientation", "S sexual orientation"),
    ):
        got = rows_of(book[sheet])
        assert {k: got[k][0] for k in s["equality"][field]} == s["equality"][field]
    relationship = rows_of(book["S relationship"])
    assert {k: relationship[k][0] for k in s["by_relationship"]} == s["by_relationship"]
    types = rows_of(book["S types"])
    assert {k: types[k][:3] for k in s["by_type"]} == {
        k: [v["cases"], v["upheld_or_partly"], v["not_upheld"]] for k, v in s["by_type"].items()
    }
    teams = rows_of(book["S teams"])
    assert teams["Safeguarding and Care Planning"] == [9, 4, 2, 5]
    lgsco = rows_of(book["Ombudsman"])
    assert lgsco["Decided: closed after initial enquiries"] == [4]
    assert "Total" not in rows_of(book["Compliments by team"])
    costs = rows_of(book["Costs"])
    assert costs["Payments recommended by the Ombudsman"] == [500.0]
    assert rows_of(book["S trend"])["2022/23"] == [26]


def test_suppressed_cells_hold_c_as_in_the_pdf(data: ReportData) -> None:
    book = _book(data, 5)
    ethnicity = rows_of(book["S ethnicity"])
    assert ethnicity["Asian or Asian British"] == ["c"]
    assert ethnicity["White"] == [7]
    assert ethnicity["Total"] == [26]
    assert rows_of(book["S teams"])["Access to resources & CWD"] == ["c", 0, 0, "c"]
    compliments = rows_of(book["Compliments by team"])
    assert compliments["MASH & Child Protection"] == ["c"]
    # a compliment can name several teams: the rows add up to nothing, so the 5 stays
    assert compliments["Access to resources & CWD"] == [5]
    assert any(
        isinstance(r[0], str) and r[0].startswith("c = a count from 1 to 4")
        for r in book["S ethnicity"].iter_rows(values_only=True)
    )
    # Channels are not a personal characteristic: small counts stay.
    assert rows_of(book["S channel"])["letter"] == [5]


def test_text_that_looks_like_a_formula_is_neutralised(data: ReportData) -> None:
    stats = json.loads(json.dumps(data.stats))
    stats["statutory"]["by_type"] = {
        '=HYPERLINK("http://x")': {"cases": 7, "upheld_or_partly": 1, "not_upheld": 6},
        "+1": {"cases": 6, "upheld_or_partly": 0, "not_upheld": 6},
        "@SUM(A1)": {"cases": 5, "upheld_or_partly": 0, "not_upheld": 5},
        "-2": {"cases": 4, "upheld_or_partly": 0, "not_upheld": 4},
    }
    book = _book(replace(data, stats=stats), 5)
    sheet = book["S types"]
    labels = [sheet.cell(row=r, column=1) for r in range(4, 8)]
    assert [c.value for c in labels] == ['\'=HYPERLINK("http://x")', "'+1", "'@SUM(A1)", "'-2"]
    assert all(c.data_type == "s" for c in labels)
    assert sheet.cell(row=4, column=2).value == 7


def test_safe_text_leaves_ordinary_text_alone() -> None:
    assert safe_text("Attitude or behaviour of staff") == "Attitude or behaviour of staff"
    assert safe_text("=1+1") == "'=1+1"
