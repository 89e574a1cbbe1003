"""Domain: who handles each stage of a case — assigning, the corporate rule, the load.

The officer handling a stage is its ``handler`` (a name from the Users list, or as typed
in an imported log). The corporate procedure (rules.md) needs a different officer for
stage 2 from stage 1; assigning the same one is refused with a sentence saying so.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from complaints_desktop.domain.errors import RuleViolation
from complaints_desktop.domain.model import Case


def same_person(a: str, b: str) -> bool:
    """Names equal ignoring case and spacing (and neither blank)."""
    return bool(a.strip()) and " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def officer(case: Case) -> str:
    """The officer handling the case's current stage ("" when nobody is)."""
    stage = case.current_stage
    return stage.handler if stage is not None else ""


def different_officer_problem(case: Case) -> str:
    """The corporate rule broken, in a sentence ("" when it holds or does not apply)."""
    one, two = case.stage(1), case.stage(2)
    if case.procedure != "corporate" or one is None or two is None:
        return ""
    if same_person(one.handler, two.handler):
        return (
            f"A different officer must handle stage 2 from stage 1 (corporate procedure): "
            f"{two.handler} handled stage 1. Choose someone else for stage 2."
        )
    return ""


def assign(case: Case, stage_number: int, name: str) -> None:
    """Name the officer handling stage ``stage_number`` (blank: nobody)."""
    stage = case.stage(stage_number)
    if stage is None:
        raise RuleViolation(f"The complaint has not reached stage {stage_number}.")
    before = stage.handler
    stage.handler = " ".join(name.split())
    problem = different_officer_problem(case)
    if problem:
        stage.handler = before
        raise RuleViolation(problem)


@dataclass(frozen=True)
class OfficerLoad:
    """One officer's line of the manager's view: what is overdue and due this week."""

    officer: str
    overdue: int = 0
    due_this_week: int = 0
    open_cases: int = 0


def is_mine(handler: str, names: Iterable[str]) -> bool:
    """Whether ``handler`` is one of ``names`` (the account and the name shown)."""
    return any(same_person(handler, n) for n in names)
