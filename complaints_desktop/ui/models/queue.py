"""UI: the work queue's table model — one line per thing due, most urgent first."""

from __future__ import annotations

from datetime import date
from enum import IntEnum
from typing import Any

from PySide6.QtCore import Qt

from complaints_desktop.domain.views import QueueGroup, QueueItem
from complaints_desktop.ui.models.base import Column, RowsModel, day, urgency_colour


class QueueColumn(IntEnum):
    """The work queue's columns, in order."""

    REFERENCE = 0
    WHEN = 1
    WHAT = 2
    DUE = 3
    RULE = 4
    COMPLAINANT = 5
    TEAM = 6
    GROUP = 7


class QueueModel(RowsModel[QueueItem]):
    """Work queue lines; the "When" column says overdue in words and with an icon."""

    def __init__(self, today: date, parent: Any = None) -> None:
        super().__init__(parent)
        self.today = today
        # Made once, when first painted: data() runs for every cell painted, and each void
        # call into Qt (setBold) costs PySide6 6.12 on Python 3.11 a reference to None
        # (issue #6).
        self._bold: Any = None
        self.columns = (
            Column[QueueItem]("Reference", lambda i: i.reference),
            Column[QueueItem]("When", lambda i: i.when(self.today), sort=lambda i: i.due),
            Column[QueueItem]("What is due", lambda i: i.what),
            Column[QueueItem]("Due", lambda i: day(i.due), sort=lambda i: i.due),
            Column[QueueItem](
                "Rule that set the date",
                lambda i: i.rule,
                tooltip=lambda i: f"{i.what}: due {day(i.due)}.\nRule: {i.rule}",
            ),
            Column[QueueItem]("Complainant", lambda i: i.complainant),
            Column[QueueItem]("Lead team", lambda i: i.team),
            Column[QueueItem]("Queue", lambda i: i.group.label, sort=lambda i: (i.group, i.due)),
        )

    def extra(self, obj: QueueItem, column: int, role: int) -> Any:
        if column not in (QueueColumn.GROUP, QueueColumn.WHEN):
            return None
        # QStyle, QIcon and QFont are imported when first painted, not when the window is
        # built: creating their Python enums took ~20 ms of the start-up.
        from PySide6.QtGui import QFont, QIcon
        from PySide6.QtWidgets import QApplication, QStyle

        urgent = obj.overdue or obj.group == QueueGroup.DUE_TODAY
        if role == Qt.ItemDataRole.DecorationRole and column == QueueColumn.WHEN:
            style = QApplication.style()
            if obj.overdue:
                return style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
            if obj.group == QueueGroup.DUE_TODAY:
                return style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation)
            return QIcon()
        if role == Qt.ItemDataRole.ForegroundRole:
            return urgency_colour(obj.overdue, obj.group == QueueGroup.DUE_TODAY)
        if role == Qt.ItemDataRole.FontRole and urgent:
            if self._bold is None:
                self._bold = QFont()
                self._bold.setBold(True)
            return self._bold
        return None
