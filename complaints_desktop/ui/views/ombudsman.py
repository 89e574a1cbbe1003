"""UI: the Ombudsman pane — every LGSCO referral, its decision and remedies due or overdue."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTableView, QVBoxLayout, QWidget

from complaints_desktop.domain.views import OmbudsmanRow
from complaints_desktop.services import queries
from complaints_desktop.services.env import Env
from complaints_desktop.ui.common.errors import describe_error
from complaints_desktop.ui.common.tables import setup_table
from complaints_desktop.ui.common.widgets import heading
from complaints_desktop.ui.models.base import OBJECT_ROLE
from complaints_desktop.ui.models.registers import OmbudsmanColumn, OmbudsmanModel
from complaints_desktop.ui.workers import run_in_background


class OmbudsmanView(QWidget):
    """Cases referred to the Local Government and Social Care Ombudsman."""

    open_case_requested = Signal(str)
    error_occurred = Signal(str)
    rows_shown = Signal(int)

    def __init__(self, env: Env, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env
        title = heading(self.tr("Ombudsman referrals"), self)
        self.summary = QLabel(self.tr("Loading…"), self)
        self.summary.setAccessibleName(self.tr("Ombudsman summary"))
        self.summary.setWordWrap(True)
        refresh = QPushButton(self.tr("&Refresh"), self)
        refresh.clicked.connect(self.refresh)
        self.model = OmbudsmanModel(self)
        self.table = QTableView(self)
        setup_table(self.table, self.tr("Ombudsman referrals"))
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(OmbudsmanColumn.RECEIVED, Qt.SortOrder.DescendingOrder)
        self.table.activated.connect(self._activated)
        bar = QHBoxLayout()
        bar.addWidget(self.summary, 1)
        bar.addWidget(refresh)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        hint = QLabel(self.tr("Press Enter or double-click a line to open the case."), self)
        hint.setEnabled(False)
        layout.addWidget(hint)

    def refresh(self) -> None:
        """Reload off the UI thread."""
        env = self.env
        run_in_background(
            lambda _t: queries.ombudsman_list(env), self._show, self._failed, parent=self
        )

    def _show(self, rows: list[OmbudsmanRow]) -> None:
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        waiting = sum(1 for r in rows if r.decided is None)
        overdue = sum(r.remedies_overdue for r in rows)
        outstanding = sum(r.remedies_outstanding for r in rows)
        if not rows:
            self.summary.setText(self.tr("No complaint has been referred to the Ombudsman."))
        else:
            self.summary.setText(
                self.tr(
                    "{n} referrals; {waiting} awaiting a decision; {out} remedies outstanding, "
                    "{late} of them overdue."
                ).format(n=len(rows), waiting=waiting, out=outstanding, late=overdue)
            )
        self.rows_shown.emit(len(rows))

    def _failed(self, exc: BaseException) -> None:
        self.summary.setText(self.tr("The Ombudsman list could not be loaded."))
        self.error_occurred.emit(describe_error(exc))

    def _activated(self, index: QModelIndex) -> None:
        row: Any = self.model.data(index, OBJECT_ROLE)
        if row is not None:
            self.open_case_requested.emit(row.reference)
