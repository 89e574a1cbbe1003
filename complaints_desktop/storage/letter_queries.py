"""Storage: the small queries letters need — a letter sent, and cases still waiting for
an acknowledgement (a contact by reference: ``storage.contacts.find_contact``)."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, col, select

from complaints_desktop.domain.views import CaseDates
from complaints_desktop.storage import queries
from complaints_desktop.storage import tables as t


def sent_pdf(session: Session, letter_id: int) -> tuple[str, str, bytes] | None:
    """(reference, template, PDF) of a letter logged on a case or contact, or None."""
    row = session.get(t.Letter, letter_id)
    if row is None:
        return None
    reference = ""
    if row.complaint_id is not None:
        case = session.get(t.Complaint, row.complaint_id)
        reference = case.reference if case else ""
    elif row.contact_id is not None:
        contact = session.get(t.Contact, row.contact_id)
        reference = contact.reference if contact else ""
    return reference, row.template, bytes(row.pdf or b"")


def unacknowledged(session: Session, received_by: date) -> list[CaseDates]:
    """Live cases received by ``received_by`` whose current stage is not acknowledged, by
    date received then reference, as their deadlines need them (``queries.deadline_cases``)."""
    query = (
        select(t.Complaint.id)
        .join(t.Stage, col(t.Stage.complaint_id) == col(t.Complaint.id))
        .where(col(t.Stage.number) == col(t.Complaint.stage))
        .where(col(t.Stage.acknowledged).is_(None))
        .where(col(t.Stage.response).is_(None))
        .where(col(t.Complaint.refused).is_(None))
        .where(col(t.Complaint.withdrawn).is_(None))
        .where(col(t.Complaint.received) <= received_by)
        .order_by(col(t.Complaint.received), col(t.Complaint.reference))
    )
    ids = [int(i) for i in session.exec(query).all() if i is not None]
    return queries.deadline_cases(session, ids)


def delete_setting(session: Session, key: str) -> None:
    """Remove the setting ``key`` (restores a letter template to its shipped wording)."""
    row = session.get(t.Setting, key)
    if row is not None:
        session.delete(row)
