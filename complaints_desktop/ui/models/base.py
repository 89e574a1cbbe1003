"""UI: a table model over a list of plain objects — columns, sort role and object role.

Subclasses list their ``Column``s (the column enum is the index into that list) and may
override ``extra`` for icons, colours and fonts. ``set_rows`` reloads with
``beginResetModel``; ``OBJECT_ROLE`` hands views the object behind a row.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QPalette
from PySide6.QtWidgets import QApplication

T = TypeVar("T")
OBJECT_ROLE = int(Qt.ItemDataRole.UserRole) + 1
SORT_ROLE = int(Qt.ItemDataRole.UserRole) + 2

Index = QModelIndex | QPersistentModelIndex


def day(value: date | None) -> str:
    """A date as a council officer reads it in a table: ``2 Mar 2026``."""
    return f"{value.day} {value:%b %Y}" if value is not None else ""


def urgency_colour(overdue: bool, today: bool = False) -> QBrush | None:
    """Text colour for an overdue (red) or due-today (amber) cell; None otherwise.

    Always shown beside words that say the same ("Overdue by 3 days"), never instead.
    """
    dark = QApplication.palette().color(QPalette.ColorRole.Base).lightness() < 128
    if overdue:
        return QBrush(QColor("#ff8a80" if dark else "#b00020"))
    if today:
        return QBrush(QColor("#ffd180" if dark else "#8a4b00"))
    return None


def sortable(value: Any) -> Any:
    """A key Qt can compare (dates as ISO text, None first)."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return value


@dataclass(frozen=True)
class Column(Generic[T]):
    """One column: its heading, its text, and optionally its sort key and tooltip."""

    title: str
    text: Callable[[T], str]
    sort: Callable[[T], Any] | None = None
    tooltip: Callable[[T], str] | None = None
    numeric: bool = False


class RowsModel(QAbstractTableModel, Generic[T]):
    """A read-only table over ``list[T]``."""

    columns: Sequence[Column[Any]] = ()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[T] = []
        self._sorted_by: tuple[int, Qt.SortOrder] | None = None

    # --- data in and out -------------------------------------------------------------
    def set_rows(self, rows: Sequence[T]) -> None:
        """Replace every row (a reload), kept in the order last asked for."""
        self.beginResetModel()
        self._rows = list(rows)
        if self._sorted_by is not None:
            self._rows.sort(key=self._key(self._sorted_by[0]), reverse=self._reverse())
        self.endResetModel()

    def _key(self, column: int) -> Callable[[T], Any]:
        spec = self.columns[column]

        def key(obj: T) -> Any:
            return sortable(spec.sort(obj) if spec.sort else spec.text(obj).casefold())

        return key

    def _reverse(self) -> bool:
        return self._sorted_by is not None and self._sorted_by[1] == Qt.SortOrder.DescendingOrder

    def rows(self) -> list[T]:
        """The objects shown, in order."""
        return list(self._rows)

    def row_object(self, row: int) -> T:
        """The object behind ``row``."""
        return self._rows[row]

    def extra(self, obj: T, column: int, role: int) -> Any:
        """Icons, colours and fonts for a cell (None: Qt's default)."""
        return None

    # --- Qt overrides ----------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        obj = self._rows[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(obj)
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.tooltip(obj) if column.tooltip else column.text(obj) or None
        if role == SORT_ROLE:
            return sortable(column.sort(obj) if column.sort else column.text(obj))
        if role == OBJECT_ROLE:
            return obj
        if role == Qt.ItemDataRole.TextAlignmentRole and column.numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return self.extra(obj, index.column(), role)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.columns)
        ):
            return self.columns[section].title
        return super().headerData(section, orientation, role)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        self._sorted_by = (column, order)
        self.layoutAboutToBeChanged.emit()
        old = list(self._rows)
        self._rows.sort(key=self._key(column), reverse=self._reverse())
        positions = {id(obj): row for row, obj in enumerate(self._rows)}
        for persistent in self.persistentIndexList():
            new_row = positions[id(old[persistent.row()])]
            self.changePersistentIndex(
                persistent, self.index(new_row, persistent.column(), QModelIndex())
            )
        self.layoutChanged.emit()
