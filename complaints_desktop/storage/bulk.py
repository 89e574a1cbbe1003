"""Storage: many cases or contacts at once (import, export), and the contacts repository.

Inserts compile a core ``insert()`` once and ``executemany`` parameter tuples inside the
caller's transaction (100,000 complaints in seconds, where per-row ORM saves take
minutes); the column mapping is ``storage.cases.complaint_columns`` / ``stage_columns``,
so it exists once (a new complaint column: a key in the row dict of ``insert_cases``).
Reads assemble the case-log parts of every case in a handful of queries.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from operator import itemgetter
from typing import Any, cast

from sqlalchemy import Boolean, Date, Dialect, Table, delete, func, insert, or_, select, update
from sqlalchemy import text as sql_text
from sqlalchemy.types import TypeEngine
from sqlmodel import Session, col

from complaints_desktop.domain import model as m
from complaints_desktop.domain.errors import ConcurrentEdit, NotFound
from complaints_desktop.storage import tables as t
from complaints_desktop.storage.cases import EQUALITY_FIELDS, complaint_columns, stage_columns
from complaints_desktop.storage.engine import serialise
from complaints_desktop.storage.vocabularies import ensure

LINKS: tuple[tuple[str, type, str, str], ...] = (
    ("team", t.ComplaintTeam, "team_id", "teams"),
    ("type", t.ComplaintTypeLink, "type_id", "types"),
    ("remedy", t.ComplaintRemedy, "remedy_id", "remedies"),
)
VOCAB_TABLES: dict[str, type] = {
    "team": t.Team,
    "type": t.ComplaintType,
    "remedy": t.Remedy,
    "service_area": t.ServiceArea,
}


def _table(model: type) -> Table:
    return cast(Table, model.__table__)  # type: ignore[attr-defined]


def _insert_returning_ids(session: Session, model: type, rows: list[dict[str, Any]]) -> list[int]:
    """Insert ``rows`` with ids assigned here (one ``executemany``); returns the ids.

    SQLite cannot return ids of a multi-row insert in order without inserting row by row,
    so ids are taken after the current largest (in a writing unit of work, which holds
    the write lock: no one else can take them meanwhile). PostgreSQL: the ids are drawn
    from the table's own sequence, as every other insert's are, so an import and a save
    on another PC at the same moment never take the same id.
    """
    if not rows:
        return []
    table = _table(model)
    if session.get_bind().dialect.name == "postgresql":
        ids = [
            int(i)
            for i in session.execute(
                sql_text(
                    f"SELECT nextval(pg_get_serial_sequence('{table.name}', 'id')) "
                    "FROM generate_series(1, :n)"
                ),
                {"n": len(rows)},
            ).scalars()
        ]
    else:
        first = int(session.execute(select(func.max(table.c.id))).scalar() or 0) + 1
        ids = list(range(first, first + len(rows)))
    for row, new_id in zip(rows, ids, strict=True):
        row["id"] = new_id
    _insert(session, model, rows)
    return ids


def _converter(kind: TypeEngine[Any], dialect: Dialect) -> Callable[[Any], Any] | None:
    """How a value of ``kind`` is passed to the driver (SQLite dates: ISO text, quickly).

    SQLite booleans need none: the driver stores ``True`` and ``False`` as 1 and 0, what
    SQLAlchemy's processor would give it.
    """
    if dialect.name == "sqlite" and type(kind) is Date:
        return date.isoformat  # what SQLAlchemy's SQLite DATE stores, without its strftime
    if dialect.name == "sqlite" and type(kind) is Boolean:
        return None
    return kind.dialect_impl(dialect).bind_processor(dialect)


class _Converted(dict[Any, Any]):
    """Values as the driver takes them, each distinct value converted once (None stays)."""

    def __init__(self, convert: Callable[[Any], Any]) -> None:
        super().__init__({None: None})
        self.convert = convert

    def __missing__(self, value: Any) -> Any:
        done = self[value] = self.convert(value)
        return done


def _insert(session: Session, model: type, rows: list[dict[str, Any]]) -> None:
    """One ``executemany`` of ``rows`` (dicts with the same keys) into ``model``'s table."""
    if rows:
        keys = tuple(rows[0])
        pick = itemgetter(*keys)
        _insert_values(
            session,
            model,
            keys,
            [pick(r) for r in rows] if len(keys) > 1 else [(r[keys[0]],) for r in rows],
        )


