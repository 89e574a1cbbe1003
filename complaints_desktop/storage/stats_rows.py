"""Storage: the flat rows the statistics of a period are counted from (formats.md §4).

A handful of indexed queries returning tuples — no ORM objects, no per-case loads — so a
year of a 100,000-case database is fetched in well under a second. Every date filter is
a range on an indexed column (``complaint.received``, ``complaint.resolved_early``,
``stage.requested/start/response``, ``ombudsman.received/decided``, ``contact.received``).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Executable,
    String,
    and_,
    func,
    or_,
    select,
    type_coerce,
)
from sqlmodel import Session, col

from complaints_desktop.domain.calendar import Suspension
from complaints_desktop.domain.statistics_rules import (
    AnswerRow,
    CaseRow,
    Period,
    PeriodRows,
    RecommendationRow,
    StageRow,
    history_years,
)
from complaints_desktop.domain.text import financial_year
from complaints_desktop.domain.vocab import REPORTED_PROCEDURES
from complaints_desktop.storage import tables as t

_C = t.Complaint
_S = t.Stage


def _between(column: Any, period: Period) -> ColumnElement[bool]:
    return col(column).between(period.start, period.end)


def _date_text(column: Any) -> Any:
    """A date column fetched as the database sends it (text on SQLite; see ``_day``).

    SQLAlchemy's per-row date conversion is most of the cost of fetching a year's stages,
    so dates are converted by ``_day`` instead.
    """
    return type_coerce(col(column), String)


def _day(value: date | str | None) -> date | None:
    """A fetched date: SQLite gives ``YYYY-MM-DD`` text, PostgreSQL a ``date``."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value[:10])


def _rows(session: Session, query: Executable) -> list[Any]:
    return list(session.connection().execute(query).all())


def received(session: Session, period: Period) -> list[CaseRow]:
    """Cases received in the period (statutory and corporate)."""
    query = select(
        col(_C.id),
        col(_C.procedure),
        col(_C.channel),
        col(_C.relationship),
        col(_C.advocacy_used),
        col(_C.age_band),
        col(_C.gender),
        col(_C.ethnicity),
        col(_C.disability),
        col(_C.sexual_orientation),
    ).where(_between(_C.received, period))
    return [CaseRow(*r) for r in _rows(session, query) if r[1] in REPORTED_PROCEDURES]


def early_resolved(session: Session, period: Period) -> dict[str, int]:
    """Procedure -> cases resolved early (before any formal stage) in the period."""
    query = (
        select(col(_C.procedure), func.count())
        .where(_between(_C.resolved_early, period))
        .group_by(col(_C.procedure))
    )
    return {str(p): int(n) for p, n in _rows(session, query)}


def _stages_in_period(period: Period) -> ColumnElement[bool]:
    return or_(
        _between(_S.requested, period),
        _between(_S.start, period),
        _between(_S.response, period),
    )


def _open_across(period: Period) -> ColumnElement[bool]:
    """Stages begun before the period and not answered by its end (open throughout it)."""
    return and_(
        or_(col(_S.response).is_(None), col(_S.response) > period.end),
        or_(col(_S.requested) < period.start, col(_S.start) < period.start),
    )


def stages(session: Session, period: Period) -> list[StageRow]:
    """Stages requested, started or answered in the period, and those open across it
    (for ``brought_forward`` and ``open_at_end``), with their case's procedure."""
    columns = (
        col(_S.id),
        col(_S.complaint_id),
        col(_C.procedure),
        col(_S.number),
        _date_text(_S.requested),
        _date_text(_S.start),
        _date_text(_S.response),
        col(_S.outcome),
        col(_S.cost),
        col(_S.extended),
    )
    found: dict[int, StageRow] = {}
    for where in (_stages_in_period(period), _open_across(period)):
        query = select(*columns).join(_C, col(_C.id) == col(_S.complaint_id)).where(where)
        for i, case_id, proc, n, req, start, resp, outcome, cost, ext in _rows(session, query):
            if proc in REPORTED_PROCEDURES and i not in found:
                found[i] = StageRow(
                    i,
                    case_id,
                    proc,
                    n,
                    _day(req),
                    _day(start),
                    _day(resp),
                    outcome,
                    cost,
                    bool(ext),
                )
    return list(found.values())


