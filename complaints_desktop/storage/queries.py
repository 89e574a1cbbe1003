"""Storage: the read queries behind the lists (case search, work queue, registers, counts).

Each query is one indexed SQL statement (or a few, in bulk) over the denormalised
``complaint`` columns (status, stage, next_due, next_due_what); nothing loads every case.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from sqlalchemy import and_, case, false, func, or_, select, true
from sqlalchemy.orm import aliased
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.selectable import ScalarSelect, Select
from sqlmodel import Session, col

from complaints_desktop.domain import model as m
from complaints_desktop.domain.calendar import Suspension as DomainSuspension
from complaints_desktop.domain.views import (
    ActionRow,
    CaseDates,
    CaseRow,
    OmbudsmanRow,
    SearchCriteria,
)
from complaints_desktop.storage import mappers
from complaints_desktop.storage import tables as t
from complaints_desktop.storage.mappers import table
from complaints_desktop.storage.search_text import pattern, words

_C = t.Complaint
CHUNK = 1000


def _lead_team() -> ScalarSelect[str]:
    """A scalar subquery: the lead team's name of the outer complaint."""
    return (
        select(col(t.Team.name))
        .join(t.ComplaintTeam, col(t.ComplaintTeam.team_id) == col(t.Team.id))
        .where(col(t.ComplaintTeam.complaint_id) == col(_C.id))
        .order_by(col(t.ComplaintTeam.position))
        .limit(1)
        .correlate(_C)
        .scalar_subquery()
    )


def _name_of(table: type[t.Person] | type[t.Child], key: int | None) -> ScalarSelect[str]:
    """A scalar subquery: the name in ``table`` of the row whose id is the column ``key``."""
    return select(col(table.name)).where(col(table.id) == col(key)).correlate(_C).scalar_subquery()


def _team_ids(session: Session, condition: ColumnElement[bool]) -> Select[int]:
    """Ids of cases naming a team that meets ``condition`` (an uncorrelated subquery)."""
    teams = select(col(t.Team.id)).where(condition)
    return select(col(t.ComplaintTeam.complaint_id)).where(col(t.ComplaintTeam.team_id).in_(teams))


def _conditions(session: Session, c: SearchCriteria, today: date) -> list[ColumnElement[bool]]:
    """WHERE clauses on ``complaint`` alone (teams are matched in a subquery computed once
    per query, not once per row), so no join is needed to filter."""
    out: list[ColumnElement[bool]] = []
    typed = words(c.text)
    if typed:
        # Every word in the case's search text (reference, summary, complainant, child,
        # teams: ``storage.search_text``): the ids come from one scan of that column's
        # narrow index on SQLite, of the table on PostgreSQL.
        text = col(_C.search_text)
        matching = select(col(_C.id)).where(*(text.like(pattern(w), escape="\\") for w in typed))
        out.append(col(_C.id).in_(matching))
    if c.procedure:
        out.append(col(_C.procedure) == c.procedure)
    if c.stage is not None:
        out.append(col(_C.stage) == c.stage)
    if c.status:
        out.append(col(_C.status) == c.status)
    if c.team:
        out.append(col(_C.id).in_(_team_ids(session, func.lower(t.Team.name) == c.team.casefold())))
    if c.received_from is not None:
        out.append(col(_C.received) >= c.received_from)
    if c.received_to is not None:
        out.append(col(_C.received) <= c.received_to)
    if c.officers:  # the officer handling the current stage ("" for nobody named)
        out.append(col(_C.id).in_(_handled_by(c.officers)))
    if c.overdue_only:  # few cases: found by the next_due index, not a walk by date received
        out.append(col(_C.id).in_(select(col(_C.id)).where(overdue_condition(today))))
    return out


def _handled_by(names: tuple[str, ...]) -> Select[int]:
    """Ids of cases whose current stage is handled by one of ``names`` (case and spaces
    ignored; "" stands for nobody named)."""
    wanted = [" ".join(n.split()).casefold() for n in names]
    handler = func.lower(func.trim(col(t.Stage.handler)))
    return select(col(t.Stage.complaint_id)).where(
        col(t.Stage.number)
        == select(col(_C.stage))
        .where(col(_C.id) == col(t.Stage.complaint_id))
        .correlate(t.Stage)
        .scalar_subquery(),
        handler.in_(wanted),
    )