def _insert_values(
    session: Session, model: type, keys: Sequence[str], rows: list[tuple[Any, ...]]
) -> None:
    """One ``executemany`` of ``rows`` (tuples of the ``keys`` columns) into ``model``'s table.

    The statement is compiled once and each column's bind conversion applied here, in a
    tight loop (a repeated value is converted once): SQLAlchemy's per-row parameter
    handling would otherwise take most of an import's time.
    """
    if not rows:
        return
    table = _table(model)
    connection = session.connection()
    dialect = connection.dialect
    compiled = insert(table).compile(dialect=dialect, column_keys=list(keys))
    order = list(compiled.positiontup or []) if compiled.positional else list(keys)
    if order != list(keys):
        reorder = itemgetter(*[list(keys).index(k) for k in order])
        rows = [reorder(r) for r in rows]
    converters = [_converter(table.c[k].type, dialect) for k in order]
    if any(converters):
        columns: list[Iterable[Any]] = list(zip(*rows, strict=True))
        for i, convert in enumerate(converters):
            if convert is not None:
                columns[i] = map(_Converted(convert).__getitem__, columns[i])
        rows = list(zip(*columns, strict=True))
    if compiled.positional:
        connection.exec_driver_sql(compiled.string, rows)
    else:
        connection.exec_driver_sql(
            compiled.string, [dict(zip(order, r, strict=True)) for r in rows]
        )


CASE_TABLES: tuple[type, ...] = (
    t.Person,
    t.Child,
    t.Complaint,
    t.Stage,
    t.Suspension,
    t.ComplaintTeam,
    t.ComplaintTypeLink,
    t.ComplaintRemedy,
    t.OmbudsmanCase,
)
"""The tables ``insert_cases`` fills."""


def defer_indexes(session: Session) -> list[str]:
    """Drop the case tables' indexes while there are no cases (SQLite); returns how to rebuild.

    Filling the tables and then building each index once is quicker than updating a dozen
    indexes for every row. Call ``rebuild_indexes`` with the result before the commit; the
    drop is part of the transaction, so a rollback (or a crash) puts the indexes back.
    """
    if session.get_bind().dialect.name != "sqlite" or not is_empty(session):
        return []
    tables = [_table(model).name for model in CASE_TABLES]
    connection = session.connection()
    if not connection.connection.dbapi_connection.in_transaction:  # type: ignore[union-attr]
        # The driver opens a transaction before an INSERT, not before DDL (which it would
        # run on its own, committed at once): open it here, so a rollback undoes the drop.
        connection.exec_driver_sql("BEGIN")
    found = connection.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
        f"AND tbl_name IN ({', '.join('?' * len(tables))})",
        tuple(tables),
    ).all()
    for name, _ in found:
        connection.exec_driver_sql(f'DROP INDEX "{name}"')
    return [str(sql) for _, sql in found]


def rebuild_indexes(session: Session, statements: list[str]) -> None:
    """Create again the indexes ``defer_indexes`` dropped."""
    connection = session.connection()
    for statement in statements:
        connection.exec_driver_sql(statement)


def _roomy_cache(session: Session) -> None:
    """Let SQLite keep 64 MB of pages in memory while it builds many index entries."""
    if session.get_bind().dialect.name == "sqlite":
        session.execute(sql_text("PRAGMA cache_size=-65536"))


@dataclass
class Derived:
    """What the service derived for a case: its next deadline and closure date."""

    next_due: date | None = None
    next_due_what: str = ""
    closed_on: date | None = None


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


