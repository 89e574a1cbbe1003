"""UI: the contacts pane — compliments, MP/councillor enquiries, queries and duty contacts."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from complaints_desktop.domain.errors import KnownError
from complaints_desktop.domain.model import Contact
from complaints_desktop.domain.vocab import CONTACT_KINDS
from complaints_desktop.services import contacts as contacts_service
from complaints_desktop.services.env import Env
from complaints_desktop.ui.common.errors import describe_error
from complaints_desktop.ui.common.tables import setup_table
from complaints_desktop.ui.common.widgets import heading
from complaints_desktop.ui.models.base import OBJECT_ROLE
from complaints_desktop.ui.models.registers import ContactColumn, ContactsModel
from complaints_desktop.ui.workers import Task, run_in_background

SHOWN = 1000
"""The contacts service returns at most this many, newest first."""


def kind_label(kind: str) -> str:
    """``MP enquiry`` from ``mp enquiry``."""
    return kind.capitalize().replace("Mp ", "MP ")


def list_contacts(env: Env, kind: str, text: str) -> tuple[list[Contact], dict[str, date]]:
    """Contacts of ``kind`` (any when empty) matching ``text``, and the reply due dates of
    the enquiries not yet answered (by reference)."""
    rows = contacts_service.search(env, kind=kind, text=text)
    due: dict[str, date] = {}
    for contact in rows:
        if contact.responded is None:
            when = contacts_service.due_date(env, contact)
            if when is not None:
                due[contact.reference] = when
    return rows, due


class ContactsView(QWidget):
    """Contacts, filtered by kind and searched as you type."""

    error_occurred = Signal(str)
    rows_shown = Signal(int)

    def __init__(self, env: Env, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env
        self._task: Task | None = None
        title = heading(self.tr("Compliments, enquiries and other contacts"), self)
        self.kind = QComboBox(self)
        self.kind.setAccessibleName(self.tr("Kind of contact"))
        self.kind.addItem(self.tr("Any kind"), "")
        for kind in CONTACT_KINDS:
            self.kind.addItem(kind_label(kind), kind)
        self.kind.currentIndexChanged.connect(self.refresh)
        kind_label_widget = QLabel(self.tr("&Kind:"), self)
        kind_label_widget.setBuddy(self.kind)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Search reference, sender or summary"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Search contacts"))
        self.new_button = QPushButton(self.tr("&New contact…"), self)
        self.new_button.clicked.connect(self.new_contact)
        self.summary = QLabel(self.tr("Loading…"), self)
        self.summary.setAccessibleName(self.tr("Contacts summary"))
        self.summary.setWordWrap(True)
        self.model = ContactsModel(env.today(), self)
        self.table = QTableView(self)
        setup_table(self.table, self.tr("Contacts"))
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(ContactColumn.RECEIVED, Qt.SortOrder.DescendingOrder)
        self.table.activated.connect(self.open_contact)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(150)
        self._debounce.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._debounce.start)
        bar = QHBoxLayout()
        bar.addWidget(kind_label_widget)
        bar.addWidget(self.kind)
        bar.addWidget(self.search, 1)
        bar.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(bar)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        self.setTabOrder(self.kind, self.search)
        self.setTabOrder(self.search, self.new_button)
        self.setTabOrder(self.new_button, self.table)

    def refresh(self) -> None:
        """Reload off the UI thread."""
        if self._task is not None and self._task.running:
            self._task.cancel()
        env, kind, text = self.env, self.kind.currentData() or "", self.search.text().strip()
        self._task = run_in_background(
            lambda _t: list_contacts(env, kind, text), self._show, self._failed, parent=self
        )

    def _show(self, result: tuple[list[Contact], dict[str, date]]) -> None:
        rows, due = result
        self.model.today = self.env.today()
        self.model.due = due
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        for column in range(self.model.columnCount() - 1):
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), 240))
        noun = self.tr("contact") if len(rows) == 1 else self.tr("contacts")
        text = f"{len(rows):,} {noun}" if rows else self.tr("No contacts match.")
        if len(rows) >= SHOWN:
            text = self.tr(
                "Showing the newest {n:,} contacts; search or choose a kind to see others."
            ).format(n=len(rows))
        self.summary.setText(text)
        self.rows_shown.emit(len(rows))

    def _failed(self, exc: BaseException) -> None:
        self.summary.setText(self.tr("The contacts could not be loaded."))
        self.error_occurred.emit(describe_error(exc))

    def new_contact(self) -> None:
        """Log a new contact, then show it in the list."""
        from complaints_desktop.ui.dialogs.contact import ContactDialog

        saved = ContactDialog.ask(self, self.env)
        if saved is not None:
            self.search.clear()
            self.refresh()

    def open_contact(self, index: Any = None) -> None:
        """Open the highlighted contact to edit it, mark it answered or reply by letter."""
        from complaints_desktop.ui.dialogs.contact import ContactDialog

        index = self.table.currentIndex() if index is None else index
        row: Any = self.model.data(index, OBJECT_ROLE) if index.isValid() else None
        if row is None:
            return
        try:
            contact = contacts_service.get(self.env, row.reference)
        except KnownError as exc:
            self.error_occurred.emit(str(exc))
            return
        if ContactDialog.ask(self, self.env, contact) is not None:
            self.refresh()

    def focus_search(self) -> None:
        """Put the cursor in the search box."""
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()
