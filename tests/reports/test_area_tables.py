"""The by-service-area table with team subtotals: rows add up and no ``c`` leaks."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from complaints_desktop.domain.suppression import SUPPRESSED
from complaints_desktop.reports.annual.area_tables import INDENT, area_team_table
from complaints_desktop.reports.annual.procedure_tables import remedy_table
from complaints_desktop.reports.annual.tables import audit

AREAS = {
    "Children in care": {"Fostering": (3, 1), "Leaving care": (20, 6), "Adoption": (9, 0)},
    "Early help": {"Family support": (12, 4)},
}


def test_each_area_has_a_bold_subtotal_with_its_teams_beneath() -> None:
    spec = area_team_table("S", "Statutory", AREAS, 0)
    assert spec.rows == (
        ("Children in care", 32, 7, 21.9),
        (INDENT + "Leaving care", 20, "", ""),
        (INDENT + "Adoption", 9, "", ""),
        (INDENT + "Fostering", 3, "", ""),
        ("Early help", 12, 4, 33.3),
        (INDENT + "Family support", 12, "", ""),
        ("Total", 44, 11, 25.0),
    )
    assert spec.bold_rows == (0, 4)
    assert spec.total_last


def test_a_small_team_takes_another_with_it_and_a_lone_team_is_not_shown() -> None:
    areas = {**AREAS, "Disabled children": {"Short breaks": (2, 0)}}
    spec = area_team_table("S", "Statutory", areas, 5)
    assert spec.row(INDENT + "Fostering")[1] == SUPPRESSED
    assert spec.row(INDENT + "Adoption")[1] == SUPPRESSED  # else 32 - 20 - 9 = 3
    assert spec.row(INDENT + "Leaving care")[1] == 20
    assert spec.row("Disabled children")[1] == 2  # the area prints; its one team does not
    assert all(row[0] != INDENT + "Short breaks" for row in spec.rows)
    assert "Teams not shown for Disabled children" in spec.note
    assert audit([spec]) == []


def test_hiding_only_the_small_counts_fails_the_audit() -> None:
    naive = area_team_table("S", "Statutory", AREAS, 5, naive=True)
    assert naive.row(INDENT + "Fostering")[1] == SUPPRESSED
    assert naive.row(INDENT + "Adoption")[1] == 9
    assert audit([naive]) == [
        "Statutory: complaints received by service area and team: "
        "1 suppressed count can be worked out."
    ]


@settings(max_examples=80, deadline=None)
@given(
    areas=st.dictionaries(
        st.sampled_from(["North", "South", "East", "West"]),
        st.dictionaries(
            st.sampled_from(["A", "B", "C", "D", "E"]),
            st.integers(0, 9).flatmap(lambda n: st.tuples(st.just(n), st.integers(0, n))),
            min_size=1,
        ),
        max_size=4,
    ),
    threshold=st.integers(0, 6),
)
def test_generated_areas_add_up_and_pass_the_audit(
    areas: dict[str, dict[str, tuple[int, int]]], threshold: int
) -> None:
    spec = area_team_table("S", "Statutory", areas, threshold)
    assert audit([spec]) == []
    if not areas:
        return
    assert spec.rows[-1][1] == sum(n for teams in areas.values() for n, _u in teams.values())
    subtotals = [spec.rows[i][1] for i in spec.bold_rows]
    assert sum(subtotals) == spec.rows[-1][1]  # type: ignore[arg-type]
    if threshold > 1:
        return
    assert not spec.suppressed
    for i in spec.bold_rows:  # with nothing hidden, each area's teams add up to it
        teams = []
        for row in spec.rows[i + 1 :]:
            if not str(row[0]).startswith(INDENT):
                break
            teams.append(row[1])
        assert sum(teams) == spec.rows[i][1]  # type: ignore[arg-type]


def test_remedies_as_a_percentage_of_cases_with_a_remedy() -> None:
    spec = remedy_table("S", "Statutory", {"apology": 6, "explanation": 3}, 8)
    assert spec.headers[-1] == "Of cases with a remedy (%)"
    assert spec.rows == (
        ("apology", 6, 75.0),
        ("explanation", 3, 37.5),
        ("Cases with a remedy", 8, None),
    )
    assert "more than 100" in spec.note
    assert remedy_table("S", "Statutory", {"apology": 1}, None).rows == (("apology", 1),)
