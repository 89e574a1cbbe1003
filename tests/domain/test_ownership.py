"""Domain: the officer handling each stage, and the corporate rule on stage 2."""

from __future__ import annotations

from datetime import date

import pytest

from complaints_desktop.domain.errors import RuleViolation
from complaints_desktop.domain.model import Case, Stage
from complaints_desktop.domain.ownership import assign, different_officer_problem, officer


def _two_stages(procedure: str) -> Case:
    case = Case(procedure=procedure, received=date(2026, 1, 5))
    case.stages = [
        Stage(1, start=date(2026, 1, 5), response=date(2026, 1, 19), handler="Jo Smith"),
        Stage(2, requested=date(2026, 1, 26)),
    ]
    return case


def test_a_corporate_stage_2_needs_a_different_officer() -> None:
    case = _two_stages("corporate")
    with pytest.raises(RuleViolation, match="different officer must handle stage 2"):
        assign(case, 2, "  jo   SMITH ")
    assert case.stage(2).handler == ""  # type: ignore[union-attr]
    assign(case, 2, "Priya Shah")
    assert officer(case) == "Priya Shah"
    with pytest.raises(RuleViolation, match="different officer"):
        assign(case, 1, "Priya Shah")  # nor by moving stage 1 onto stage 2's officer
    assert case.stage(1).handler == "Jo Smith"  # type: ignore[union-attr]


def test_a_statutory_case_may_keep_its_officer_and_the_rule_is_reported() -> None:
    case = _two_stages("statutory")
    assign(case, 2, "Jo Smith")
    assert officer(case) == "Jo Smith"
    imported = _two_stages("corporate")
    imported.stage(2).handler = "Jo Smith"  # type: ignore[union-attr]
    assert "Jo Smith handled stage 1" in different_officer_problem(imported)


def test_a_stage_not_reached_cannot_be_assigned() -> None:
    case = _two_stages("corporate")
    with pytest.raises(RuleViolation, match="not reached stage 3"):
        assign(case, 3, "Priya Shah")


def test_the_routing_sentence_names_a_relative_in_plain_english() -> None:
    from complaints_desktop.domain.rules import route

    assert "who is another relative is not entitled" in route("other relative", None).reason
    assert "who is someone else is not entitled" in route("other", None).reason
