"""Storage: many cases or contacts at once (import, export); contacts: ``storage.contacts``.

Inserts compile a core ``insert()`` once and ``executemany`` parameter tuples inside the
caller's transaction (100,000 complaints in seconds, where per-row ORM saves take
minutes); the column mapping is ``storage.mappers.complaint_columns`` / ``stage_columns``,
so it exists once (a new complaint column: a key in the row dict of ``insert_cases``).
Reads assemble the case-log parts of every case in a handful of queries.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from operator import itemgetter
from typing import Any, cast

from sqlalchemy import Boolean, Date, Dialect, func, insert, select
from sqlalchemy import text as sql_text
from sqlalchemy.types import TypeEngine
from sqlmodel import Session, col

from complaints_desktop.domain import model as m
from complaints_desktop.storage import mappers
from complaints_desktop.storage import tables as t
from complaints_desktop.storage.mappers import LINKS, complaint_columns, stage_columns, table
from complaints_desktop.storage.vocabularies import ensure


def insert_returning_ids(session: Session, model: type, rows: list[dict[str, Any]]) -> list[int]:
    """Insert ``rows`` with ids assigned here (one ``executemany``); returns the ids.

    SQLite cannot return ids of a multi-row insert in order without inserting row by row,
    so ids are taken after the current largest (in a writing unit of work, which holds
    the write lock: no one else can take them meanwhile). PostgreSQL: the ids are drawn
    from the table's own sequence, as every other insert's are, so an import and a save
    on another PC at the same moment never take the same id.
    """
    if not rows:
        return []
    target = table(model)
    if session.get_bind().dialect.name == "postgresql":
        ids = [
            int(i)
            for i in session.execute(
                sql_text(
                    f"SELECT nextval(pg_get_serial_sequence('{target.name}', 'id')) "
                    "FROM generate_series(1, :n)"
                ),
                {"n": len(rows)},
            ).scalars()
        ]
    else:
        first = int(session.execute(select(func.max(target.c.id))).scalar() or 0) + 1
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
        insert_values(
            session,
            model,
            keys,
            [pick(r) for r in rows] if len(keys) > 1 else [(r[keys[0]],) for r in rows],
        )


def insert_values(
    session: Session, model: type, keys: Sequence[str], rows: list[tuple[Any, ...]]
) -> None:
    """One ``executemany`` of ``rows`` (tuples of the ``keys`` columns) into ``model``'s table.

    The statement is compiled once and each column's bind conversion applied here, in a
    tight loop (a repeated value is converted once): SQLAlchemy's per-row parameter
    handling would otherwise take most of an import's time.
    """
    if not rows:
        return
    target = table(model)
    connection = session.connection()
    dialect = connection.dialect
    compiled = insert(target).compile(dialect=dialect, column_keys=list(keys))
    order = list(compiled.positiontup or []) if compiled.positional else list(keys)
    if order != list(keys):
        reorder = itemgetter(*[list(keys).index(k) for k in order])
        rows = [reorder(r) for r in rows]
    converters = [_converter(target.c[k].type, dialect) for k in order]
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
    tables = [table(model).name for model in CASE_TABLES]
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
    ids = {kind: ensure(session, kind, _names(cases, attr)) for kind, _, _, _, attr in LINKS}
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
        insert_returning_ids(
            session,
            t.Person,
            [mappers.person_columns(c.complainant) for c in people],
        ),
        strict=True,
    ):
        case.complainant.id = pid
    children = [c for c in cases if any((c.child.name, c.child.dob, c.child.system_id))]
    for case, kid in zip(
        children,
        insert_returning_ids(
            session,
            t.Child,
            [mappers.child_columns(c.child) for c in children],
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
    for case, cid in zip(cases, insert_returning_ids(session, t.Complaint, rows), strict=True):
        case.id, case.version = cid, 1
    for kind, link, _, key, attr in LINKS:
        insert_values(
            session, link, ("complaint_id", key, "position"), link_rows(cases, attr, ids[kind])
        )
    _insert_stages(session, cases)
    _insert(
        session,
        t.OmbudsmanCase,
        [
            {"complaint_id": c.id, **mappers.ombudsman_columns(c.ombudsman)}
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
    element_rows = [
        {"complaint_id": c.id, "position": i, **mappers.element_columns(e)} for c, i, e in elements
    ]
    for (_, _, element), eid in zip(
        elements, insert_returning_ids(session, t.Element, element_rows), strict=True
    ):
        element.id = eid
    findings = [
        {"element_id": e.id, **mappers.finding_columns(f)}
        for _, _, e in elements
        for f in e.findings
    ]
    if findings:
        session.execute(insert(table(t.Finding)), findings)
    referred = {c.id: c for c in cases if c.ombudsman is not None and c.ombudsman.recommendations}
    recommendations: list[dict[str, Any]] = []
    if referred:
        omb_table = table(t.OmbudsmanCase).c
        found = select(omb_table.id, omb_table.complaint_id).where(
            omb_table.complaint_id.in_(list(referred))
        )
        for oid, cid in session.execute(found):
            omb = referred[cid].ombudsman
            assert omb is not None
            recommendations += [
                {"ombudsman_id": oid, "position": i, **mappers.recommendation_columns(r)}
                for i, r in enumerate(omb.recommendations)
            ]
    if recommendations:
        session.execute(insert(table(t.Recommendation)), recommendations)
    actions = [
        {"complaint_id": c.id, "position": i, **mappers.action_columns(a)}
        for c in cases
        for i, a in enumerate(c.actions)
    ]
    if actions:
        session.execute(insert(table(t.LearningAction)), actions)
    now = datetime.now(UTC)
    letters = [
        {"complaint_id": c.id, **mappers.letter_columns(x)} for c in cases for x in c.letters
    ]
    if letters:
        session.execute(insert(table(t.Letter)), [{**x, "created_at": now} for x in letters])
    notes = [{"complaint_id": c.id, **mappers.note_columns(n)} for c in cases for n in c.notes]
    if notes:
        session.execute(insert(table(t.Note)), notes)


def link_rows(
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
    stage_ids = insert_returning_ids(session, t.Stage, suspended_rows)
    _insert(
        session,
        t.Suspension,
        [
            {"stage_id": sid, **mappers.suspension_columns(s)}
            for stage, sid in zip(suspended, stage_ids, strict=True)
            for s in stage.suspensions
        ],
    )


def is_empty(session: Session, *, contacts: bool = False) -> bool:
    """True when there are no cases (or, with ``contacts``, no contacts) yet."""
    target = table(t.Contact if contacts else t.Complaint)
    return session.execute(select(target.c.id).limit(1)).first() is None


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
