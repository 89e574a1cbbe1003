"""Services: the work queue, case search, counts and registers over a few synthetic cases."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from complaints_desktop.domain.errors import KnownError
from complaints_desktop.domain.model import (
    Case,
    Child,
    LearningAction,
    Ombudsman,
    Person,
    Recommendation,
    Stage,
)
from complaints_desktop.domain.views import QueueGroup, SearchCriteria
from complaints_desktop.services import many_cases, queries
from complaints_desktop.services.database import open_database
from complaints_desktop.services.env import Env

TODAY = date(2026, 3, 11)  # a Wednesday


def _case(ref: str, received: date, *stages: Stage, **kw: object) -> Case:
    return Case(
        reference=ref,
        procedure=str(kw.pop("procedure", "statutory")),
        received=received,
        teams=list(kw.pop("teams", ["Fostering"])),  # type: ignore[call-overload]
        stages=list(stages),
        **kw,  # type: ignore[arg-type]
    )


def seed(env: Env) -> None:
    """Eight cases, one for each place in the work queue (and some in none)."""
    d = date
    many = [
        # stage 1 response was due 2 March 2026: overdue
        _case(
            "CSC/26/0001",
            d(2026, 2, 16),
            Stage(1, start=d(2026, 2, 16), acknowledged=d(2026, 2, 17)),
            complainant=Person(name="Alice Brown"),
            child=Child(name="Sam Brown", system_id="LCS123"),
            summary="Foster placement moved without notice",
        ),
        # stage 1 response due today
        _case(
            "CSC/26/0002",
            d(2026, 2, 25),
            Stage(1, start=d(2026, 2, 25), acknowledged=d(2026, 2, 26)),
            complainant=Person(name="Bola Okafor"),
            teams=["Children in Care"],
        ),
        # received yesterday, not acknowledged (due 12 March)
        _case(
            "CSC/26/0003",
            d(2026, 3, 10),
            Stage(1, start=d(2026, 3, 10)),
            complainant=Person(name="Chen Li"),
            summary="Contact arrangements with grandparents",
        ),
        # stage 1 response due Monday 16 March
        _case(
            "CSC/26/0004",
            d(2026, 3, 2),
            Stage(1, start=d(2026, 3, 2), acknowledged=d(2026, 3, 3)),
            complainant=Person(name="Dara Singh"),
        ),
        # responded 5 March: the complainant may ask for stage 2
        _case(
            "CSC/26/0005",
            d(2026, 2, 2),
            Stage(
                1,
                start=d(2026, 2, 2),
                acknowledged=d(2026, 2, 3),
                response=d(2026, 3, 5),
                outcome="not upheld",
            ),
            complainant=Person(name="Eve Adams"),
        ),
        # closed corporate case with Ombudsman remedies, one overdue, one due later
        _case(
            "CORP/25/0006",
            d(2025, 6, 2),
            Stage(
                1,
                start=d(2025, 6, 2),
                acknowledged=d(2025, 6, 3),
                response=d(2025, 6, 13),
                outcome="not upheld",
            ),
            Stage(
                2,
                start=d(2025, 6, 20),
                acknowledged=d(2025, 6, 23),
                response=d(2025, 7, 18),
                outcome="not upheld",
            ),
            procedure="corporate",
            complainant=Person(name="Farah Khan"),
            ombudsman=Ombudsman(
                reference="25 001 234",
                received=d(2025, 9, 1),
                decided=d(2026, 1, 20),
                outcome="upheld",
                recommendations=[
                    Recommendation("Apologise in writing", target=d(2026, 3, 1)),
                    Recommendation("Pay £300", target=d(2026, 3, 20), amount=30000),
                ],
            ),
            actions=[
                LearningAction(
                    "Remind staff of notice periods",
                    owner="Head of Fostering",
                    target=d(2026, 2, 1),
                ),
                LearningAction(
                    "Update leaflet",
                    owner="Complaints manager",
                    target=d(2026, 6, 1),
                    status="implemented",
                ),
            ],
        ),
        # stage 1 response due 23 March: not in the queue yet
        _case(
            "CSC/26/0007",
            d(2026, 3, 9),
            Stage(1, start=d(2026, 3, 9), acknowledged=d(2026, 3, 9)),
            complainant=Person(name="Gus Hale"),
        ),
        # closed long ago
        _case(
            "CSC/24/0008",
            d(2024, 5, 1),
            Stage(
                1,
                start=d(2024, 5, 1),
                acknowledged=d(2024, 5, 2),
                response=d(2024, 5, 10),
                outcome="upheld",
            ),
            Stage(
                2,
                requested=d(2024, 5, 20),
                start=d(2024, 5, 20),
                acknowledged=d(2024, 5, 21),
                response=d(2024, 6, 20),
                outcome="upheld",
            ),
            Stage(
                3,
                requested=d(2024, 7, 1),
                panel_date=d(2024, 7, 30),
                panel_report=d(2024, 8, 2),
                response=d(2024, 8, 20),
                outcome="upheld",
            ),
            complainant=Person(name="Hana Ito"),
            teams=["Children in Care"],
        ),
    ]
    from complaints_desktop.storage import vocabularies

    with env.uow() as session:
        vocabularies.ensure(session, "team", ["Fostering", "Children in Care"])
    many_cases.store_many(env, many)


@pytest.fixture
def env(tmp_path: Path) -> Env:
    e = open_database(str(tmp_path / "q.sqlite3"), user="tester", today=lambda: TODAY)
    seed(e)
    return e


def test_queue_orders_by_urgency_and_says_why(env: Env) -> None:
    items = queries.work_queue(env)
    lines = [(i.group, i.reference) for i in items]
    assert lines == [
        (QueueGroup.OVERDUE, "CORP/25/0006"),
        (QueueGroup.OVERDUE, "CSC/26/0001"),
        (QueueGroup.DUE_TODAY, "CSC/26/0002"),
        (QueueGroup.AWAITING_ACKNOWLEDGEMENT, "CSC/26/0003"),
        (QueueGroup.DUE_THIS_WEEK, "CSC/26/0004"),
        (QueueGroup.REMEDY_DUE, "CORP/25/0006"),
        (QueueGroup.REQUEST_DECISION, "CSC/26/0005"),
    ]
    overdue = items[1]
    assert overdue.what == "Stage 1 response"
    assert overdue.due == date(2026, 3, 2)
    # 2 March was a Monday: 3, 4, 5, 6, 9, 10 and 11 March are seven working days
    assert overdue.overdue_days == 7
    assert overdue.when(TODAY) == "Overdue by 7 working days"
    assert "10 working days from start of stage 1 (16 February 2026)" in overdue.rule
    assert items[0].what == "Ombudsman remedy: Apologise in writing"
    assert items[3].what == "Acknowledge the complaint"
    window = items[-1]
    assert not window.council
    assert window.overdue_days == 0
    assert window.what == "Complainant may ask for stage 2"
    assert "20 working days from the stage 1 response (5 March 2026)" in window.rule


def test_counts_agree_with_the_queue(env: Env) -> None:
    counts = queries.counts(env)
    assert (counts.overdue, counts.due_today, counts.due_this_week) == (2, 1, 1)
    assert counts.awaiting_acknowledgement == 1
    assert counts.total == 8
    assert counts.open_cases == 6  # five open or responded, one awaiting a request decision


@pytest.mark.parametrize(
    ("criteria", "expected"),
    [
        (SearchCriteria(text="brown"), ["CSC/26/0001"]),
        (SearchCriteria(text="LCS123"), ["CSC/26/0001"]),
        (SearchCriteria(text="grandparents"), ["CSC/26/0003"]),
        (SearchCriteria(text="children care"), ["CSC/26/0002", "CSC/24/0008"]),
        (SearchCriteria(text="CORP/25"), ["CORP/25/0006"]),
        (SearchCriteria(text="100%"), []),
        (SearchCriteria(procedure="corporate"), ["CORP/25/0006"]),
        (SearchCriteria(stage=3), ["CSC/24/0008"]),
        (SearchCriteria(status="responded"), ["CSC/26/0005"]),
        (SearchCriteria(team="children in care"), ["CSC/26/0002", "CSC/24/0008"]),
        (SearchCriteria(overdue_only=True), ["CSC/26/0001", "CORP/25/0006"]),
        (
            SearchCriteria(received_from=date(2026, 3, 1), received_to=date(2026, 3, 9)),
            ["CSC/26/0007", "CSC/26/0004"],
        ),
    ],
)
def test_search_filters(env: Env, criteria: SearchCriteria, expected: list[str]) -> None:
    result = queries.search_cases(env, criteria)
    assert [r.reference for r in result.rows] == expected
    assert result.total == len(expected)


def test_search_limits_rows_and_counts_all(env: Env) -> None:
    result = queries.search_cases(env, SearchCriteria(limit=3))
    assert [r.reference for r in result.rows] == ["CSC/26/0003", "CSC/26/0007", "CSC/26/0004"]
    assert result.total == 8
    assert result.truncated


def test_search_sorts_by_column(env: Env) -> None:
    result = queries.search_cases(env, SearchCriteria(sort="complainant", descending=False))
    assert [r.complainant for r in result.rows][:3] == ["Alice Brown", "Bola Okafor", "Chen Li"]
    row = result.rows[0]
    assert (row.team, row.child, row.stage, row.status) == ("Fostering", "Sam Brown", 1, "open")


def test_ombudsman_list_counts_remedies(env: Env) -> None:
    [row] = queries.ombudsman_list(env)
    assert (row.reference, row.lgsco_reference, row.outcome) == (
        "CORP/25/0006",
        "25 001 234",
        "upheld",
    )
    assert (row.remedies_outstanding, row.remedies_overdue) == (2, 1)
    assert row.next_remedy_due == date(2026, 3, 1)


def test_actions_list_marks_overdue_and_filters(env: Env) -> None:
    rows = queries.actions_list(env)
    assert [(r.action, r.overdue) for r in rows] == [
        ("Remind staff of notice periods", True),
        ("Update leaflet", False),
    ]
    assert [r.action for r in queries.actions_list(env, "implemented")] == ["Update leaflet"]


def test_missing_database_is_a_known_error(tmp_path: Path) -> None:
    env = open_database(str(tmp_path / "gone" / "x.sqlite3"), today=lambda: TODAY)
    env.engine.dispose()
    (tmp_path / "gone" / "x.sqlite3").unlink()
    (tmp_path / "gone").rmdir()
    with pytest.raises(KnownError, match="cannot be read"):
        queries.search_cases(env, SearchCriteria())


def test_a_request_window_closed_lately_stays_in_the_queue(env: Env) -> None:
    answered = Stage(
        1,
        start=date(2026, 1, 5),
        acknowledged=date(2026, 1, 6),
        response=date(2026, 2, 6),
        outcome="upheld",
    )
    old = Stage(
        1,
        start=date(2025, 9, 1),
        acknowledged=date(2025, 9, 2),
        response=date(2025, 9, 12),
        outcome="upheld",
    )
    many_cases.store_many(
        env,
        [
            _case("CSC/26/0009", date(2026, 1, 5), answered, complainant=Person(name="Ida Moss")),
            _case("CSC/25/0010", date(2025, 9, 1), old, complainant=Person(name="Jo Park")),
        ],
    )
    lines = [i for i in queries.work_queue(env) if i.group == QueueGroup.REQUEST_DECISION]
    assert [i.reference for i in lines] == ["CSC/26/0009", "CSC/26/0005"]
    assert lines[0].due == date(2026, 3, 6)
    assert lines[0].when(TODAY) == "Window closed 3 working days ago"  # Friday 6 March
