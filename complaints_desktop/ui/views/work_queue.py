"""UI: the work queue, the start screen — what is due, by when, and which rule set the date.

Built before the database is open, the view shows its column headings from a plain Qt
model; the queue's own model (and with it the ``Qt`` namespace's ~1,200 Python enum
members, the domain's queue types) is made when first needed, after the first paint.
"""

from __future__ import annotations

from datetime import date
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtGui import QStandardItemModel
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
from complaints_desktop.domain.text import long_date
from complaints_desktop.ui.common.errors import describe_error
from complaints_desktop.ui.common.tables import setup_table
from complaints_desktop.ui.common.widgets import heading
from complaints_desktop.ui.workers import Task, run_in_background

if TYPE_CHECKING:  # services (and SQLAlchemy) are imported on the worker thread
    from complaints_desktop.domain.views import QueueGroup, QueueItem
    from complaints_desktop.services.env import Env
    from complaints_desktop.ui.models.queue import QueueModel

HEADINGS = (
    "Reference",
    "When",
    "What is due",
    "Due",
    "Rule that set the date",
    "Complainant",
    "Lead team",
    "Queue",
)
"""The queue model's column titles, shown before it exists (a test keeps them equal)."""

PHRASES = {
    "OVERDUE": "overdue",
    "DUE_TODAY": "due today",
    "AWAITING_ACKNOWLEDGEMENT": "awaiting acknowledgement",
    "DUE_THIS_WEEK": "due in the next 7 days",
    "REMEDY_DUE": "Ombudsman remedies due later",
    "REQUEST_DECISION": "awaiting the complainant's stage 2/3 request",
}
"""How the summary line names each ``QueueGroup`` (by member name)."""


def object_role() -> int:
    """The model role that hands a view the object behind a row."""
    from complaints_desktop.ui.models.base import OBJECT_ROLE

    return OBJECT_ROLE


def load_queue(env: Env) -> list[QueueItem]:
    """The work queue (runs on a worker thread, which also imports the services)."""
    from complaints_desktop.services import queries

    return queries.work_queue(env)