def insert_cases(session: Session, cases: Sequence[m.Case], derived: Sequence[Derived]) -> int:
    """Insert new cases with their people, stages, lists and Ombudsman referral.

    Each case gets its ``id`` (and version 1). Vocabulary names not yet known are added
    (the service decides whether that is allowed). Elements, actions, letters and notes
    are not part of the case log and are not written here. Returns how many.
    """
    now = datetime.now(UTC)
    _roomy_cache(session)
    ids = {kind: ensure(session, kind, _names(cases, attr)) for kind, _, _, attr in LINKS}
    areas = ensure(session, "service_area", {c.service_area for c in cases if c.service_area})
    people = [
        c
        for c in cases
        if any(
            (c.complainant.name, c.complainant.address, c.complainant.email, c.complainant.phone)
        )
    ]
    for case, pid in zip(
        people,
        _insert_returning_ids(
            session,
            t.Person,
            [
                {
                    "name": c.complainant.name,
                    "address": c.complainant.address,
                    "email": c.complainant.email,
                    "phone": c.complainant.phone,
                    "preferred_contact": c.complainant.preferred_contact,
                    "preferred_format": c.complainant.preferred_format,
                    "title": c.complainant.title,
                    "language": c.complainant.language,
                }
                for c in people
            ],
        ),
        strict=True,
    ):
        case.complainant.id = pid
    children = [c for c in cases if any((c.child.name, c.child.dob, c.child.system_id))]
    for case, kid in zip(
        children,
        _insert_returning_ids(
            session,
            t.Child,
            [
                {"name": c.child.name, "dob": c.child.dob, "system_id": c.child.system_id}
                for c in children
            ],
        ),
        strict=True,
    ):
        case.child.id = kid
    rows = []
    for case, extra in zip(cases, derived, strict=True):
        row = complaint_columns(case)
        row.update(
            next_due=extra.next_due,
            next_due_what=extra.next_due_what,
            closed_on=extra.closed_on,
            service_area_id=areas[_key(case.service_area)] if case.service_area else None,
            complainant_id=case.complainant.id,
            child_id=case.child.id,
            created_at=now,
            updated_at=now,
            version=1,
        )
        rows.append(row)
    for case, cid in zip(cases, _insert_returning_ids(session, t.Complaint, rows), strict=True):
        case.id, case.version = cid, 1
    for kind, link, key, attr in LINKS:
        _insert_values(
            session, link, ("complaint_id", key, "position"), _links(cases, attr, ids[kind])
        )
    _insert_stages(session, cases)
    _insert(
        session,
        t.OmbudsmanCase,
        [
            {
                "complaint_id": c.id,
                "reference": c.ombudsman.reference,
                "received": c.ombudsman.received,
                "decided": c.ombudsman.decided,
                "outcome": c.ombudsman.outcome,
                "payment": c.ombudsman.payment,
            }
            for c in cases
            if c.ombudsman is not None
        ],
    )
    return len(cases)


