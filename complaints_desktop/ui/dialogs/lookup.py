"""UI: an inline list of matches under a name field (known complainants, known children).

Typing two or more letters fills the list; Down moves into it, Enter or a double click
picks a match, Esc goes back to the field. No pop-up steals the keyboard.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QListWidget, QListWidgetItem, QWidget


class LookupList(QListWidget):
    """Matches for what is typed in ``field``; ``picked`` carries the chosen object."""

    picked = Signal(object)

    def __init__(
        self,
        field: QLineEdit,
        search: Callable[[str], list[Any]],
        describe: Callable[[Any], str],
        label: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.field = field
        self.search = search
        self.describe = describe
        self.setAccessibleName(label)
        self.setToolTip("Enter uses the highlighted person; Esc goes back to typing")
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.hide()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.refresh)
        field.textEdited.connect(lambda _text: self._timer.start())
        field.installEventFilter(self)
        self.itemActivated.connect(self._pick)
        self.itemDoubleClicked.connect(self._pick)

    def refresh(self) -> None:
        """Search again for the field's text and show the matches (hidden when none)."""
        self.clear()
        for found in self.search(self.field.text()):
            item = QListWidgetItem(self.describe(found))
            item.setToolTip(item.text())
            item.setData(Qt.ItemDataRole.UserRole, found)
            self.addItem(item)
        if self.count():
            line = max(self.sizeHintForRow(0), self.fontMetrics().height() + 4)
            self.setFixedHeight(line * min(self.count(), 4) + 2 * self.frameWidth() + 2)
            self.setCurrentRow(0)
        self.setVisible(self.count() > 0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Down in the field moves into the list of matches."""
        if (
            watched is self.field
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Down
            and self.isVisible()
        ):
            self.setFocus()
            return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter picks; Esc goes back to the field (neither closes the dialog)."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            item = self.currentItem()
            if item is not None:
                self._pick(item)
            event.accept()
            return
        if event.key() == Qt.Key.Key_Escape:
            self.hide()
            self.field.setFocus()
            event.accept()
            return
        super().keyPressEvent(event)

    def _pick(self, item: QListWidgetItem) -> None:
        self.hide()
        self.picked.emit(item.data(Qt.ItemDataRole.UserRole))
        self.field.setFocus()
