"""Services: the annual (or any-period) report, its spreadsheet and companion reports.

Gathers the period's statistics (``services.statistics``), the extra rows the report shows
(``storage.report_rows``), the council's name and the team's commentary, and hands plain
data to ``reports.annual`` for layout. Files are written in one step (temporary file, then
rename), so a failure never leaves half a report behind.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from complaints_desktop import files
from complaints_desktop.domain.errors import ValidationFailed
from complaints_desktop.domain.suppression import DEFAULT_THRESHOLD
from complaints_desktop.domain.text import financial_year
from complaints_desktop.domain.views import QueueGroup
from complaints_desktop.reports.annual import others
from complaints_desktop.reports.annual.document import build_pdf
from complaints_desktop.reports.annual.layout import ProgressFn
from complaints_desktop.reports.annual.model import (
    ActionRow,
    OmbudsmanRow,
    OverdueRow,
    ReportData,
)
from complaints_desktop.reports.annual.tables import all_tables, period_label
from complaints_desktop.reports.annual.xlsx import build_xlsx
from complaints_desktop.services import access, queries, statistics
from complaints_desktop.services.env import Env
from complaints_desktop.storage import audit, report_rows, settings_store

SERVICE = "Children's Social Care"
REPORTED = ("statutory", "corporate")
ANNUAL = "Annual complaints report"


# -- the team's commentary ------------------------------------------------------------------
def _commentary_key(year: int) -> str:
    return f"commentary:{year}"


def get_commentary(env: Env, year: int) -> str:
    """The team's review of financial year ``year`` (starting 1 April), or ``""``."""
    with env.uow() as session:
        return str(settings_store.get(session, _commentary_key(year), "") or "")


def set_commentary(env: Env, year: int, text: str) -> None:
    """Keep the team's review of financial year ``year`` for its annual report."""
    access.require(env, "commentary")
    if not 2000 <= year <= 2100:
        raise ValidationFailed([f"{year} is not a financial year the report can cover."])
    clean = text.replace("\r\n", "\n").strip()
    with env.uow() as session:
        old = str(settings_store.get(session, _commentary_key(year), "") or "")
        if old == clean:
            return
        settings_store.put(session, _commentary_key(year), clean)
        audit.record(
            session,
            user=env.user,
            action="report commentary",
            entity="settings",
            changes={"year": [year, year], "commentary": [old, clean]},
        )


