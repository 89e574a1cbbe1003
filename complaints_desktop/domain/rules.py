"""Domain: eligibility routing, the 12-month time limit, and a case's status."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from complaints_desktop.domain.calendar import WorkingCalendar
from complaints_desktop.domain.model import Case
from complaints_desktop.domain.procedures import Settings
from complaints_desktop.domain.vocab import STATUTORY_RELATIONSHIPS

STATUSES: tuple[str, ...] = (
    "open",
    "responded",
    "closed",
    "resolved early",
    "refused",
    "withdrawn",
)


@dataclass(frozen=True)
class Routing:
    """Which procedure a complaint follows, and why (said to the officer)."""

    procedure: str
    reason: str


def route(relationship: str, sufficient_interest: bool | None = None) -> Routing:
    """Decide statutory or corporate from who is complaining (rules.md §1).

    Args:
        relationship: the complainant's relationship to the child (vocabulary).
        sufficient_interest: the council's decision that the complainant has sufficient
            interest in the child's welfare; None when not decided.
    """
    if relationship in STATUTORY_RELATIONSHIPS:
        who = {
            "child or young person": "The child or young person is",
            "parent": "A parent (person with parental responsibility) is",
            "foster carer": "A local-authority foster carer is",
            "special guardian": "A special guardian is",
            "adopter": "An adopter (or person affected by adoption support) is",
        }[relationship]
        return Routing(
            "statutory",
            f"{who} entitled to the Children Act 1989 representations procedure.",
        )
    if relationship == "advocate or representative":
        return Routing(
            "statutory",
            "An advocate or representative complains on the child's behalf, so the "
            "Children Act 1989 representations procedure applies (record the child's consent).",
        )
    if sufficient_interest:
        return Routing(
            "statutory",
            "The council decided the complainant has sufficient interest in the child's "
            "welfare, so the Children Act 1989 procedure applies (record the decision and "
            "the child's views).",
        )
    if not relationship:
        return Routing(
            "corporate",
            "No relationship to a child is recorded, so the corporate procedure applies "
            "until it is.",
        )
    return Routing(
        "corporate",
        f"A complainant who is {_WHO.get(relationship, 'a ' + relationship)} is not "
        "entitled to the statutory procedure unless the council decides they have sufficient "
        "interest in the child's welfare; the corporate procedure applies.",
    )


_WHO = {
    "other relative": "another relative",
    "other": "someone else",
    "solicitor": "a solicitor",
}
"""How the routing sentence names a relationship ("who is another relative")."""


def add_months(day: date, months: int) -> date:
    """``day`` plus whole calendar months, clamped to the month's last day."""
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def out_of_time(received: date, events: date | None, months: int = 12) -> bool:
    """True when the complaint arrived more than ``months`` after the events it is about."""
    return events is not None and received > add_months(events, months)


def derive_status(
    case: Case,
    settings: Settings,
    cal: WorkingCalendar | None = None,
    today: date | None = None,
) -> str:
    """A case's status from its dates: open, responded, closed, resolved early, refused, …

    A stage answered before the procedure's last is ``responded`` while the complainant may
    still ask for the next stage, and ``closed`` once that window has passed (when ``cal``
    and ``today`` are given; without them it stays ``responded``).
    """
    if case.refused is not None:
        return "refused"
    if case.withdrawn is not None:
        return "withdrawn"
    current = case.current_stage
    if current is None:
        return "resolved early" if case.resolved_early is not None else "open"
    if current.response is None:
        return "open"
    if current.outcome == "withdrawn":
        return "withdrawn"
    proc = settings.procedure(case.procedure)
    if current.number >= proc.last_stage:
        return "closed"
    if cal is not None and today is not None and window_closed(case, settings, cal, today):
        return "closed"
    return "responded"


def escalation_closes(case: Case, settings: Settings, cal: WorkingCalendar) -> date | None:
    """The last day the complainant may ask for the next stage, or None if they cannot."""
    current = case.current_stage
    if current is None or current.response is None:
        return None
    rule = settings.procedure(case.procedure).rule(current.number + 1)
    if rule is None or rule.request_window is None:
        return None
    return cal.add_working_days(current.response, rule.request_window)


def window_closed(case: Case, settings: Settings, cal: WorkingCalendar, today: date) -> bool:
    """True when the window to ask for the next stage has passed."""
    closes = escalation_closes(case, settings, cal)
    return closes is not None and today > closes


def closed_on(case: Case) -> date | None:
    """The date a case was closed, for retention: its last response, refusal or resolution."""
    dates = [case.refused, case.withdrawn, case.resolved_early]
    dates += [s.response for s in case.stages]
    if case.ombudsman is not None:
        dates.append(case.ombudsman.decided)
    known = [d for d in dates if d is not None]
    return max(known) if known else None
