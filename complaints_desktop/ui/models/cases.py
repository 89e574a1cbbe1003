"""UI: the complaint list's table model; ordering is asked of the database, not done here."""

from __future__ import annotations

from datetime import date
from enum import IntEnum
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QApplication, QStyle

from complaints_desktop.domain.views import SORT_KEYS, CaseRow
from complaints_desktop.ui.models.base import Column, RowsModel, day, urgency_colour


class CaseColumn(IntEnum):
    """The complaint list's columns, in order."""

    REFERENCE = 0
    RECEIVED = 1
    COMPLAINANT = 2
    CHILD = 3
    STAGE = 4
    STATUS = 5
    NEXT_DUE = 6
    WHAT_IS_DUE = 7
    TEAM = 8
    PROCEDURE = 9
    SUMMARY = 10


SORT_KEY_OF = {
    CaseColumn.REFERENCE: "reference",
    CaseColumn.RECEIVED: "received",
    CaseColumn.PROCEDURE: "procedure",
    CaseColumn.STAGE: "stage",
    CaseColumn.STATUS: "status",
    CaseColumn.COMPLAINANT: "complainant",
    CaseColumn.CHILD: "child",
    CaseColumn.TEAM: "team",
    CaseColumn.NEXT_DUE: "next_due",
}
assert set(SORT_KEY_OF.values()) == set(SORT_KEYS)

STAGE_NAMES = {0: "Early / none", 1: "Stage 1", 2: "Stage 2", 3: "Stage 3"}


def stage_name(stage: int) -> str:
    """``Stage 2``, or ``Early / none`` before a formal stage."""
    return STAGE_NAMES.get(stage, f"Stage {stage}")


class CaseListModel(RowsModel[CaseRow]):
    """Rows of the complaint list. Clicking a heading emits ``sort_requested``."""

    sort_requested = Signal(str, bool)
    """(sort key, descending): the view asks the database again."""

    def __init__(self, today: date, parent: Any = None) -> None:
        super().__init__(parent)
        self.today = today
        self.columns = (
            Column[CaseRow]("Reference", lambda r: r.reference),
            Column[CaseRow]("Received", lambda r: day(r.received), sort=lambda r: r.received),
            Column[CaseRow]("Complainant", lambda r: r.complainant),
            Column[CaseRow]("Child", lambda r: r.child),
            Column[CaseRow]("Stage", lambda r: stage_name(r.stage), sort=lambda r: r.stage),
            Column[CaseRow]("Status", lambda r: r.status.capitalize()),
            Column[CaseRow]("Next due", self._next_due, sort=lambda r: r.next_due),
            Column[CaseRow]("What is due", lambda r: r.next_due_what if r.next_due else ""),
            Column[CaseRow]("Lead team", lambda r: r.team),
            Column[CaseRow]("Procedure", lambda r: r.procedure.capitalize()),
            Column[CaseRow]("Summary", lambda r: r.summary),
        )

    def _overdue(self, row: CaseRow) -> bool:
        return row.next_due is not None and row.next_due < self.today

    def _next_due(self, row: CaseRow) -> str:
        if row.next_due is None:
            return ""
        return f"OVERDUE {day(row.next_due)}" if self._overdue(row) else day(row.next_due)

    def extra(self, obj: CaseRow, column: int, role: int) -> Any:
        if column not in (CaseColumn.NEXT_DUE, CaseColumn.WHAT_IS_DUE) or not self._overdue(obj):
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            return urgency_colour(True)
        if role == Qt.ItemDataRole.DecorationRole and column == CaseColumn.NEXT_DUE:
            return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = SORT_KEY_OF.get(CaseColumn(column)) if 0 <= column < len(CaseColumn) else None
        if key is None and column == CaseColumn.WHAT_IS_DUE:
            key = "next_due"
        if key is not None:
            self.sort_requested.emit(key, order == Qt.SortOrder.DescendingOrder)
