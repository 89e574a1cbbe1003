"""The report's tables as data: which tables suppress, totals, stages per procedure."""

from __future__ import annotations

import copy
import json
from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from complaints_desktop.domain.suppression import SUPPRESSED
from complaints_desktop.reports.annual.every_table import all_tables
from complaints_desktop.reports.annual.model import OmbudsmanRow, ReportData
from complaints_desktop.reports.annual.tables import (
    audit,
    counted_list,
    period_label,
)
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


def test_a_lone_small_count_withholds_the_breakdown() -> None:
    # Its total (3) is printed elsewhere, so a lone c could be worked out: no table.
    spec = counted_list("k", "t", "Team", {"Fostering": 3, "Adoption": 0}, 5, protect=True)
    assert spec.rows == ()
    assert "Not shown" in spec.withheld


def test_two_small_counts_whose_remainder_is_two_take_a_third() -> None:
    # 1 + 1 = 2 would give both away; the 9 goes too.
    spec = counted_list("k", "t", "Team", {"A": 1, "B": 1, "C": 9, "D": 20}, 5, protect=True)
    assert spec.rows == (("A", "c"), ("B", "c"), ("C", "c"), ("D", 20), ("Total", 31))
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
    rows = all_tables(custom, 5)["statutory.timeliness"].rows
    assert rows[0][0] == "Stage 1 (local resolution): within 15 / 16-25 / over 25"
    assert rows[2][0] == "Stage 3 (review panel): within 50 / over 50"
    assert rows[2][3] is None  # no band between the limits when there is no extension


def test_compliance_lists_decisions_with_remedies_or_upheld(data: ReportData) -> None:
    rows = (
        OmbudsmanRow("A", date(2022, 5, 1), "upheld"),
        OmbudsmanRow("B", date(2022, 6, 1), "not upheld"),
        OmbudsmanRow("C", date(2022, 7, 1), "closed after initial enquiries", "Apology"),
    )
    internal = all_tables(replace(data, ombudsman=rows), 0)["compliance"]
    assert [r[0] for r in internal.rows] == ["A", "C"]
    assert internal.row("A")[3] == "None recommended"
    published = all_tables(replace(data, ombudsman=rows), 5)["compliance"]
    assert published.headers[0] == "Decided"
    assert [r[0] for r in published.rows] == [date(2022, 5, 1), date(2022, 7, 1)]


def test_previous_year_unknown_prints_no_change(data: ReportData) -> None:
    row = all_tables(replace(data, previous=None), 5)["statutory.received"].rows[0]
    assert row == ("Representations received", 26, "not recorded", None)


def test_period_labels() -> None:
    assert period_label(date(2022, 4, 1), date(2023, 3, 31)) == "2022/23"
    assert period_label(date(2022, 4, 1), date(2022, 6, 30)) == "1 April 2022 to 30 June 2022"


def test_merton_passes_the_audit(data: ReportData) -> None:
    for threshold in (0, 3, 5, 10):
        assert audit(all_tables(data, threshold).values()) == []


def test_a_team_column_that_would_give_a_c_away_is_left_out(data: ReportData) -> None:
    stats = copy.deepcopy(dict(data.stats))
    stats["statutory"]["stages"]["stage3"]["started"] = 1
    stats["statutory"]["by_team"] = {
        "Fostering": {"stage1": 9, "stage2": 3, "stage3": 1, "stage1_upheld_or_partly": 2},
        "Adoption": {"stage1": 24, "stage2": 0, "stage3": 0, "stage1_upheld_or_partly": 0},
    }
    spec = all_tables(replace(data, stats=stats), 5)["statutory.teams"]
    assert "Stage 3" not in spec.headers
    assert "Not shown (Stage 3)" in spec.note
    assert spec.row("Adoption")[1] == 24  # rows add up to nothing: no secondary along them
    assert spec.row("Fostering")[2] == SUPPRESSED
    assert audit([spec]) == []


