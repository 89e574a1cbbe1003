"""Services: complaint use cases — create, edit, and every move of the procedure.

Each public function is one use case and one transaction: load the case, apply a domain
move (which refuses illegal moves with a reason), refresh its status and next deadline,
save it (refusing a concurrent edit), and append an audit entry with old -> new values.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable
from datetime import date
from typing import Any

from sqlmodel import Session

from complaints_desktop.domain import ownership, workflow
from complaints_desktop.domain.calendar import WorkingCalendar
from complaints_desktop.domain.deadlines import Deadline, case_deadlines, next_deadline
from complaints_desktop.domain.errors import RuleViolation, ValidationFailed
from complaints_desktop.domain.merge import reapply
from complaints_desktop.domain.model import Case, LearningAction, Recommendation
from complaints_desktop.domain.procedures import Settings
from complaints_desktop.domain.rules import closed_on, derive_status
from complaints_desktop.domain.vocab import (
    CHANNELS,
    EQUALITY,
    LEGAL_STATUSES,
    PROCEDURES,
    RELATIONSHIPS,
    reference_prefix,
)
from complaints_desktop.services import access
from complaints_desktop.services.env import Env
from complaints_desktop.storage import audit, cases, vocabularies


def _flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        value = dataclasses.asdict(value)
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, item in value.items():
            out.update(_flatten(item, f"{prefix}{key}."))
        return out
    if isinstance(value, list):
        out = {}
        for index, item in enumerate(value):
            out.update(_flatten(item, f"{prefix}{index}."))
        if not value:
            out[prefix.rstrip(".")] = []
        return out
    return {prefix.rstrip("."): value}


def diff(before: Case, after: Case) -> dict[str, list[Any]]:
    """Field path -> [old, new] for every value that changed.

    Letters, notes (logged on their own), the version and database ids (rows are
    rewritten on save, and PostgreSQL gives them new ids) are not changes a person made.
    """

    def kept(key: str) -> bool:
        return (
            not key.startswith(("letters", "notes", "version")) and key.rsplit(".", 1)[-1] != "id"
        )

    old = {k: v for k, v in _flatten(before).items() if kept(k)}
    new = {k: v for k, v in _flatten(after).items() if kept(k)}
    return {
        k: [old.get(k), new.get(k)] for k in sorted(set(old) | set(new)) if old.get(k) != new.get(k)
    }


def _validate(case: Case, env: Env, session: Session) -> None:
    problems: list[str] = []
    if case.procedure not in PROCEDURES:
        problems.append(f"Procedure must be one of: {', '.join(PROCEDURES)}.")
    if case.received > env.today():
        problems.append("The date received cannot be in the future.")
    if case.channel and case.channel not in CHANNELS:
        problems.append(f"Channel must be one of: {', '.join(CHANNELS)}.")
    if case.relationship and case.relationship not in RELATIONSHIPS:
        problems.append(f"Relationship must be one of: {', '.join(RELATIONSHIPS)}.")
    for key, value in case.equality.items():
        if key not in EQUALITY or (value and value not in EQUALITY[key]):
            problems.append(f"{key.replace('_', ' ').capitalize()}: {value!r} is not a choice.")
    if case.child.dob is not None and case.child.dob > env.today():
        problems.append("The child's date of birth cannot be in the future.")
    if case.learned_of is not None and case.learned_of > case.received:
        problems.append(
            "The date the complainant learned of the events cannot be after the complaint "
            "was received."
        )
    if case.legal_status and case.legal_status not in LEGAL_STATUSES:
        problems.append(f"The child's legal status must be one of: {', '.join(LEGAL_STATUSES)}.")
    if case.adjustments_review is not None and not case.adjustments.strip():
        problems.append("Say which reasonable adjustments were agreed before a review date.")
    themes = [e.theme for e in case.elements if e.theme]  # an element's theme is a type
    for kind, values in (
        ("team", case.teams),
        ("type", [*case.types, *themes]),
        ("remedy", case.remedies),
    ):
        known = vocabularies.id_map(session, kind)
        for name in values:
            if name.casefold() not in known:
                problems.append(
                    f"{vocabularies.LABELS[kind].capitalize()} {name!r} is not in the list; "
                    "an administrator can add it in Settings."
                )
    if problems:
        raise ValidationFailed(problems)


def _derive(env: Env, case: Case, session: Session) -> dict[str, Any]:
    """The case's status and the denormalised columns, with the settings and calendar
    read in the use case's unit of work ``session``."""
    settings, cal = env.settings(session), env.calendar(session)
    case.status = derive_status(case, settings, cal, env.today())
    upcoming = next_deadline(case, settings, cal, env.today())
    return {
        "next_due": upcoming.due if upcoming else None,
        "next_due_what": upcoming.what if upcoming else "",
        "closed_on": closed_on(case) if case.status not in ("open", "responded") else None,
    }


