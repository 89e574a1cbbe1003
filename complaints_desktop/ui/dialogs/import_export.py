"""UI: import or export the case log or contacts log, with every problem in a table.

Import is all-or-nothing (``services.caselog``): when a file has problems nothing is
written and each ``row N, column C: what is wrong`` appears in the table, which can be
saved as CSV to fix the spreadsheet. Both run off the UI thread with progress and Cancel.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from complaints_desktop.domain.errors import KnownError, ValidationFailed
from complaints_desktop.ui import screen_fit
from complaints_desktop.ui.dialogs import _base
from complaints_desktop.ui.dialogs._base import ProblemLabel
from complaints_desktop.ui.workers import Task, Ticket, run_in_background, write_queue

if TYPE_CHECKING:
    from complaints_desktop.services.env import Env

PROBLEM = re.compile(r"^row (\d+)(?:, column ([^:]+))?: (.*)$", re.DOTALL)
LOGS = (
    ("Case log (complaints)", "cases"),
    ("Contacts log (compliments, enquiries)", "contacts"),
    ("Ombudsman recommendations log", "ombudsman"),
)
"""Label and kind of each log (formats.md §2, §3, §5)."""
PLACEHOLDERS = {
    "cases": "case-log",
    "contacts": "contacts-log",
    "ombudsman": "recommendations-log",
}
EXPORT_NAMES = {
    "cases": "case-log",
    "contacts": "contacts",
    "ombudsman": "ombudsman-recommendations",
}


def split_problem(text: str) -> tuple[str, str, str]:
    """('12', 'received', 'not a date') from 'row 12, column received: not a date'."""
    found = PROBLEM.match(text.strip())
    if found is None:
        return "", "", text
    return found.group(1), found.group(2) or "", found.group(3)


def _left(button: QPushButton) -> QWidget:
    holder = QWidget()
    row = QHBoxLayout(holder)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(button)
    row.addStretch(1)
    return holder


def choose_open_path(parent: QWidget | None) -> str:
    """Ask for a file to import (tests replace this)."""
    path, _ = QFileDialog.getOpenFileName(
        parent, "Import", "", "Case logs (*.csv *.xlsx);;All files (*)"
    )
    return path


def choose_save_path(parent: QWidget | None, title: str, suggested: str, kinds: str) -> str:
    """Ask where to save a file (tests replace this)."""
    path, _ = QFileDialog.getSaveFileName(parent, title, suggested, kinds)
    return path


class ImportExportDialog(QDialog):
    """Import a file (checked row by row) or export everything."""

    def __init__(self, env: Env, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env
        self.task: Task | None = None
        self.pool = write_queue(self)  # the window's one write queue
        self.setWindowTitle("Import and export")
        self.setMinimumSize(760, 560)
        screen_fit.keep_on_screen(self)
        layout = QVBoxLayout(self)

        kind_row = QFormLayout()
        self.kind = QComboBox()
        for label, log in LOGS:
            self.kind.addItem(label, log)
        self.kind.setAccessibleName("Which log")
        kind_row.addRow("&Which log:", self.kind)
        layout.addLayout(kind_row)

        box = QGroupBox("Import")
        form = QFormLayout(box)
        row = QHBoxLayout()
        self.path = QLineEdit()
        self.path.setAccessibleName("File to import")
        self.path.setPlaceholderText("A .csv or .xlsx file in the case-log format")
        browse = QPushButton("&Browse…")
        browse.clicked.connect(self._browse)
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        caption = QLabel("&File:")
        caption.setBuddy(self.path)
        form.addRow(caption, row)
        self.create_missing = QCheckBox("&Add team, type and remedy names not yet known")
        self.update_existing = QCheckBox("&Update cases whose reference already exists")
        form.addRow("", self.create_missing)
        form.addRow("", self.update_existing)
        self.import_button = QPushButton("&Import")
        form.addRow("", _left(self.import_button))
        layout.addWidget(box)

        box = QGroupBox("Export")
        form = QFormLayout(box)
        self.anonymised = QCheckBox("Leave out personal details (a&nonymised)")
        form.addRow("", self.anonymised)
        self.export_button = QPushButton("&Export everything…")
        form.addRow("", _left(self.export_button))
        layout.addWidget(box)

        run = QHBoxLayout()
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Progress")
        self.cancel_button = QPushButton("&Cancel")
        self.cancel_button.setEnabled(False)
        run.addWidget(self.progress, 1)
        run.addWidget(self.cancel_button)
        layout.addLayout(run)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Status")
        layout.addWidget(self.status)
        self.problems = ProblemLabel(self)
        layout.addWidget(self.problems)

        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["Row", "Column", "What is wrong"])
        self.table.setAccessibleName("Problems found in the file")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        bottom = QHBoxLayout()
        self.save_problems = QPushButton("&Save the problems as CSV…")
        self.save_problems.setEnabled(False)
        close = QPushButton("C&lose")
        bottom.addWidget(self.save_problems)
        bottom.addStretch(1)
        bottom.addWidget(close)
        layout.addLayout(bottom)

        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.import_button.clicked.connect(self.start_import)
        self.export_button.clicked.connect(self.start_export)
        self.cancel_button.clicked.connect(self.cancel)
        self.save_problems.clicked.connect(self.save_problem_list)
        close.clicked.connect(self.reject)

    def _kind_changed(self) -> None:
        """Offer only what the chosen log has: the Ombudsman log updates by replacing
        each case's recommendations and holds no personal details."""
        log = self.kind.currentData()
        self.path.setPlaceholderText(f"A .csv or .xlsx file in the {PLACEHOLDERS[log]} format")
        self.update_existing.setEnabled(log != "ombudsman")
        self.anonymised.setEnabled(log == "cases")

    # -- running --------------------------------------------------------------------------
    def _browse(self) -> None:
        path = choose_open_path(self)
        if path:
            self.path.setText(path)

    def _busy(self, busy: bool, text: str = "") -> None:
        for button in (self.import_button, self.export_button):
            button.setEnabled(not busy)
        self.cancel_button.setEnabled(busy)
        if busy:
            self.progress.setRange(0, 0)
            self.status.setText(text)
        else:
            self.progress.setRange(0, 100)

    def _progress(self, done: int, total: int, _text: str) -> None:
        """Show how far the import got, touching the widgets only when the percent changes.

        Each call into a widget costs PySide6 6.12 on Python 3.11 a reference to None
        (``ui.qt_refcounts``), so the bar moves in whole percents, at most 101 times.
        """
        if total <= 0:
            return
        percent = min(100, done * 100 // total)
        if self.progress.maximum() != 100:
            self.progress.setRange(0, 100)
        if percent != self.progress.value():
            self.progress.setValue(percent)
            # done and total count the file's lines, not its rows, when cells hold line
            # breaks (an address), so the words say how far through the file instead
            self.status.setText(f"Reading and checking the file: {percent}% done…")

    def start_import(self) -> None:
        """Check and import the file in the background."""
        path = Path(self.path.text().strip()).expanduser()
        if not self.path.text().strip() or not path.is_file():
            self.problems.show_problems([f"Choose a file to import ({path} was not found)."])
            return
        self.problems.show_problems([])
        self.show_problem_rows([])
        log = self.kind.currentData()
        create = self.create_missing.isChecked()
        update = self.update_existing.isChecked() and self.update_existing.isEnabled()

        def work(ticket: Ticket) -> Any:
            from complaints_desktop.services import caselog

            return caselog.import_file(
                self.env,
                path,
                contacts=log == "contacts",
                ombudsman=log == "ombudsman",
                create_missing=create,
                update=update,
                progress=lambda done, total: ticket.progress(done, total),
                cancel=lambda: ticket.cancelled,
            )

        self._busy(True, f"Checking {path.name}…")
        self.task = run_in_background(
            work, self._imported, self._failed, self._progress, pool=self.pool, parent=self
        )

    def _imported(self, result: Any) -> None:
        self._busy(False)
        self.progress.setValue(100)
        notes = "\n".join(getattr(result, "notes", []) or [])
        if self.kind.currentData() == "ombudsman":
            done = (
                f"Imported {result.created} Ombudsman recommendation(s) on "
                f"{result.updated} complaint(s)."
            )
        else:
            done = f"Imported: {result.created} new, {result.updated} updated."
        self.status.setText(done + (f"\n{notes}" if notes else ""))

    def start_export(self) -> None:
        """Export everything to a file chosen by the user."""
        log = self.kind.currentData()
        suggested = str(Path.home() / f"{EXPORT_NAMES[log]}.xlsx")
        target = choose_save_path(self, "Export", suggested, "Excel workbook (*.xlsx);;CSV (*.csv)")
        if not target:
            return
        anonymised = self.anonymised.isChecked() and self.anonymised.isEnabled()

        def work(_ticket: Ticket) -> Any:
            from complaints_desktop.services import caselog

            count = caselog.export_file(
                self.env,
                Path(target),
                contacts=log == "contacts",
                ombudsman=log == "ombudsman",
                anonymised=anonymised,
            )
            return count, target

        self.problems.show_problems([])
        self._busy(True, f"Exporting to {target}…")
        self.task = run_in_background(work, self._exported, self._failed, parent=self)

    def _exported(self, result: tuple[int, str]) -> None:
        self._busy(False)
        self.progress.setValue(100)
        self.status.setText(f"Exported {result[0]} record(s) to {result[1]}.")

    def _failed(self, error: BaseException) -> None:
        self._busy(False)
        self.progress.setValue(0)
        if isinstance(error, ValidationFailed):
            self.status.setText(
                f"Nothing was imported: the file has {len(error.problems)} problem(s). "
                "Fix them in the spreadsheet and import it again."
            )
            self.show_problem_rows(error.problems)
        elif isinstance(error, KnownError):
            self.status.setText("Nothing was imported.")
            self.problems.show_problems([str(error)])
        else:
            self.problems.show_problems([f"Something went wrong: {error}"])

    def cancel(self) -> None:
        """Stop; an import stops with nothing written."""
        if self.task is not None and self.task.running:
            self.task.cancel()
        self._busy(False)
        self.status.setText("Cancelled: nothing was written.")

    # -- problems table ---------------------------------------------------------------------
    def show_problem_rows(self, problems: list[str]) -> None:
        """Fill the table with one problem per line."""
        self.table.setRowCount(len(problems))
        for r, text in enumerate(problems):
            for c, value in enumerate(split_problem(text)):
                self.table.setItem(r, c, QTableWidgetItem(value))
        self.table.resizeRowsToContents()
        self.save_problems.setEnabled(bool(problems))

    def problem_rows(self) -> list[tuple[str, str, str]]:
        """The problems shown, as (row, column, what is wrong)."""
        rows = []
        for r in range(self.table.rowCount()):
            cells = [self.table.item(r, c) for c in range(3)]
            row, column, what = (cell.text() if cell else "" for cell in cells)
            rows.append((row, column, what))
        return rows

    def save_problem_list(self) -> None:
        """Save the problems as a CSV the user can open next to the spreadsheet."""
        target = choose_save_path(
            self, "Save the problems", str(Path.home() / "problems.csv"), "CSV (*.csv)"
        )
        if not target:
            return
        try:
            with Path(target).open("w", newline="", encoding="utf-8-sig") as handle:
                writer = csv.writer(handle)
                writer.writerow(["row", "column", "problem"])
                writer.writerows(self.problem_rows())
        except OSError as err:
            self.problems.show_problems([f"Could not save {target}: {err.strerror or err}."])
            return
        self.status.setText(f"The problems were saved to {target}.")

    def reject(self) -> None:
        """Closing while an import runs cancels it (nothing is written).

        A file chosen but not yet imported is asked about first.
        """
        if (
            self.task is None
            and self.path.text().strip()
            and not _base.confirm_discard(self, "the file you chose (it has not been imported)")
        ):
            return
        if self.task is not None and self.task.running:
            self.task.cancel()
        super().reject()

    @classmethod
    def ask(cls, parent: QWidget | None, env: Env) -> None:
        """Show the dialog until it is closed."""
        cls(env, parent).exec()