def insert_case_details(session: Session, cases: Sequence[m.Case]) -> None:
    """Elements with findings, Ombudsman remedies, learning actions, letters and notes.

    The parts of a case the case log does not carry; call after ``insert_cases``.
    """
    elements = [(c, i, e) for c in cases for i, e in enumerate(c.elements)]
    element_rows = [{"complaint_id": c.id, "position": i, "text": e.text} for c, i, e in elements]
    for (_, _, element), eid in zip(
        elements, _insert_returning_ids(session, t.Element, element_rows), strict=True
    ):
        element.id = eid
    findings = [
        {"element_id": e.id, "stage": f.stage, "outcome": f.outcome, "text": f.text}
        for _, _, e in elements
        for f in e.findings
    ]
    if findings:
        session.execute(insert(_table(t.Finding)), findings)
    referred = {c.id: c for c in cases if c.ombudsman is not None and c.ombudsman.recommendations}
    recommendations: list[dict[str, Any]] = []
    if referred:
        omb_table = _table(t.OmbudsmanCase).c
        found = select(omb_table.id, omb_table.complaint_id).where(
            omb_table.complaint_id.in_(list(referred))
        )
        for oid, cid in session.execute(found):
            omb = referred[cid].ombudsman
            assert omb is not None
            recommendations += [
                {
                    "ombudsman_id": oid,
                    "position": i,
                    "description": r.description,
                    "remedy_type": r.remedy_type,
                    "target": r.target,
                    "achieved": r.achieved,
                    "status": r.status,
                    "amount": r.amount,
                }
                for i, r in enumerate(omb.recommendations)
            ]
    if recommendations:
        session.execute(insert(_table(t.Recommendation)), recommendations)
    actions = [
        {
            "complaint_id": c.id,
            "position": i,
            "source": a.source,
            "action": a.action,
            "owner": a.owner,
            "target": a.target,
            "status": a.status,
            "reason": a.reason,
            "evidence": a.evidence,
            "completed": a.completed,
        }
        for c in cases
        for i, a in enumerate(c.actions)
    ]
    if actions:
        session.execute(insert(_table(t.LearningAction)), actions)
    now = datetime.now(UTC)
    letters = [
        {"complaint_id": c.id, "template": x.template, "sent_on": x.sent_on, "by_user": x.by}
        for c in cases
        for x in c.letters
    ]
    if letters:
        session.execute(insert(_table(t.Letter)), [{**x, "created_at": now} for x in letters])
    notes = [
        {"complaint_id": c.id, "at": n.at, "by_user": n.by, "text": n.text}
        for c in cases
        for n in c.notes
    ]
    if notes:
        session.execute(insert(_table(t.Note)), notes)


def _links(
    records: Sequence[m.Case] | Sequence[m.Contact], attr: str, ids: dict[str, int]
) -> list[tuple[int, int, int]]:
    """(record id, name's id, position) for the names in each record's ``attr`` list."""
    by_name: dict[str, int] = {}  # as written -> id, so each spelling is keyed once
    links: list[tuple[int, int, int]] = []
    for record in records:
        names = getattr(record, attr)
        if not names:
            continue
        seen: set[int] = set()
        for position, name in enumerate(names):
            vid = by_name.get(name)
            if vid is None:
                vid = by_name[name] = ids[_key(name)]
            if vid not in seen:
                seen.add(vid)
                links.append((cast(int, record.id), vid, position))
    return links


def _names(cases: Iterable[m.Case], attr: str) -> set[str]:
    return {name for case in cases for name in getattr(case, attr)}


def _insert_stages(session: Session, cases: Sequence[m.Case]) -> None:
    plain: list[dict[str, Any]] = []
    suspended: list[m.Stage] = []
    suspended_rows: list[dict[str, Any]] = []
    for case in cases:
        for stage in case.stages:
            row = {"complaint_id": case.id, **stage_columns(stage)}
            if stage.suspensions:
                suspended.append(stage)
                suspended_rows.append(row)
            else:
                plain.append(row)
    _insert(session, t.Stage, plain)
    stage_ids = _insert_returning_ids(session, t.Stage, suspended_rows)
    _insert(
        session,
        t.Suspension,
        [
            {"stage_id": sid, "start": s.start, "end": s.end, "reason": s.reason}
            for stage, sid in zip(suspended, stage_ids, strict=True)
            for s in stage.suspensions
        ],
    )


def is_empty(session: Session, *, contacts: bool = False) -> bool:
    """True when there are no cases (or, with ``contacts``, no contacts) yet."""
    table = _table(t.Contact if contacts else t.Complaint)
    return session.execute(select(table.c.id).limit(1)).first() is None


def references(session: Session, wanted: Iterable[str] | None = None) -> dict[str, int]:
    """Reference -> id of existing cases (all, or those among ``wanted``)."""
    query = select(t.Complaint.reference, t.Complaint.id)  # type: ignore[call-overload]
    if wanted is None:
        return {str(r): int(i) for r, i in session.execute(query)}
    out: dict[str, int] = {}
    items = list(set(wanted))
    for i in range(0, len(items), 500):
        chunk = query.where(col(t.Complaint.reference).in_(items[i : i + 500]))
        out.update({str(r): int(i) for r, i in session.execute(chunk)})
    return out


