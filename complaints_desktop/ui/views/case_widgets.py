"""UI: small read-only building blocks of the case view — sections, tables, fact grids."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from complaints_desktop.domain.deadlines import Deadline
from complaints_desktop.domain.text import long_date

NOT_RECORDED = "—"


def section(title: str, accessible: str = "") -> tuple[QGroupBox, QVBoxLayout]:
    """A titled group box and its layout."""
    box = QGroupBox(title)
    box.setAccessibleName(accessible or title)
    layout = QVBoxLayout(box)
    return box, layout


def label(text: str, name: str = "", *, rich: bool = False, selectable: bool = True) -> QLabel:
    """A wrapping label the user can select text from (and a screen reader can name)."""
    widget = QLabel(text)
    widget.setWordWrap(True)
    widget.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    if selectable:
        widget.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if name:
        widget.setAccessibleName(name)
    return widget


def facts(
    pairs: Sequence[tuple[str, str]], name: str = "", warn: frozenset[str] = frozenset()
) -> QWidget:
    """A two-column grid of 'label: value' facts; blanks show as a dash.

    Values of the keys in ``warn`` are shown bold and dark red (their text says why too).
    """
    widget = QWidget()
    if name:
        widget.setAccessibleName(name)
    form = QFormLayout(widget)
    form.setContentsMargins(0, 0, 0, 0)
    form.setHorizontalSpacing(14)
    form.setVerticalSpacing(3)
    bold = QFont(widget.font())
    bold.setBold(True)
    for key, value in pairs:
        caption = QLabel(f"{key}:")
        caption.setFont(bold)  # a font, not a style sheet: style sheets are slow to polish
        shown = label(value or NOT_RECORDED, f"{key}: {value or 'not recorded'}")
        if key in warn:
            shown.setStyleSheet("QLabel { color: #8a1c1c; font-weight: bold; }")
        caption.setBuddy(shown)
        form.addRow(caption, shown)
    return widget


class FittedTable(QTableWidget):
    """A read-only table whose height follows its rows as the width changes."""

    def fit(self) -> None:
        """Re-wrap rows to the current width and fix the height to show them all."""
        self.resizeRowsToContents()
        height = self.horizontalHeader().sizeHint().height() + 2 * self.frameWidth()
        height += sum(self.rowHeight(r) for r in range(self.rowCount()))
        if self.horizontalScrollBar().isVisible():
            height += self.horizontalScrollBar().height()
        self.setFixedHeight(height)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Rows wrap differently at a new width."""
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            QTimer.singleShot(0, self, self.fit)


def table(
    headers: Sequence[str], rows: Sequence[Sequence[str]], name: str, empty: str = "None recorded."
) -> QWidget:
    """A read-only table sized to its contents (no inner scroll bar), or a sentence."""
    if not rows:
        return label(empty, f"{name}: {empty}")
    widget = FittedTable(len(rows), len(headers))
    widget.setAccessibleName(name)
    widget.setHorizontalHeaderLabels(list(headers))
    widget.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    widget.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    widget.setWordWrap(True)
    widget.setAlternatingRowColors(True)
    widget.verticalHeader().setVisible(False)
    widget.setTabKeyNavigation(False)
    widget.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            item = QTableWidgetItem(text or NOT_RECORDED)
            item.setToolTip(text)
            widget.setItem(r, c, item)
    header = widget.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    widget.fit()
    return widget


def wide_columns(widget: QWidget, *columns: int) -> None:
    """Let ``columns`` of a table share the spare width (long text wraps there)."""
    if isinstance(widget, FittedTable):
        header = widget.horizontalHeader()
        for column in columns:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        widget.fit()


def deadline_state(deadline: Deadline, today: date) -> str:
    """In words (never colour alone): 'met 3 Nov', 'LATE', 'due', 'met late'."""
    if deadline.done is not None:
        late = deadline.done > deadline.due
        return f"{'✗ met late' if late else '✓ met'} on {long_date(deadline.done)}"
    if not deadline.council:
        # The complainant's window to escalate: nothing is late when it passes.
        return "window closed" if today > deadline.due else "complainant's window open"
    if today > deadline.due:
        return "⚠ OVERDUE"
    if today == deadline.due:
        return "⚠ due today"
    return "due" if deadline.council else "complainant's window"


def local_time(at: datetime) -> str:
    """``24/11/2026 09:15`` in the computer's time zone (times are stored in UTC)."""
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    return at.astimezone().strftime("%d/%m/%Y %H:%M")


def yes_no(value: bool | None) -> str:
    """yes / no / not recorded."""
    return "" if value is None else ("yes" if value else "no")
