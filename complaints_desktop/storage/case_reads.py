"""Storage: whole cases read in bulk, a chunk of ids at a time (the case log's export)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from sqlalchemy import select
from sqlmodel import Session

from complaints_desktop.domain import model as m
from complaints_desktop.storage import tables as t
from complaints_desktop.storage.bulk import LINKS, VOCAB_TABLES, _table
from complaints_desktop.storage.mappers import EQUALITY_FIELDS, stage_columns

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