# -- gathering ------------------------------------------------------------------------------
def _year_before(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def _title(start: date, end: date) -> str:
    fy = financial_year(start)
    if start == date(fy, 4, 1) and end == date(fy + 1, 3, 31):
        return ANNUAL
    if 88 <= (end - start).days <= 92 and start.day == 1:
        return "Quarterly complaints report"
    return "Complaints report"


def _council(env: Env) -> str:
    with env.uow() as session:
        data = settings_store.get(session, "council", {})
    name = data.get("name", "") if isinstance(data, dict) else str(data or "")
    return name.strip() or "The council"


def _check_period(start: date, end: date) -> None:
    if end < start:
        raise ValidationFailed(
            [f"The period ends ({end.isoformat()}) before it starts ({start.isoformat()})."]
        )


def report_data(env: Env, start: date, end: date) -> ReportData:
    """Everything the report for ``start..end`` shows, as plain data."""
    _check_period(start, end)
    title = _title(start, end)
    stats = statistics.compute(env, start, end)
    settings = env.settings()
    limits = {
        key: tuple((r.standard, r.extended) for r in settings.procedure(key).stages)
        for key in REPORTED
    }
    with env.uow() as session:
        before = report_rows.received_by_procedure(session, _year_before(start), _year_before(end))
        remedies = report_rows.remedy_lines(session, start, end)
        actions = report_rows.action_lines(session, start, end)
    return ReportData(
        stats=stats,
        council=_council(env),
        start=start,
        end=end,
        generated=env.today(),
        service=SERVICE,
        previous={key: before.get(key, 0) for key in REPORTED},
        limits=limits,
        ombudsman=tuple(_ombudsman_row(r) for r in remedies),
        actions=tuple(_action_row(a) for a in actions),
        commentary=get_commentary(env, financial_year(start)) if title == ANNUAL else "",
        title=title,
    )


def _ombudsman_row(line: report_rows.RemedyLine) -> OmbudsmanRow:
    return OmbudsmanRow(
        reference=line.reference,
        decided=line.decided,
        outcome=line.outcome,
        remedy=line.remedy,
        target=line.target,
        achieved=line.achieved,
        status=line.status,
        amount=line.amount,
    )


def _action_row(line: report_rows.ActionLine) -> ActionRow:
    return ActionRow(
        reference=line.reference,
        action=line.action,
        source=line.source,
        owner=line.owner,
        target=line.target,
        status=line.status,
        reason=line.reason,
        evidence=line.evidence,
    )


# -- the annual report ----------------------------------------------------------------------
def render_pdf(
    env: Env,
    start: date,
    end: date,
    suppress_below: int = DEFAULT_THRESHOLD,
    progress: ProgressFn | None = None,
) -> bytes:
    """The report for ``start..end`` as PDF bytes.

    Args:
        env: the database, user and clock.
        start: first day of the period.
        end: last day of the period.
        suppress_below: counts ``1 <= n < suppress_below`` in tables by relationship, team
            or personal characteristic print as ``c``; 0 shows every number.
        progress: called with (percent done, what is happening) as the work goes on.
    """
    _check_threshold(suppress_below)
    if progress is not None:
        progress(0, "Counting the period's cases")
    data = report_data(env, start, end)
    return build_pdf(data, suppress_below, progress)


def render_xlsx(env: Env, start: date, end: date, suppress_below: int = DEFAULT_THRESHOLD) -> bytes:
    """The report's tables as a spreadsheet, suppressed exactly as in the PDF."""
    _check_threshold(suppress_below)
    data = report_data(env, start, end)
    label = f"{data.council}, {data.service}: {data.title} {period_label(start, end)}"
    return build_xlsx(all_tables(data, suppress_below).values(), title=label)


def write_pdf(
    env: Env, start: date, end: date, path: Path, suppress_below: int = DEFAULT_THRESHOLD
) -> None:
    """Write the report PDF to ``path``."""
    _write(Path(path), render_pdf(env, start, end, suppress_below))


def write_xlsx(
    env: Env, start: date, end: date, path: Path, suppress_below: int = DEFAULT_THRESHOLD
) -> None:
    """Write the report's tables to the spreadsheet ``path``."""
    _write(Path(path), render_xlsx(env, start, end, suppress_below))


def _check_threshold(suppress_below: int) -> None:
    if suppress_below < 0:
        raise ValidationFailed(
            ["--suppress-below must be 0 (show every number) or a positive whole number."]
        )


def _write(path: Path, content: bytes) -> None:
    files.write_atomically(path, content)


# -- companion reports ------------------------------------------------------------------------
def overdue_pdf(env: Env) -> bytes:
    """Open cases past a council deadline today, as a PDF list."""
    today = env.today()
    cal = env.calendar()
    rows = [
        OverdueRow(
            reference=item.reference,
            procedure=item.procedure,
            stage=item.stage,
            what=item.what,
            due=item.due,
            working_days_late=cal.working_days_between(item.due, today),
            team=item.team,
        )
        for item in queries.work_queue(env)
        if item.group == QueueGroup.OVERDUE
    ]
    return others.overdue_pdf(_council(env), today, rows)


def ombudsman_compliance_pdf(env: Env, start: date, end: date) -> bytes:
    """The Ombudsman compliance table for ``start..end`` as a PDF."""
    _check_period(start, end)
    with env.uow() as session:
        lines = report_rows.remedy_lines(session, start, end)
    rows = [_ombudsman_row(line) for line in lines]
    return others.ombudsman_compliance_pdf(_council(env), start, end, rows)


def actions_pdf(env: Env) -> bytes:
    """The learning-action tracker (every action) as a PDF."""
    with env.uow() as session:
        lines = report_rows.action_lines(session)
    return others.actions_pdf(_council(env), env.today(), [_action_row(a) for a in lines])


__all__ = [
    "actions_pdf",
    "get_commentary",
    "ombudsman_compliance_pdf",
    "overdue_pdf",
    "render_pdf",
    "render_xlsx",
    "report_data",
    "set_commentary",
    "write_pdf",
    "write_xlsx",
]
