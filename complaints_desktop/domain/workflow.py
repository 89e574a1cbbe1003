"""Domain: the moves a case can make, each refused with a reason when illegal.

Each function changes the ``Case`` it is given in place and returns nothing, or raises
``RuleViolation`` with a sentence the officer can act on. Services load a case, apply a
move, save it and write the audit entry.
"""

from __future__ import annotations

from datetime import date

from complaints_desktop.domain.calendar import Suspension, WorkingCalendar
from complaints_desktop.domain.errors import RuleViolation
from complaints_desktop.domain.model import (
    Case,
    Finding,
    LearningAction,
    Ombudsman,
    Recommendation,
    Stage,
)
from complaints_desktop.domain.procedures import Settings
from complaints_desktop.domain.rules import derive_status
from complaints_desktop.domain.text import long_date
from complaints_desktop.domain.vocab import (
    ACTION_STATUSES,
    FINDINGS,
    LGSCO_OUTCOMES,
    OUTCOMES,
    REMEDY_COMPLIANCE,
)


def _check_date(case: Case, day: date, what: str, today: date) -> None:
    if day > today:
        raise RuleViolation(f"The {what} date {long_date(day)} is in the future.")
    if day < case.received:
        raise RuleViolation(
            f"The {what} date {long_date(day)} is before the complaint was received "
            f"({long_date(case.received)})."
        )


def _live(case: Case) -> None:
    if case.refused is not None:
        raise RuleViolation("The complaint was not accepted, so it has no stages to act on.")
    if case.withdrawn is not None:
        raise RuleViolation(f"The complaint was withdrawn on {long_date(case.withdrawn)}.")


def open_stage(case: Case) -> Stage:
    """The stage in progress, or a RuleViolation saying there is none."""
    _live(case)
    current = case.current_stage
    if current is None or not current.is_open:
        raise RuleViolation("No stage is in progress on this complaint.")
    return current


def start_stage1(case: Case, on: date, today: date) -> None:
    """Begin stage 1 (local resolution) on ``on``."""
    _live(case)
    _check_date(case, on, "stage 1 start", today)
    if case.stages:
        raise RuleViolation("Stage 1 has already begun.")
    case.stages.append(Stage(number=1, start=on))


def acknowledge(case: Case, on: date, today: date) -> None:
    """Record the acknowledgement of the current stage."""
    _live(case)
    stage = case.current_stage
    if stage is None:
        raise RuleViolation("There is no stage to acknowledge yet.")
    if stage.acknowledged is not None:
        raise RuleViolation(
            f"Stage {stage.number} was already acknowledged on {long_date(stage.acknowledged)}."
        )
    start = stage.clock_start
    assert start is not None
    _check_date(case, on, "acknowledgement", today)
    if on < start:
        raise RuleViolation("The acknowledgement cannot be dated before the stage began.")
    stage.acknowledged = on


def extend(
    case: Case,
    agreed: date,
    reason: str,
    settings: Settings,
    today: date,
    letter_reason: str = "",
) -> None:
    """Agree an extension to the longer timescale, with its reason (the note) and the
    reason as the complainant's letter gives it."""
    stage = open_stage(case)
    rule = settings.procedure(case.procedure).rule(stage.number)
    if rule is None or rule.extended <= rule.standard:
        raise RuleViolation(f"Stage {stage.number} of this procedure cannot be extended.")
    if stage.extended:
        raise RuleViolation(f"Stage {stage.number} has already been extended.")
    if not reason.strip():
        raise RuleViolation("Give the reason for the extension; the complainant must be told it.")
    _check_date(case, agreed, "extension", today)
    stage.extended = True
    stage.extension_agreed = agreed
    stage.extension_reason = reason.strip()
    stage.extension_letter_reason = letter_reason.strip()


def suspend(case: Case, start: date, reason: str, today: date) -> None:
    """Stop the clock of the stage in progress."""
    stage = open_stage(case)
    if any(s.end is None for s in stage.suspensions):
        raise RuleViolation("The clock is already stopped; resume it first.")
    if not reason.strip():
        raise RuleViolation("Give the reason for stopping the clock.")
    _check_date(case, start, "suspension", today)
    stage.suspensions.append(Suspension(start=start, end=None, reason=reason.strip()))