def answers(session: Session, period: Period) -> list[AnswerRow]:
    """Every answered stage of the cases received in the period (for final outcomes)."""
    query = (
        select(col(_S.complaint_id), col(_S.number), col(_S.outcome))
        .join(_C, col(_C.id) == col(_S.complaint_id))
        .where(_between(_C.received, period), col(_S.response).is_not(None))
    )
    return [AnswerRow(*r) for r in _rows(session, query)]


def suspensions(session: Session, period: Period) -> dict[int, list[Suspension]]:
    """Stage id -> suspensions, for the stages answered in the period."""
    query = (
        select(
            col(t.Suspension.stage_id),
            _date_text(t.Suspension.start),
            _date_text(t.Suspension.end),
        )
        .join(_S, col(_S.id) == col(t.Suspension.stage_id))
        .where(_between(_S.response, period))
        .order_by(col(t.Suspension.start))
    )
    out: defaultdict[int, list[Suspension]] = defaultdict(list)
    for stage_id, start, end in _rows(session, query):
        begin = _day(start)
        if begin is not None:
            out[int(stage_id)].append(Suspension(begin, _day(end)))
    return dict(out)


def _names(
    session: Session, link: Any, vocab: Any, key: str, case_ids: Any
) -> dict[int, list[str]]:
    """Case id -> names listed through ``link``, for the cases selected."""
    query = (
        select(col(link.complaint_id), col(vocab.name))
        .join(vocab, col(vocab.id) == col(getattr(link, key)))
        .where(col(link.complaint_id).in_(case_ids))
    )
    out: defaultdict[int, list[str]] = defaultdict(list)
    for case_id, name in _rows(session, query):
        out[int(case_id)].append(str(name))
    return dict(out)


def teams(session: Session, period: Period) -> dict[int, list[str]]:
    """Teams of the cases with a stage requested, started or answered in the period."""
    ids = select(col(_S.complaint_id)).where(_stages_in_period(period))
    return _names(session, t.ComplaintTeam, t.Team, "team_id", ids)


def types(session: Session, period: Period) -> dict[int, list[str]]:
    """Types of the cases received in the period."""
    ids = select(col(_C.id)).where(_between(_C.received, period))
    return _names(session, t.ComplaintTypeLink, t.ComplaintType, "type_id", ids)


def remedies(session: Session, period: Period) -> dict[int, list[str]]:
    """Remedies of the cases with a stage answered (or withdrawn) in the period."""
    ids = select(col(_S.complaint_id)).where(_between(_S.response, period))
    return _names(session, t.ComplaintRemedy, t.Remedy, "remedy_id", ids)


def history(session: Session, end: date) -> dict[tuple[str, int], int]:
    """(procedure, financial year start) -> cases received, for the five years to ``end``.

    Grouped by day rather than by year so the query stays plain, portable SQL (and becomes
    index-only if ``complaint`` ever gets an index on ``(received, procedure)``).
    """
    years = history_years(end)
    query = (
        select(col(_C.procedure), _date_text(_C.received), func.count())
        .where(col(_C.received).between(date(years[0], 4, 1), date(years[-1] + 1, 3, 31)))
        .group_by(col(_C.procedure), col(_C.received))
    )
    out: dict[tuple[str, int], int] = dict.fromkeys(
        ((p, y) for p in REPORTED_PROCEDURES for y in years), 0
    )
    for procedure, received_on, n in _rows(session, query):
        day = _day(received_on)
        key = (str(procedure), financial_year(day) if day else years[-1])
        if key in out:
            out[key] += int(n)
    return out


def earliest(session: Session) -> dict[str, date]:
    """Procedure -> the earliest ``received`` date of its cases (years before it are
    unknown to the database, not years with no complaints)."""
    query = select(col(_C.procedure), func.min(_date_text(_C.received))).group_by(col(_C.procedure))
    return {str(p): day for p, first in _rows(session, query) if (day := _day(first)) is not None}


