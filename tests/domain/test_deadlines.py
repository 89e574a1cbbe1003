"""Deadlines of a case, each with the rule that produced it (rules.md §1)."""

from __future__ import annotations

from datetime import date

from complaints_desktop.domain.calendar import Suspension, WorkingCalendar
from complaints_desktop.domain.deadlines import case_deadlines, next_deadline
from complaints_desktop.domain.model import Case, Ombudsman, Recommendation, Stage
from complaints_desktop.domain.procedures import CORPORATE, Settings, StageRule

CAL = WorkingCalendar.for_region("england-and-wales")
TODAY = date(2026, 11, 24)
SETTINGS = Settings()


def _by_what(case: Case) -> dict[str, tuple[date, str]]:
    return {d.what: (d.due, d.rule) for d in case_deadlines(case, SETTINGS, CAL, TODAY)}


def test_statutory_stage1_acknowledge_in_2_and_respond_in_10() -> None:
    case = Case("statutory", date(2026, 12, 23), stages=[Stage(1, start=date(2026, 12, 23))])
    got = _by_what(case)
    assert got["Acknowledge the complaint"][0] == date(2026, 12, 29)
    assert got["Stage 1 response"][0] == date(2027, 1, 11)
    assert "10 working days from start of stage 1 (23 December 2026)" in got["Stage 1 response"][1]
    assert "Children Act 1989" in got["Stage 1 response"][1]


def test_extension_moves_stage1_to_20_and_says_so() -> None:
    stage = Stage(1, start=date(2026, 11, 2), extended=True, extension_agreed=date(2026, 11, 9))
    due, rule = _by_what(Case("statutory", date(2026, 11, 2), stages=[stage]))["Stage 1 response"]
    assert due == date(2026, 11, 30)
    assert "20 working days" in rule
    assert "extended from 10, agreed 9 November 2026" in rule


def test_suspension_is_shown_in_the_rule() -> None:
    stage = Stage(
        1,
        start=date(2026, 11, 2),
        suspensions=[Suspension(date(2026, 11, 9), date(2026, 11, 16), "advocate")],
    )
    due, rule = _by_what(Case("statutory", date(2026, 11, 2), stages=[stage]))["Stage 1 response"]
    assert due == date(2026, 11, 23)
    assert "moved 5 working days" in rule


def test_stage2_shows_both_clocks() -> None:
    case = Case(
        "statutory",
        date(2026, 6, 1),
        stages=[
            Stage(1, start=date(2026, 6, 1), response=date(2026, 6, 12), outcome="not upheld"),
            Stage(2, requested=date(2026, 6, 15), start=date(2026, 7, 1)),
        ],
    )
    got = _by_what(case)
    assert got["Stage 2 adjudication (from the request)"][0] == CAL.add_working_days(
        date(2026, 6, 15), 25
    )
    assert got["Stage 2 adjudication (from the agreed statement)"][0] == date(2026, 8, 5)


def test_stage3_panel_steps() -> None:
    s3 = Stage(3, requested=date(2026, 9, 1), panel_date=date(2026, 10, 1))
    case = Case(
        "statutory",
        date(2026, 1, 5),
        stages=[
            Stage(1, start=date(2026, 1, 5), response=date(2026, 1, 16), outcome="not upheld"),
            Stage(2, requested=date(2026, 1, 20), response=date(2026, 8, 20), outcome="upheld"),
            s3,
        ],
    )
    got = _by_what(case)
    assert got["Review panel meets"][0] == date(2026, 10, 13)
    assert got["Panel report issued"][0] == date(2026, 10, 8)
    assert got["Council's response to the panel"][0] == CAL.add_working_days(date(2026, 9, 1), 50)


def test_corporate_clock_counts_from_acknowledgement_when_recorded() -> None:
    stage = Stage(1, start=date(2026, 11, 2), acknowledged=date(2026, 11, 6))
    due, rule = _by_what(Case("corporate", date(2026, 11, 2), stages=[stage]))["Stage 1 response"]
    assert due == date(2026, 11, 20)
    assert "acknowledgement of stage 1" in rule
    assert _by_what(Case("corporate", date(2026, 11, 2), stages=[stage]))[
        "Acknowledge the complaint"
    ][0] == date(2026, 11, 9)


def test_escalation_window_is_the_complainants() -> None:
    case = Case(
        "statutory",
        date(2026, 11, 2),
        stages=[Stage(1, start=date(2026, 11, 2), response=date(2026, 11, 13), outcome="upheld")],
    )
    windows = [d for d in case_deadlines(case, SETTINGS, CAL, TODAY) if d.kind == "request"]
    assert windows[0].due == date(2026, 12, 11)
    assert not windows[0].council


def test_next_deadline_is_the_earliest_outstanding_council_one() -> None:
    case = Case(
        "statutory",
        date(2026, 11, 20),
        stages=[Stage(1, start=date(2026, 11, 20), acknowledged=date(2026, 11, 23))],
        ombudsman=Ombudsman(recommendations=[Recommendation("apology", target=date(2026, 11, 30))]),
    )
    upcoming = next_deadline(case, SETTINGS, CAL, TODAY)
    assert upcoming is not None
    assert upcoming.what == "Ombudsman remedy: apology"
    assert upcoming.late(date(2026, 12, 1))


def test_settings_change_the_deadline() -> None:
    quick = Settings(
        corporate=type(CORPORATE)(
            key="corporate",
            name="Corporate complaints procedure",
            acknowledge=3,
            stages=(StageRule(standard=20, extended=30, acknowledge=3),),
        )
    )
    case = Case("corporate", date(2026, 11, 2), stages=[Stage(1, start=date(2026, 11, 2))])
    got = {d.what: d.due for d in case_deadlines(case, quick, CAL, TODAY)}
    assert got["Response"] == date(2026, 11, 30)
    assert got["Acknowledge the complaint"] == date(2026, 11, 5)


def test_refused_case_has_no_deadlines() -> None:
    case = Case("statutory", date(2026, 11, 2), refused=date(2026, 11, 3))
    assert case_deadlines(case, SETTINGS, CAL, TODAY) == []


def test_an_answered_stage_is_not_still_waiting_for_its_acknowledgement() -> None:
    # Imported logs seldom record acknowledgements: answering the stage settles it.
    case = Case(
        "statutory",
        date(2026, 6, 1),
        stages=[
            Stage(1, start=date(2026, 6, 1), response=date(2026, 6, 12), outcome="upheld"),
            Stage(2, requested=date(2026, 6, 15)),
        ],
    )
    pending = [d.what for d in case_deadlines(case, SETTINGS, CAL, TODAY) if d.outstanding]
    assert "Acknowledge the complaint" not in pending
    assert "Stage 2 adjudication (from the request)" in pending