READ_CHUNK = 900
"""Cases read per query batch (below SQLite's oldest limit of 999 bound values)."""


def iter_cases(session: Session) -> Iterator[m.Case]:
    """Every case with the parts the case log carries, by received date then reference.

    Read ``READ_CHUNK`` cases at a time, so exporting 100,000 cases never holds them all.
    Stages come without suspensions; elements, actions, letters, notes and Ombudsman
    recommendations are left out (the log has no columns for them).
    """
    c = _table(t.Complaint).c
    ordered = [int(i) for i in session.scalars(select(c.id).order_by(c.received, c.reference))]
    names = {kind: _vocab_names(session, kind) for kind in VOCAB_TABLES}
    for start in range(0, len(ordered), READ_CHUNK):
        yield from read_cases(session, ordered[start : start + READ_CHUNK], names)


def read_cases(
    session: Session, ids: Sequence[int], names: dict[str, dict[int, str]] | None = None
) -> list[m.Case]:
    """The cases ``ids`` (in that order) with the parts the case log carries."""
    names = names or {kind: _vocab_names(session, kind) for kind in VOCAB_TABLES}
    c = _table(t.Complaint).c
    cases: dict[int, m.Case] = {}
    people: dict[int, list[m.Case]] = {}
    children: dict[int, list[m.Case]] = {}
    wanted_columns = [
        c[k]
        for k in [
            "id",
            "reference",
            "procedure",
            "received",
            "channel",
            "relationship",
            "service_area_id",
            "summary",
            "advocacy_used",
            "resolved_early",
            "refused",
            "withdrawn",
            "withdrawn_stage",
            "restricted",
            "status",
            "version",
            "complainant_id",
            "child_id",
        ]
    ] + [c[f] for f in EQUALITY_FIELDS]
    for r in session.execute(select(*wanted_columns).where(c.id.in_(list(ids)))):
        area = r.service_area_id
        case = m.Case(
            id=r.id,
            reference=r.reference,
            procedure=r.procedure,
            received=r.received,
            channel=r.channel,
            relationship=r.relationship,
            service_area=names["service_area"].get(area, "") if area else "",
            summary=r.summary,
            advocacy=m.Advocacy(used=r.advocacy_used),
            equality={f: getattr(r, f) for f in EQUALITY_FIELDS if getattr(r, f)},
            resolved_early=r.resolved_early,
            refused=r.refused,
            withdrawn=r.withdrawn,
            withdrawn_stage=r.withdrawn_stage,
            restricted=r.restricted,
            status=r.status,
            version=r.version,
        )
        if r.complainant_id is not None:
            people.setdefault(r.complainant_id, []).append(case)
        if r.child_id is not None:
            children.setdefault(r.child_id, []).append(case)
        cases[int(r.id)] = case
    if people:
        pt = _table(t.Person).c
        for r in session.execute(select(_table(t.Person)).where(pt.id.in_(list(people)))):
            for case in people[r.id]:
                case.complainant = m.Person(
                    id=r.id, name=r.name, address=r.address, email=r.email, phone=r.phone
                )
    if children:
        kt = _table(t.Child).c
        for r in session.execute(select(_table(t.Child)).where(kt.id.in_(list(children)))):
            for case in children[r.id]:
                case.child = m.Child(id=r.id, name=r.name, dob=r.dob, system_id=r.system_id)
    wanted = list(cases)
    for kind, link, key, attr in LINKS:
        lt = _table(link).c
        for cid, vid in session.execute(
            select(lt.complaint_id, lt[key])
            .where(lt.complaint_id.in_(wanted))
            .order_by(lt.complaint_id, lt.position)
        ):
            getattr(cases[cid], attr).append(names[kind][vid])
    stage_fields = [f for f in stage_columns(m.Stage(number=1)) if f != "number"]
    st = _table(t.Stage).c
    for r in session.execute(
        select(_table(t.Stage)).where(st.complaint_id.in_(wanted)).order_by(st.number)
    ):
        stage = m.Stage(number=r.number, **{f: getattr(r, f) for f in stage_fields})
        cases[r.complaint_id].stages.append(stage)
    ot = _table(t.OmbudsmanCase).c
    for r in session.execute(select(_table(t.OmbudsmanCase)).where(ot.complaint_id.in_(wanted))):
        cases[r.complaint_id].ombudsman = m.Ombudsman(
            reference=r.reference,
            received=r.received,
            decided=r.decided,
            outcome=r.outcome,
            payment=r.payment,
        )
    return [cases[i] for i in ids if i in cases]