def overdue_condition(today: date) -> ColumnElement[bool]:
    """A case with a council deadline past: an open stage's, or an Ombudsman remedy's.

    (Answered cases may carry a stale acknowledgement date when none was recorded.)
    """
    return and_(
        col(_C.next_due) < today,
        or_(col(_C.status) == "open", col(_C.next_due_what).startswith("Ombudsman remedy")),
    )


def search(
    session: Session,
    criteria: SearchCriteria,
    today: date,
    visible: ColumnElement[bool] | None = None,
) -> tuple[list[CaseRow], int]:
    """Cases matching ``criteria``: at most ``criteria.limit`` rows, and the total count.

    ``visible`` (``users.hidden_condition``) leaves out restricted cases the user may not see.
    Two steps: the ids of the page in order (joining only the table the sort needs), then
    the page's rows by primary key, so names and teams are joined for 500 rows at most,
    never for every case that matches.
    """
    where = _conditions(session, criteria, today)
    if visible is not None:
        where.append(visible)
    link, team = aliased(t.ComplaintTeam), aliased(t.Team)
    lead = col(team.name)
    order_columns: dict[str, Any] = {
        "reference": col(_C.reference),
        "received": col(_C.received),
        "procedure": col(_C.procedure),
        "stage": col(_C.stage),
        "status": col(_C.status),
        "complainant": col(t.Person.name),
        "child": col(t.Child.name),
        "team": lead,
        "next_due": col(_C.next_due),
    }
    key = order_columns.get(criteria.sort, col(_C.received))
    order = [key.desc() if criteria.descending else key.asc()]
    order.append(col(_C.id).desc() if criteria.descending else col(_C.id).asc())
    if criteria.sort == "next_due":  # cases with nothing due go last either way
        order.insert(0, col(_C.next_due).is_(None))
    joins: dict[str, tuple[Any, ...]] = {
        "complainant": ((t.Person, col(t.Person.id) == col(_C.complainant_id)),),
        "child": ((t.Child, col(t.Child.id) == col(_C.child_id)),),
        "team": (
            (link, and_(col(link.complaint_id) == col(_C.id), col(link.position) == 0)),
            (team, col(team.id) == col(link.team_id)),  # position 0: the lead team
        ),
    }
    query_ids = select(col(_C.id)).select_from(_C)
    for target, on in joins.get(criteria.sort, ()):
        query_ids = query_ids.outerjoin(target, on)
    query_ids = query_ids.where(*where).order_by(*order)
    limit = max(criteria.limit, 0)
    if criteria.text.split():
        # Words need one scan of the search text: fetch every matching id in order (the
        # total is their number) rather than scanning again to count them.
        ids = [int(i) for i in session.execute(query_ids).scalars()]
        page, total = ids[:limit], len(ids)
    else:
        page = [int(i) for i in session.execute(query_ids.limit(limit)).scalars()]
        total = len(page)
        if total >= limit:
            count = select(func.count()).select_from(_C).where(*where)
            total = int(session.execute(count).scalar_one())
    if not page:
        return [], total
    # The page's rows by primary key, each name looked up by its key (PostgreSQL would
    # otherwise hash-join whole tables for 500 rows); put back in the page's order here.
    lead_team = (
        select(col(t.Team.name))
        .join(t.ComplaintTeam, col(t.ComplaintTeam.team_id) == col(t.Team.id))
        .where(col(t.ComplaintTeam.complaint_id) == col(_C.id), col(t.ComplaintTeam.position) == 0)
        .correlate(_C)
        .scalar_subquery()
    )
    query = select(
        col(_C.id),
        col(_C.reference),
        col(_C.received),
        col(_C.procedure),
        col(_C.stage),
        col(_C.status),
        _name_of(t.Person, _C.complainant_id),
        _name_of(t.Child, _C.child_id),
        lead_team,
        col(_C.next_due),
        col(_C.next_due_what),
        func.substr(_C.summary, 1, 300),
    ).where(col(_C.id).in_(page))
    found = {
        int(r[0]): CaseRow(
            reference=r[1],
            received=r[2],
            procedure=r[3],
            stage=r[4] or 0,
            status=r[5],
            complainant=r[6] or "",
            child=r[7] or "",
            team=r[8] or "",
            next_due=r[9],
            next_due_what=r[10] or "",
            summary=" ".join((r[11] or "").split()),
        )
        for r in session.execute(query)
    }
    rows = [found[i] for i in page if i in found]
    return rows, total