def test_a_tampered_table_fails_the_audit(data: ReportData) -> None:
    spec = all_tables(data, 5)["statutory.relationship"]
    shown = tuple(
        (label, 1 if value == SUPPRESSED and label == "child or young person" else value)
        for label, value in spec.rows
    )
    assert audit([replace(spec, rows=shown)]) != []


small = st.integers(0, 7)


@settings(max_examples=60, deadline=None)
@given(
    relationship=st.lists(small, min_size=7, max_size=7),
    teams=st.lists(st.tuples(small, small, small, small), max_size=5),
    started=st.tuples(small, small, small),
    compliments=st.lists(st.integers(1, 6), max_size=4),
    threshold=st.integers(0, 6),
)
def test_generated_years_pass_the_audit(
    data: ReportData,
    relationship: list[int],
    teams: list[tuple[int, int, int, int]],
    started: tuple[int, int, int],
    compliments: list[int],
    threshold: int,
) -> None:
    stats = copy.deepcopy(dict(data.stats))
    block = stats["statutory"]
    labels = list(block["by_relationship"])
    block["by_relationship"] = dict(zip(labels, relationship, strict=False))
    received = sum(block["by_relationship"].values())
    block["received"] = received
    for field, counts in block["equality"].items():
        names = list(counts)
        block["equality"][field] = {n: 0 for n in names}
        block["equality"][field][names[0]] = received
    by_team = {}
    for i, (s1, s2, s3, up) in enumerate(teams):
        by_team[f"Team {i}"] = {
            "stage1": s1 + up,
            "stage2": s2,
            "stage3": s3,
            "stage1_upheld_or_partly": up,
        }
    for n, base in zip((1, 2, 3), started, strict=True):
        column = [t[f"stage{n}"] for t in by_team.values()]
        block["stages"][f"stage{n}"]["started"] = max([base, *column])
    ups = [t["stage1_upheld_or_partly"] for t in by_team.values()]
    outcomes = block["stages"]["stage1"]["outcomes"]
    outcomes["upheld"], outcomes["partially upheld"] = max([0, *ups]), 0
    block["by_team"] = by_team
    stats["contacts"]["compliment"] = {
        "total": max([0, *compliments]) + 1,
        "by_team": {f"Team {i}": n for i, n in enumerate(compliments)},
    }
    tables = all_tables(replace(data, stats=stats), threshold)
    assert audit(tables.values()) == []
    for spec in tables.values():
        if threshold <= 1:
            assert not spec.withheld
            assert all(cell != SUPPRESSED for row in spec.rows for cell in row)


def test_previous_year_columns_come_from_last_years_statistics(data: ReportData) -> None:
    last = copy.deepcopy(dict(data.stats))
    stage1 = last["statutory"]["stages"]["stage1"]
    stage1["started"], stage1["completed"] = 40, 20
    stage1["outcomes"].update({"upheld": 4, "partially upheld": 6})
    stage1["timeliness"]["late"] = 5
    last["statutory"]["by_type"] = {"Attitude or behaviour of staff": {"cases": 12}}
    tables = all_tables(replace(data, previous={"statutory": 31}, previous_stats=last), 5)
    assert tables["statutory.stages"].rows[0][-1] == 40
    assert tables["statutory.outcomes"].rows[0][-1] == 50.0
    assert tables["statutory.timeliness"].rows[0][-1] == 75.0
    # Types: last year's cases of each type this year lists; a type missing then had none.
    types = {row[0]: row[-1] for row in tables["statutory.types"].rows}
    assert tables["statutory.types"].headers[-1] == "Cases the year before"
    assert types["Attitude or behaviour of staff"] == 12
    assert set(types.values()) == {12, 0}
    unknown = all_tables(replace(data, previous={}, previous_stats=None), 5)
    assert {row[-1] for row in unknown["statutory.types"].rows} == {"not recorded"}
    assert unknown["statutory.stages"].rows[0][-1] == "not recorded"
    assert unknown["statutory.received"].rows[0][2] == "not recorded"
