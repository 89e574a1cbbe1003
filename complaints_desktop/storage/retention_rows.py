"""Storage: retention review (due, anonymise, delete) and the cases naming a person (SAR).

Anonymising keeps every column the statistics count (dates, procedure, channel,
relationship, advocacy used and provider, outcomes, teams, types, remedies, costs and
fees, Ombudsman decisions, payments and remedy compliance, learning actions' source,
target and status) and blanks or replaces every column that can name or describe a
person: the complainant and child rows, the equality answers (the statistics' personal
fields: they then count as "not stated"), every free text (summary, notes, elements,
findings, reasons, learning actions, Ombudsman remedies), and the names of the people
who handled, investigated or sat on the panel. Deleting removes the case and
every row that hangs off it, then any complainant or child no longer named by a case.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import Engine, String, cast, delete, func, literal, or_, update
from sqlalchemy import select as select_columns
from sqlalchemy import text as text_clause
from sqlmodel import Session, col, select

from complaints_desktop.domain.vocab import EQUALITY_FIELDS
from complaints_desktop.storage import cases, search_text
from complaints_desktop.storage import tables as t

ANONYMISED_TEXT = "[anonymised]"
COMPLAINT_TEXT = (
    "summary",
    "on_behalf_consent",
    "eligibility_note",
    "late_accepted_reason",
    "child_views",
    "adjustments",
    "refusal_reason",
    "signposting",
    "advocate_name",
)
STAGE_NAMES = ("handler", "investigating_officer", "independent_person", "panel_members")
ACTION_TEXT = ("owner", "reason", "evidence")
"""Learning-action free text blanked (the action itself becomes ANONYMISED_TEXT)."""


def _columns(*columns: Any) -> Any:
    """A select of plain columns (rows of tuples)."""
    return select_columns(*columns)


def complaints_closed_by(
    session: Session, cutoff: date, *, include_held: bool
) -> list[tuple[int, str, str, date, bool]]:
    """(id, reference, procedure, closed_on, legal_hold) of the cases closed on or before
    ``cutoff`` and not yet anonymised, oldest first."""
    query = _columns(
        t.Complaint.id,
        t.Complaint.reference,
        t.Complaint.procedure,
        t.Complaint.closed_on,
        t.Complaint.legal_hold,
    ).where(
        col(t.Complaint.closed_on).is_not(None),
        col(t.Complaint.closed_on) <= cutoff,
        col(t.Complaint.anonymised).is_(False),
    )
    # A case answered at its last-but-one stage whose complainant never escalated stays
    # "responded" with no closing date: it counts from its last response.
    last = func.max(t.Stage.response)
    answered = (
        _columns(
            t.Complaint.id,
            t.Complaint.reference,
            t.Complaint.procedure,
            last,
            t.Complaint.legal_hold,
        )
        .join(t.Stage, col(t.Stage.complaint_id) == col(t.Complaint.id))
        .where(
            col(t.Complaint.closed_on).is_(None),
            t.Complaint.status == "responded",
            col(t.Complaint.anonymised).is_(False),
        )
        .group_by(col(t.Complaint.id))
        .having(last <= cutoff)
    )
    if not include_held:
        query = query.where(col(t.Complaint.legal_hold).is_(False))
        answered = answered.where(col(t.Complaint.legal_hold).is_(False))
    rows = [*session.exec(query).all(), *session.exec(answered).all()]
    found = [(int(i), r, p, _day(c), bool(h)) for i, r, p, c, h in rows]
    return sorted(found, key=lambda row: (row[3], row[1]))


def _day(value: date | str) -> date:
    """A fetched date (an aggregate comes back from SQLite as text)."""
    return value if isinstance(value, date) else date.fromisoformat(value[:10])


def contacts_before(session: Session, cutoff: date) -> list[tuple[int, str, str, date]]:
    """(id, reference, kind, last date) of contacts answered (or received, when never
    answered) on or before ``cutoff``, oldest first."""
    rows = session.exec(
        _columns(
            t.Contact.id,
            t.Contact.reference,
            t.Contact.kind,
            t.Contact.received,
            t.Contact.responded,
        )
        .where(col(t.Contact.received) <= cutoff)
        .order_by(col(t.Contact.received), col(t.Contact.reference))
    ).all()
    out = []
    for i, reference, kind, received, responded in rows:
        last = responded or received
        if last <= cutoff:
            out.append((int(i), reference, kind, last))
    return out


def complaint_ids(session: Session, references: Sequence[str]) -> dict[str, tuple[int, bool]]:
    """Reference -> (id, legal_hold) for the complaints that exist."""
    rows = session.exec(
        _columns(t.Complaint.reference, t.Complaint.id, t.Complaint.legal_hold).where(
            col(t.Complaint.reference).in_(list(references))
        )
    ).all()
    return {r: (int(i), bool(h)) for r, i, h in rows}


def contact_ids(session: Session, references: Sequence[str]) -> dict[str, int]:
    """Reference -> id for the contacts that exist."""
    rows = session.exec(
        _columns(t.Contact.reference, t.Contact.id).where(
            col(t.Contact.reference).in_(list(references))
        )
    ).all()
    return {r: int(i) for r, i in rows}


def set_hold(session: Session, complaint_id: int, hold: bool) -> bool:
    """Put a case under legal hold (or release it); returns the previous setting."""
    row = session.get(t.Complaint, complaint_id)
    assert row is not None
    before = row.legal_hold
    row.legal_hold = hold
    row.version += 1
    session.add(row)
    return before


def _people_of(session: Session, ids: Sequence[int]) -> tuple[set[int], set[int]]:
    rows = session.exec(
        select(t.Complaint.complainant_id, t.Complaint.child_id).where(
            col(t.Complaint.id).in_(list(ids))
        )
    ).all()
    return {p for p, _ in rows if p is not None}, {c for _, c in rows if c is not None}


def _prune_people(session: Session, people: set[int], children: set[int]) -> None:
    """Delete the complainants and children no case names any more."""
    if people:
        used = select(t.Complaint.complainant_id).where(
            col(t.Complaint.complainant_id).is_not(None)
        )
        session.execute(
            delete(t.Person).where(col(t.Person.id).in_(people), col(t.Person.id).not_in(used))
        )
    if children:
        used_c = select(t.Complaint.child_id).where(col(t.Complaint.child_id).is_not(None))
        session.execute(
            delete(t.Child).where(col(t.Child.id).in_(children), col(t.Child.id).not_in(used_c))
        )


def anonymise_complaints(session: Session, ids: Sequence[int]) -> None:
    """Remove every personal detail of the cases ``ids``; keep what the statistics count.

    The complainant and child are detached (and deleted when no other case names them);
    free text, element and finding texts, notes, learning actions, Ombudsman remedies
    and reference, and the names of the people who handled or investigated are blanked;
    equality answers become "" (counted as "not stated": beside a date and a team, an
    ethnicity or a disability can still point to one child); attached documents are
    deleted. The case's version moves on, so a copy open elsewhere cannot be saved back
    over the anonymised case.
    """
    if not ids:
        return
    id_list = list(ids)
    people, children = _people_of(session, id_list)
    values: dict[str, object] = dict.fromkeys(COMPLAINT_TEXT, "")
    values.update(dict.fromkeys(EQUALITY_FIELDS, ""))
    values.update(
        summary=ANONYMISED_TEXT,
        complainant_id=None,
        child_id=None,
        anonymised=True,
        version=t.Complaint.version + 1,
        updated_at=t.utcnow(),
    )
    session.execute(update(t.Complaint).where(col(t.Complaint.id).in_(id_list)).values(values))
    session.execute(
        update(t.Stage)
        .where(col(t.Stage.complaint_id).in_(id_list))
        .values(
            {
                **dict.fromkeys(STAGE_NAMES, ""),
                "extension_reason": "",
                "extension_letter_reason": "",
                "io_address": "",
                "ip_address": "",
                "panel_venue": "",
            }
        )
    )
    stage_ids = select(t.Stage.id).where(col(t.Stage.complaint_id).in_(id_list))
    session.execute(
        update(t.Suspension).where(col(t.Suspension.stage_id).in_(stage_ids)).values(reason="")
    )
    element_ids = select(t.Element.id).where(col(t.Element.complaint_id).in_(id_list))
    session.execute(
        update(t.Finding).where(col(t.Finding.element_id).in_(element_ids)).values(text="")
    )
    label = (
        literal("Element ")
        + cast(col(t.Element.position) + 1, String)
        + literal(f" ({ANONYMISED_TEXT})")
    )
    session.execute(
        update(t.Element).where(col(t.Element.complaint_id).in_(id_list)).values(text=label)
    )
    session.execute(
        update(t.Note).where(col(t.Note.complaint_id).in_(id_list)).values(text=ANONYMISED_TEXT)
    )
    session.execute(delete(t.Document).where(col(t.Document.complaint_id).in_(id_list)))
    session.execute(  # the letters sent name the complainant: keep the log, not the PDFs
        update(t.Letter).where(col(t.Letter.complaint_id).in_(id_list)).values(pdf=None)
    )
    _anonymise_outcomes(session, id_list)
    session.flush()
    _prune_people(session, people, children)
    search_text.refresh(session, id_list)  # no old name or summary word finds the case


def _anonymise_outcomes(session: Session, id_list: list[int]) -> None:
    """Blank the learning actions' and the Ombudsman's text; keep their dates and codes."""
    session.execute(
        update(t.LearningAction)
        .where(col(t.LearningAction.complaint_id).in_(id_list))
        .values({**dict.fromkeys(ACTION_TEXT, ""), "action": ANONYMISED_TEXT})
    )
    omb_ids = select(t.OmbudsmanCase.id).where(col(t.OmbudsmanCase.complaint_id).in_(id_list))
    session.execute(
        update(t.Recommendation)
        .where(col(t.Recommendation.ombudsman_id).in_(omb_ids))
        .values(description=ANONYMISED_TEXT)
    )
    session.execute(
        update(t.OmbudsmanCase)
        .where(col(t.OmbudsmanCase.complaint_id).in_(id_list))
        .values(reference="")
    )


def delete_complaints(session: Session, ids: Sequence[int]) -> None:
    """Delete the cases ``ids`` with every row of theirs, then unused people and children."""
    if not ids:
        return
    id_list = list(ids)
    people, children = _people_of(session, id_list)
    cases.delete_details(session, id_list, also=(t.Letter, t.Note, t.Document, t.CaseAccess))
    session.execute(delete(t.Complaint).where(col(t.Complaint.id).in_(id_list)))
    session.flush()
    _prune_people(session, people, children)


def delete_contacts(session: Session, ids: Sequence[int]) -> None:
    """Delete the contacts ``ids`` with their teams and letters."""
    if not ids:
        return
    id_list = list(ids)
    session.execute(delete(t.ContactTeam).where(col(t.ContactTeam.contact_id).in_(id_list)))
    session.execute(delete(t.Letter).where(col(t.Letter.contact_id).in_(id_list)))
    session.execute(delete(t.Contact).where(col(t.Contact.id).in_(id_list)))
    session.flush()


def case_ids_of(
    session: Session, person_ids: Sequence[int], child_ids: Sequence[int]
) -> list[tuple[int, int | None, int | None]]:
    """(case id, complainant id, child id) of every case naming one of the people or
    children given, oldest first (for a subject access request)."""
    query = (
        _columns(col(t.Complaint.id), col(t.Complaint.complainant_id), col(t.Complaint.child_id))
        .where(
            or_(
                col(t.Complaint.complainant_id).in_(list(person_ids)),
                col(t.Complaint.child_id).in_(list(child_ids)),
            )
        )
        .order_by(col(t.Complaint.received), col(t.Complaint.id))
    )
    return [(int(i), p, c) for i, p, c in session.exec(query).all()]


def case_counts(
    session: Session, person_ids: Sequence[int], child_ids: Sequence[int]
) -> tuple[dict[int, int], dict[int, int]]:
    """How many cases name each person (as complainant) and each child."""
    people: dict[int, int] = {}
    children: dict[int, int] = {}
    for _id, p, c in case_ids_of(session, person_ids, child_ids):
        if p is not None and p in person_ids:
            people[p] = people.get(p, 0) + 1
        if c is not None and c in child_ids:
            children[c] = children.get(c, 0) + 1
    return people, children


def documents_of(session: Session, case_ids: Sequence[int]) -> dict[int, list[tuple[str, date]]]:
    """Case id -> (file name, day added) of the documents attached to the cases."""
    rows = session.exec(
        _columns(col(t.Document.complaint_id), col(t.Document.filename), col(t.Document.added_at))
        .where(col(t.Document.complaint_id).in_(list(case_ids)))
        .order_by(col(t.Document.id))
    ).all()
    out: dict[int, list[tuple[str, date]]] = {}
    for case_id, filename, added in rows:
        out.setdefault(int(case_id), []).append((filename, added.date()))
    return out


# -- leaving nothing behind in the file ---------------------------------------------------


def zero_freed_space(session: Session) -> None:
    """From now on in this transaction, SQLite overwrites what it frees with zeros.

    Without it, a blanked value or a deleted row stays readable in the file's free space
    until that space is reused. Call before the first change of an anonymise or delete.
    """
    if session.get_bind().dialect.name == "sqlite":
        session.execute(text_clause("PRAGMA secure_delete = ON"))


def scrub_file(engine: Engine) -> None:
    """Rewrite a SQLite database file so no earlier version of any row stays in it.

    ``VACUUM`` copies every live row into fresh pages (free space and earlier leftovers
    go), and the write-ahead log is emptied. A PostgreSQL server reclaims the space of
    changed rows itself (autovacuum); nothing is done there.
    """
    if engine.dialect.name != "sqlite":
        return
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA secure_delete = ON")
        conn.exec_driver_sql("VACUUM")
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