def resume(case: Case, on: date, today: date) -> None:
    """Restart the clock stopped by ``suspend``."""
    stage = open_stage(case)
    running = [s for s in stage.suspensions if s.end is None]
    if not running:
        raise RuleViolation("The clock is not stopped.")
    _check_date(case, on, "resume", today)
    if on < running[0].start:
        raise RuleViolation("The clock cannot restart before it stopped.")
    index = stage.suspensions.index(running[0])
    stage.suspensions[index] = Suspension(running[0].start, on, running[0].reason)


def record_response(
    case: Case,
    on: date,
    outcome: str,
    today: date,
    findings: dict[int, tuple[str, str]] | None = None,
    remedies: list[str] | None = None,
) -> None:
    """Record the response that ends the stage in progress.

    Args:
        findings: element position (0-based) -> (outcome, text) at this stage.
        remedies: remedies offered; added to the case's list.
    """
    stage = open_stage(case)
    if outcome not in FINDINGS:
        raise RuleViolation(
            f"Outcome must be one of: {', '.join(FINDINGS)} (use Withdraw for a withdrawal)."
        )
    start = stage.clock_start
    assert start is not None
    _check_date(case, on, "response", today)
    if on < start:
        raise RuleViolation(
            f"The response ({long_date(on)}) cannot be before stage {stage.number} began "
            f"({long_date(start)})."
        )
    if any(s.end is None for s in stage.suspensions):
        raise RuleViolation("The clock is stopped; resume it before recording the response.")
    for position, (finding, text) in (findings or {}).items():
        if not 0 <= position < len(case.elements):
            raise RuleViolation(f"There is no element {position + 1} on this complaint.")
        if finding not in FINDINGS:
            raise RuleViolation(f"Element {position + 1}: {finding!r} is not a finding.")
        element = case.elements[position]
        element.findings = [f for f in element.findings if f.stage != stage.number]
        element.findings.append(Finding(stage=stage.number, outcome=finding, text=text))
    stage.response = on
    stage.outcome = outcome
    for remedy in remedies or []:
        if remedy not in case.remedies:
            case.remedies.append(remedy)


def escalate(
    case: Case,
    requested: date,
    settings: Settings,
    cal: WorkingCalendar,
    today: date,
    late_reason: str = "",
) -> None:
    """Open the next stage at the complainant's request.

    A request after the window closed needs ``late_reason`` (the council's discretion).
    """
    _live(case)
    proc = settings.procedure(case.procedure)
    current = case.current_stage
    if current is None:
        raise RuleViolation("Stage 1 has not begun; a complaint escalates from a stage.")
    if current.response is None:
        raise RuleViolation(
            f"Stage {current.number} is still open: record its response before escalating."
        )
    if current.number >= proc.last_stage:
        raise RuleViolation(
            f"Stage {current.number} is the last stage of the {proc.name}; "
            "the complainant may go to the Ombudsman."
        )
    _check_date(case, requested, "request", today)
    if requested < current.response:
        raise RuleViolation(
            f"The request ({long_date(requested)}) cannot be before the stage "
            f"{current.number} response ({long_date(current.response)})."
        )
    rule = proc.rule(current.number + 1)
    assert rule is not None
    if rule.request_window is not None:
        closes = cal.add_working_days(current.response, rule.request_window)
        if requested > closes and not late_reason.strip():
            raise RuleViolation(
                f"The request came after the {rule.request_window} working-day window, which "
                f"closed on {long_date(closes)}: record why the council accepts it late."
            )
    case.stages.append(Stage(number=current.number + 1, requested=requested))
    if late_reason.strip():
        case.late_accepted_reason = late_reason.strip()


def agree_statement(case: Case, on: date, today: date) -> None:
    """Stage 2: the written statement of complaint was agreed; the second clock starts."""
    stage = open_stage(case)
    if stage.number != 2 or case.procedure != "statutory":
        raise RuleViolation("A statement of complaint is agreed at statutory stage 2 only.")
    _check_date(case, on, "statement agreement", today)
    if stage.requested is not None and on < stage.requested:
        raise RuleViolation("The statement cannot be agreed before stage 2 was requested.")
    stage.start = on


def commission(
    case: Case,
    officer: str,
    independent: str,
    officer_fee: int,
    independent_fee: int,
    officer_address: str = "",
    independent_address: str = "",
) -> None:
    """Stage 2: name the investigating officer and independent person, and their fees."""
    stage = open_stage(case)
    if stage.number != 2:
        raise RuleViolation("Investigations are commissioned at stage 2.")
    if officer_fee < 0 or independent_fee < 0:
        raise RuleViolation("Fees cannot be negative.")
    if officer and independent and officer.strip().casefold() == independent.strip().casefold():
        raise RuleViolation("The independent person cannot be the investigating officer.")
    stage.investigating_officer = officer.strip()
    stage.independent_person = independent.strip()
    stage.io_fee = officer_fee
    stage.ip_fee = independent_fee
    stage.io_address = officer_address.strip()
    stage.ip_address = independent_address.strip()
    stage.cost = officer_fee + independent_fee


