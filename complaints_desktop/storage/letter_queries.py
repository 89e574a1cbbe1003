"""Storage: the small queries letters need — a contact by reference, its letters, and
cases still waiting for an acknowledgement."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, col, select

from complaints_desktop.domain import model as m
from complaints_desktop.storage import tables as t


def find_contact(session: Session, reference: str) -> m.Contact | None:
    """The compliment or enquiry with ``reference``, or None."""
    row = session.exec(select(t.Contact).where(t.Contact.reference == reference)).first()
    if row is None:
        return None
    return m.Contact(
        id=row.id,
        reference=row.reference,
        kind=row.kind,
        received=row.received,
        channel=row.channel,
        sender=row.sender,
        summary=row.summary,
        responded=row.responded,
        name=row.name,
        title=row.title,
        address=row.address,
        email=row.email,
        quote_consent=row.quote_consent,
        version=row.version,
    )


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


def unacknowledged(session: Session, received_by: date) -> list[m.Case]:
    """Live cases received by ``received_by`` whose current stage is not acknowledged.

    Each case carries only what the acknowledgement deadline needs: reference, procedure,
    received, and its current stage's dates.
    """
    query = (
        select(t.Complaint, t.Stage)
        .join(t.Stage, col(t.Stage.complaint_id) == col(t.Complaint.id))
        .where(col(t.Stage.number) == col(t.Complaint.stage))
        .where(col(t.Stage.acknowledged).is_(None))
        .where(col(t.Stage.response).is_(None))
        .where(col(t.Complaint.refused).is_(None))
        .where(col(t.Complaint.withdrawn).is_(None))
        .where(col(t.Complaint.received) <= received_by)
        .order_by(col(t.Complaint.received), col(t.Complaint.reference))
    )
    out = []
    for complaint, stage in session.exec(query).all():
        case = m.Case(
            procedure=complaint.procedure,
            received=complaint.received,
            reference=complaint.reference,
            id=complaint.id,
        )
        case.stages.append(
            m.Stage(number=stage.number, requested=stage.requested, start=stage.start)
        )
        out.append(case)
    return out


def delete_setting(session: Session, key: str) -> None:
    """Remove the setting ``key`` (restores a letter template to its shipped wording)."""
    row = session.get(t.Setting, key)
    if row is not None:
        session.delete(row)
