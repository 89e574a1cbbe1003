"""UI: table models of the audit trail and of the retention review list."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import Qt

from complaints_desktop.services.audit_view import AuditRow
from complaints_desktop.services.retention import RetentionItem
from complaints_desktop.ui.models.base import Column, RowsModel, day, urgency_colour


def when(row: AuditRow) -> str:
    """The entry's time in this PC's time zone: ``24 Nov 2026 14:03``."""
    local = row.at.astimezone()
    return f"{day(local.date())} {local:%H:%M}"


class AuditColumn(IntEnum):
    """The audit trail's columns."""

    NUMBER = 0
    WHEN = 1
    WHO = 2
    ACTION = 3
    REFERENCE = 4
    CHANGES = 5


class AuditModel(RowsModel[AuditRow]):
    """Audit entries, newest first; entries that fail the check are shown in red."""

    columns = (
        Column[AuditRow]("No.", lambda r: str(r.id), sort=lambda r: r.id, numeric=True),
        Column[AuditRow]("When", when, sort=lambda r: r.at),
        Column[AuditRow]("Who", lambda r: r.user),
        Column[AuditRow]("Action", lambda r: r.action.capitalize()),
        Column[AuditRow]("Reference", lambda r: r.reference),
        Column[AuditRow](
            "Changes",
            lambda r: r.changes_text or "(no details recorded)",
            tooltip=lambda r: r.changes_text or "No details recorded",
        ),
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.failing: set[int] = set()

    def mark_failing(self, ids: list[int]) -> None:
        """Show the entries ``ids`` as failing the check."""
        self.failing = set(ids)
        if self.rowCount():
            last = self.index(self.rowCount() - 1, self.columnCount() - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    def extra(self, obj: AuditRow, column: int, role: int) -> Any:
        if obj.id in self.failing:
            if role == Qt.ItemDataRole.ForegroundRole:
                return urgency_colour(True)
            if role == Qt.ItemDataRole.ToolTipRole:
                return "This entry fails the check: it was changed outside the application."
        return None


class RetentionColumn(IntEnum):
    """The retention review list's columns."""

    REFERENCE = 0
    KIND = 1
    CLOSED = 2
    KEPT_UNTIL = 3
    HOLD = 4


def _kind(item: RetentionItem) -> str:
    if item.kind == "contact":
        return f"Contact ({item.detail})" if item.detail else "Contact"
    return f"Complaint ({item.detail})" if item.detail else "Complaint"


class RetentionModel(RowsModel[RetentionItem]):
    """Cases and contacts past their retention period."""

    columns = (
        Column[RetentionItem]("Reference", lambda i: i.reference),
        Column[RetentionItem]("Record", _kind),
        Column[RetentionItem](
            "Closed or answered", lambda i: day(i.closed_on), sort=lambda i: i.closed_on
        ),
        Column[RetentionItem](
            "Kept until",
            lambda i: f"{day(i.due_on)} ({i.years} years)",
            sort=lambda i: i.due_on,
        ),
        Column[RetentionItem](
            "Legal hold",
            lambda i: (
                (f"ON HOLD: {i.hold_reason}" if i.hold_reason else "ON HOLD")
                if i.legal_hold
                else ""
            ),
        ),
    )
