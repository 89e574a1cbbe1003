"""Storage: whole cases read in bulk — one case (``cases.load``) or every case a chunk at
a time (the case log's export) — through the one mapper per table (``storage.mappers``).

A case read here is always whole: every column and every child row (people, lists,
stages with suspensions, elements with findings, the Ombudsman with recommendations,
learning actions, letters without their PDF, notes). A query that needs less returns its
own row type (``domain.views``), never a half-filled ``Case``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from sqlalchemy import select
from sqlmodel import Session

from complaints_desktop.domain import model as m
from complaints_desktop.domain.calendar import Suspension
from complaints_desktop.storage import mappers
from complaints_desktop.storage import tables as t
from complaints_desktop.storage.mappers import table

READ_CHUNK = 900
"""Cases read per query batch (below SQLite's oldest limit of 999 bound values)."""


def iter_cases(session: Session) -> Iterator[m.Case]:
    """Every case, whole, by received date then reference.

    Read ``READ_CHUNK`` cases at a time, so exporting 100,000 cases never holds them all.
    """
    c = table(t.Complaint).c
    ordered = [int(i) for i in session.scalars(select(c.id).order_by(c.received, c.reference))]
    for start in range(0, len(ordered), READ_CHUNK):
        yield from read_cases(session, ordered[start : start + READ_CHUNK])


def read_cases(session: Session, ids: Sequence[int]) -> list[m.Case]:
    """The cases ``ids`` (in that order; unknown ids left out), whole, in a dozen queries
    whatever their number (at most ``READ_CHUNK`` ids at a time)."""
    wanted = list(dict.fromkeys(ids))
    if len(wanted) > READ_CHUNK:
        return [
            case
            for start in range(0, len(wanted), READ_CHUNK)
            for case in read_cases(session, wanted[start : start + READ_CHUNK])
        ]
    cases = _complaints(session, wanted)
    if not cases:
        return []
    found = list(cases)
    _people(session, cases)
    for _, link, vocab, key, attr in mappers.LINKS:
        lt, vt = table(link).c, table(vocab).c
        for case_id, name in session.execute(
            select(lt.complaint_id, vt.name)
            .join(table(vocab), vt.id == lt[key])
            .where(lt.complaint_id.in_(found))
            .order_by(lt.complaint_id, lt.position)
        ):
            getattr(cases[case_id], attr).append(name)
    _stages(session, cases)
    _elements(session, cases)
    _ombudsman(session, cases)
    at = table(t.LearningAction).c
    for r in session.execute(
        select(table(t.LearningAction))
        .where(at.complaint_id.in_(found))
        .order_by(at.complaint_id, at.position)
    ):
        cases[r.complaint_id].actions.append(mappers.action(r))
    lt = table(t.Letter).c
    for r in session.execute(
        select(
            lt.id,
            lt.complaint_id,
            lt.template,
            lt.sent_on,
            lt.by_user,
            lt.how,
            lt.pdf.is_not(None).label("kept"),
        )
        .where(lt.complaint_id.in_(found))
        .order_by(lt.id)
    ):
        cases[r.complaint_id].letters.append(mappers.letter(r))
    nt = table(t.Note).c
    for r in session.execute(
        select(table(t.Note)).where(nt.complaint_id.in_(found)).order_by(nt.id)
    ):
        cases[r.complaint_id].notes.append(mappers.note(r))
    return [cases[i] for i in wanted if i in cases]


def _complaints(session: Session, ids: list[int]) -> dict[int, m.Case]:
    c, area = table(t.Complaint).c, table(t.ServiceArea).c
    query = (
        select(
            *(c[name] for name in mappers.COMPLAINT_READ),
            c.complainant_id,
            c.child_id,
            area.name.label("service_area_name"),
        )
        .select_from(table(t.Complaint))
        .outerjoin(table(t.ServiceArea), area.id == c.service_area_id)
        .where(c.id.in_(ids))
    )
    out: dict[int, m.Case] = {}
    for r in session.execute(query):
        case = mappers.complaint(r, r.service_area_name or "")
        # The ids of the complaint's people, kept until ``_people`` replaces them.
        case.complainant.id, case.child.id = r.complainant_id, r.child_id
        out[int(r.id)] = case
    return out


def _people(session: Session, cases: dict[int, m.Case]) -> None:
    people: dict[int, list[m.Case]] = {}
    children: dict[int, list[m.Case]] = {}
    for case in cases.values():
        if case.complainant.id is not None:
            people.setdefault(case.complainant.id, []).append(case)
        if case.child.id is not None:
            children.setdefault(case.child.id, []).append(case)
    if people:
        pt = table(t.Person)
        for r in session.execute(select(pt).where(pt.c.id.in_(list(people)))):
            for case in people.pop(r.id):
                case.complainant = mappers.person(r)
    if children:
        kt = table(t.Child)
        for r in session.execute(select(kt).where(kt.c.id.in_(list(children)))):
            for case in children.pop(r.id):
                case.child = mappers.child(r)
    for case in [c for named in people.values() for c in named]:
        case.complainant = m.Person()  # a person row gone: as ``load`` always gave it
    for case in [c for named in children.values() for c in named]:
        case.child = m.Child()


def _stages(session: Session, cases: dict[int, m.Case]) -> None:
    st, xt = table(t.Stage).c, table(t.Suspension).c
    of_cases = st.complaint_id.in_(list(cases))
    suspensions: dict[int, list[Suspension]] = {}
    for r in session.execute(
        select(table(t.Suspension))
        .join(table(t.Stage), st.id == xt.stage_id)
        .where(of_cases)
        .order_by(xt.start)
    ):
        suspensions.setdefault(r.stage_id, []).append(mappers.suspension(r))
    for r in session.execute(
        select(table(t.Stage)).where(of_cases).order_by(st.complaint_id, st.number)
    ):
        cases[r.complaint_id].stages.append(mappers.stage(r, suspensions.get(r.id)))


def _elements(session: Session, cases: dict[int, m.Case]) -> None:
    et, ft = table(t.Element).c, table(t.Finding).c
    of_cases = et.complaint_id.in_(list(cases))
    findings: dict[int, list[m.Finding]] = {}
    for r in session.execute(
        select(table(t.Finding))
        .join(table(t.Element), et.id == ft.element_id)
        .where(of_cases)
        .order_by(ft.stage, ft.id)
    ):
        findings.setdefault(r.element_id, []).append(mappers.finding(r))
    for r in session.execute(
        select(table(t.Element)).where(of_cases).order_by(et.complaint_id, et.position)
    ):
        cases[r.complaint_id].elements.append(mappers.element(r, findings.get(r.id)))


def _ombudsman(session: Session, cases: dict[int, m.Case]) -> None:
    ot, rt = table(t.OmbudsmanCase).c, table(t.Recommendation).c
    of_cases = ot.complaint_id.in_(list(cases))
    recommendations: dict[int, list[m.Recommendation]] = {}
    for r in session.execute(
        select(table(t.Recommendation))
        .join(table(t.OmbudsmanCase), ot.id == rt.ombudsman_id)
        .where(of_cases)
        .order_by(rt.ombudsman_id, rt.position)
    ):
        recommendations.setdefault(r.ombudsman_id, []).append(mappers.recommendation(r))
    for r in session.execute(select(table(t.OmbudsmanCase)).where(of_cases)):
        cases[r.complaint_id].ombudsman = mappers.ombudsman(r, recommendations.get(r.id))
