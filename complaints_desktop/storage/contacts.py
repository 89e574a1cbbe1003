"""Storage: the contacts repository (compliments, enquiries, queries, duty contacts).

Contacts are inserted with the bulk path's one ``executemany`` (``storage.bulk``), saved
with optimistic concurrency like cases, and read with their teams.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime

from sqlalchemy import delete, func, or_, select, update
from sqlmodel import Session, col

from complaints_desktop.domain import model as m
from complaints_desktop.domain.errors import ConcurrentEdit, NotFound
from complaints_desktop.storage import mappers
from complaints_desktop.storage import tables as t
from complaints_desktop.storage.bulk import insert_returning_ids, insert_values, link_rows
from complaints_desktop.storage.engine import serialise
from complaints_desktop.storage.mappers import table
from complaints_desktop.storage.vocabularies import ensure


def _contact_teams(session: Session, contacts: Sequence[m.Contact]) -> None:
    ids = ensure(session, "team", _names_of(contacts))
    links = link_rows(contacts, "teams", ids)
    insert_values(session, t.ContactTeam, ("contact_id", "team_id", "position"), links)


def _names_of(contacts: Iterable[m.Contact]) -> set[str]:
    return {name for contact in contacts for name in contact.teams}


def insert_contacts(session: Session, contacts: Sequence[m.Contact]) -> int:
    """Insert new contacts with their teams; each gets its ``id``. Returns how many."""
    now = datetime.now(UTC)
    rows = [
        {
            "quote_consent": False,
            "themes": "",
            **mappers.contact_columns(x),
            "created_at": now,
            "version": 1,
        }
        for x in contacts
    ]
    for contact, cid in zip(contacts, insert_returning_ids(session, t.Contact, rows), strict=True):
        contact.id, contact.version = cid, 1
    _contact_teams(session, contacts)
    return len(contacts)


def save_contact(session: Session, contact: m.Contact) -> int:
    """Insert a new contact or write back an edited one (refusing a concurrent edit)."""
    if contact.id is None:
        insert_contacts(session, [contact])
        assert contact.id is not None
        return contact.id
    result = session.execute(
        update(table(t.Contact))
        .where(table(t.Contact).c.id == contact.id)
        .where(table(t.Contact).c.version == contact.version)
        .values(**mappers.contact_columns(contact), version=contact.version + 1)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        raise ConcurrentEdit(
            f"Contact {contact.reference} was changed by someone else since you opened it. "
            "Reload it to see their changes, then make yours again."
        )
    contact.version += 1
    session.execute(delete(table(t.ContactTeam)).where(col(t.ContactTeam.contact_id) == contact.id))
    _contact_teams(session, [contact])
    return contact.id


def contact_references(session: Session, wanted: Iterable[str] | None = None) -> dict[str, int]:
    """Reference -> id of existing contacts (all, or those among ``wanted``)."""
    query = select(t.Contact.reference, t.Contact.id)  # type: ignore[call-overload]
    if wanted is None:
        return {str(r): int(i) for r, i in session.execute(query)}
    out: dict[str, int] = {}
    items = list(set(wanted))
    for i in range(0, len(items), 500):
        chunk = query.where(col(t.Contact.reference).in_(items[i : i + 500]))
        out.update({str(r): int(i) for r, i in session.execute(chunk)})
    return out


def read_contacts(
    session: Session,
    *,
    kind: str | None = None,
    text: str | None = None,
    ids: Sequence[int] | None = None,
    limit: int | None = None,
    newest_first: bool = False,
) -> list[m.Contact]:
    """Contacts with their teams, by received date then reference (or newest first)."""
    ct = table(t.Contact).c
    query = select(table(t.Contact))
    if kind:
        query = query.where(ct.kind == kind)
    if ids is not None:
        query = query.where(ct.id.in_(list(ids)))
    if text and text.strip():
        like = f"%{text.strip().casefold()}%"
        team_hit = (
            select(table(t.ContactTeam).c.contact_id)
            .join(table(t.Team), table(t.Team).c.id == table(t.ContactTeam).c.team_id)
            .where(func.lower(table(t.Team).c.name).like(like))
        )
        query = query.where(
            or_(
                func.lower(ct.reference).like(like),
                func.lower(ct.sender).like(like),
                func.lower(ct.name).like(like),
                func.lower(ct.summary).like(like),
                ct.id.in_(team_hit),
            )
        )
    if newest_first:
        query = query.order_by(ct.received.desc(), ct.reference.desc())
    else:
        query = query.order_by(ct.received, ct.reference)
    if limit is not None:
        query = query.limit(limit)
    contacts = [mappers.contact(r) for r in session.execute(query)]
    by_id = {x.id: x for x in contacts}
    if by_id:
        tt = table(t.Team).c
        names = {int(i): str(n) for i, n in session.execute(select(tt.id, tt.name))}
        lt = table(t.ContactTeam).c
        found = select(lt.contact_id, lt.team_id).order_by(lt.contact_id, lt.position)
        if len(by_id) <= 500:
            found = found.where(lt.contact_id.in_(list(by_id)))
        for cid, tid in session.execute(found):
            if cid in by_id:
                by_id[cid].teams.append(names[tid])
    return contacts


def load_contact(session: Session, reference: str) -> m.Contact:
    """The contact with ``reference``; NotFound when there is none."""
    found = contact_references(session, [reference])
    if reference not in found:
        raise NotFound(f"There is no contact with reference {reference!r}.")
    return read_contacts(session, ids=[found[reference]])[0]


def next_contact_reference(session: Session, prefix: str, year: int) -> str:
    """The next free contact reference ``PREFIX/YY/NNNN`` for a year (in a writing unit
    of work, as ``cases.next_reference``)."""
    serialise(session, "references")
    stem = f"{prefix}/{year % 100:02d}/"
    taken = session.execute(
        select(table(t.Contact).c.reference).where(table(t.Contact).c.reference.startswith(stem))
    ).scalars()
    numbers = [int(r[len(stem) :]) for r in taken if r[len(stem) :].isdigit()]
    return f"{stem}{(max(numbers) + 1) if numbers else 1:04d}"


def find_contact(session: Session, reference: str) -> m.Contact | None:
    """The compliment or enquiry with ``reference`` (with its teams), or None."""
    found = contact_references(session, [reference])
    return read_contacts(session, ids=[found[reference]])[0] if reference in found else None
