"""The theme tables: upheld themes per procedure, contacts by kind and lead team,
compliments by theme — their figures, and the report's own suppression audit on them."""

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
from complaints_desktop.domain.views import UpheldThemes
from complaints_desktop.reports.annual.every_table import all_tables
from complaints_desktop.reports.annual.model import ReportData
from complaints_desktop.reports.annual.tables import audit
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


def _themes(by_theme: dict[str, tuple[int, int]], complaints: int) -> UpheldThemes:
    return UpheldThemes(
        by_theme=by_theme, elements=sum(e for e, _ in by_theme.values()), complaints=complaints
    )


def test_upheld_themes_count_elements_and_complaints_as_a_share_of_upheld(
    data: ReportData,
) -> None:
    themes = _themes(
        {"Communication": (14, 12), "Delay": (9, 8), "": (6, 5), "Other": (1, 1)}, complaints=21
    )
    tables = all_tables(replace(data, upheld_themes={"statutory": themes}), 5)
    spec = tables["statutory.upheld_themes"]
    assert spec.headers == ("Theme", "Upheld elements", "Complaints", "Of upheld complaints (%)")
    assert spec.row("Communication") == ("Communication", 14, 12, 57.1)
    assert spec.row("Upheld in all (any theme)") == ("Upheld in all (any theme)", 30, 21, 100.0)
    # "Other" (1) is hidden, and so is the next smallest so that it cannot be worked out
    # from the elements' total; a theme not recorded is listed last.
    assert spec.row("Other")[1:] == (SUPPRESSED,) * 3
    assert spec.rows[-2][0] == "Theme not recorded"
    assert sum(1 for row in spec.rows if row[1] == SUPPRESSED) == 2
    assert audit(tables.values()) == []
    # With suppression off every count is printed; a procedure with none has no rows.
    plain = all_tables(replace(data, upheld_themes={"statutory": themes}), 0)
    assert plain["statutory.upheld_themes"].row("Other") == ("Other", 1, 1, 4.8)
    assert plain["corporate.upheld_themes"].rows == ()


def test_a_single_upheld_complaint_withholds_its_themes(data: ReportData) -> None:
    themes = _themes({"Communication": (2, 1)}, complaints=1)
    spec = all_tables(replace(data, upheld_themes={"corporate": themes}), 5)[
        "corporate.upheld_themes"
    ]
    assert spec.rows == ()
    assert spec.withheld


def test_contacts_by_kind_and_lead_team_with_both_totals(data: ReportData) -> None:
    teams = {
        "compliment": {"Fostering": 12, "Early Help": 9, "": 2},
        "mp enquiry": {"Fostering": 6, "Early Help": 7, "": 3},
    }
    plain = all_tables(replace(data, contact_teams=teams), 0)["contacts_by_team"]
    assert plain.headers == ("Lead team", "Compliments", "MP enquiries", "Total")
    assert plain.rows == (
        ("Fostering", 12, 6, 18),
        ("Early Help", 9, 7, 16),
        ("No team named", 2, 3, 5),
        ("Total", 23, 16, 39),
    )
    tables = all_tables(replace(data, contact_teams=teams), 5)
    spec = tables["contacts_by_team"]
    # Both small counts hidden, and one more pair so that neither can be worked out from
    # its column's total; every total still printed.
    assert spec.row("No team named") == ("No team named", SUPPRESSED, SUPPRESSED, 5)
    assert sum(row[1:3].count(SUPPRESSED) for row in spec.rows) == 4
    assert spec.row("Total") == ("Total", 23, 16, 39)
    assert audit(tables.values()) == []
    # A lone small count in its row and column cannot be protected: the table is withheld.
    alone = {"compliment": {"Fostering": 12, "": 2}, "query": {"Fostering": 6}}
    withheld = all_tables(replace(data, contact_teams=alone), 5)["contacts_by_team"]
    assert withheld.rows == ()
    assert withheld.withheld


def test_the_old_way_a_lone_c_in_a_kind_by_team_table_fails_the_audit(data: ReportData) -> None:
    teams = {
        "compliment": {"Fostering": 12, "Adoption": 3},
        "query": {"Fostering": 6, "Adoption": 7},
    }
    tables = all_tables(replace(data, contact_teams=teams), 5)
    spec = tables["contacts_by_team"]
    assert spec.row("Adoption")[1] == SUPPRESSED
    assert spec.row("Adoption")[2] == SUPPRESSED  # its row total would give it away
    leaky = replace(
        spec,
        rows=tuple(r if r[0] != "Adoption" else ("Adoption", SUPPRESSED, 7, 10) for r in spec.rows),
    )
    [problem] = audit([leaky])
    assert problem.startswith("Compliments, enquiries and other contacts by lead team: ")
    assert problem.endswith("can be worked out.")


