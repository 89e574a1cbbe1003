"""Storage: files kept with a case inside the database (so the team shares them and
backups hold them): the e-mail a complaint arrived in."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlmodel import Session, col

from complaints_desktop.domain import model as m
from complaints_desktop.storage import tables as t


def add(session: Session, complaint_id: int, filename: str, by_user: str, content: bytes) -> int:
    """Keep ``content`` as ``filename`` on the complaint; the new document's id."""
    row = t.Document(complaint_id=complaint_id, filename=filename, by_user=by_user, content=content)
    session.add(row)
    session.flush()
    assert row.id is not None
    return row.id


def of_case(session: Session, complaint_id: int) -> list[m.CaseDocument]:
    """The documents kept with a complaint, oldest first (without their content)."""
    rows = session.execute(
        select(
            col(t.Document.id),
            col(t.Document.filename),
            col(t.Document.added_at),
            col(t.Document.by_user),
            func.length(col(t.Document.content)),
        )
        .where(col(t.Document.complaint_id) == complaint_id)
        .order_by(col(t.Document.id))
    ).all()
    return [
        m.CaseDocument(id=i, filename=name, added_at=at, by_user=by, size=int(size or 0))
        for i, name, at, by, size in rows
    ]


def content(session: Session, document_id: int) -> tuple[int, str, bytes] | None:
    """(complaint id, file name, content) of a document, or None."""
    row = session.get(t.Document, document_id)
    if row is None:
        return None
    return row.complaint_id, row.filename, bytes(row.content or b"")
