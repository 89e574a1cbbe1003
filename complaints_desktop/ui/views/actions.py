"""UI: the learning actions pane — every action, its owner, target and status."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from complaints_desktop.domain.errors import KnownError
from complaints_desktop.domain.views import ActionRow
from complaints_desktop.domain.vocab import ACTION_STATUSES
from complaints_desktop.services import queries
from complaints_desktop.services.env import Env
from complaints_desktop.ui.common.errors import describe_error
from complaints_desktop.ui.common.tables import setup_table
from complaints_desktop.ui.common.widgets import heading
from complaints_desktop.ui.models.base import OBJECT_ROLE
from complaints_desktop.ui.models.registers import ActionColumn, ActionsModel
from complaints_desktop.ui.workers import Task, run_in_background

TO_DO = "to do"
OVERDUE = "overdue"


class ActionsView(QWidget):
    """Learning actions from complaints, filtered by status; overdue ones say so."""

    open_case_requested = Signal(str)
    error_occurred = Signal(str)
    rows_shown = Signal(int)

    def __init__(self, env: Env, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env
        self._task: Task | None = None
        title = heading(self.tr("Learning actions"), self)
        self.status = QComboBox(self)
        self.status.setAccessibleName(self.tr("Show actions of status"))
        self.status.addItem(self.tr("Still to do (planned or in progress)"), TO_DO)
        self.status.addItem(self.tr("Overdue (past the target, not done)"), OVERDUE)
        self.status.addItem(self.tr("Any status"), "")
        for status in ACTION_STATUSES:
            self.status.addItem(status.capitalize(), status)
        self.status.currentIndexChanged.connect(self._apply_filter)
        self._all: list[ActionRow] = []
        status_label = QLabel(self.tr("&Status:"), self)
        status_label.setBuddy(self.status)
        self.summary = QLabel(self.tr("Loading…"), self)
        self.summary.setAccessibleName(self.tr("Learning actions summary"))
        self.case_button = QPushButton(self.tr("Open &case"), self)
        self.case_button.clicked.connect(self.open_case)
        refresh = QPushButton(self.tr("&Refresh"), self)
        refresh.clicked.connect(self.refresh)
        self.model = ActionsModel(self)
        self.table = QTableView(self)
        setup_table(self.table, self.tr("Learning actions"))
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(ActionColumn.TARGET, Qt.SortOrder.AscendingOrder)
        self.table.activated.connect(self._activated)
        bar = QHBoxLayout()
        bar.addWidget(status_label)
        bar.addWidget(self.status)
        bar.addSpacing(12)
        bar.addWidget(self.summary, 1)
        bar.addWidget(self.case_button)
        bar.addWidget(refresh)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)

    def refresh(self) -> None:
        """Reload off the UI thread."""
        if self._task is not None and self._task.running:
            self._task.cancel()
        env = self.env
        self._task = run_in_background(
            lambda _t: queries.actions_list(env), self._loaded, self._failed, parent=self
        )

    def _loaded(self, rows: list[ActionRow]) -> None:
        self._all = rows
        self._apply_filter()

    def _apply_filter(self) -> None:
        wanted = self.status.currentData()
        if wanted == TO_DO:
            rows = [r for r in self._all if r.status in ("planned", "in progress")]
        elif wanted == OVERDUE:
            rows = [r for r in self._all if r.overdue]
        else:
            rows = [r for r in self._all if not wanted or r.status == wanted]
        self._show(rows)

    def _show(self, rows: list[ActionRow]) -> None:
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        if self.table.columnWidth(ActionColumn.ACTION) > 420:
            self.table.setColumnWidth(ActionColumn.ACTION, 420)
        overdue = sum(1 for r in rows if r.overdue)
        if not rows:
            self.summary.setText(self.tr("No learning actions to show."))
        else:
            noun = self.tr("action") if len(rows) == 1 else self.tr("actions")
            text = f"{len(rows)} {noun}"
            if overdue:
                text += self.tr(", {n} overdue").format(n=overdue)
            self.summary.setText(text)
        self.rows_shown.emit(len(rows))

    def _failed(self, exc: BaseException) -> None:
        self.summary.setText(self.tr("The learning actions could not be loaded."))
        self.error_occurred.emit(describe_error(exc))

    def _activated(self, index: QModelIndex) -> None:
        """Enter opens the action to move it on (Open case shows its complaint)."""
        row: Any = self.model.data(index, OBJECT_ROLE)
        if row is None or not row.reference:
            return
        from complaints_desktop.services import cases
        from complaints_desktop.ui.dialogs.records import LearningActionDialog

        try:
            case = cases.get(self.env, row.reference)
        except KnownError as exc:
            self.error_occurred.emit(str(exc))
            return
        if not 0 <= row.position < len(case.actions):
            self.open_case_requested.emit(row.reference)
            return
        if LearningActionDialog.ask(self, self.env, case, row.position) is not None:
            self.refresh()

    def open_case(self) -> None:
        """Open the complaint the highlighted action came from."""
        row: Any = self.model.data(self.table.currentIndex(), OBJECT_ROLE)
        if row is not None and row.reference:
            self.open_case_requested.emit(row.reference)