def recommendations(session: Session, period: Period) -> list[RecommendationRow]:
    """Ombudsman recommendations whose target date is in the period (statutory and
    corporate cases)."""
    r, o = t.Recommendation, t.OmbudsmanCase
    query = (
        select(col(_C.procedure), _date_text(r.target), _date_text(r.achieved))
        .select_from(r)
        .join(o, col(o.id) == col(r.ombudsman_id))
        .join(_C, col(_C.id) == col(o.complaint_id))
        .where(_between(r.target, period))
    )
    return [
        RecommendationRow(target, _day(achieved))
        for procedure, due, achieved in _rows(session, query)
        if procedure in REPORTED_PROCEDURES and (target := _day(due)) is not None
    ]


def lgsco(session: Session, period: Period) -> tuple[int, dict[str, int], int]:
    """Ombudsman referrals received, decisions by outcome, and payments (pence) in period.

    Only statutory and corporate cases count (the procedure is filtered after grouping so
    that the date indexes, not the procedure index, drive the queries).
    """
    o = t.OmbudsmanCase
    referred = (
        select(col(_C.procedure), func.count())
        .select_from(o)
        .join(_C, col(_C.id) == col(o.complaint_id))
        .where(_between(o.received, period))
        .group_by(col(_C.procedure))
    )
    decided = (
        select(
            col(_C.procedure),
            col(o.outcome),
            func.count(),
            func.coalesce(func.sum(col(o.payment)), 0),
        )
        .select_from(o)
        .join(_C, col(_C.id) == col(o.complaint_id))
        .where(_between(o.decided, period))
        .group_by(col(_C.procedure), col(o.outcome))
    )
    n_referred = sum(int(n) for p, n in _rows(session, referred) if p in REPORTED_PROCEDURES)
    outcomes: dict[str, int] = {}
    payments = 0
    for procedure, outcome, n, paid in _rows(session, decided):
        if procedure in REPORTED_PROCEDURES:
            outcomes[str(outcome)] = outcomes.get(str(outcome), 0) + int(n)
            payments += int(paid)
    return n_referred, outcomes, payments


def contacts(session: Session, period: Period) -> tuple[dict[str, int], dict[str, dict[str, int]]]:
    """Contacts received in the period: kind -> total, and kind -> team -> count."""
    c = t.Contact
    totals = (
        select(col(c.kind), func.count()).where(_between(c.received, period)).group_by(col(c.kind))
    )
    per_team = (
        select(col(c.kind), col(t.Team.name), func.count())
        .join(t.ContactTeam, col(t.ContactTeam.contact_id) == col(c.id))
        .join(t.Team, col(t.Team.id) == col(t.ContactTeam.team_id))
        .where(_between(c.received, period))
        .group_by(col(c.kind), col(t.Team.name))
    )
    by_team: defaultdict[str, dict[str, int]] = defaultdict(dict)
    for kind, name, n in _rows(session, per_team):
        by_team[str(kind)][str(name)] = int(n)
    return {str(k): int(n) for k, n in _rows(session, totals)}, dict(by_team)


def period_rows(session: Session, period: Period) -> PeriodRows:
    """Every row the statistics of ``period`` need, in one read transaction."""
    referred, decided, payments = lgsco(session, period)
    totals, contact_teams = contacts(session, period)
    return PeriodRows(
        received=received(session, period),
        early_resolved=early_resolved(session, period),
        stages=stages(session, period),
        answers=answers(session, period),
        suspensions=suspensions(session, period),
        teams=teams(session, period),
        types=types(session, period),
        remedies=remedies(session, period),
        history=history(session, period.end),
        earliest=earliest(session),
        lgsco_referred=referred,
        lgsco_decided=decided,
        lgsco_payments=payments,
        recommendations=recommendations(session, period),
        contacts=totals,
        contact_teams=contact_teams,
    )
