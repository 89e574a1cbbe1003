"""UI: the audit trail screen — search who changed what and when, and check the chain."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QModelIndex, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from complaints_desktop.services import audit_view
from complaints_desktop.services.audit_view import AuditRow
from complaints_desktop.services.env import Env
from complaints_desktop.ui.common.errors import describe_error
from complaints_desktop.ui.common.tables import setup_table
from complaints_desktop.ui.common.widgets import heading
from complaints_desktop.ui.models.audit import AuditColumn, AuditModel
from complaints_desktop.ui.workers import run_in_background

ANY_ACTION = "Any action"
ANY_DAY = "Any day"
LIMIT = 500
EARLIEST = QDate(2000, 1, 1)
GONE = ("delete",)


def date_edit(name: str, parent: QWidget) -> QDateEdit:
    """A date box that starts blank ("Any day") and opens a calendar."""
    edit = QDateEdit(parent)
    edit.setAccessibleName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("d MMM yyyy")
    edit.setMinimumDate(EARLIEST)
    edit.setSpecialValueText(ANY_DAY)
    edit.setDate(EARLIEST)
    return edit


def picked(edit: QDateEdit) -> date | None:
    """The day chosen, or None for "Any day"."""
    value = edit.date()
    return None if value == EARLIEST else date(value.year(), value.month(), value.day())


class AuditView(QWidget):
    """Every change to the records: who, when, what (old → new); and the tamper check."""

    rows_shown = Signal(int)
    checked = Signal(str)
    open_case_requested = Signal(str)
    error_occurred = Signal(str)

    def __init__(self, env: Env, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env
        intro = QLabel(
            self.tr(
                "Every change made in the application is recorded here: who made it, when, "
                "and each field's old and new value. Entries cannot be edited. Times are "
                "shown in this computer's time zone."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.reference = QLineEdit(self)
        self.reference.setPlaceholderText(self.tr("e.g. CSC/26/0012 (or part of it)"))
        self.reference.setAccessibleName(self.tr("Reference"))
        self.user = QLineEdit(self)
        self.user.setPlaceholderText(self.tr("Windows user name, or part of it"))
        self.user.setAccessibleName(self.tr("User"))
        self.action = QComboBox(self)
        self.action.setAccessibleName(self.tr("Action"))
        self.action.addItem(ANY_ACTION)
        self.start = date_edit(self.tr("From"), self)
        self.end = date_edit(self.tr("To"), self)
        dates = QHBoxLayout()
        dates.addWidget(self.start)
        dates.addWidget(QLabel(self.tr("to"), self))
        dates.addWidget(self.end)
        dates.addStretch(1)
        form = QFormLayout()
        form.addRow(self.tr("&Reference:"), self.reference)
        form.addRow(self.tr("&User:"), self.user)
        form.addRow(self.tr("&Action:"), self.action)
        form.addRow(self.tr("&Dates:"), dates)
        for widget, label in (
            (self.reference, form.labelForField(self.reference)),
            (self.user, form.labelForField(self.user)),
            (self.action, form.labelForField(self.action)),
            (self.start, form.labelForField(dates)),
        ):
            if isinstance(label, QLabel):
                label.setBuddy(widget)
        self.search_button = QPushButton(self.tr("&Search"), self)
        self.search_button.setDefault(True)
        self.search_button.clicked.connect(self.refresh)
        self.clear_button = QPushButton(self.tr("C&lear filters"), self)
        self.clear_button.clicked.connect(self.clear)
        self.check_button = QPushButton(self.tr("&Check the audit trail"), self)
        self.check_button.setToolTip(
            self.tr("Check that no entry was changed, removed or added outside the application")
        )
        self.check_button.clicked.connect(self.check)
        for edit in (self.reference, self.user):
            edit.returnPressed.connect(self.refresh)
        buttons = QHBoxLayout()
        buttons.addWidget(self.search_button)
        buttons.addWidget(self.clear_button)
        buttons.addStretch(1)
        buttons.addWidget(self.check_button)
        self.summary = QLabel(self)
        self.summary.setAccessibleName(self.tr("Audit search summary"))
        self.summary.setWordWrap(True)
        self.check_result = QLabel(self)
        self.check_result.setAccessibleName(self.tr("Audit trail check result"))
        self.check_result.setWordWrap(True)
        self.check_result.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.check_result.setFrameShape(QFrame.Shape.StyledPanel)
        self.check_result.setMargin(6)
        self.check_result.hide()
        self.model = AuditModel(self)
        self.table = QTableView(self)
        setup_table(self.table, self.tr("Audit trail"))
        self.table.setModel(self.model)
        self.table.setWordWrap(True)
        self.table.activated.connect(self._activated)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(AuditColumn.CHANGES, QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Audit trail"), self))
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.check_result)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        hint = QLabel(self.tr("Press Enter or double-click a case's line to open it."), self)
        hint.setEnabled(False)
        layout.addWidget(hint)
        self._load_actions()

    def _activated(self, index: QModelIndex) -> None:
        row = self.model.row_object(index.row())
        if row.entity == "complaint" and row.reference and row.action not in GONE:
            self.open_case_requested.emit(row.reference)

    def _load_actions(self) -> None:
        env = self.env
        run_in_background(lambda _t: audit_view.actions(env), self._set_actions, parent=self)

    def _set_actions(self, found: list[str]) -> None:
        current = self.action.currentText()
        self.action.clear()
        self.action.addItem(ANY_ACTION)
        self.action.addItems(found)
        self.action.setCurrentIndex(max(0, self.action.findText(current)))

    def clear(self) -> None:
        """Empty every filter and search again."""
        self.reference.clear()
        self.user.clear()
        self.action.setCurrentIndex(0)
        self.start.setDate(EARLIEST)
        self.end.setDate(EARLIEST)
        self.refresh()

    def refresh(self) -> None:
        """Search with the filters shown, off the UI thread."""
        env = self.env
        action = self.action.currentText()
        filters = {
            "reference": self.reference.text(),
            "user": self.user.text(),
            "action": "" if action == ANY_ACTION else action,
            "start": picked(self.start),
            "end": picked(self.end),
            "limit": LIMIT,
        }
        self.summary.setText(self.tr("Searching…"))
        self._load_actions()
        run_in_background(
            lambda _t: audit_view.search(env, **filters),  # type: ignore[arg-type]
            self._show,
            self._failed,
            parent=self,
        )

    def _show(self, rows: list[AuditRow]) -> None:
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        self.table.resizeRowsToContents()
        if not rows:
            text = self.tr("No entry matches these filters.")
        elif len(rows) >= LIMIT:
            text = self.tr(
                "The newest {n} entries are shown. Narrow the filters to see older ones."
            ).format(n=len(rows))
        else:
            text = self.tr("{n} {noun} shown, newest first.").format(
                n=len(rows), noun=self.tr("entry") if len(rows) == 1 else self.tr("entries")
            )
        self.summary.setText(text)
        self.rows_shown.emit(len(rows))

    def _failed(self, exc: BaseException) -> None:
        self.summary.setText(describe_error(exc))
        self.error_occurred.emit(describe_error(exc))

    def check(self) -> None:
        """Check every entry's hash and link, off the UI thread."""
        env = self.env
        self.check_button.setEnabled(False)
        self.check_result.setText(self.tr("Checking the audit trail…"))
        self.check_result.setStyleSheet("")
        self.check_result.show()
        run_in_background(
            lambda _t: (audit_view.verify(env), audit_view.count(env)),
            self._checked,
            self._check_failed,
            parent=self,
        )

    def _checked(self, result: tuple[list[int], int]) -> None:
        bad, total = result
        self.check_button.setEnabled(True)
        self.model.mark_failing(bad)
        if not bad:
            text = self.tr("The audit trail is intact ({n} entries).").format(n=total)
        else:
            listed = ", ".join(str(i) for i in bad[:20]) + (" …" if len(bad) > 20 else "")
            text = self.tr(
                "The audit trail FAILS its check: {k} of {n} entries were changed, removed or "
                "added outside the application (entry {numbers} {ids}; shown in red). Keep "
                "a copy of the database and tell your administrator."
            ).format(
                k=len(bad),
                n=total,
                ids=listed,
                numbers=self.tr("number") if len(bad) == 1 else self.tr("numbers"),
            )
        self.check_result.setText(text)
        self.check_result.setStyleSheet(
            "" if not bad else "QLabel { color: #b00020; font-weight: bold; }"
        )
        self._fit_check_result()
        self.checked.emit(text)

    def _fit_check_result(self) -> None:
        """Make room for every line of the (wrapped) check result."""
        label = self.check_result
        label.setMinimumHeight(label.heightForWidth(max(label.width(), 200)) + 4)
        layout = self.layout()
        if layout is not None:
            layout.activate()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.check_result.isVisible():
            self._fit_check_result()

    def _check_failed(self, exc: BaseException) -> None:
        self.check_button.setEnabled(True)
        self.check_result.setText(describe_error(exc))
        self.checked.emit(self.check_result.text())