def count_complaints(session: Session) -> tuple[int, int]:
    """(all complaints, open ones: open or awaiting a request decision)."""
    total = session.execute(select(func.count()).select_from(_C)).scalar_one()
    live = session.execute(
        select(func.count()).select_from(_C).where(col(_C.status).in_(("open", "responded")))
    ).scalar_one()
    return int(total), int(live)


def count_contacts(session: Session) -> int:
    """How many contacts (compliments, enquiries, …) are logged."""
    return int(session.execute(select(func.count()).select_from(t.Contact)).scalar_one())


def queue_case_ids(
    session: Session,
    *,
    due_by: date,
    responded_since: date,
    visible: ColumnElement[bool] | None = None,
    answered_at: Sequence[tuple[str, int]] | None = None,
) -> list[int]:
    """Ids of cases that may belong in the work queue.

    Those with a deadline on or before ``due_by``, an acknowledgement outstanding, a stage
    answered since ``responded_since`` (the complainant may ask for the next), or an
    Ombudsman remedy outstanding. The caller works out each case's deadlines exactly.

    ``answered_at``: the (procedure, stage) pairs whose answer opens a window to ask for
    the next stage; an answered case at any other stage is left out (None: any stage).
    """
    answered = select(col(t.Stage.complaint_id)).where(col(t.Stage.response) >= responded_since)
    at_stage: ColumnElement[bool] = true()
    if answered_at is not None:
        at_stage = or_(
            false(),
            *(
                and_(col(_C.procedure) == procedure, col(_C.stage) == stage)
                for procedure, stage in answered_at
            ),
        )
    remedies = (
        select(col(t.OmbudsmanCase.complaint_id))
        .join(t.Recommendation, col(t.Recommendation.ombudsman_id) == col(t.OmbudsmanCase.id))
        .where(col(t.Recommendation.achieved).is_(None), col(t.Recommendation.target).is_not(None))
    )
    query = select(col(_C.id)).where(
        or_(
            and_(col(_C.status) == "open", col(_C.next_due) <= due_by),
            and_(col(_C.status) == "open", col(_C.next_due_what).startswith("Acknowledge")),
            and_(col(_C.status).in_(("responded", "closed")), at_stage, col(_C.id).in_(answered)),
            col(_C.id).in_(remedies),
        )
    )
    if visible is not None:
        query = query.where(visible)
    return [int(i) for i in session.execute(query).scalars()]


def _chunks(ids: Sequence[int]) -> Iterable[Sequence[int]]:
    for i in range(0, len(ids), CHUNK):
        yield ids[i : i + CHUNK]


