"""Services: many cases at once — new cases in bulk (demo data, tests; the import has its
own path through the same storage), and the automatic closure of answered cases whose
time to ask for the next stage has passed (run when the database is opened).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlmodel import Session

from complaints_desktop.domain.deadlines import next_deadline
from complaints_desktop.domain.model import Case
from complaints_desktop.domain.rules import closed_on, derive_status
from complaints_desktop.domain.vocab import reference_prefix
from complaints_desktop.services import access
from complaints_desktop.services.env import Env
from complaints_desktop.storage import audit, bulk, cases
from complaints_desktop.storage.engine import BULK_WAIT, refresh_planner_statistics, serialise


def store_many(env: Env, many: list[Case], *, source: str = "") -> int:
    """Save many new cases in one transaction (demo data, tests); returns how many.

    Each case gets a reference when it has none, its status, next deadline and closure
    date as ``create`` gives them, and the batch one audit entry. Bulk inserts: about
    0.5 ms a case.
    """
    with env.uow(write=True, wait=BULK_WAIT) as session:
        access.require(env, "import", session)
        store_many_in(env, session, many, source=source)
    refresh_planner_statistics(env.engine, len(many))
    return len(many)


def store_many_in(env: Env, session: Session, many: list[Case], *, source: str = "") -> None:
    """``store_many`` inside the caller's writing unit of work (several batches, one
    transaction: all of them or none). The caller checks the right to import."""
    settings, cal, today = env.settings(session), env.calendar(session), env.today()
    derived: list[bulk.Derived] = []
    for case in many:
        case.status = derive_status(case, settings, cal, today)
        upcoming = next_deadline(case, settings, cal, today)
        derived.append(
            bulk.Derived(
                next_due=upcoming.due if upcoming else None,
                next_due_what=upcoming.what if upcoming else "",
                closed_on=closed_on(case) if case.status not in ("open", "responded") else None,
            )
        )
    last: dict[str, int] = {}
    for case in many:
        if case.reference:
            continue
        prefix = reference_prefix(case.procedure)
        stem = f"{prefix}/{case.received.year % 100:02d}/"
        if stem not in last:
            first = cases.next_reference(session, prefix, case.received.year)
            last[stem] = int(first.rsplit("/", 1)[1]) - 1
        last[stem] += 1
        case.reference = f"{stem}{last[stem]:04d}"
    bulk.insert_cases(session, many, derived)
    bulk.insert_case_details(session, many)
    changes: dict[str, Any] = {"count": len(many)}
    if source:
        changes["source"] = source
    audit.record(session, user=env.user, action="bulk create", entity="complaint", changes=changes)


def close_lapsed(env: Env) -> int:
    """Close answered cases whose window to ask for the next stage has passed.

    Run when the database is opened; stored statuses then stay true as days pass. Each
    closure is audited (as an automatic close, naming why) and bumps the case's version.
    Returns how many cases were closed.
    """
    closing: list[tuple[int, date]] = []
    with env.uow(write=True) as session:
        settings, cal, today = env.settings(session), env.calendar(session), env.today()
        serialise(session, "close lapsed")  # two PCs starting at once: one closes them
        for case_id, procedure, number, response in cases.answered_awaiting_request(session):
            rule = settings.procedure(procedure).rule(number + 1)
            window = rule.request_window if rule is not None else None
            if window is None or today > cal.add_working_days(response, window):
                closing.append((case_id, response))
        closed = cases.mark_closed(session, closing)
        if closed:
            audit.record_many(
                session,
                user=env.user,  # whose start of the app closed them
                action="automatic close",
                entity="complaint",
                items=[
                    (
                        case_id,
                        reference,
                        {
                            "status": ["responded", "closed"],
                            "why": "the time to ask for the next stage has passed",
                        },
                    )
                    for case_id, reference in closed
                ],
            )
    return len(closed)
