"""Moves through the procedure: legal ones change the case, illegal ones say why."""

from __future__ import annotations

from datetime import date

import pytest

from complaints_desktop.domain import workflow as w
from complaints_desktop.domain.calendar import WorkingCalendar
from complaints_desktop.domain.errors import RuleViolation
from complaints_desktop.domain.model import Case, Element, LearningAction, Recommendation
from complaints_desktop.domain.procedures import Settings
from complaints_desktop.domain.rules import derive_status, out_of_time, route

CAL = WorkingCalendar.for_region("england-and-wales")
S = Settings()
TODAY = date(2026, 11, 24)


def _new(procedure: str = "statutory", received: date = date(2026, 9, 1)) -> Case:
    case = Case(procedure, received, elements=[Element("contact"), Element("plan")])
    w.start_stage1(case, received, TODAY)
    return case


def test_a_full_statutory_journey_to_the_ombudsman() -> None:
    case = _new()
    w.acknowledge(case, date(2026, 9, 2), TODAY)
    w.extend(case, date(2026, 9, 8), "advocate being appointed", S, TODAY)
    w.record_response(
        case,
        date(2026, 9, 25),
        "partially upheld",
        TODAY,
        {0: ("upheld", "missed visits"), 1: ("not upheld", "")},
        ["apology"],
    )
    assert derive_status(case, S) == "responded"
    w.escalate(case, date(2026, 10, 1), S, CAL, TODAY)
    w.agree_statement(case, date(2026, 10, 8), TODAY)
    w.commission(case, "I. Officer", "P. Independent", 250000, 80000)
    w.record_response(case, date(2026, 11, 2), "upheld", TODAY)
    w.escalate(case, date(2026, 11, 5), S, CAL, TODAY)
    w.arrange_panel(case, ["A One", "B Two", "C Three"], date(2026, 11, 20), 120000)
    w.panel_report(case, date(2026, 11, 23), TODAY)
    w.record_response(case, date(2026, 11, 24), "upheld", TODAY)
    assert derive_status(case, S) == "closed"
    assert case.final_outcome == "upheld"
    stage2 = case.stage(2)
    assert stage2 is not None
    assert stage2.cost == 330000
    w.refer_ombudsman(case, "26 001 234", date(2026, 11, 24), TODAY)
    w.ombudsman_decision(
        case,
        date(2026, 11, 24),
        "upheld",
        50000,
        [Recommendation("apology", target=date(2026, 12, 24))],
        TODAY,
    )
    w.remedy_compliance(case, 0, date(2026, 11, 24), "complete and satisfied", TODAY)
    assert case.ombudsman is not None
    assert case.ombudsman.recommendations[0].status == "complete and satisfied"
    assert case.elements[0].finding(1) is not None


@pytest.mark.parametrize(
    ("move", "message"),
    [
        (lambda c: w.escalate(c, date(2026, 9, 5), S, CAL, TODAY), "still open"),
        (lambda c: w.record_response(c, date(2026, 8, 1), "upheld", TODAY), "before"),
        (lambda c: w.record_response(c, date(2026, 12, 1), "upheld", TODAY), "future"),
        (lambda c: w.record_response(c, date(2026, 9, 3), "withdrawn", TODAY), "Withdraw"),
        (lambda c: w.extend(c, date(2026, 9, 3), "  ", S, TODAY), "reason"),
        (lambda c: w.commission(c, "X", "Y", 1, 1), "stage 2"),
        (lambda c: w.arrange_panel(c, ["a", "b", "c"], None, 0), "stage 3"),
        (lambda c: w.resume(c, date(2026, 9, 3), TODAY), "not stopped"),
        (lambda c: w.ombudsman_decision(c, date(2026, 9, 3), "upheld", 0, [], TODAY), "referral"),
        (lambda c: w.add_action(c, LearningAction("x", status="not implemented")), "why"),
    ],
)
def test_illegal_moves_are_refused_with_a_reason(move, message: str) -> None:  # type: ignore[no-untyped-def]
    case = _new()
    before = repr(case)
    with pytest.raises(RuleViolation, match=message):
        move(case)
    assert repr(case) == before