def deadline_cases(session: Session, ids: Sequence[int]) -> list[CaseDates]:
    """Cases ``ids`` (in that order) as their deadlines and queue lines need them, in bulk:
    a few columns of each complaint, and its whole stages and Ombudsman referral."""
    cases: dict[int, CaseDates] = {}
    for part in _chunks(list(ids)):
        query = (
            select(
                col(_C.id),
                col(_C.reference),
                col(_C.procedure),
                col(_C.received),
                col(_C.refused),
                col(_C.withdrawn),
                col(_C.status),
                col(t.Person.name),
                _lead_team(),
            )
            .select_from(_C)
            .outerjoin(t.Person, col(t.Person.id) == col(_C.complainant_id))
            .where(col(_C.id).in_(part))
        )
        for r in session.execute(query):
            cases[r[0]] = CaseDates(
                id=r[0],
                reference=r[1],
                procedure=r[2],
                received=r[3],
                refused=r[4],
                withdrawn=r[5],
                status=r[6],
                complainant=r[7] or "",
                team=r[8] or "",
            )
        # Plain rows, not ORM objects: no identity map or instance state per row.
        st, xt = table(t.Stage), table(t.Suspension)
        of_part = st.c.complaint_id.in_(part)
        suspensions: dict[int, list[DomainSuspension]] = {}
        for r in session.execute(
            select(xt).join(st, st.c.id == xt.c.stage_id).where(of_part).order_by(xt.c.start)
        ):
            suspensions.setdefault(r.stage_id, []).append(mappers.suspension(r))
        for r in session.execute(select(st).where(of_part).order_by(st.c.number)):
            cases[r.complaint_id].stages.append(mappers.stage(r, suspensions.get(r.id)))
        ot, rt = table(t.OmbudsmanCase), table(t.Recommendation)
        referred = ot.c.complaint_id.in_(part)
        recommendations: dict[int, list[m.Recommendation]] = {}
        for r in session.execute(
            select(rt)
            .join(ot, ot.c.id == rt.c.ombudsman_id)
            .where(referred)
            .order_by(rt.c.ombudsman_id, rt.c.position)
        ):
            recommendations.setdefault(r.ombudsman_id, []).append(mappers.recommendation(r))
        for r in session.execute(select(ot).where(referred)):
            found = cases[r.complaint_id]
            cases[r.complaint_id] = replace(
                found, ombudsman=mappers.ombudsman(r, recommendations.get(r.id))
            )
    return [cases[i] for i in ids if i in cases]


def ombudsman_rows(session: Session, today: date) -> list[OmbudsmanRow]:
    """Every Ombudsman referral with its remedies outstanding and overdue, newest first."""
    rec = t.Recommendation
    pending = col(rec.id).is_not(None) & col(rec.achieved).is_(None)
    query = (
        select(
            col(_C.reference),
            col(t.OmbudsmanCase.reference),
            col(t.OmbudsmanCase.received),
            col(t.OmbudsmanCase.decided),
            col(t.OmbudsmanCase.outcome),
            col(t.OmbudsmanCase.payment),
            func.sum(case((pending, 1), else_=0)),
            func.sum(case((pending & (col(rec.target) < today), 1), else_=0)),
            func.min(case((pending, rec.target), else_=None)),
        )
        .select_from(t.OmbudsmanCase)
        .join(_C, col(_C.id) == col(t.OmbudsmanCase.complaint_id))
        .outerjoin(rec, col(rec.ombudsman_id) == col(t.OmbudsmanCase.id))
        .group_by(col(t.OmbudsmanCase.id), col(_C.reference))
        .order_by(col(t.OmbudsmanCase.received).desc(), col(_C.reference))
    )
    return [
        OmbudsmanRow(
            reference=r[0],
            lgsco_reference=r[1],
            received=r[2],
            decided=r[3],
            outcome=r[4],
            payment=r[5] or 0,
            remedies_outstanding=int(r[6] or 0),
            remedies_overdue=int(r[7] or 0),
            next_remedy_due=_as_date(r[8]),
        )
        for r in session.execute(query)
    ]


def _as_date(value: Any) -> date | None:
    """A date from an aggregate (SQLite hands MIN() of dates back as text)."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def learning_actions(
    session: Session, status: str = "", today: date | None = None
) -> list[ActionRow]:
    """Learning actions (optionally of one status), earliest target first."""
    query = (
        select(t.LearningAction, col(_C.reference))
        .outerjoin(_C, col(_C.id) == col(t.LearningAction.complaint_id))
        .order_by(col(t.LearningAction.target).is_(None), col(t.LearningAction.target))
    )
    if status:
        query = query.where(col(t.LearningAction.status) == status)
    done = ("implemented", "not implemented")
    return [
        ActionRow(
            reference=ref or "",
            action=a.action,
            owner=a.owner,
            target=a.target,
            status=a.status,
            source=a.source,
            position=a.position,
            completed=a.completed,
            overdue=bool(
                today is not None
                and a.target is not None
                and a.target < today
                and a.status not in done
            ),
        )
        for a, ref in session.execute(query).all()
    ]


def stage_handlers(session: Session) -> list[str]:
    """Every name recorded as handling a stage (typed or imported names too)."""
    handler = col(t.Stage.handler)
    found = session.execute(select(handler).where(func.trim(handler) != "").distinct()).all()
    return sorted((str(r[0]).strip() for r in found), key=str.casefold)
