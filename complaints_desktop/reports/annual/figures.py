"""Reports: tables of the figures the team enters (context, earlier years' published
totals), beside the ones counted from the database. They print totals only (no
breakdown by person), so none is protected; the audit still sees them."""

from __future__ import annotations

from collections.abc import Mapping

from complaints_desktop.domain import report_figures, vocab
from complaints_desktop.reports.annual.model import ReportData
from complaints_desktop.reports.annual.tables import Cell, TableSpec

PUBLISHED_LABELS = {
    "statutory received": "Statutory: representations received",
    "statutory stage 1": "Statutory: stage 1 complaints",
    "statutory stage 2": "Statutory: stage 2 investigations",
    "statutory stage 3": "Statutory: stage 3 review panels",
    "corporate received": "Corporate: complaints received",
    "corporate stage 1": "Corporate: stage 1 complaints",
    "corporate stage 2": "Corporate: stage 2 complaints",
    "ombudsman decisions": "Ombudsman: decisions",
    "ombudsman upheld": "Ombudsman: decisions upheld",
    "compliments": "Compliments received",
}


def published(data: ReportData) -> dict[str, dict[str, int]]:
    """The earlier years' published figures the team entered (empty when none)."""
    text = (data.texts or {}).get("published_figures", "")
    return report_figures.parse_published(text) if text.strip() else {}


def context(data: ReportData) -> dict[str, int]:
    """The context figures the team entered (empty when none)."""
    text = (data.texts or {}).get("context_figures", "")
    return report_figures.parse_context(text) if text.strip() else {}


def figure_tables(data: ReportData) -> dict[str, TableSpec]:
    """``context_rates`` (complaints per 1,000 children) and ``published`` (earlier
    years as the council published them); a table with nothing entered has no rows."""
    received = int(data.stats["statutory"]["received"])
    figures = context(data)
    tables = {
        "context_rates": TableSpec(
            key="Per 1,000 children",
            title="Statutory complaints per 1,000 children",
            headers=(
                "Children",
                "At the year's end",
                "Complaints received",
                "Per 1,000 children",
            ),
            rows=tuple(
                (label, n, received, round(received * 1000 / n, 1) if n else None)
                for label, n in figures.items()
            ),
            kinds=("text", "count", "count", "number"),
            weights=(3.0, 1.4, 1.6, 1.4),
            note=(
                "Numbers of children as entered by the complaints team from the council's "
                "records; representations received under the statutory procedure in the "
                "period."
            ),
        )
    }
    years = published(data)
    measures = [m for m in report_figures.PUBLISHED_MEASURES if any(m in y for y in years.values())]
    rows: list[tuple[Cell, ...]] = [
        (
            PUBLISHED_LABELS[m],
            *(years[y].get(m, vocab.NOT_RECORDED) for y in years),
        )
        for m in measures
    ]
    tables["published"] = TableSpec(
        key="Published earlier",
        title="Figures the council published for earlier years",
        headers=("As published", *years),
        rows=tuple(rows),
        kinds=("text", *("count" for _ in years)),
        note=(
            "As printed in the council's earlier annual reports, entered by the complaints "
            "team; not counted from this database. Not recorded: no figure was entered."
        ),
    )
    return tables


def published_received(data: ReportData, procedure: str) -> Mapping[str, int]:
    """Year -> the received figure the council published for ``procedure``."""
    key = f"{procedure} received"
    return {year: m[key] for year, m in published(data).items() if key in m}
