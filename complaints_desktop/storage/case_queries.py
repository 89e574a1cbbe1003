"""Storage: small read queries around cases — known people, open cases, next-due refresh."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, or_, update
from sqlmodel import Session, col, select

from complaints_desktop.domain import model as m
from complaints_desktop.storage import mappers
from complaints_desktop.storage import tables as t

OPEN_STATUSES = ("open", "responded")


def _like(text: str) -> str:
    cleaned = text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{cleaned.casefold()}%"


def find_people(session: Session, text: str, limit: int = 10) -> list[m.Person]:
    """Complainants already known whose name, e-mail or phone contains ``text``."""
    pattern = _like(text)
    rows = session.exec(
        select(t.Person)
        .where(
            or_(
                func.lower(t.Person.name).like(pattern, escape="\\"),
                func.lower(t.Person.email).like(pattern, escape="\\"),
                col(t.Person.phone).like(pattern, escape="\\"),
            )
        )
        .order_by(col(t.Person.name), col(t.Person.id))
        .limit(limit)
    ).all()
    return [mappers.person(p) for p in rows]


def find_children(session: Session, text: str, limit: int = 10) -> list[m.Child]:
    """Children already known whose name or social-care ID contains ``text``."""
    pattern = _like(text)
    rows = session.exec(
        select(t.Child)
        .where(
            or_(
                func.lower(t.Child.name).like(pattern, escape="\\"),
                func.lower(t.Child.system_id).like(pattern, escape="\\"),
            )
        )
        .order_by(col(t.Child.name), col(t.Child.id))
        .limit(limit)
    ).all()
    return [mappers.child(c) for c in rows]


def open_cases_for_child(
    session: Session, *, child_id: int | None, name: str, system_id: str
) -> list[tuple[str, str, date]]:
    """(reference, status, received) of open cases about the same child.

    The same child is the same child row, the same social-care ID, or (when neither is
    known) the same name spelled the same way, ignoring case.
    """
    conditions = []
    if child_id is not None:
        conditions.append(col(t.Complaint.child_id) == child_id)
    if system_id.strip():
        conditions.append(func.lower(t.Child.system_id) == system_id.strip().casefold())
    elif name.strip():
        conditions.append(func.lower(t.Child.name) == " ".join(name.split()).casefold())
    if not conditions:
        return []
    rows = session.exec(
        select(col(t.Complaint.reference), col(t.Complaint.status), col(t.Complaint.received))
        .join(t.Child, col(t.Child.id) == col(t.Complaint.child_id))
        .where(or_(*conditions), col(t.Complaint.status).in_(OPEN_STATUSES))
        .order_by(col(t.Complaint.received))
    ).all()
    return [(str(r), str(s), d) for r, s, d in rows]


def live_case_ids(session: Session) -> list[int]:
    """Ids of cases whose deadlines can still move (open, responded, or with a due date)."""
    rows = session.exec(
        select(t.Complaint.id).where(
            or_(col(t.Complaint.status).in_(OPEN_STATUSES), col(t.Complaint.next_due).isnot(None))
        )
    ).all()
    return [int(i) for i in rows if i is not None]


def set_next_due(session: Session, case_id: int, due: date | None, what: str) -> None:
    """Store a case's next deadline without touching its version (no edit by a person)."""
    session.execute(
        update(t.Complaint)
        .where(col(t.Complaint.id) == case_id)
        .values(next_due=due, next_due_what=what)
    )