def arrange_panel(
    case: Case,
    members: list[str],
    meets: date | None,
    cost: int,
    time: str = "",
    venue: str = "",
) -> None:
    """Stage 3: the review panel's three independent members, when and where it meets
    (``venue`` an address or the link of a remote meeting)."""
    stage = open_stage(case)
    if stage.number != 3:
        raise RuleViolation("Review panels are arranged at stage 3.")
    names = [m.strip() for m in members if m.strip()]
    if len(names) != 3:
        raise RuleViolation("A review panel has three independent members.")
    s2 = case.stage(2)
    if (
        s2
        and s2.independent_person
        and any(n.casefold() == s2.independent_person.casefold() for n in names)
    ):
        raise RuleViolation(
            "The stage 2 independent person attends the panel but may not sit on it."
        )
    if cost < 0:
        raise RuleViolation("Panel costs cannot be negative.")
    if meets is not None and stage.requested is not None and meets < stage.requested:
        raise RuleViolation("The panel cannot meet before stage 3 was requested.")
    stage.panel_members = "; ".join(names)
    stage.panel_date = meets
    stage.panel_time = time.strip()
    stage.panel_venue = venue.strip()
    stage.cost = cost


def panel_report(case: Case, on: date, today: date) -> None:
    """Stage 3: the date the panel's report was received."""
    stage = open_stage(case)
    if stage.number != 3 or stage.panel_date is None:
        raise RuleViolation("Record the panel meeting before its report.")
    _check_date(case, on, "panel report", today)
    if on < stage.panel_date:
        raise RuleViolation("The report cannot come before the panel met.")
    stage.panel_report = on


def withdraw(case: Case, on: date, today: date) -> None:
    """The complainant withdrew: closes the stage in progress (or the complaint)."""
    _live(case)
    _check_date(case, on, "withdrawal", today)
    stage = case.current_stage
    if stage is not None and stage.is_open:
        start = stage.clock_start
        assert start is not None
        if on < start:
            raise RuleViolation("The withdrawal cannot be before the stage began.")
        stage.response = on
        stage.outcome = "withdrawn"
    case.withdrawn = on
    case.withdrawn_stage = stage.number if stage else None


def refuse(case: Case, on: date, reason: str, signposting: str, today: date) -> None:
    """Not accepted (ineligible, out of time, duplicate, legal proceedings)."""
    _live(case)
    if any(s.response for s in case.stages):
        raise RuleViolation("A complaint that has had a response cannot be refused.")
    if not reason.strip():
        raise RuleViolation("Give the reason the complaint is not accepted.")
    _check_date(case, on, "refusal", today)
    case.stages = []
    case.refused = on
    case.refusal_reason = reason.strip()
    case.signposting = signposting.strip()


def resolve_early(case: Case, on: date, today: date) -> None:
    """Resolved before any formal stage (stage 0 / early resolution)."""
    _live(case)
    if any(s.response or s.number > 1 for s in case.stages):
        raise RuleViolation("Only a complaint that has had no formal response resolves early.")
    _check_date(case, on, "resolution", today)
    case.stages = []
    case.resolved_early = on


def refer_ombudsman(case: Case, reference: str, received: date, today: date) -> None:
    """The Ombudsman told the council of a referral."""
    if case.ombudsman is not None:
        raise RuleViolation("This complaint already has an Ombudsman referral.")
    _check_date(case, received, "Ombudsman referral", today)
    case.ombudsman = Ombudsman(reference=reference.strip(), received=received)


def ombudsman_decision(
    case: Case,
    decided: date,
    outcome: str,
    payment: int,
    recommendations: list[Recommendation],
    today: date,
) -> None:
    """Record the Ombudsman's decision and each recommended remedy."""
    omb = case.ombudsman
    if omb is None:
        raise RuleViolation("Record the Ombudsman referral before its decision.")
    if outcome not in LGSCO_OUTCOMES:
        raise RuleViolation(f"Ombudsman outcome must be one of: {', '.join(LGSCO_OUTCOMES)}.")
    _check_date(case, decided, "Ombudsman decision", today)
    if omb.received is not None and decided < omb.received:
        raise RuleViolation("The decision cannot be before the referral was received.")
    if payment < 0:
        raise RuleViolation("The payment cannot be negative.")
    for rec in recommendations:
        if not rec.description.strip():
            raise RuleViolation("Each recommended remedy needs a description.")
        if rec.status not in REMEDY_COMPLIANCE:
            raise RuleViolation(f"{rec.status!r} is not a compliance status.")
    omb.decided = decided
    omb.outcome = outcome
    omb.payment = payment
    omb.recommendations = list(recommendations)