def _store(session: Session, case: Case, derived: dict[str, Any]) -> int:
    return cases.save(session, case, **derived)


def create(env: Env, case: Case, *, start_stage1: bool = True) -> Case:
    """Log a new complaint; stage 1 starts on the day received unless told otherwise."""
    with env.uow(write=True) as session:
        access.require(env, "create", session)
        _validate(case, env, session)
        if start_stage1 and not case.stages and case.resolved_early is None:
            workflow.start_stage1(case, case.received, env.today())
        derived = _derive(env, case, session)
        if not case.reference:
            prefix = reference_prefix(case.procedure)
            case.reference = cases.next_reference(session, prefix, case.received.year)
        else:
            if cases.reference_exists(session, case.reference):
                raise ValidationFailed([f"Reference {case.reference} is already in use."])
        _store(session, case, derived)
        audit.record(
            session,
            user=env.user,
            action="create",
            entity="complaint",
            entity_id=case.id,
            reference=case.reference,
            changes={"procedure": case.procedure, "received": case.received},
        )
    return case


def get(env: Env, reference: str) -> Case:
    """The whole case with ``reference`` (a restricted one only for those named on it).

    Each view of a restricted case is audited.
    """
    with env.uow() as session:
        case_id = cases.find_id(session, reference)
        access.check_view(env, case_id, session)
        return cases.load(session, case_id)


def deadlines(env: Env, case: Case) -> list[Deadline]:
    """Every deadline of the case, each with the rule that produced it."""
    with env.uow() as session:
        settings, cal = env.settings(session), env.calendar(session)
    return case_deadlines(case, settings, cal, env.today())


RuledMove = Callable[[Case, Settings, WorkingCalendar], None]
"""A move that needs the procedure settings and the calendar in force."""


def _apply(
    env: Env,
    case: Case,
    action: str,
    move: Callable[[Case], None],
    session: Session | None = None,
    *,
    check: Callable[[Session], None] | None = None,
) -> Case:
    """Apply ``move`` to a copy of ``case`` (as the user last saw it) and save it.

    ``action`` names the move for the audit trail and the role check; ``session``: the
    caller's writing unit of work (else the move is one of its own); ``check``: refuses
    the move, reading in the same unit of work.
    """
    return _apply_ruled(env, case, action, lambda c, _settings, _cal: move(c), session, check=check)


def _apply_ruled(
    env: Env,
    case: Case,
    action: str,
    move: RuledMove,
    session: Session | None = None,
    *,
    check: Callable[[Session], None] | None = None,
) -> Case:
    """``_apply`` for a move given the settings and calendar read in its unit of work."""
    if session is None:
        with env.uow(write=True) as own:
            return _apply_ruled(env, case, action, move, own, check=check)
    access.require(env, action, session)
    if check is not None:
        check(session)
    before = _deep_copy(case)
    after = _deep_copy(case)
    move(after, env.settings(session), env.calendar(session))
    _store(session, after, _derive(env, after, session))
    audit.record(
        session,
        user=env.user,
        action=action,
        entity="complaint",
        entity_id=after.id,
        reference=after.reference,
        changes=diff(before, after),
    )
    return after


def assign(env: Env, case: Case, stage: int, officer: str) -> Case:
    """Name the officer handling ``stage`` (audited, old -> new, as every move is).

    A name or account on the Users list is written as the list shows the person.
    """
    clean = " ".join(officer.split())
    for user in access.list_users(env):
        if clean.casefold() in (user.account.casefold(), user.shown.casefold()):
            clean = user.shown
    return _apply(env, case, "assign", lambda c: ownership.assign(c, stage, clean))


