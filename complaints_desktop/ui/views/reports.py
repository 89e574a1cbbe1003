"""UI: produce the statistics JSON, the annual report PDF and its XLSX tables for a period.

The work runs off the UI thread (``ui.workers.run_in_background``) with a progress bar
and Cancel; the report services are imported only when they are needed.
"""

from __future__ import annotations

import importlib
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from complaints_desktop.domain.errors import KnownError, ValidationFailed
from complaints_desktop.domain.text import financial_year, financial_year_label, long_date
from complaints_desktop.ui.dialogs._base import DateField, InputProblem, ProblemLabel
from complaints_desktop.ui.dialogs.import_export import ImportExportDialog
from complaints_desktop.ui.workers import Task, Ticket, run_in_background

OUTPUTS = (
    ("json", "&Statistics (JSON, formats.md §4)"),
    ("pdf", "Annual &report ready to publish (PDF)"),
    ("xlsx", "The report's &tables (XLSX)"),
)


def _service(name: str) -> Any:
    return importlib.import_module(f"complaints_desktop.services.{name}")


def produce(
    env: Any,
    start: date,
    end: date,
    folder: Path,
    outputs: list[str],
    suppress_below: int,
    ticket: Ticket,
) -> list[Path]:
    """Write the chosen outputs for ``start..end`` into ``folder`` (runs off the UI thread)."""
    stem = f"complaints-{start:%Y-%m-%d}-to-{end:%Y-%m-%d}"
    written: list[Path] = []
    steps = len(outputs) * 100
    done = 0
    for kind in outputs:
        ticket.progress(done, steps, f"Preparing the {kind.upper()}")
        path = folder / f"{stem}.{kind}"
        if kind == "json":
            statistics = _service("statistics")
            statistics.write_json(statistics.compute(env, start, end), path)
        elif kind == "pdf":
            report = _service("annual_report")
            base = done

            def step(percent: int, text: str = "", base: int = base) -> None:
                ticket.progress(base + int(percent), steps, text)

            data = report.render_pdf(env, start, end, suppress_below, progress=step)
            ticket.check()
            path.write_bytes(data)
        else:
            _service("annual_report").write_xlsx(env, start, end, path, suppress_below)
        ticket.check()
        written.append(path)
        done += 100
        ticket.progress(done, steps, f"Saved {path.name}")
    return written