def _vocab_names(session: Session, kind: str) -> dict[int, str]:
    table = _table(VOCAB_TABLES[kind])
    return {int(i): str(n) for i, n in session.execute(select(table.c.id, table.c.name))}


# --- contacts ---------------------------------------------------------------------------


def _contact_row(contact: m.Contact) -> dict[str, Any]:
    consent = {} if contact.quote_consent is None else {"quote_consent": contact.quote_consent}
    return {
        **consent,
        "reference": contact.reference,
        "kind": contact.kind,
        "received": contact.received,
        "channel": contact.channel,
        "sender": contact.sender,
        "summary": contact.summary,
        "responded": contact.responded,
        "name": contact.name,
        "title": contact.title,
        "address": contact.address,
        "email": contact.email,
    }


def _contact_teams(session: Session, contacts: Sequence[m.Contact]) -> None:
    ids = ensure(session, "team", _names_of(contacts))
    links = _links(contacts, "teams", ids)
    _insert_values(session, t.ContactTeam, ("contact_id", "team_id", "position"), links)


def _names_of(contacts: Iterable[m.Contact]) -> set[str]:
    return {name for contact in contacts for name in contact.teams}


def insert_contacts(session: Session, contacts: Sequence[m.Contact]) -> int:
    """Insert new contacts with their teams; each gets its ``id``. Returns how many."""
    now = datetime.now(UTC)
    rows = [
        {"quote_consent": False, **_contact_row(x), "created_at": now, "version": 1}
        for x in contacts
    ]
    for contact, cid in zip(contacts, _insert_returning_ids(session, t.Contact, rows), strict=True):
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
        update(_table(t.Contact))
        .where(_table(t.Contact).c.id == contact.id)
        .where(_table(t.Contact).c.version == contact.version)
        .values(**_contact_row(contact), version=contact.version + 1)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        raise ConcurrentEdit(
            f"Contact {contact.reference} was changed by someone else since you opened it. "
            "Reload it to see their changes, then make yours again."
        )
    contact.version += 1
    session.execute(
        delete(_table(t.ContactTeam)).where(col(t.ContactTeam.contact_id) == contact.id)
    )
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
    ct = _table(t.Contact).c
    query = select(_table(t.Contact))
    if kind:
        query = query.where(ct.kind == kind)
    if ids is not None:
        query = query.where(ct.id.in_(list(ids)))
    if text and text.strip():
        like = f"%{text.strip().casefold()}%"
        team_hit = (
            select(_table(t.ContactTeam).c.contact_id)
            .join(_table(t.Team), _table(t.Team).c.id == _table(t.ContactTeam).c.team_id)
            .where(func.lower(_table(t.Team).c.name).like(like))
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
    contacts = [
        m.Contact(
            id=r.id,
            reference=r.reference,
            kind=r.kind,
            received=r.received,
            channel=r.channel,
            sender=r.sender,
            summary=r.summary,
            responded=r.responded,
            name=r.name,
            title=r.title,
            address=r.address,
            email=r.email,
            quote_consent=bool(r.quote_consent),
            version=r.version,
        )
        for r in session.execute(query)
    ]
    by_id = {x.id: x for x in contacts}
    if by_id:
        names = _vocab_names(session, "team")
        lt = _table(t.ContactTeam).c
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
        select(_table(t.Contact).c.reference).where(_table(t.Contact).c.reference.startswith(stem))
    ).scalars()
    numbers = [int(r[len(stem) :]) for r in taken if r[len(stem) :].isdigit()]
    return f"{stem}{(max(numbers) + 1) if numbers else 1:04d}"
