"""Storage: load and save a whole case (the aggregate) with optimistic concurrency.

``load`` reads it through ``case_reads`` (rows mapped by ``storage.mappers``); ``save``
writes the aggregate back, replacing its child rows, and refuses when someone else saved
since the case was loaded.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import bindparam, delete, update
from sqlmodel import Session, col, select

from complaints_desktop.domain import model as m
from complaints_desktop.domain.errors import ConcurrentEdit, NotFound
from complaints_desktop.storage import case_reads, mappers, search_text
from complaints_desktop.storage import tables as t
from complaints_desktop.storage.engine import serialise
from complaints_desktop.storage.mappers import complaint_columns
from complaints_desktop.storage.vocabularies import ensure


def find_id(session: Session, reference: str) -> int:
    """The id of the case with ``reference``; NotFound when there is none."""
    found = session.exec(select(t.Complaint.id).where(t.Complaint.reference == reference)).first()
    if found is None:
        raise NotFound(f"There is no complaint with reference {reference!r}.")
    return int(found)


def reference_exists(session: Session, reference: str) -> bool:
    """True when a case already has ``reference``."""
    query = select(t.Complaint.id).where(t.Complaint.reference == reference)
    return session.exec(query).first() is not None


def load(session: Session, case_id: int) -> m.Case:
    """The whole case ``case_id`` as a domain object (``case_reads.read_cases``)."""
    found = case_reads.read_cases(session, [case_id])
    if not found:
        raise NotFound(f"There is no complaint with id {case_id}.")
    return found[0]


def save(
    session: Session,
    case: m.Case,
    *,
    next_due: date | None = None,
    next_due_what: str = "",
    closed_on: date | None = None,
) -> int:
    """Insert a new case or write back an edited one; returns its id.

    The case's ``version`` must equal the stored one (else ``ConcurrentEdit``: someone
    else saved it since it was loaded); on success ``case.version`` is incremented.
    Vocabulary names must already exist (services check; import adds with
    ``--create-missing``).
    """
    columns = complaint_columns(case)
    columns["next_due"] = next_due
    columns["next_due_what"] = next_due_what
    columns["closed_on"] = closed_on
    columns["updated_at"] = datetime.now(UTC)
    columns["service_area_id"] = (
        ensure(session, "service_area", [case.service_area])[case.service_area.casefold()]
        if case.service_area
        else None
    )
    known_person, known_child = case.complainant.id, case.child.id
    columns["complainant_id"] = _save_person(session, case.complainant)
    columns["child_id"] = _save_child(session, case.child)
    if case.id is None:
        row = t.Complaint(**columns, version=1)  # type: ignore[arg-type]
        session.add(row)
        session.flush()
        assert row.id is not None
        case.id = row.id
        case.version = 1
    else:
        result = session.execute(
            update(t.Complaint)
            .where(col(t.Complaint.id) == case.id, col(t.Complaint.version) == case.version)
            .values(**columns, version=case.version + 1)
        )
        if result.rowcount != 1:  # type: ignore[attr-defined]
            raise ConcurrentEdit(
                f"Complaint {case.reference} was changed by someone else since you opened it. "
                "Reload it to see their changes, then make yours again."
            )
        case.version += 1
        delete_details(session, [case.id])
    _write_children(session, case)
    # A complainant or child already known may be named by other cases too: their search
    # text must follow a corrected name.
    search_text.refresh_naming(
        session,
        person_ids=[known_person] if known_person is not None else [],
        child_ids=[known_child] if known_child is not None else [],
    )
    return case.id


def _save_person(session: Session, p: m.Person) -> int | None:
    if not any((p.name, p.address, p.email, p.phone)):
        return None
    row = session.get(t.Person, p.id) if p.id is not None else None
    row = row or t.Person()
    for field, value in mappers.person_columns(p).items():
        setattr(row, field, value)
    session.add(row)
    session.flush()
    p.id = row.id
    return row.id


def _save_child(session: Session, c: m.Child) -> int | None:
    if not any((c.name, c.dob, c.system_id)):
        return None
    row = session.get(t.Child, c.id) if c.id is not None else None
    row = row or t.Child()
    for field, value in mappers.child_columns(c).items():
        setattr(row, field, value)
    session.add(row)
    session.flush()
    c.id = row.id
    return row.id


CASE_DETAILS: tuple[Any, ...] = (
    t.Stage,
    t.Element,
    t.OmbudsmanCase,
    t.ComplaintTeam,
    t.ComplaintTypeLink,
    t.ComplaintRemedy,
    t.LearningAction,
)
"""The tables ``save`` writes anew for a case (besides those hanging off stages, elements
and the Ombudsman: suspensions, findings, recommendations)."""


def delete_details(session: Session, ids: list[int], also: tuple[Any, ...] = ()) -> None:
    """Delete the detail rows of the cases ``ids`` (CASE_DETAILS, and ``also``)."""
    stage_ids = select(t.Stage.id).where(col(t.Stage.complaint_id).in_(ids))
    element_ids = select(t.Element.id).where(col(t.Element.complaint_id).in_(ids))
    omb_ids = select(t.OmbudsmanCase.id).where(col(t.OmbudsmanCase.complaint_id).in_(ids))
    session.execute(delete(t.Suspension).where(col(t.Suspension.stage_id).in_(stage_ids)))
    session.execute(delete(t.Finding).where(col(t.Finding.element_id).in_(element_ids)))
    session.execute(delete(t.Recommendation).where(col(t.Recommendation.ombudsman_id).in_(omb_ids)))
    for table in (*CASE_DETAILS, *also):
        session.execute(delete(table).where(col(table.complaint_id).in_(ids)))


def _write_children(session: Session, case: m.Case) -> None:
    assert case.id is not None
    cid = case.id
    for kind, link, _, key, attr in mappers.LINKS:
        values: list[str] = getattr(case, attr)
        ids = ensure(session, kind, values) if values else {}
        seen: set[int] = set()
        for position, name in enumerate(values):
            vid = ids[" ".join(name.split()).casefold()]
            if vid not in seen:
                seen.add(vid)
                session.add(link(complaint_id=cid, position=position, **{key: vid}))
    for stage in case.stages:
        srow = t.Stage(complaint_id=cid, **mappers.stage_columns(stage))
        session.add(srow)
        session.flush()
        assert srow.id is not None
        for s in stage.suspensions:
            session.add(t.Suspension(stage_id=srow.id, **mappers.suspension_columns(s)))
    for position, element in enumerate(case.elements):
        erow = t.Element(complaint_id=cid, position=position, **mappers.element_columns(element))
        session.add(erow)
        session.flush()
        assert erow.id is not None
        element.id = erow.id
        for f in element.findings:
            session.add(t.Finding(element_id=erow.id, **mappers.finding_columns(f)))
    if case.ombudsman is not None:
        orow = t.OmbudsmanCase(complaint_id=cid, **mappers.ombudsman_columns(case.ombudsman))
        session.add(orow)
        session.flush()
        assert orow.id is not None
        for position, r in enumerate(case.ombudsman.recommendations):
            rrow = t.Recommendation(
                ombudsman_id=orow.id, position=position, **mappers.recommendation_columns(r)
            )
            session.add(rrow)
            session.flush()
            r.id = rrow.id
    for position, a in enumerate(case.actions):
        arow = t.LearningAction(complaint_id=cid, position=position, **mappers.action_columns(a))
        session.add(arow)
        session.flush()
        a.id = arow.id
    session.flush()


def recommendation_rows(session: Session) -> list[tuple[int, str, m.Recommendation]]:
    """Every Ombudsman recommendation as (case id, case reference, recommendation), in
    reference order and the order the Ombudsman gave them."""
    r, o, c = t.Recommendation, t.OmbudsmanCase, t.Complaint
    query = (
        select(c.id, c.reference, r)
        .join(o, col(o.complaint_id) == col(c.id))
        .join(r, col(r.ombudsman_id) == col(o.id))
        .order_by(col(c.reference), col(r.position))
    )
    return [
        (int(case_id or 0), str(reference), mappers.recommendation(row))
        for case_id, reference, row in session.exec(query).all()
    ]


def add_letter(
    session: Session,
    case_id: int | None,
    template: str,
    sent_on: date,
    by: str,
    how: str = "",
    pdf: bytes | None = None,
    *,
    contact_id: int | None = None,
) -> None:
    """Log a letter on a case (or, with ``contact_id``, about a compliment or enquiry),
    with the PDF sent (letters are never rewritten by ``save``)."""
    session.add(
        t.Letter(
            complaint_id=case_id,
            contact_id=contact_id,
            template=template,
            sent_on=sent_on,
            by_user=by,
            how=how,
            pdf=pdf,
        )
    )


def add_note(session: Session, case_id: int, text: str, by: str) -> None:
    """Add a note to a case."""
    session.add(t.Note(complaint_id=case_id, text=text, by_user=by))


def next_reference(session: Session, prefix: str, year: int) -> str:
    """The next free reference ``PREFIX/YY/NNNN`` for a year.

    Call it in a writing unit of work: the number stays free until its commit (SQLite's
    write lock; on PostgreSQL an advisory lock, taken here).
    """
    serialise(session, "references")
    stem = f"{prefix}/{year % 100:02d}/"
    taken = session.exec(
        select(t.Complaint.reference).where(col(t.Complaint.reference).startswith(stem))
    ).all()
    numbers = [int(r[len(stem) :]) for r in taken if r[len(stem) :].isdigit()]
    return f"{stem}{(max(numbers) + 1) if numbers else 1:04d}"


def answered_awaiting_request(session: Session) -> list[tuple[int, str, int, date]]:
    """(id, procedure, stage, response date) of every case whose status is ``responded``."""
    query = (
        select(
            col(t.Complaint.id),
            col(t.Complaint.procedure),
            col(t.Stage.number),
            col(t.Stage.response),
        )
        .join(t.Stage, col(t.Stage.complaint_id) == col(t.Complaint.id))
        .where(t.Complaint.status == "responded", col(t.Stage.number) == col(t.Complaint.stage))
    )
    rows = session.execute(query).all()
    return [(int(i), str(p), int(n), r) for i, p, n, r in rows if r is not None]


def mark_closed(session: Session, closing: list[tuple[int, date]]) -> list[tuple[int, str]]:
    """Set status ``closed`` (and ``closed_on``) of the cases still awaiting a request.

    Each closed case's version goes up (a window holding it is told someone else saved
    it, rather than saving an answered-and-open case over the closure). Returns (id,
    reference) of the cases closed, for the audit trail. One executemany, so tens of
    thousands of lapsed cases close in about a second.
    """
    if not closing:
        return []
    table = mappers.table(t.Complaint)
    wanted = {i for i, _ in closing}
    still = [
        (int(i), str(r))
        for i, r in session.connection().execute(
            select(table.c.id, table.c.reference).where(table.c.status == "responded")
        )
        if i in wanted
    ]
    statement = (
        update(table)
        .where(table.c.id == bindparam("case_id"), table.c.status == "responded")
        .values(
            status="closed",
            closed_on=bindparam("on"),
            next_due=None,
            next_due_what="",
            version=table.c.version + 1,
        )
    )
    session.connection().execute(statement, [{"case_id": i, "on": on} for i, on in closing])
    return still