def _deep_copy(case: Case) -> Case:
    return copy.deepcopy(case)


def edit(env: Env, case: Case) -> Case:
    """Save edits made to the case's details (the version loaded guards the save)."""
    with env.uow(write=True) as session:
        access.require(env, "edit", session)
        _validate(case, env, session)
        assert case.id is not None
        stored = cases.load(session, case.id)
        edited = _deep_copy(case)
        _store(session, edited, _derive(env, edited, session))
        audit.record(
            session,
            user=env.user,
            action="edit",
            entity="complaint",
            entity_id=edited.id,
            reference=edited.reference,
            changes=diff(stored, edited),
        )
    return edited


@dataclasses.dataclass(frozen=True)
class Merged:
    """My edits put onto the version someone else saved: what each of us changed."""

    case: Case
    mine: dict[str, list[Any]]
    theirs: dict[str, list[Any]]


def keep_my_changes(env: Env, opened: Case, mine: Case) -> Merged:
    """The latest saved version with only the fields I changed since ``opened`` put on it.

    Nothing is saved: the caller shows both sets of changes and saves ``case`` with
    ``edit`` (which checks the version again).
    """
    latest = get(env, opened.reference)
    return Merged(
        case=reapply(opened, mine, latest),
        mine=diff(opened, mine),
        theirs=diff(opened, latest),
    )


def acknowledge(env: Env, case: Case, on: date, session: Session | None = None) -> Case:
    """Record the acknowledgement of the current stage (in the caller's writing unit of
    work ``session``, when given)."""
    return _apply(
        env, case, "acknowledge", lambda c: workflow.acknowledge(c, on, env.today()), session
    )


def extend(env: Env, case: Case, agreed: date, reason: str, letter_reason: str = "") -> Case:
    """Extend the stage in progress to its longer timescale, with the reason (and the
    reason as the complainant's letter gives it)."""
    return _apply_ruled(
        env,
        case,
        "extend",
        lambda c, settings, _cal: workflow.extend(
            c, agreed, reason, settings, env.today(), letter_reason
        ),
    )


def suspend(env: Env, case: Case, start: date, reason: str) -> Case:
    """Stop the clock."""
    return _apply(env, case, "suspend", lambda c: workflow.suspend(c, start, reason, env.today()))


def resume(env: Env, case: Case, on: date) -> Case:
    """Restart the clock."""
    return _apply(env, case, "resume", lambda c: workflow.resume(c, on, env.today()))


def respond(
    env: Env,
    case: Case,
    on: date,
    outcome: str,
    findings: dict[int, tuple[str, str]] | None = None,
    remedies: list[str] | None = None,
) -> Case:
    """Record the response (and findings per element) that ends the stage in progress."""
    return _apply(
        env,
        case,
        "respond",
        lambda c: workflow.record_response(c, on, outcome, env.today(), findings, remedies),
    )


def escalate(env: Env, case: Case, requested: date, late_reason: str = "") -> Case:
    """Open the next stage at the complainant's request."""
    return _apply_ruled(
        env,
        case,
        "escalate",
        lambda c, settings, cal: workflow.escalate(
            c, requested, settings, cal, env.today(), late_reason
        ),
    )


def agree_statement(env: Env, case: Case, on: date) -> Case:
    """Stage 2: the statement of complaint was agreed (starts the second clock)."""
    return _apply(
        env, case, "agree statement", lambda c: workflow.agree_statement(c, on, env.today())
    )


def commission(
    env: Env,
    case: Case,
    officer: str,
    independent: str,
    officer_fee: int,
    independent_fee: int,
    officer_address: str = "",
    independent_address: str = "",
) -> Case:
    """Stage 2: commission the investigation (the independent person may not be one of
    this database's users: they must come from outside the council)."""
    return _apply(
        env,
        case,
        "commission",
        lambda c: workflow.commission(
            c,
            officer,
            independent,
            officer_fee,
            independent_fee,
            officer_address,
            independent_address,
        ),
        check=lambda session: _not_staff(env, [independent], "independent person", session),
    )