class ReportsView(QWidget):
    """Pick a financial year or a period and produce the reports."""

    def __init__(self, env: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env
        self.task: Task | None = None
        self.written: list[Path] = []
        self.setAccessibleName("Reports")
        layout = QVBoxLayout(self)

        period = QGroupBox("Period")
        form = QFormLayout(period)
        self.by_year = QRadioButton("&Financial year:")
        self.by_period = QRadioButton("Ot&her period:")
        group = QButtonGroup(self)
        group.addButton(self.by_year)
        group.addButton(self.by_period)
        self.year = QComboBox()
        self.year.setAccessibleName("Financial year")
        this_year = financial_year(env.today())
        for start in range(this_year, this_year - 8, -1):
            self.year.addItem(
                f"{financial_year_label(start)} (1 April {start} to 31 March {start + 1})", start
            )
        self.year.setCurrentIndex(1)  # the last complete year is the usual report
        form.addRow(self.by_year, self.year)
        row = QHBoxLayout()
        self.start = DateField()
        self.start.setAccessibleName("From")
        self.end = DateField()
        self.end.setAccessibleName("To")
        row.addWidget(QLabel("From"))
        row.addWidget(self.start)
        row.addWidget(QLabel("to"))
        row.addWidget(self.end)
        row.addStretch(1)
        form.addRow(self.by_period, row)
        self.by_year.setChecked(True)
        layout.addWidget(period)

        outputs = QGroupBox("Produce")
        out_layout = QVBoxLayout(outputs)
        self.outputs: dict[str, QCheckBox] = {}
        for key, text in OUTPUTS:
            box = QCheckBox(text)
            box.setAccessibleName(text.replace("&", ""))
            box.setChecked(True)
            out_layout.addWidget(box)
            self.outputs[key] = box
        options = QFormLayout()
        folder_row = QHBoxLayout()
        self.folder = QLineEdit(str(Path.home()))
        self.folder.setAccessibleName("Save into folder")
        browse = QPushButton("&Browse…")
        browse.clicked.connect(self.choose_folder)
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)
        caption = QLabel("Save &into folder:")
        caption.setBuddy(self.folder)
        options.addRow(caption, folder_row)
        self.suppress = QSpinBox()
        self.suppress.setRange(0, 20)
        self.suppress.setValue(5)
        self.suppress.setAccessibleName("Hide counts below")
        self.suppress.setToolTip(
            "Counts from 1 up to this number minus one print as 'c' in tables by personal "
            "characteristic or small team (0 shows every number)"
        )
        caption = QLabel("&Hide small counts below:")
        caption.setBuddy(self.suppress)
        options.addRow(caption, self.suppress)
        self.suppress.setMaximumWidth(80)
        out_layout.addLayout(options)
        layout.addWidget(outputs)

        run_row = QHBoxLayout()
        self.produce_button = QPushButton("&Produce")
        self.cancel_button = QPushButton("&Cancel")
        self.cancel_button.setEnabled(False)
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Progress")
        self.progress.setTextVisible(True)
        run_row.addWidget(self.produce_button)
        run_row.addWidget(self.cancel_button)
        run_row.addWidget(self.progress, 1)
        layout.addLayout(run_row)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Status")
        layout.addWidget(self.status)
        self.problems = ProblemLabel(self)
        layout.addWidget(self.problems)

        data = QGroupBox("Data")
        data_row = QHBoxLayout(data)
        self.import_export = QPushButton("&Import or export the case log…")
        self.import_export.clicked.connect(lambda: ImportExportDialog.ask(self, self.env))
        data_row.addWidget(self.import_export)
        data_row.addStretch(1)
        layout.addWidget(data)
        layout.addStretch(1)

        self.produce_button.clicked.connect(self.start_work)
        self.cancel_button.clicked.connect(self.cancel)
        self.start.textEdited.connect(lambda _t: self.by_period.setChecked(True))
        self.end.textEdited.connect(lambda _t: self.by_period.setChecked(True))

    def choose_folder(self) -> None:
        """Pick the folder the files go into."""
        folder = QFileDialog.getExistingDirectory(self, "Save reports into", self.folder.text())
        if folder:
            self.folder.setText(folder)

    def period(self) -> tuple[date, date]:
        """The period chosen (InputProblem / ValidationFailed for one that cannot be)."""
        if self.by_year.isChecked():
            start_year = int(self.year.currentData())
            return date(start_year, 4, 1), date(start_year + 1, 3, 31)
        start = self.start.date("first day of the period")
        end = self.end.date("last day of the period")
        assert start is not None
        assert end is not None
        if end < start:
            raise ValidationFailed(["The period ends before it starts."])
        return start, end

    def start_work(self) -> None:
        """Check the choices and produce the files in the background."""
        try:
            start, end = self.period()
        except ValidationFailed as err:
            self.problems.show_problems(err.problems)
            return
        except InputProblem as err:
            self.problems.show_problems([str(err)])
            return
        chosen = [k for k, box in self.outputs.items() if box.isChecked()]
        folder = Path(self.folder.text().strip()).expanduser()
        problems = []
        if not chosen:
            problems.append("Tick at least one thing to produce.")
        if not folder.is_dir():
            problems.append(f"The folder {folder} does not exist.")
        if problems:
            self.problems.show_problems(problems)
            return
        self.problems.show_problems([])
        self.status.setText(f"Producing for {long_date(start)} to {long_date(end)}…")
        self.progress.setRange(0, 0)
        self.produce_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        suppress = self.suppress.value()
        self.task = run_in_background(
            lambda ticket: produce(self.env, start, end, folder, chosen, suppress, ticket),
            self._done,
            self._failed,
            self._progress,
            parent=self,
        )

    def _progress(self, done: int, total: int, text: str) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        if text:
            self.progress.setFormat(f"{text} — %p%")

    def _finish(self) -> None:
        self.produce_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        self.progress.setRange(0, 100)

    def _done(self, written: list[Path]) -> None:
        self._finish()
        self.written = written
        self.progress.setValue(100)
        self.progress.setFormat("Done")
        self.status.setText("Saved:\n" + "\n".join(str(p) for p in written))

    def _failed(self, error: BaseException) -> None:
        self._finish()
        self.progress.setValue(0)
        self.progress.setFormat("Stopped")
        if isinstance(error, ValidationFailed):
            self.problems.show_problems(error.problems)
        elif isinstance(error, KnownError):
            self.problems.show_problems([str(error)])
        else:
            self.problems.show_problems(
                [f"The reports could not be produced ({type(error).__name__}: {error})."]
            )

    def cancel(self) -> None:
        """Stop the work; nothing more is written."""
        if self.task is not None and self.task.running:
            self.task.cancel()
        self._finish()
        self.progress.setValue(0)
        self.progress.setFormat("Cancelled")
        self.status.setText("Cancelled.")

    def is_busy(self) -> bool:
        """True while reports are being produced."""
        return self.task is not None and self.task.running