class WorkQueueView(QWidget):
    """Overdue, due today, awaiting acknowledgement, due this week, remedies, requests.

    Built before the database is open (``env`` None) it says so; ``set_env`` loads it.
    A refresh keeps the line selected (by reference) and the keyboard focus.
    """

    open_case_requested = Signal(str)
    error_occurred = Signal(str)
    queue_loaded = Signal(list)
    """The lines just loaded (the window takes its counts from them)."""

    def __init__(self, env: Env | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env: Env | None = env
        self._items: list[QueueItem] = []
        self._loaded_once = False
        self._task: Task | None = None
        self._sized = False

        self.heading = heading("", self)
        self.summary = QLabel(
            self.tr("Loading the work queue…" if env else "Opening the database…"), self
        )
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(self.tr("Work queue summary"))

        self.show_combo = QComboBox(self)
        self.show_combo.setAccessibleName(self.tr("Show which part of the queue"))
        self.show_combo.currentIndexChanged.connect(self._apply_filter)
        show_label = QLabel(self.tr("&Show:"), self)
        show_label.setBuddy(self.show_combo)
        self.officer_combo: Any = None  # "Officer:" — made once the database is open
        self.officer_label = QLabel(self.tr("O&fficer:"), self)
        self.by_officer_button = QPushButton(self.tr("&By officer…"), self)
        self.by_officer_button.setToolTip(self.tr("Each officer's overdue and due this week"))
        self.by_officer_button.clicked.connect(self.show_by_officer)
        self.print_button = QPushButton(self.tr("&Print daily summary…"), self)
        self.print_button.setAccessibleName(self.tr("Print daily summary as PDF"))
        self.acknowledgements_button = QPushButton(
            self.tr("Print today's &acknowledgements…"), self
        )
        self.acknowledgements_button.clicked.connect(self.print_acknowledgements)
        self.refresh_button = QPushButton(self.tr("&Refresh"), self)
        self.refresh_button.setToolTip(self.tr("Reload the queue (F5)"))
        self.refresh_button.clicked.connect(self.refresh)

        self._model: QueueModel | None = None
        self.table = QTableView(self)
        setup_table(self.table, self.tr("Work queue"))
        self.table.activated.connect(self._activated)
        self.detail = QLabel(self)
        self.detail.setWordWrap(True)
        self.detail.setAccessibleName(self.tr("The selected line in full"))
        self.empty = QLabel(self)
        self.empty.setWordWrap(True)
        self.empty.hide()
        if env is None:  # headings only: no Python model (nor its enums) until it opens
            headings = QStandardItemModel(0, len(HEADINGS), self.table)
            headings.setHorizontalHeaderLabels([self.tr(h) for h in HEADINGS])
            self.table.setModel(headings)
        else:
            self._install_model()

        bar = QHBoxLayout()
        bar.addWidget(show_label)
        bar.addWidget(self.show_combo, 1)
        bar.addWidget(self.officer_label)
        self._officer_slot = bar.count()
        bar.addStretch(2)
        bar.addWidget(self.print_button)
        bar.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        top = QHBoxLayout()  # beside the wrapping summary: the window stays as narrow
        top.addWidget(self.summary, 1)
        button_column = QVBoxLayout()  # the button at the top, beside a wrapping summary
        button_column.addWidget(self.acknowledgements_button)
        button_column.addWidget(self.by_officer_button)  # here: the window stays as narrow
        button_column.addStretch(1)
        top.addLayout(button_column)
        layout.addLayout(top)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty, 1)
        layout.addWidget(self.detail)
        hint = QLabel(
            self.tr("Press Enter or double-click a line to open the case."),
            self,
        )
        hint.setEnabled(False)
        layout.addWidget(hint)
        self.setTabOrder(self.show_combo, self.print_button)
        self.setTabOrder(self.print_button, self.refresh_button)
        self.setTabOrder(self.refresh_button, self.table)
        self._fill_combo()
        self._set_heading()
        self._bar = bar
        buttons = (self.print_button, self.acknowledgements_button, self.refresh_button)
        for button in (*buttons, self.by_officer_button):
            button.setEnabled(env is not None)
        if env is not None:
            self._install_officer_filter(env)

    @property
    def model(self) -> QueueModel:
        """The queue's table model (made on first use)."""
        if self._model is None:
            self._install_model()
        assert self._model is not None
        return self._model

    def _install_model(self) -> None:
        from PySide6.QtCore import Qt

        from complaints_desktop.ui.models.queue import QueueColumn, QueueModel

        placeholder = self.table.model()
        self._model = QueueModel(self._today(), self)
        self.table.setModel(self._model)
        if placeholder is not None:
            placeholder.deleteLater()
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(QueueColumn.GROUP, Qt.SortOrder.AscendingOrder)
        self.table.selectionModel().currentRowChanged.connect(self._show_detail)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)

    def _install_officer_filter(self, env: Env) -> None:
        from complaints_desktop.ui.views.officers import OfficerFilter, my_names

        self.officer_combo = OfficerFilter(self, lambda: my_names(env))
        self.officer_label.setBuddy(self.officer_combo)
        self._bar.insertWidget(self._officer_slot, self.officer_combo, 1)
        self.setTabOrder(self.show_combo, self.officer_combo)
        self.officer_combo.currentIndexChanged.connect(self._apply_filter)

    def show_by_officer(self) -> None:
        """The manager's view: each officer's overdue and due this week."""
        from complaints_desktop.ui.views.officers import OfficerLoadDialog

        OfficerLoadDialog.ask(self, self._items)

    def _today(self) -> date:
        return self.env.today() if self.env is not None else date.today()

    def set_env(self, env: Env) -> None:
        """The database is open: load the queue."""
        self.env = env
        if self._model is None:
            self._install_model()
        self.summary.setText(self.tr("Loading the work queue…"))
        for button in (self.print_button, self.acknowledgements_button, self.by_officer_button):
            button.setEnabled(True)
        if self.officer_combo is None:
            self._install_officer_filter(env)
        self._set_heading()
        self.refresh()

    # --- loading ---------------------------------------------------------------------
    def print_acknowledgements(self) -> None:
        """Print every acknowledgement due today (each logged on its case)."""
        if self.env is None:
            return
        from complaints_desktop.ui.dialogs.batch_letters import BatchLettersDialog

        if BatchLettersDialog.ask(self, self.env):
            self.refresh()

    def refresh(self) -> None:
        """Reload the queue off the UI thread (a refresh still loading is dropped)."""
        if self.env is None:
            return
        if self._task is not None and self._task.running:
            self._task.cancel()
        self.refresh_button.setEnabled(False)
        env = self.env
        self._task = run_in_background(
            lambda _ticket: load_queue(env),
            self._loaded,
            self._failed,
            parent=self,
        )

    def _loaded(self, items: list[QueueItem]) -> None:
        self._loaded_once = True
        self.refresh_button.setEnabled(True)
        self.model.today = self._today()
        self._items = items
        self._set_heading()
        self._fill_combo()
        if self.officer_combo is not None:
            self.officer_combo.fill([i.officer for i in items])
        self._apply_filter()
        self.queue_loaded.emit(items)

    def _failed(self, exc: BaseException) -> None:
        self.refresh_button.setEnabled(True)
        self.summary.setText(self.tr("The work queue could not be loaded."))
        self.error_occurred.emit(describe_error(exc))

    # --- showing ---------------------------------------------------------------------
    def items(self) -> list[QueueItem]:
        """Every line of the queue as last loaded."""
        return list(self._items)

    def save_summary(self, parent: QWidget, today: date) -> str:
        """Ask where, then save the daily summary as a PDF; the path, or '' when cancelled
        or not saved (a file that cannot be written is said plainly)."""
        from PySide6.QtWidgets import QFileDialog

        suggested = str(Path.home() / f"work-queue-{today.isoformat()}.pdf")
        path, _ = QFileDialog.getSaveFileName(
            parent, self.tr("Save daily summary"), suggested, self.tr("PDF files (*.pdf)")
        )
        if not path:
            return ""
        try:
            write_summary_pdf(self.items(), today, path)
        except KnownError as exc:
            self.error_occurred.emit(self.tr("The summary could not be saved: {e}").format(e=exc))
            return ""
        return path

    def _set_heading(self) -> None:
        today = self._today()
        self.heading.setText(
            self.tr("Work queue for {day}").format(day=f"{today:%A} {long_date(today)}")
        )
        if not self._items:
            return
        from complaints_desktop.domain.views import QueueGroup

        parts = []
        for group in QueueGroup:
            n = sum(1 for i in self._items if i.group == group)
            if n:
                parts.append(f"{n} {PHRASES[group.name]}")
        self.summary.setText("; ".join(parts) + ".")

    def _fill_combo(self) -> None:
        current = self.show_combo.currentData()
        self.show_combo.blockSignals(True)
        self.show_combo.clear()
        self.show_combo.setEnabled(self._loaded_once)
        if not self._loaded_once:  # no counts until it has loaded ("(0)" would mislead)
            self.show_combo.addItem(self.tr("Everything"), None)
            self.show_combo.blockSignals(False)
            return
        self.show_combo.addItem(self.tr("Everything ({n})").format(n=len(self._items)), None)
        from complaints_desktop.domain.views import QueueGroup

        for group in QueueGroup:
            n = sum(1 for i in self._items if i.group == group)
            self.show_combo.addItem(f"{group.label} ({n})", int(group))
        index = self.show_combo.findData(current)
        self.show_combo.setCurrentIndex(max(index, 0))
        self.show_combo.blockSignals(False)

    def _apply_filter(self) -> None:
        wanted = self.show_combo.currentData()
        whose = self.officer_combo
        rows = [
            i
            for i in self._items
            if (wanted is None or i.group == wanted) and (whose is None or whose.matches(i.officer))
        ]
        current = self.current_line()
        self.model.set_rows(rows)
        self._size_columns()
        if rows:
            self.empty.hide()
            self.table.show()
            self.table.selectRow(self._row_of(current))
            self._show_detail(self.table.currentIndex())
        else:
            self.table.hide()
            self.detail.clear()
            self.empty.setText(
                self.tr("Nothing is due here. New deadlines appear as cases come in.")
                if self._items or wanted is not None
                else self.tr("Nothing is due: no deadlines in the next 7 days.")
            )
            self.empty.show()

    def _size_columns(self) -> None:
        # Widths from a sample of rows (Qt's default measures 1,000: a long queue held the
        # UI thread for a fifth of a second), and once: a refresh keeps the widths, and
        # any the officer set, instead of measuring every cell again.
        if self._sized or self.model.rowCount() == 0:
            return
        from complaints_desktop.ui.models.queue import QueueColumn

        self._sized = True
        self.table.horizontalHeader().setResizeContentsPrecision(50)
        self.table.resizeColumnsToContents()
        limits = {QueueColumn.WHAT: 280, QueueColumn.RULE: 520}
        limits |= {QueueColumn.COMPLAINANT: 200, QueueColumn.TEAM: 200}
        for column, limit in limits.items():
            if self.table.columnWidth(column) > limit:
                self.table.setColumnWidth(column, limit)

    def _show_detail(self, current: QModelIndex, _previous: QModelIndex | None = None) -> None:
        item: Any = self.model.data(current, object_role()) if current.isValid() else None
        if item is None:
            self.detail.clear()
            return
        self.detail.setText(
            self.tr("{ref}: {what}, due {due} ({when}). Rule: {rule}.").format(
                ref=item.reference,
                what=item.what,
                due=long_date(item.due),
                when=item.when(self._today()).lower(),
                rule=item.rule,
            )
        )

    def select_group(self, group: QueueGroup | None) -> None:
        """Show one group (None: everything)."""
        index = self.show_combo.findData(None if group is None else int(group))
        self.show_combo.setCurrentIndex(index)

    def _activated(self, index: QModelIndex) -> None:
        item: Any = self.model.data(index, object_role())
        if item is not None:
            self.open_case_requested.emit(item.reference)

    def current_line(self) -> tuple[str, str] | None:
        """(reference, what is due) of the selected line, if any."""
        index = self.table.currentIndex()
        item: Any = self.model.data(index, object_role()) if index.isValid() else None
        return (item.reference, item.what) if item is not None else None

    def _row_of(self, line: tuple[str, str] | None) -> int:
        """The row showing ``line`` now (else one of the same case; else the first)."""
        if line is None:
            return 0
        rows = self.model.rows()
        for i, item in enumerate(rows):
            if (item.reference, item.what) == line:
                return i
        for i, item in enumerate(rows):
            if item.reference == line[0]:
                return i
        return 0


