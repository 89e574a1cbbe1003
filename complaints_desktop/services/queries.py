"""Services: read-only use cases for the lists — work queue, case search, counts, registers.

Each function opens its own unit of work (so it can run on a worker thread) and returns
plain dataclasses from ``domain.views``. A database that is locked, missing or unreadable
becomes a ``KnownError`` with a sentence the officer can act on.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import date, timedelta
from typing import ParamSpec, TypeVar

from sqlalchemy.exc import DatabaseError, OperationalError

from complaints_desktop.domain.calendar import WorkingCalendar
from complaints_desktop.domain.deadlines import Deadline, case_deadlines, escalation_window
from complaints_desktop.domain.errors import KnownError
from complaints_desktop.domain.procedures import Settings
from complaints_desktop.domain.views import (
    ActionRow,
    CaseDates,
    Counts,
    OmbudsmanRow,
    QueueGroup,
    QueueItem,
    SearchCriteria,
    SearchResult,
)
from complaints_desktop.domain.vocab import PROCEDURES
from complaints_desktop.services import access
from complaints_desktop.services.env import Env
from complaints_desktop.storage import queries, vocabularies
from complaints_desktop.storage.failures import is_locked

WEEK = timedelta(days=7)
REQUEST_LOOKBACK = timedelta(days=120)
"""How far back a stage response may lie and its request window still be open, when the
calendar cannot say more exactly."""
JUST_CLOSED = timedelta(days=14)
"""How long a closed request window stays in the queue (a late request may still come)."""

P = ParamSpec("P")
R = TypeVar("R")


def readable_errors(fn: Callable[P, R]) -> Callable[P, R]:
    """Turn a locked, missing or damaged database into a ``KnownError``."""

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return fn(*args, **kwargs)
        except OperationalError as exc:
            if is_locked(exc):
                raise KnownError(
                    "The database is busy (another program is writing to it). "
                    "Try again in a moment."
                ) from exc
            raise KnownError(
                "The database cannot be read: it may have been moved, renamed or be on a "
                "drive that is not connected. Check the file, or open another database."
            ) from exc
        except DatabaseError as exc:
            raise KnownError(
                "The database file looks damaged. Restore the latest backup "
                "(Settings → Backups) or ask your administrator."
            ) from exc

    return wrapper


@readable_errors
def search_cases(env: Env, criteria: SearchCriteria) -> SearchResult:
    """Cases matching what the officer typed and chose; at most ``criteria.limit`` rows."""
    with env.uow() as session:
        rows, total = queries.search(session, criteria, env.today(), access.visible(env, session))
    return SearchResult(rows=rows, total=total)


def _working_days(cal: WorkingCalendar, today: date, due: date) -> int:
    """Working days from ``today`` to ``due``, negative when ``due`` has passed."""
    if due < today:
        return -cal.working_days_between(due, today)
    return cal.working_days_between(today, due)


def _queue_lines(
    case: CaseDates, settings: Settings, cal: WorkingCalendar, today: date
) -> list[QueueItem]:
    if case.refused is not None or case.withdrawn is not None:
        return []

    def line(group: QueueGroup, d: Deadline) -> QueueItem:
        return QueueItem(
            group=group,
            reference=case.reference,
            what=d.what,
            due=d.due,
            rule=d.rule,
            days=_working_days(cal, today, d.due),
            complainant=case.complainant,
            team=case.team,
            procedure=case.procedure,
            stage=case.current_stage.number if case.current_stage else 0,
            council=d.council,
            officer=case.current_stage.handler if case.current_stage else "",
        )

    out: list[QueueItem] = []
    deadlines = case_deadlines(case, settings, cal, today)
    answered = {s.number for s in case.stages if s.response is not None}
    pending = [
        d
        for d in deadlines
        if d.outstanding
        and d.council
        and d.kind != "remedy"
        and not (d.kind == "acknowledge" and d.stage in answered)  # moot once answered
    ]
    if pending:
        d = pending[0]
        if d.due < today:
            out.append(line(QueueGroup.OVERDUE, d))
        elif d.due == today:
            out.append(line(QueueGroup.DUE_TODAY, d))
        elif d.kind == "acknowledge":
            out.append(line(QueueGroup.AWAITING_ACKNOWLEDGEMENT, d))
        elif d.due <= today + WEEK:
            out.append(line(QueueGroup.DUE_THIS_WEEK, d))
    for d in deadlines:
        if d.kind == "remedy" and d.outstanding:
            if d.due < today:
                out.append(line(QueueGroup.OVERDUE, d))
            elif d.due == today:
                out.append(line(QueueGroup.DUE_TODAY, d))
            else:
                out.append(line(QueueGroup.REMEDY_DUE, d))
    if case.status in ("responded", "closed"):  # closed: the window passed lately
        window = escalation_window(case, settings, cal)
        if window is not None and window.due >= today - JUST_CLOSED:
            out.append(line(QueueGroup.REQUEST_DECISION, window))
    return out


def _request_stages(settings: Settings) -> dict[tuple[str, int], int]:
    """(procedure, stage) -> working days the complainant has, after that stage's answer,
    to ask for the next stage (only the stages whose next one has such a window)."""
    out: dict[tuple[str, int], int] = {}
    for key in PROCEDURES:
        proc = settings.procedure(key)
        for number in range(1, proc.last_stage):
            rule = proc.rule(number + 1)
            if rule is not None and rule.request_window is not None:
                out[(key, number)] = rule.request_window
    return out


def _responded_since(cal: WorkingCalendar, today: date, days: int) -> date:
    """The earliest answer whose request window of ``days`` working days can end on or
    after ``today - JUST_CLOSED`` (earlier answers' windows closed before that).

    With w1 > w2 > … the working days up to that day, an answer before w(days+2) is
    deemed on or before it, so its window ends by w2, before the day: it can be left out.
    """
    end = today - JUST_CLOSED
    span = cal.working_days_in(end - timedelta(days=2 * days + 30), end)
    if len(span) < days + 2:
        return today - REQUEST_LOOKBACK
    return min(span[-(days + 2)], today - WEEK)


@readable_errors
def work_queue(env: Env) -> list[QueueItem]:
    """What the team must do, most urgent first, each line with the rule that set its date.

    Groups: overdue, due today, awaiting acknowledgement, due in the next 7 days, Ombudsman
    remedies due, and responded cases whose stage 2/3 request window is open or closed in
    the last two weeks. Each case gives its earliest outstanding council deadline, plus
    any outstanding Ombudsman remedies and its request window.
    """
    today = env.today()
    with env.uow() as session:
        settings, cal = env.settings(session), env.calendar(session)
        windows = _request_stages(settings)
        since = _responded_since(cal, today, max(windows.values(), default=0))
        ids = queries.queue_case_ids(
            session,
            due_by=today + WEEK,
            responded_since=since,
            visible=access.visible(env, session),
            answered_at=list(windows),
        )
        cases = queries.deadline_cases(session, ids)
    items = [item for case in cases for item in _queue_lines(case, settings, cal, today)]
    items.sort(key=lambda i: (i.group, i.due, i.reference))
    return items


def counts_from(items: list[QueueItem], total: int, open_cases: int, contacts: int) -> Counts:
    """The window's counts from a work queue already worked out."""

    def n(group: QueueGroup) -> int:
        return sum(1 for i in items if i.group == group)

    return Counts(
        overdue=n(QueueGroup.OVERDUE),
        due_today=n(QueueGroup.DUE_TODAY),
        due_this_week=n(QueueGroup.DUE_THIS_WEEK),
        awaiting_acknowledgement=n(QueueGroup.AWAITING_ACKNOWLEDGEMENT),
        open_cases=open_cases,
        total=total,
        contacts=contacts,
    )


@readable_errors
def totals(env: Env) -> tuple[int, int, int]:
    """(complaints, open complaints, contacts) in the database."""
    with env.uow() as session:
        total, live = queries.count_complaints(session)
        contacts = queries.count_contacts(session)
    return total, live, contacts


@readable_errors
def counts(env: Env) -> Counts:
    """Overdue, due today and the other numbers the window shows."""
    return counts_from(work_queue(env), *totals(env))


@readable_errors
def ombudsman_list(env: Env) -> list[OmbudsmanRow]:
    """Every case referred to the Ombudsman, with its remedies due and overdue.

    Restricted cases the user may not see are left out.
    """
    hidden = access.hidden_references(env)
    with env.uow() as session:
        rows = queries.ombudsman_rows(session, env.today())
    return [r for r in rows if r.reference not in hidden] if hidden else rows


@readable_errors
def actions_list(env: Env, status: str = "") -> list[ActionRow]:
    """Every learning action (or those of one status), earliest target first.

    Actions of restricted cases the user may not see are left out.
    """
    hidden = access.hidden_references(env)
    with env.uow() as session:
        rows = queries.learning_actions(session, status, env.today())
    return [r for r in rows if r.reference not in hidden] if hidden else rows


@readable_errors
def teams(env: Env) -> list[str]:
    """Team names for the list's filter (retired ones too: old cases name them)."""
    with env.uow() as session:
        return vocabularies.names(session, "team", include_retired=True)


@readable_errors
def handlers(env: Env) -> list[str]:
    """Everyone named as handling a stage of some case, on the Users list or not."""
    with env.uow() as session:
        return queries.stage_handlers(session)