def test_late_stage2_request_needs_a_reason() -> None:
    case = _new()
    w.record_response(case, date(2026, 9, 10), "not upheld", TODAY)
    with pytest.raises(RuleViolation, match="closed on 8 October 2026"):
        w.escalate(case, date(2026, 10, 20), S, CAL, TODAY)
    w.escalate(case, date(2026, 10, 20), S, CAL, TODAY, late_reason="complainant was in hospital")
    assert case.late_accepted_reason == "complainant was in hospital"


def test_corporate_has_two_stages_only() -> None:
    case = _new("corporate")
    w.record_response(case, date(2026, 9, 10), "not upheld", TODAY)
    w.escalate(case, date(2026, 9, 11), S, CAL, TODAY)
    w.record_response(case, date(2026, 10, 1), "not upheld", TODAY)
    with pytest.raises(RuleViolation, match="last stage"):
        w.escalate(case, date(2026, 10, 2), S, CAL, TODAY)
    assert derive_status(case, S) == "closed"


def test_stage2_independent_person_may_not_sit_on_the_panel() -> None:
    case = _new()
    w.record_response(case, date(2026, 9, 10), "not upheld", TODAY)
    w.escalate(case, date(2026, 9, 11), S, CAL, TODAY)
    w.commission(case, "I. Officer", "Pat Independent", 0, 0)
    w.record_response(case, date(2026, 10, 1), "not upheld", TODAY)
    w.escalate(case, date(2026, 10, 2), S, CAL, TODAY)
    with pytest.raises(RuleViolation, match="may not sit"):
        w.arrange_panel(case, ["pat independent", "B", "C"], None, 0)


def test_suspend_and_resume() -> None:
    case = _new()
    w.suspend(case, date(2026, 9, 7), "safeguarding enquiry", TODAY)
    with pytest.raises(RuleViolation, match="resume it before"):
        w.record_response(case, date(2026, 9, 20), "upheld", TODAY)
    w.resume(case, date(2026, 9, 14), TODAY)
    assert case.stages[0].suspensions[0].end == date(2026, 9, 14)


def test_withdraw_closes_the_open_stage() -> None:
    case = _new()
    w.withdraw(case, date(2026, 9, 4), TODAY)
    assert case.stages[0].outcome == "withdrawn"
    assert derive_status(case, S) == "withdrawn"
    with pytest.raises(RuleViolation, match="withdrawn"):
        w.acknowledge(case, date(2026, 9, 5), TODAY)


def test_refuse_and_resolve_early() -> None:
    refused = _new()
    w.refuse(refused, date(2026, 9, 2), "out of time", "Ombudsman", TODAY)
    assert derive_status(refused, S) == "refused"
    early = _new()
    w.resolve_early(early, date(2026, 9, 3), TODAY)
    assert derive_status(early, S) == "resolved early"
    assert early.stages == []


def test_routing_says_why() -> None:
    assert route("parent").procedure == "statutory"
    assert "parental responsibility" in route("parent").reason
    assert route("other relative").procedure == "corporate"
    assert "sufficient interest" in route("other relative").reason
    assert route("other relative", sufficient_interest=True).procedure == "statutory"
    assert route("solicitor").procedure == "corporate"
    assert route("advocate or representative").procedure == "statutory"


def test_twelve_month_time_limit() -> None:
    assert out_of_time(date(2026, 11, 24), date(2025, 11, 23))
    assert not out_of_time(date(2026, 11, 24), date(2025, 11, 24))
    assert not out_of_time(date(2026, 11, 24), None)


def test_answered_case_is_closed_once_the_request_window_passes() -> None:
    case = _new()
    w.record_response(case, date(2026, 9, 10), "not upheld", TODAY)
    # 20 working days from 10 September 2026 is 8 October 2026.
    assert derive_status(case, S, CAL, date(2026, 10, 8)) == "responded"
    assert derive_status(case, S, CAL, date(2026, 10, 9)) == "closed"
    assert derive_status(case, S) == "responded"
