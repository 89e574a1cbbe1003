"""Reports: every table of the annual report, gathered once (each built with its
suppression by its own module), for the suppression audit, the PDF, Word and XLSX."""

from __future__ import annotations

from complaints_desktop.domain import vocab
from complaints_desktop.reports.annual.figures import figure_tables
from complaints_desktop.reports.annual.model import ReportData
from complaints_desktop.reports.annual.procedure_tables import procedure_tables
from complaints_desktop.reports.annual.shared_tables import shared_tables
from complaints_desktop.reports.annual.tables import TableSpec
from complaints_desktop.reports.annual.theme_tables import theme_tables


def all_tables(data: ReportData, threshold: int) -> dict[str, TableSpec]:
    """Every table, keys prefixed ``statutory.`` / ``corporate.`` / none for shared ones."""
    tables: dict[str, TableSpec] = {}
    for procedure in vocab.REPORTED_PROCEDURES:
        for key, spec in procedure_tables(data, procedure, threshold).items():
            tables[f"{procedure}.{key}"] = spec
    tables.update(shared_tables(data, threshold))
    tables.update(figure_tables(data))
    tables.update(theme_tables(data, threshold, tables))
    return tables
