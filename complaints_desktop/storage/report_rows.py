"""Storage: the few rows the annual report needs beyond the statistics (read-only queries)."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from sqlalchemy import case, func, or_, select
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, col

from complaints_desktop.storage import tables as t


class RemedyLine(NamedTuple):
    """One Ombudsman decision and one of its recommendations (blank when it made none)."""

    reference: str
    case_reference: str
    decided: date | None
    outcome: str
    remedy: str
    target: date | None
    achieved: date | None
    status: str
    amount: int


class ActionLine(NamedTuple):
    """One learning action with its case reference."""

    reference: str
    action: str
    source: str
    owner: str
    target: date | None
    status: str
    reason: str
    evidence: str


def received_by_procedure(session: Session, start: date, end: date) -> dict[str, int]:
    """Cases received in ``start..end`` per procedure (procedures with none are left out)."""
    query = (
        select(col(t.Complaint.procedure), func.count())
        .where(col(t.Complaint.received) >= start, col(t.Complaint.received) <= end)
        .group_by(col(t.Complaint.procedure))
    )
    return {str(p): int(n) for p, n in session.execute(query).all()}


def remedy_lines(session: Session, start: date, end: date) -> list[RemedyLine]:
    """Ombudsman decisions in the period, and older ones whose remedies fell due or were
    achieved in it, one line per recommendation, in decision order."""
    omb, rec = t.OmbudsmanCase, t.Recommendation
    in_period_recs = select(col(rec.ombudsman_id)).where(
        or_(
            col(rec.target).between(start, end),
            col(rec.achieved).between(start, end),
        )
    )
    query = (
        select(omb, col(t.Complaint.reference))
        .join(t.Complaint, col(t.Complaint.id) == col(omb.complaint_id))
        .where(
            or_(
                col(omb.decided).between(start, end),
                col(omb.id).in_(in_period_recs),
            )
        )
        .order_by(col(omb.decided), col(t.Complaint.reference))
    )
    cases = session.execute(query).all()
    ids = [o.id for o, _ in cases]
    recs: dict[int, list[t.Recommendation]] = {}
    if ids:
        for r in session.execute(
            select(rec).where(col(rec.ombudsman_id).in_(ids)).order_by(col(rec.position))
        ).scalars():
            recs.setdefault(r.ombudsman_id, []).append(r)
    lines: list[RemedyLine] = []
    for o, case_ref in cases:
        number = o.reference or case_ref
        found: list[t.Recommendation | None] = list(recs.get(o.id or -1, []))
        for r in found or [None]:
            lines.append(
                RemedyLine(
                    reference=number,
                    case_reference=str(case_ref),
                    decided=o.decided,
                    outcome=o.outcome,
                    remedy=r.description if r else "",
                    target=r.target if r else None,
                    achieved=r.achieved if r else None,
                    status=r.status if r else "",
                    amount=r.amount if r else 0,
                )
            )
    return lines


def action_lines(
    session: Session, start: date | None = None, end: date | None = None
) -> list[ActionLine]:
    """Learning actions, earliest target first.

    With a period: actions whose target falls in it, or that come from a case closed in it
    (so an annual report lists what the year's complaints taught, implemented or not).
    """
    action, case = t.LearningAction, t.Complaint
    query = select(action, col(case.reference)).outerjoin(
        case, col(case.id) == col(action.complaint_id)
    )
    if start is not None and end is not None:
        query = query.where(
            or_(col(action.target).between(start, end), col(case.closed_on).between(start, end))
        )
    query = query.order_by(col(action.target).is_(None), col(action.target), col(action.id))
    return [
        ActionLine(
            reference=str(ref or ""),
            action=a.action,
            source=a.source,
            owner=a.owner,
            target=a.target,
            status=a.status,
            reason=a.reason,
            evidence=a.evidence,
        )
        for a, ref in session.execute(query).all()
    ]


def _in(column: date | None, start: date, end: date) -> ColumnElement[bool]:
    """The date column ``column`` (a table's attribute) falls in ``start..end``."""
    return (col(column) >= start) & (col(column) <= end)


def refusals(session: Session, start: date, end: date) -> dict[str, dict[str, int]]:
    """Procedure -> refusal reason ("" as "not recorded") -> cases refused in the period."""
    query = (
        select(col(t.Complaint.procedure), col(t.Complaint.refusal_reason), func.count())
        .where(_in(t.Complaint.refused, start, end))
        .group_by(col(t.Complaint.procedure), col(t.Complaint.refusal_reason))
    )
    out: dict[str, dict[str, int]] = {}
    for procedure, reason, n in session.execute(query).all():
        label = " ".join(str(reason or "").split()) or "not recorded"
        bucket = out.setdefault(str(procedure), {})
        bucket[label] = bucket.get(label, 0) + int(n)
    return out


def advocacy(session: Session, start: date, end: date) -> dict[str, dict[str, tuple[int, int]]]:
    """Procedure -> advocacy provider -> (offered, taken up) over cases received in the
    period that were offered an advocate or used one."""
    query = (
        select(
            col(t.Complaint.procedure),
            col(t.Complaint.advocacy_provider),
            func.count(col(t.Complaint.advocacy_offered)),
            func.sum(case((col(t.Complaint.advocacy_used).is_(True), 1), else_=0)),
        )
        .where(_in(t.Complaint.received, start, end))
        .where(
            or_(
                col(t.Complaint.advocacy_offered).is_not(None),
                col(t.Complaint.advocacy_used).is_(True),
            )
        )
        .group_by(col(t.Complaint.procedure), col(t.Complaint.advocacy_provider))
    )
    out: dict[str, dict[str, tuple[int, int]]] = {}
    for procedure, provider, offered, used in session.execute(query).all():
        label = str(provider or "").strip() or "provider not recorded"
        out.setdefault(str(procedure), {})[label] = (int(offered or 0), int(used or 0))
    return out


def element_findings(
    session: Session, start: date, end: date
) -> dict[str, dict[int, dict[str, int]]]:
    """Procedure -> stage -> finding -> elements found on at a stage answered in the
    period (a case of several complaints counts each)."""
    query = (
        select(
            col(t.Complaint.procedure), col(t.Finding.stage), col(t.Finding.outcome), func.count()
        )
        .join(t.Element, col(t.Element.id) == col(t.Finding.element_id))
        .join(t.Complaint, col(t.Complaint.id) == col(t.Element.complaint_id))
        .join(
            t.Stage,
            (col(t.Stage.complaint_id) == col(t.Complaint.id))
            & (col(t.Stage.number) == col(t.Finding.stage)),
        )
        .where(_in(t.Stage.response, start, end))
        .where(col(t.Finding.outcome) != "")
        .group_by(col(t.Complaint.procedure), col(t.Finding.stage), col(t.Finding.outcome))
    )
    out: dict[str, dict[int, dict[str, int]]] = {}
    for procedure, stage, outcome, n in session.execute(query).all():
        out.setdefault(str(procedure), {}).setdefault(int(stage), {})[str(outcome)] = int(n)
    return out


def by_service_area(session: Session, start: date, end: date) -> dict[str, dict[str, int]]:
    """Procedure -> service area ("not recorded" when none) -> cases received in the period."""
    query = (
        select(col(t.Complaint.procedure), col(t.ServiceArea.name), func.count())
        .select_from(t.Complaint)
        .outerjoin(t.ServiceArea, col(t.ServiceArea.id) == col(t.Complaint.service_area_id))
        .where(_in(t.Complaint.received, start, end))
        .group_by(col(t.Complaint.procedure), col(t.ServiceArea.name))
    )
    out: dict[str, dict[str, int]] = {}
    for procedure, area, n in session.execute(query).all():
        out.setdefault(str(procedure), {})[str(area or "not recorded")] = int(n)
    return out


def quoted_compliments(session: Session, start: date, end: date) -> list[tuple[str, str]]:
    """(teams, summary) of the compliments received in the period whose senders agreed to
    be quoted, oldest first (teams joined by ", ")."""
    query = (
        select(col(t.Contact.id), col(t.Contact.summary))
        .where(col(t.Contact.kind) == "compliment")
        .where(col(t.Contact.quote_consent).is_(True))
        .where(_in(t.Contact.received, start, end))
        .where(col(t.Contact.summary) != "")
        .order_by(col(t.Contact.received), col(t.Contact.reference))
    )
    rows = session.execute(query).all()
    teams: dict[int, list[str]] = {}
    if rows:
        found = (
            select(col(t.ContactTeam.contact_id), col(t.Team.name))
            .join(t.Team, col(t.Team.id) == col(t.ContactTeam.team_id))
            .where(col(t.ContactTeam.contact_id).in_([r[0] for r in rows]))
            .order_by(col(t.ContactTeam.contact_id), col(t.ContactTeam.position))
        )
        for cid, name in session.execute(found).all():
            teams.setdefault(int(cid), []).append(str(name))
    return [(", ".join(teams.get(int(cid), [])), str(text)) for cid, text in rows]


def area_teams(
    session: Session, start: date, end: date
) -> dict[str, dict[str, dict[str, tuple[int, int]]]]:
    """Procedure -> service area -> lead team -> (cases received in the period, of them
    upheld or partially upheld at stage 1). Each case counts once, under its lead team
    ("team not recorded" / "not recorded" when none), so an area's teams add up to it."""
    lead = (
        select(col(t.ComplaintTeam.complaint_id), col(t.Team.name))
        .join(t.Team, col(t.Team.id) == col(t.ComplaintTeam.team_id))
        .where(col(t.ComplaintTeam.position) == 0)
        .subquery()
    )
    first = (
        select(col(t.Stage.complaint_id), col(t.Stage.outcome))
        .where(col(t.Stage.number) == 1)
        .subquery()
    )
    upheld = case((first.c.outcome.in_(("upheld", "partially upheld")), 1), else_=0)
    query = (
        select(
            col(t.Complaint.procedure),
            col(t.ServiceArea.name),
            lead.c.name,
            func.count(),
            func.sum(upheld),
        )
        .select_from(t.Complaint)
        .outerjoin(t.ServiceArea, col(t.ServiceArea.id) == col(t.Complaint.service_area_id))
        .outerjoin(lead, lead.c.complaint_id == col(t.Complaint.id))
        .outerjoin(first, first.c.complaint_id == col(t.Complaint.id))
        .where(_in(t.Complaint.received, start, end))
        .group_by(col(t.Complaint.procedure), col(t.ServiceArea.name), lead.c.name)
    )
    out: dict[str, dict[str, dict[str, tuple[int, int]]]] = {}
    for procedure, area, team, n, up in session.execute(query).all():
        teams = out.setdefault(str(procedure), {}).setdefault(str(area or "not recorded"), {})
        teams[str(team or "team not recorded")] = (int(n), int(up or 0))
    return out


def cases_with_remedy(session: Session, start: date, end: date) -> dict[str, int]:
    """Procedure -> cases with any stage answered (or withdrawn) in the period that list a
    remedy: the denominator of the report's remedy percentages (the cases the §4
    ``remedies`` counts are drawn from, each once)."""
    answered = select(col(t.Stage.complaint_id)).where(_in(t.Stage.response, start, end))
    remedied = select(col(t.ComplaintRemedy.complaint_id))
    query = (
        select(col(t.Complaint.procedure), func.count())
        .where(col(t.Complaint.id).in_(answered))
        .where(col(t.Complaint.id).in_(remedied))
        .group_by(col(t.Complaint.procedure))
    )
    return {str(p): int(n) for p, n in session.execute(query).all()}


ESCALATION_FATES = ("proceeded", "withdrawn", "refused", "resolved", "pending")
"""What became of a request for stage 2 or 3, in the order the report prints them."""


def stage_requests(
    session: Session, start: date, end: date
) -> dict[str, dict[int, dict[str, int]]]:
    """Procedure -> stage (2 or 3) -> what became of the requests for it made in the
    period -> count: ``proceeded`` (stage 2: the statement was agreed; stage 3: the panel
    date is set; either: a finding was reached), ``withdrawn``, ``refused`` (the council
    declined it), ``resolved`` (answered without an investigation or panel) or
    ``pending`` (none of these yet)."""
    query = (
        select(
            col(t.Complaint.procedure),
            col(t.Stage.number),
            col(t.Stage.start),
            col(t.Stage.panel_date),
            col(t.Stage.response),
            col(t.Stage.outcome),
            col(t.Stage.requested),
            col(t.Complaint.withdrawn),
            col(t.Complaint.withdrawn_stage),
            col(t.Complaint.refused),
        )
        .join(t.Complaint, col(t.Complaint.id) == col(t.Stage.complaint_id))
        .where(col(t.Stage.number).in_((2, 3)))
        .where(_in(t.Stage.requested, start, end))
    )
    out: dict[str, dict[int, dict[str, int]]] = {}
    for row in session.execute(query).all():
        procedure, number, began, panel, answered, outcome, asked, gone, gone_at, refused = row
        went_on = began if number == 2 else panel
        if went_on is not None or (answered is not None and outcome not in ("", "withdrawn")):
            fate = "proceeded"
        elif outcome == "withdrawn" or (gone is not None and (gone_at or number) >= number):
            fate = "withdrawn"
        elif refused is not None and refused >= asked:
            fate = "refused"
        elif answered is not None:
            fate = "resolved"
        else:
            fate = "pending"
        stages = out.setdefault(str(procedure), {})
        stages.setdefault(int(number), dict.fromkeys(ESCALATION_FATES, 0))[fate] += 1
    return out
