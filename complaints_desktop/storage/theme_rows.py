"""Storage: the rows behind the annual report's theme tables (read-only queries): upheld
themes of complaints' elements, contacts by kind and lead team, compliments by theme."""

from __future__ import annotations

from datetime import date

from sqlalchemy import and_, func, select
from sqlalchemy.orm import aliased
from sqlmodel import Session, col

from complaints_desktop.domain.views import UpheldThemes
from complaints_desktop.storage import tables as t

UPHELD = ("upheld", "partially upheld")
NO_TEAM = ""
"""The lead team of a contact that names none."""


def upheld_themes(session: Session, start: date, end: date) -> dict[str, UpheldThemes]:
    """Procedure -> the elements whose last finding (the latest stage that found on them)
    is upheld or partially upheld, that stage answered in the period."""
    later = aliased(t.Finding)
    found_later = (
        select(col(later.id))
        .where(col(later.element_id) == col(t.Finding.element_id))
        .where(col(later.stage) > col(t.Finding.stage))
        .where(col(later.outcome) != "")
        .exists()
    )
    query = (  # from the stages answered in the period (indexed), to their findings
        select(col(t.Complaint.procedure), col(t.Complaint.id), col(t.Element.theme))
        .select_from(t.Stage)
        .join(t.Element, col(t.Element.complaint_id) == col(t.Stage.complaint_id))
        .join(
            t.Finding,
            and_(
                col(t.Finding.element_id) == col(t.Element.id),
                col(t.Finding.stage) == col(t.Stage.number),
            ),
        )
        .join(t.Complaint, col(t.Complaint.id) == col(t.Stage.complaint_id))
        .where(col(t.Stage.response) >= start)
        .where(col(t.Stage.response) <= end)
        .where(col(t.Finding.outcome).in_(UPHELD))
        .where(~found_later)
    )
    elements: dict[str, dict[str, int]] = {}
    cases: dict[str, dict[str, set[int]]] = {}
    for procedure, cid, theme in session.execute(query).all():
        key = " ".join(str(theme or "").split())
        per = elements.setdefault(str(procedure), {})
        per[key] = per.get(key, 0) + 1
        cases.setdefault(str(procedure), {}).setdefault(key, set()).add(int(cid))
    return {
        procedure: UpheldThemes(
            by_theme={k: (n, len(cases[procedure][k])) for k, n in per.items()},
            elements=sum(per.values()),
            complaints=len(set().union(*cases[procedure].values())),
        )
        for procedure, per in elements.items()
    }


def contacts_by_kind_and_team(
    session: Session, start: date, end: date
) -> dict[str, dict[str, int]]:
    """Kind -> lead team (the first named; "" when none) -> contacts received in the period."""
    lead = (
        select(col(t.ContactTeam.contact_id), col(t.Team.name))
        .join(t.Team, col(t.Team.id) == col(t.ContactTeam.team_id))
        .where(col(t.ContactTeam.position) == 0)
        .subquery()
    )
    query = (
        select(col(t.Contact.kind), lead.c.name, func.count())
        .select_from(t.Contact)
        .outerjoin(lead, lead.c.contact_id == col(t.Contact.id))
        .where(col(t.Contact.received) >= start)
        .where(col(t.Contact.received) <= end)
        .group_by(col(t.Contact.kind), lead.c.name)
    )
    out: dict[str, dict[str, int]] = {}
    for kind, team, n in session.execute(query).all():
        per = out.setdefault(str(kind), {})
        name = str(team or NO_TEAM)
        per[name] = per.get(name, 0) + int(n)
    return out


def compliment_themes(session: Session, start: date, end: date) -> dict[str, int]:
    """Theme ("" for a compliment with none recorded) -> compliments received in the period
    (a compliment of several themes counts under each)."""
    query = (
        select(col(t.Contact.themes))
        .where(col(t.Contact.kind) == "compliment")
        .where(col(t.Contact.received) >= start)
        .where(col(t.Contact.received) <= end)
    )
    out: dict[str, int] = {}
    for (themes,) in session.execute(query).all():
        for name in dict.fromkeys(str(themes or "").split("\n")):
            out[name] = out.get(name, 0) + 1
    return out
