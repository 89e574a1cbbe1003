"""The report's tables as data: which tables suppress, totals, stages per procedure."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from complaints_desktop.reports.annual.model import OmbudsmanRow, ReportData
from complaints_desktop.reports.annual.tables import all_tables, counted_list, period_label
from tests.conftest import MERTON


@pytest.fixture(scope="module")
def data() -> ReportData:
    stats: dict[str, Any] = json.loads((MERTON / "expected.json").read_text(encoding="utf-8"))
    return ReportData(
        stats=stats,
        council="Anytown",
        start=date(2022, 4, 1),
        end=date(2023, 3, 31),
        generated=date(2023, 5, 1),
    )


def test_a_lone_small_count_hides_the_total_too() -> None:
    spec = counted_list("k", "t", "Team", {"Fostering": 3, "Adoption": 0}, 5, protect=True)
    assert spec.rows == (("Fostering", "c"), ("Adoption", 0), ("Total", "c"))
    assert spec.suppressed
    assert "1 to 4" in spec.note


def test_unprotected_lists_keep_small_counts() -> None:
    spec = counted_list("k", "t", "Channel", {"email": 3, "letter": 9}, 5, protect=False)
    assert spec.rows == (("email", 3), ("letter", 9), ("Total", 12))
    assert not spec.suppressed
    assert spec.note == ""


def test_corporate_tables_have_two_stages(data: ReportData) -> None:
    tables = all_tables(data, 5)
    assert [r[0] for r in tables["corporate.stages"].rows] == ["Stage 1", "Stage 2"]
    assert tables["corporate.teams"].headers == (
        "Team",
        "Stage 1",
        "Stage 2",
        "Stage 1 upheld or partially upheld",
    )
    assert len(tables["statutory.stages"].rows) == 3


def test_limits_from_settings_head_the_timeliness_rows(data: ReportData) -> None:
    custom = replace(data, limits={"statutory": ((15, 25), (25, 65), (50, 50))})
    row = all_tables(custom, 5)["statutory.timeliness"].row("Stage 1 (local resolution)")
    assert row[1] == "15 / 25"


def test_compliance_lists_decisions_with_remedies_or_upheld(data: ReportData) -> None:
    rows = (
        OmbudsmanRow("A", date(2022, 5, 1), "upheld"),
        OmbudsmanRow("B", date(2022, 6, 1), "not upheld"),
        OmbudsmanRow("C", date(2022, 7, 1), "closed after initial enquiries", "Apology"),
    )
    spec = all_tables(replace(data, ombudsman=rows), 5)["compliance"]
    assert [r[0] for r in spec.rows] == ["A", "C"]
    assert spec.row("A")[3] == "None recommended"


def test_previous_year_unknown_prints_no_change(data: ReportData) -> None:
    row = all_tables(replace(data, previous=None), 5)["statutory.received"].rows[0]
    assert row == ("Representations received", 26, None, None)


def test_period_labels() -> None:
    assert period_label(date(2022, 4, 1), date(2023, 3, 31)) == "2022/23"
    assert period_label(date(2022, 4, 1), date(2022, 6, 30)) == "1 April 2022 to 30 June 2022"
