"""UI: the complaint list — search as you type and filters over the whole database.

The database does the searching, ordering and limiting (at most 500 rows are shown, with
how many match in all); each query runs off the UI thread and only the latest one's rows
are shown.
"""

from __future__ import annotations

import itertools
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from complaints_desktop.domain.errors import KnownError
from complaints_desktop.domain.rules import STATUSES
from complaints_desktop.domain.views import SearchCriteria, SearchResult
from complaints_desktop.domain.vocab import PROCEDURES
from complaints_desktop.services import queries
from complaints_desktop.services.env import Env
from complaints_desktop.ui.common.errors import describe_error
from complaints_desktop.ui.common.tables import setup_table
from complaints_desktop.ui.models.base import OBJECT_ROLE
from complaints_desktop.ui.models.cases import CaseColumn, CaseListModel, stage_name
from complaints_desktop.ui.views.officers import OfficerFilter, my_names, officer_names
from complaints_desktop.ui.workers import Task, run_in_background

DEBOUNCE_MS = 150
LIMIT = 500


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class ComplaintListView(QWidget):
    """Every complaint, searchable by reference, names, team and summary, with filters."""

    open_case_requested = Signal(str)
    new_complaint_requested = Signal()
    error_occurred = Signal(str)
    results_shown = Signal(int, int)
    """(rows shown, cases matching) once a search's rows are on screen."""

    def __init__(self, env: Env, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env
        self._sort = ("received", True)
        self._task: Task | None = None
        self._teams_loaded = False
        self._sized = False

        self.search = QLineEdit(self)
        self.search.setPlaceholderText(
            self.tr("Search reference, complainant, child, team or words in the summary")
        )
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Search complaints"))
        search_label = QLabel(self.tr("Sea&rch:"), self)
        search_label.setBuddy(self.search)
        self.new_button = QPushButton(self.tr("&New complaint…"), self)
        self.new_button.setToolTip(self.tr("Log a new complaint (Ctrl+N)"))
        self.new_button.clicked.connect(self.new_complaint_requested)

        self.procedure = self._combo(
            self.tr("Procedure"), [(p.capitalize(), p) for p in PROCEDURES]
        )
        self.stage = self._combo(self.tr("Stage"), [(stage_name(n), n) for n in range(4)])
        self.status = self._combo(self.tr("Status"), [(s.capitalize(), s) for s in STATUSES])
        self.team = self._combo(self.tr("Team"), [])
        self.officer = OfficerFilter(self, lambda: my_names(env))
        self.officer.setToolTip(
            self.tr("Officers on the Users list and anyone else named as handling a case")
        )
        self.officer.currentIndexChanged.connect(self._filters_changed)
        self.dates = QCheckBox(self.tr("Received &between"), self)
        self.dates.setAccessibleName(self.tr("Filter by date received"))
        today = env.today()
        self.date_from = QDateEdit(_qdate(date(today.year - 1, today.month, 1)), self)
        self.date_to = QDateEdit(_qdate(today), self)
        for edit, name in ((self.date_from, "Received from"), (self.date_to, "Received to")):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("d MMM yyyy")
            edit.setEnabled(False)
            edit.setAccessibleName(self.tr(name))
            edit.dateChanged.connect(self._filters_changed)
        self.dates.toggled.connect(self.date_from.setEnabled)
        self.dates.toggled.connect(self.date_to.setEnabled)
        self.dates.toggled.connect(self._filters_changed)
        self.overdue = QCheckBox(self.tr("&Overdue only"), self)
        self.overdue.setAccessibleName(self.tr("Show overdue complaints only"))
        self.overdue.toggled.connect(self._filters_changed)
        self.clear_button = QPushButton(self.tr("C&lear filters"), self)
        self.clear_button.clicked.connect(self.clear_filters)

        self.status_line = QLabel(self.tr("Searching…"), self)
        self.status_line.setAccessibleName(self.tr("Search results"))
        self.model = CaseListModel(today, self)
        self.model.sort_requested.connect(self._sort_requested)
        self.table = QTableView(self)
        setup_table(self.table, self.tr("Complaints"))
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(
            CaseColumn.RECEIVED, Qt.SortOrder.DescendingOrder
        )
        self.table.activated.connect(self._activated)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self.run_search)
        self.search.textChanged.connect(self._debounce.start)
        self.search.returnPressed.connect(self._search_now)

        top = QHBoxLayout()
        top.addWidget(search_label)
        top.addWidget(self.search, 1)
        top.addWidget(self.new_button)
        filters = QGridLayout()
        for column, (label, widget) in enumerate(
            (
                (self.tr("&Procedure:"), self.procedure),
                (self.tr("S&tage:"), self.stage),
                (self.tr("St&atus:"), self.status),
                (self.tr("T&eam:"), self.team),
                (self.tr("O&fficer:"), self.officer),
            )
        ):
            caption = QLabel(label, self)
            caption.setBuddy(widget)
            filters.addWidget(caption, 0, column * 2)
            filters.addWidget(widget, 0, column * 2 + 1)
        row2 = QHBoxLayout()
        row2.addWidget(self.dates)
        row2.addWidget(self.date_from)
        row2.addWidget(QLabel(self.tr("and"), self))
        row2.addWidget(self.date_to)
        row2.addSpacing(24)
        row2.addWidget(self.overdue)
        row2.addStretch(1)
        row2.addWidget(self.clear_button)
        filters.addLayout(row2, 1, 0, 1, 10)
        for column in (1, 3, 5, 7, 9):
            filters.setColumnStretch(column, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.status_line)
        layout.addWidget(self.table, 1)

        order = [self.search, self.new_button, self.procedure, self.stage, self.status]
        order += [self.team, self.officer, self.dates, self.date_from, self.date_to, self.overdue]
        order += [self.clear_button, self.table]
        for first, second in itertools.pairwise(order):
            self.setTabOrder(first, second)

    def _combo(self, name: str, choices: list[tuple[str, Any]]) -> QComboBox:
        combo = QComboBox(self)
        combo.setAccessibleName(name)
        combo.addItem(self.tr("Any"), None)
        for text, value in choices:
            combo.addItem(text, value)
        combo.currentIndexChanged.connect(self._filters_changed)
        return combo

    # --- criteria and searching ------------------------------------------------------
    def criteria(self) -> SearchCriteria:
        """What the officer typed and chose, as a query."""
        stage = self.stage.currentData()
        return SearchCriteria(
            text=self.search.text().strip(),
            procedure=self.procedure.currentData() or "",
            stage=int(stage) if stage is not None else None,
            status=self.status.currentData() or "",
            team=self.team.currentData() or "",
            received_from=_pydate(self.date_from.date()) if self.dates.isChecked() else None,
            received_to=_pydate(self.date_to.date()) if self.dates.isChecked() else None,
            overdue_only=self.overdue.isChecked(),
            officers=self.officer.names(),
            sort=self._sort[0],
            descending=self._sort[1],
            limit=LIMIT,
        )

    def refresh(self) -> None:
        """Search again with the same criteria (and reload the team list)."""
        if not self._teams_loaded:
            self._load_teams()
        self.run_search()

    def focus_search(self) -> None:
        """Put the cursor in the search box with its text selected (Ctrl+F)."""
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def clear_filters(self) -> None:
        """Back to every complaint."""
        for combo in (self.procedure, self.stage, self.status, self.team, self.officer):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        for box in (self.dates, self.overdue):
            box.blockSignals(True)
            box.setChecked(False)
            box.blockSignals(False)
        self.date_from.setEnabled(False)
        self.date_to.setEnabled(False)
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.run_search()

    def _filters_changed(self, *_args: Any) -> None:
        self._debounce.stop()
        self.run_search()

    def _search_now(self) -> None:
        self._debounce.stop()
        self.run_search()
        self.table.setFocus()
        if self.model.rowCount():
            self.table.selectRow(0)

    def _sort_requested(self, key: str, descending: bool) -> None:
        self._sort = (key, descending)
        self.run_search()

    def run_search(self) -> None:
        """Ask the database (off the UI thread); only the latest answer is shown."""
        if self._task is not None and self._task.running:
            self._task.cancel()
        criteria, env = self.criteria(), self.env
        self.status_line.setText(self.tr("Searching…"))
        self._task = run_in_background(
            lambda _ticket: queries.search_cases(env, criteria),
            self._show,
            self._failed,
            parent=self,
        )

    def _show(self, result: SearchResult) -> None:
        self.model.today = self.env.today()
        self.model.set_rows(result.rows)
        if not result.rows:
            self.status_line.setText(self.tr("No complaints match. Try fewer words or filters."))
        elif result.truncated:
            self.status_line.setText(
                self.tr("Showing the first {shown} of {total:,} complaints; refine your search.")
                .replace("{shown}", str(len(result.rows)))
                .replace("{total:,}", f"{result.total:,}")
            )
        else:
            noun = self.tr("complaint") if result.total == 1 else self.tr("complaints")
            self.status_line.setText(f"{result.total:,} {noun}")
        if result.rows and not self._sized:
            self._sized = True
            self.table.resizeColumnsToContents()
            limits = {CaseColumn.COMPLAINANT: 180, CaseColumn.CHILD: 160, CaseColumn.TEAM: 200}
            limits[CaseColumn.WHAT_IS_DUE] = 260
            for column, limit in limits.items():
                self.table.setColumnWidth(column, min(self.table.columnWidth(column), limit))
        self.results_shown.emit(len(result.rows), result.total)

    def _failed(self, exc: BaseException) -> None:
        self.status_line.setText(self.tr("The search could not be run."))
        self.error_occurred.emit(describe_error(exc))

    def _load_teams(self) -> None:
        env = self.env
        run_in_background(lambda _t: queries.teams(env), self._set_teams, self._failed, parent=self)
        try:
            # The Users list's officers and anyone named as handling a stage (typed at
            # intake or imported), so every case's officer can be found.
            self.officer.fill(officer_names(env) + queries.handlers(env))
        except KnownError:  # the list still searches; the officers come with the next refresh
            self._teams_loaded = False

    def _set_teams(self, names: list[str]) -> None:
        self._teams_loaded = True
        current = self.team.currentData()
        self.team.blockSignals(True)
        while self.team.count() > 1:
            self.team.removeItem(1)
        for name in names:
            self.team.addItem(name, name)
        self.team.setCurrentIndex(max(self.team.findData(current), 0))
        self.team.blockSignals(False)

    def _activated(self, index: QModelIndex) -> None:
        row: Any = self.model.data(index, OBJECT_ROLE)
        if row is not None:
            self.open_case_requested.emit(row.reference)