def summary_html(items: list[QueueItem], today: date) -> str:
    """The daily summary as simple HTML: one table per group, overdue said in words."""
    from complaints_desktop.domain.views import QueueGroup
    from complaints_desktop.ui.models.base import day

    parts = [
        f"<h2>Work queue for {today:%A} {escape(long_date(today))}</h2>",
        f"<p>{sum(1 for i in items if i.overdue)} overdue; "
        f"{sum(1 for i in items if i.group == QueueGroup.DUE_TODAY)} due today; "
        f"{len(items)} lines in all.</p>",
    ]
    for group in QueueGroup:
        lines = [i for i in items if i.group == group]
        if not lines:
            continue
        if group == QueueGroup.REQUEST_DECISION:  # the complainant's move, not the council's
            parts.append(
                f"<p>{len(lines)} answered cases are within, or just past, the complainant's "
                "window to ask for the next stage (listed in the work queue).</p>"
            )
            continue
        parts.append(f"<h3>{escape(group.label)} ({len(lines)})</h3>")
        parts.append(
            '<table border="1" cellspacing="0" cellpadding="2" width="100%">'
            '<tr><th width="10%">Reference</th><th width="12%">When</th>'
            '<th width="24%">What is due</th><th width="11%">Due</th>'
            '<th width="13%">Complainant</th><th width="30%">Rule that set the date</th></tr>'
        )
        for i in lines:
            cells = (i.reference, i.when(today), i.what, day(i.due), i.complainant, i.rule)
            parts.append("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in cells) + "</tr>")
        parts.append("</table>")
    if not items:
        parts.append("<p>Nothing is due in the next 7 days.</p>")
    return "\n".join(parts)


def write_summary_pdf(items: list[QueueItem], today: date, path: str) -> None:
    """Write the daily summary as an A4 PDF at ``path``, all or nothing (``KnownError`` in
    plain words when it cannot be saved there: no folder, no right, open elsewhere)."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF
    from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument

    from complaints_desktop import files

    made = QByteArray()
    buffer = QBuffer(made)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageOrientation(QPageLayout.Orientation.Landscape)
    writer.setPageMargins(QMarginsF(12, 12, 12, 12), QPageLayout.Unit.Millimeter)
    writer.setTitle(f"Work queue {today.isoformat()}")
    document = QTextDocument()
    font = document.defaultFont()
    font.setPointSizeF(8.5)  # print: small enough for a day's queue, large enough to read
    document.setDefaultFont(font)
    document.setHtml(summary_html(items, today))
    document.print_(writer)
    del writer  # ends the PDF in the buffer
    buffer.close()
    files.write_atomically(Path(path), bytes(made.data()))
