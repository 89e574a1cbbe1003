"""The companion reports: overdue list, Ombudsman compliance table, learning-action tracker."""

from __future__ import annotations

from datetime import date

from complaints_desktop.reports.annual.model import ActionRow, OmbudsmanRow, OverdueRow
from complaints_desktop.reports.annual.others import (
    actions_pdf,
    ombudsman_compliance_pdf,
    overdue_pdf,
)
from tests.pdftext import layout_text as pdf_text


def test_overdue_list_orders_by_due_date_and_shows_days_late() -> None:
    rows = [
        OverdueRow("CSC-0002", "statutory", 1, "stage 1 response", date(2026, 11, 20), 2, "Duty"),
        OverdueRow(
            "CORP-0001", "corporate", 2, "stage 2 response", date(2026, 10, 1), 38, "Fostering"
        ),
    ]
    text = pdf_text(overdue_pdf("Anytown Council", date(2026, 11, 24), rows))
    assert "Overdue cases" in text
    assert "Anytown Council" in text
    assert "Overdue on 24 November 2026" in text
    assert text.index("CORP-0001") < text.index("CSC-0002")
    line = next(x for x in text.splitlines() if "CORP-0001" in x)
    assert line.split()[-2:] == ["01/10/2026", "38"]
    assert "Page 1 of 1" in text


def test_empty_overdue_list_says_so() -> None:
    text = pdf_text(overdue_pdf("Anytown Council", date(2026, 11, 24), []))
    assert "None in this period." in text
    assert "0 open cases" in text


def test_ombudsman_compliance_table() -> None:
    rows = [
        OmbudsmanRow(
            "25 001 111",
            date(2026, 5, 1),
            "upheld",
            "Apology",
            date(2026, 6, 1),
            date(2026, 5, 20),
            "complete and satisfied",
        ),
        OmbudsmanRow("25 002 222", date(2026, 7, 1), "not upheld"),
    ]
    text = pdf_text(
        ombudsman_compliance_pdf("Anytown Council", date(2026, 4, 1), date(2027, 3, 31), rows)
    )
    assert "Compliance with the Ombudsman's recommendations" in text
    first = next(x for x in text.splitlines() if "25 001 111" in x)
    assert "01/06/2026" in first
    assert "20/05/2026" in first
    assert "complete and" in first
    second = next(x for x in text.splitlines() if "25 002 222" in x)
    assert "None recommended" in second


def test_action_tracker_counts_and_lists_actions() -> None:
    rows = [
        ActionRow(
            "CSC-0001",
            "Train staff on advocacy offers",
            owner="Practice lead",
            target=date(2026, 9, 1),
            status="implemented",
            evidence="Training log",
        ),
        ActionRow(
            "CSC-0002",
            "New letter templates",
            owner="Complaints manager",
            status="not implemented",
            reason="Budget",
        ),
        ActionRow("CSC-0003", "Audit case notes", status="in progress"),
    ]
    text = pdf_text(actions_pdf("Anytown Council", date(2026, 11, 24), rows))
    assert "Learning-action tracker" in text
    assert "3 learning actions on 24 November 2026: 1 implemented, 1 not implemented, 1" in text
    assert "Training log" in text
    assert "Budget" in text
