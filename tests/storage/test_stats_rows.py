"""The flat rows the statistics of a period are counted from: what each query picks."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import inspect

from complaints_desktop.domain import model as m
from complaints_desktop.domain.calendar import Suspension
from complaints_desktop.domain.statistics_rules import Period
from complaints_desktop.services.database import open_database
from complaints_desktop.services.env import Env
from complaints_desktop.storage import cases, stats_rows, vocabularies
from complaints_desktop.storage import tables as t

PERIOD = Period(date(2022, 4, 1), date(2023, 3, 31))


@pytest.fixture
def env(db_url: str) -> Iterator[Env]:
    opened = open_database(db_url, user="tester", today=lambda: date(2024, 1, 1))
    yield opened
    opened.engine.dispose()


def _save(env: Env, *many: m.Case) -> dict[str, int]:
    with env.uow() as session:
        return {c.reference: cases.save(session, c) for c in many}


def test_received_takes_both_boundary_days_and_leaves_out_adult_cases(env: Env) -> None:
    ids = _save(
        env,
        m.Case("statutory", date(2022, 3, 31), reference="before"),
        m.Case(
            "statutory",
            date(2022, 4, 1),
            reference="first",
            channel="email",
            relationship="parent",
            advocacy=m.Advocacy(used=True),
            equality={"gender": "female", "age_band": "18-25"},
        ),
        m.Case("corporate", date(2023, 3, 31), reference="last"),
        m.Case("statutory", date(2023, 4, 1), reference="after"),
        m.Case("adult", date(2022, 6, 1), reference="adult"),
    )
    with env.uow() as session:
        rows = {r.id: r for r in stats_rows.received(session, PERIOD)}
    assert set(rows) == {ids["first"], ids["last"]}
    first = rows[ids["first"]]
    assert (first.procedure, first.channel, first.relationship, first.advocacy) == (
        "statutory",
        "email",
        "parent",
        True,
    )
    assert (first.gender, first.age_band, first.ethnicity) == ("female", "18-25", "")
    assert rows[ids["last"]].procedure == "corporate"


def test_stages_in_period_by_request_start_or_response(env: Env) -> None:
    ids = _save(
        env,
        m.Case(  # stage 1 before, stage 2 requested before but answered inside
            "statutory",
            date(2021, 6, 1),
            reference="old",
            stages=[
                m.Stage(1, start=date(2021, 6, 1), response=date(2021, 7, 1), outcome="upheld"),
                m.Stage(
                    2,
                    requested=date(2022, 3, 1),
                    start=date(2022, 3, 20),
                    response=date(2022, 4, 1),
                    outcome="withdrawn",
                    cost=12345,
                ),
            ],
        ),
        m.Case(  # started on the last day, answered after
            "statutory",
            date(2023, 3, 31),
            reference="late",
            stages=[m.Stage(1, start=date(2023, 3, 31), response=date(2023, 4, 3))],
        ),
        m.Case(
            "adult",
            date(2022, 6, 1),
            reference="adult",
            stages=[m.Stage(1, start=date(2022, 6, 1))],
        ),
    )
    with env.uow() as session:
        rows = sorted(stats_rows.stages(session, PERIOD), key=lambda r: r.case_id)
    assert [(r.case_id, r.number) for r in rows] == [(ids["old"], 2), (ids["late"], 1)]
    old = rows[0]
    assert old.procedure == "statutory"
    assert (old.requested, old.start, old.response) == (
        date(2022, 3, 1),
        date(2022, 3, 20),
        date(2022, 4, 1),
    )
    assert (old.outcome, old.cost) == ("withdrawn", 12345)
    assert rows[1].response == date(2023, 4, 3)


def test_answers_are_every_answered_stage_of_cases_received_in_period(env: Env) -> None:
    ids = _save(
        env,
        m.Case(
            "statutory",
            date(2022, 5, 1),
            reference="in",
            stages=[
                m.Stage(1, start=date(2022, 5, 1), response=date(2022, 5, 10), outcome="upheld"),
                m.Stage(
                    2, requested=date(2022, 5, 20), response=date(2023, 5, 1), outcome="not upheld"
                ),
                m.Stage(3, requested=date(2023, 5, 10)),
            ],
        ),
        m.Case(
            "statutory",
            date(2022, 3, 1),
            reference="out",
            stages=[
                m.Stage(1, start=date(2022, 3, 1), response=date(2022, 4, 5), outcome="upheld")
            ],
        ),
    )
    with env.uow() as session:
        rows = sorted(stats_rows.answers(session, PERIOD))
    assert rows == [(ids["in"], 1, "upheld"), (ids["in"], 2, "not upheld")]


def test_names_are_fetched_for_the_cases_each_table_needs(env: Env) -> None:
    ids = _save(
        env,
        m.Case(  # received in period, stage started, answered: all three lists
            "statutory",
            date(2022, 5, 1),
            reference="busy",
            teams=["Lead", "Second"],
            types=["Other"],
            remedies=["apology"],
            stages=[
                m.Stage(1, start=date(2022, 5, 1), response=date(2022, 5, 2), outcome="upheld")
            ],
        ),
        m.Case(  # received in period, nothing started: types only
            "statutory",
            date(2022, 6, 1),
            reference="quiet",
            teams=["Lead"],
            types=["Other"],
            remedies=["explanation"],
        ),
        m.Case(  # received before, answered inside: teams and remedies only
            "statutory",
            date(2022, 3, 1),
            reference="older",
            teams=["Second"],
            types=["Other"],
            remedies=["explanation"],
            stages=[
                m.Stage(1, start=date(2022, 3, 1), response=date(2022, 4, 2), outcome="upheld")
            ],
        ),
    )
    with env.uow() as session:
        teams = stats_rows.teams(session, PERIOD)
        types = stats_rows.types(session, PERIOD)
        remedies = stats_rows.remedies(session, PERIOD)
    assert {k: sorted(v) for k, v in teams.items()} == {
        ids["busy"]: ["Lead", "Second"],
        ids["older"]: ["Second"],
    }
    assert types == {ids["busy"]: ["Other"], ids["quiet"]: ["Other"]}
    assert remedies == {ids["busy"]: ["apology"], ids["older"]: ["explanation"]}


def test_history_counts_financial_years_per_procedure(env: Env) -> None:
    _save(
        env,
        m.Case("statutory", date(2018, 3, 31), reference="a"),  # 2017/18: outside
        m.Case("statutory", date(2018, 4, 1), reference="b"),  # 2018/19
        m.Case("statutory", date(2022, 4, 1), reference="c"),
        m.Case("statutory", date(2023, 3, 31), reference="d"),
        m.Case("corporate", date(2021, 1, 5), reference="e"),  # 2020/21
        m.Case("statutory", date(2023, 4, 1), reference="f"),  # 2023/24: outside
        m.Case("adult", date(2022, 5, 1), reference="g"),
    )
    with env.uow() as session:
        history = stats_rows.history(session, PERIOD.end)
    assert history[("statutory", 2018)] == 1
    assert history[("statutory", 2022)] == 2
    assert history[("corporate", 2020)] == 1
    assert history[("statutory", 2019)] == 0
    assert sum(history.values()) == 4
    assert ("statutory", 2017) not in history
    assert ("statutory", 2023) not in history


def test_ombudsman_rows_leave_out_adult_cases(env: Env) -> None:
    def referral(
        ref: str, procedure: str, received: date, decided: date | None, **kw: object
    ) -> m.Case:
        return m.Case(
            procedure,
            date(2022, 1, 10),
            reference=ref,
            ombudsman=m.Ombudsman(received=received, decided=decided, **kw),  # type: ignore[arg-type]
        )

    _save(
        env,
        referral(
            "a", "statutory", date(2022, 4, 1), date(2022, 9, 1), outcome="upheld", payment=30000
        ),
        referral(
            "b", "corporate", date(2022, 3, 1), date(2023, 3, 31), outcome="upheld", payment=20050
        ),
        referral("c", "statutory", date(2023, 3, 1), None),
        referral("d", "statutory", date(2021, 3, 1), date(2022, 3, 31), outcome="not upheld"),
        referral("e", "adult", date(2022, 5, 1), date(2022, 6, 1), outcome="upheld", payment=99900),
    )
    with env.uow() as session:
        referred, decided, payments = stats_rows.lgsco(session, PERIOD)
    assert referred == 2  # a and c
    assert decided == {"upheld": 2}
    assert payments == 50050


def test_contacts_by_kind_and_team(env: Env) -> None:
    with env.uow() as session:
        ids = vocabularies.ensure(session, "team", ["North", "South"])
        for ref, kind, received, names in (
            ("1", "compliment", date(2022, 4, 1), ["North", "South"]),
            ("2", "compliment", date(2022, 8, 1), ["North"]),
            ("3", "mp enquiry", date(2023, 3, 31), []),
            ("4", "compliment", date(2023, 4, 1), ["South"]),
        ):
            row = t.Contact(reference=ref, kind=kind, received=received)
            session.add(row)
            session.flush()
            for pos, name in enumerate(names):
                session.add(
                    t.ContactTeam(contact_id=row.id, team_id=ids[name.casefold()], position=pos)
                )
    with env.uow() as session:
        totals, by_team = stats_rows.contacts(session, PERIOD)
    assert totals == {"compliment": 2, "mp enquiry": 1}
    assert by_team == {"compliment": {"North": 2, "South": 1}}


def test_suspensions_of_stages_answered_in_period(env: Env) -> None:
    stage = m.Stage(1, start=date(2022, 5, 2), response=date(2022, 6, 30), outcome="upheld")
    stage.suspensions = [
        Suspension(date(2022, 5, 9), date(2022, 5, 16), "advocate"),
        Suspension(date(2022, 6, 1), None, "enquiry"),
    ]
    not_answered = m.Stage(1, start=date(2022, 5, 2))
    not_answered.suspensions = [Suspension(date(2022, 5, 9), None)]
    _save(
        env,
        m.Case("statutory", date(2022, 5, 2), reference="a", stages=[stage]),
        m.Case("statutory", date(2022, 5, 2), reference="b", stages=[not_answered]),
    )
    with env.uow() as session:
        found = stats_rows.suspensions(session, PERIOD)
    assert list(found.values()) == [
        [Suspension(date(2022, 5, 9), date(2022, 5, 16)), Suspension(date(2022, 6, 1), None)]
    ]


def test_every_date_the_statistics_filter_on_is_indexed(env: Env) -> None:
    inspector = inspect(env.engine)

    def indexed(table: str) -> set[str]:
        return {i["column_names"][0] for i in inspector.get_indexes(table)}

    assert {"received", "resolved_early"} <= indexed("complaint")
    assert {"requested", "start", "response", "complaint_id"} <= indexed("stage")
    assert {"received", "decided"} <= indexed("ombudsman")
    assert {"received"} <= indexed("contact")
