"""Reports: the companion reports — overdue list, Ombudsman compliance, learning actions."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from reportlab.platypus import Flowable, Paragraph

from complaints_desktop.domain.text import counted, long_date
from complaints_desktop.reports.annual.layout import frame_width, render, table_flowable
from complaints_desktop.reports.annual.model import ActionRow, OmbudsmanRow, OverdueRow
from complaints_desktop.reports.annual.shared_tables import action_table, compliance_table
from complaints_desktop.reports.annual.styles import stylesheet
from complaints_desktop.reports.annual.tables import TableSpec


def _pdf(council: str, title: str, intro: str, spec: TableSpec, *, wide: bool) -> bytes:
    styles = stylesheet()
    story: list[Flowable] = [
        Paragraph(title, styles["H1"]),
        Paragraph(intro, styles["Body"]),
        *table_flowable(spec, styles, frame_width(wide)),
    ]
    return render(story, header=council, title=title, cover=False, wide=wide)


def overdue_pdf(council: str, today: date, rows: Sequence[OverdueRow]) -> bytes:
    """The list of open cases past a council deadline, most overdue first."""
    ordered = sorted(rows, key=lambda r: (r.due, r.reference))
    spec = TableSpec(
        key="Overdue",
        title=f"Overdue on {long_date(today)}",
        headers=("Case", "Procedure", "Stage", "Team", "What is due", "Due", "Working days late"),
        rows=tuple(
            (r.reference, r.procedure, r.stage or None, r.team, r.what, r.due, r.working_days_late)
            for r in ordered
        ),
        kinds=("text", "text", "count", "text", "text", "date", "count"),
        weights=(1.2, 1.0, 0.6, 2.6, 2.8, 1.1, 1.1),
    )
    intro = f"{counted(len(ordered), 'open case')} past a deadline the council must meet."
    return _pdf(council, "Overdue cases", intro, spec, wide=True)


def ombudsman_compliance_pdf(
    council: str, start: date, end: date, rows: Sequence[OmbudsmanRow]
) -> bytes:
    """Compliance with the Ombudsman's recommendations for decisions in a period."""
    spec = compliance_table(rows)
    intro = (
        f"Ombudsman decisions from {long_date(start)} to {long_date(end)}, and remedies due "
        "or achieved in that time, with the council's compliance."
    )
    return _pdf(council, "Compliance with the Ombudsman's recommendations", intro, spec, wide=True)


def actions_pdf(council: str, today: date, rows: Sequence[ActionRow]) -> bytes:
    """The learning-action tracker: every action, its owner, target and status."""
    spec = action_table(rows)
    done = sum(1 for r in rows if r.status == "implemented")
    intro = (
        f"{counted(len(rows), 'learning action')} on {long_date(today)}: {done} implemented, "
        f"{sum(1 for r in rows if r.status == 'not implemented')} not implemented, "
        f"{len(rows) - done - sum(1 for r in rows if r.status == 'not implemented')} "
        "planned or in progress."
    )
    return _pdf(council, "Learning-action tracker", intro, spec, wide=True)