def arrange_panel(
    env: Env,
    case: Case,
    members: list[str],
    meets: date | None,
    cost: int,
    time: str = "",
    venue: str = "",
) -> Case:
    """Stage 3: arrange the review panel: when and where it meets; its independent
    members are none of this database's users, nor the stage 2 independent person."""
    return _apply(
        env,
        case,
        "arrange panel",
        lambda c: workflow.arrange_panel(c, members, meets, cost, time, venue),
        check=lambda session: _not_staff(env, members, "panel member", session),
    )


def _not_staff(env: Env, names: list[str], what: str, session: Session) -> None:
    """Refuse a name on the Users list (an officer of the council) as ``what``."""
    staff = {
        n.casefold()
        for u in access.list_users(env, session)
        for n in (u.account, u.shown)
        if n.strip()
    }
    for name in names:
        if " ".join(name.split()).casefold() in staff:
            raise RuleViolation(
                f"{name.strip()} is a user of this database, an officer of the council; "
                f"the {what} must be independent of the council."
            )


def panel_report(env: Env, case: Case, on: date) -> Case:
    """Stage 3: the panel's report arrived."""
    return _apply(env, case, "panel report", lambda c: workflow.panel_report(c, on, env.today()))


def withdraw(env: Env, case: Case, on: date) -> Case:
    """The complainant withdrew."""
    return _apply(env, case, "withdraw", lambda c: workflow.withdraw(c, on, env.today()))


def refuse(env: Env, case: Case, on: date, reason: str, signposting: str) -> Case:
    """Not accepted, with the reason and where else to go."""
    return _apply(
        env, case, "refuse", lambda c: workflow.refuse(c, on, reason, signposting, env.today())
    )


def resolve_early(env: Env, case: Case, on: date) -> Case:
    """Resolved before a formal stage."""
    return _apply(env, case, "resolve early", lambda c: workflow.resolve_early(c, on, env.today()))


def refer_ombudsman(env: Env, case: Case, reference: str, received: date) -> Case:
    """The Ombudsman told the council of a referral."""
    return _apply(
        env,
        case,
        "refer to Ombudsman",
        lambda c: workflow.refer_ombudsman(c, reference, received, env.today()),
    )


def ombudsman_decision(
    env: Env,
    case: Case,
    decided: date,
    outcome: str,
    payment: int,
    recommendations: list[Recommendation],
) -> Case:
    """Record the Ombudsman's decision and recommended remedies."""
    return _apply(
        env,
        case,
        "Ombudsman decision",
        lambda c: workflow.ombudsman_decision(
            c, decided, outcome, payment, recommendations, env.today()
        ),
    )


def remedy_compliance(env: Env, case: Case, index: int, achieved: date | None, status: str) -> Case:
    """Record compliance with one Ombudsman-recommended remedy."""
    return _apply(
        env,
        case,
        "remedy compliance",
        lambda c: workflow.remedy_compliance(c, index, achieved, status, env.today()),
    )


def add_action(env: Env, case: Case, action: LearningAction) -> Case:
    """Add a learning action to the case."""
    return _apply(env, case, "add learning action", lambda c: workflow.add_action(c, action))


def update_action(
    env: Env,
    case: Case,
    index: int,
    status: str,
    evidence: str = "",
    reason: str = "",
    completed: date | None = None,
    target: date | None = None,
) -> Case:
    """Move learning action ``index`` on (status, evidence or reason, date completed)."""
    return _apply(
        env,
        case,
        "add learning action",
        lambda c: workflow.update_action(
            c, index, status, evidence, reason, completed, env.today(), target
        ),
    )


def add_note(env: Env, case: Case, text: str) -> None:
    """Add a note to the case."""
    assert case.id is not None
    with env.uow(write=True) as session:
        access.require(env, "note", session)
        if not text.strip():
            raise ValidationFailed(["A note cannot be empty."])
        cases.add_note(session, case.id, text.strip(), env.user)
        audit.record(
            session,
            user=env.user,
            action="note",
            entity="complaint",
            entity_id=case.id,
            reference=case.reference,
        )