def test_teams_with_few_contacts_are_one_row(data: ReportData) -> None:
    teams = {
        "compliment": {"Fostering": 12, "Early Help": 9, "Adoption": 2, "": 1},
        "query": {"Fostering": 6, "Early Help": 7, "Adoption": 1, "": 2},
        "duty": {"Fostering": 8, "Early Help": 5},
    }
    tables = all_tables(replace(data, contact_teams=teams), 5)
    spec = tables["contacts_by_team"]
    assert [row[0] for row in spec.rows] == [
        "Fostering",
        "Early Help",
        "Other teams, or none named",
        "Total",
    ]
    assert spec.row("Other teams, or none named")[-1] == 6
    assert spec.row("Total") == ("Total", 24, 16, 13, 53)
    assert "Other teams: those with fewer than 5 contacts" in spec.note
    assert audit(tables.values()) == []


def test_one_kind_by_lead_team_is_a_list_without_a_total_column(data: ReportData) -> None:
    teams = {"compliment": {"Fostering": 22, "Early Help": 11, "Adoption": 5, "MASH": 3}}
    stats = copy.deepcopy(dict(data.stats))
    stats["contacts"]["compliment"] = {"total": 41, "by_team": teams["compliment"]}
    tables = all_tables(replace(data, stats=stats, contact_teams=teams), 5)  # type: ignore[arg-type]
    spec = tables["contacts_by_team"]
    assert spec.headers == ("Lead team", "Compliments")
    assert spec.rows == (
        ("Fostering", 22),
        ("Early Help", 11),
        ("Adoption", SUPPRESSED),
        ("MASH", SUPPRESSED),
        ("Total", 41),
    )
    assert audit(tables.values()) == []


def test_compliments_by_theme_count_each_theme_of_a_compliment(data: ReportData) -> None:
    spec = all_tables(
        replace(data, compliment_themes={"communication": 9, "professionalism": 7, "": 2}), 0
    )["compliment_themes"]
    assert spec.rows == (("Communication", 9), ("Professionalism", 7), ("No theme recorded", 2))


small = st.integers(0, 9)


@settings(max_examples=60, deadline=None)
@given(
    themes=st.lists(st.tuples(st.integers(1, 9), st.integers(0, 8)), max_size=6),
    extra=st.integers(0, 5),
    teams=st.lists(st.tuples(small, small, small), min_size=1, max_size=6),
    compliment_themes=st.lists(st.integers(1, 9), max_size=5),
    threshold=st.integers(0, 6),
    used=st.integers(1, 3),
)
def test_generated_theme_tables_pass_the_audit(
    data: ReportData,
    themes: list[tuple[int, int]],
    extra: int,
    teams: list[tuple[int, int, int]],
    compliment_themes: list[int],
    threshold: int,
    used: int,
) -> None:
    by_theme = {f"Theme {i}": (c + more, c) for i, (c, more) in enumerate(themes)}
    upheld = _themes(by_theme, complaints=max([c for c, _ in themes], default=0) + extra)
    kinds = ("compliment", "mp enquiry", "query")[:used]
    contact_teams = {
        kind: {f"Team {i}": row[k] for i, row in enumerate(teams)} for k, kind in enumerate(kinds)
    }
    stats = copy.deepcopy(dict(data.stats))
    compliments = sum(row[0] for row in teams)
    stats["contacts"]["compliment"] = {
        "total": compliments,
        "by_team": {f"Team {i}": row[0] for i, row in enumerate(teams) if row[0]},
    }
    generated = replace(
        data,
        stats=stats,  # type: ignore[arg-type]
        upheld_themes={"statutory": upheld} if themes else {},
        contact_teams=contact_teams,
        compliment_themes={
            f"theme {i}": min(n, compliments) for i, n in enumerate(compliment_themes)
        },
    )
    tables = all_tables(generated, threshold)
    assert audit(tables.values()) == []
    for key in ("statutory.upheld_themes", "contacts_by_team", "compliment_themes"):
        spec = tables[key]
        if threshold > 1 and spec.rows:
            assert spec.protection is not None
            for (i, j), value in spec.protection.values.items():
                if 1 <= value < threshold:
                    assert spec.rows[i][j] == SUPPRESSED