def remedy_compliance(
    case: Case, index: int, achieved: date | None, status: str, today: date
) -> None:
    """Record the council's compliance with one recommended remedy."""
    omb = case.ombudsman
    if omb is None or not 0 <= index < len(omb.recommendations):
        raise RuleViolation("There is no such recommended remedy.")
    if status not in REMEDY_COMPLIANCE:
        raise RuleViolation(f"Status must be one of: {', '.join(REMEDY_COMPLIANCE)}.")
    if achieved is not None:
        _check_date(case, achieved, "remedy achieved", today)
    rec = omb.recommendations[index]
    problem = remedy_dates_problem(status, achieved, rec.target)
    if problem:
        raise RuleViolation(problem)
    rec.achieved = achieved
    rec.status = status


def remedy_dates_problem(status: str, achieved: date | None, target: date | None) -> str:
    """What is wrong with a remedy's compliance date for ``status`` ("" when nothing)."""
    if status in ("complete and satisfied", "completed late") and achieved is None:
        return "Enter the date the remedy was achieved."
    if status in ("pending", "not complete") and achieved is not None:
        return (
            f"A remedy that is {status} has no date achieved: clear the date or change the status."
        )
    if target is None or achieved is None:
        return ""
    when, due = long_date(achieved), long_date(target)
    if status == "completed late" and achieved <= target:
        return f"Achieved on {when}, by the target ({due}): that is on time, not late."
    if status == "complete and satisfied" and achieved > target:
        return f"Achieved on {when}, after the target ({due}): choose 'completed late'."
    return ""


def add_action(case: Case, action: LearningAction) -> None:
    """Add a learning action arising from the complaint."""
    if not action.action.strip():
        raise RuleViolation("Describe the action to be taken.")
    if action.status not in ACTION_STATUSES:
        raise RuleViolation(f"Status must be one of: {', '.join(ACTION_STATUSES)}.")
    if action.status == "not implemented" and not action.reason.strip():
        raise RuleViolation("Say why the action was not implemented.")
    case.actions.append(action)


def update_action(
    case: Case,
    index: int,
    status: str,
    evidence: str,
    reason: str,
    completed: date | None,
    today: date,
    target: date | None = None,
) -> None:
    """Move a learning action on: in progress, then implemented (with evidence and the
    date) or not implemented (with the reason and the date decided)."""
    if not 0 <= index < len(case.actions):
        raise RuleViolation("There is no such learning action.")
    if status not in ACTION_STATUSES:
        raise RuleViolation(f"Status must be one of: {', '.join(ACTION_STATUSES)}.")
    done = status in ("implemented", "not implemented")
    if done and completed is None:
        raise RuleViolation(f"Enter the date the action was {status}.")
    if not done and completed is not None:
        raise RuleViolation(f"An action {status} has no completion date: clear it.")
    if completed is not None and completed > today:
        raise RuleViolation(f"The date {long_date(completed)} is in the future.")
    if status == "implemented" and not evidence.strip():
        raise RuleViolation("Say what shows the action was implemented (the evidence).")
    if status == "not implemented" and not reason.strip():
        raise RuleViolation("Say why the action was not implemented.")
    action = case.actions[index]
    action.status = status
    action.evidence = evidence.strip()
    action.reason = reason.strip()
    action.completed = completed
    if target is not None:
        action.target = target


def refresh_status(case: Case, settings: Settings) -> None:
    """Set ``case.status`` from its dates."""
    case.status = derive_status(case, settings)


__all__ = [
    "OUTCOMES",
    "acknowledge",
    "add_action",
    "agree_statement",
    "arrange_panel",
    "commission",
    "escalate",
    "extend",
    "ombudsman_decision",
    "open_stage",
    "panel_report",
    "record_response",
    "refer_ombudsman",
    "refresh_status",
    "refuse",
    "remedy_compliance",
    "resolve_early",
    "resume",
    "start_stage1",
    "suspend",
    "withdraw",
]
