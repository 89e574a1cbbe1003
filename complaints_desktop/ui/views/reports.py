"""UI: the Reports view — choose a report and its period, preview, print, save.

The annual report (a financial year), the same report for any period, the overdue list,
the Ombudsman compliance table and the learning-action tracker are previewed in an
embedded ``PdfPreview`` (Print…, Save as PDF…); the statistics JSON and the report's
XLSX tables are saved into a folder. All the work runs off the UI thread
(``ui.workers.run_in_background``) with a progress bar and Cancel; the report services
are imported only when they are needed. The team's words for the annual report are edited here.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
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
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from complaints_desktop.domain.errors import KnownError, ValidationFailed
from complaints_desktop.domain.text import financial_year, financial_year_label, long_date
from complaints_desktop.ui.dialogs._base import DateField, InputProblem, ProblemLabel
from complaints_desktop.ui.dialogs.import_export import ImportExportDialog
from complaints_desktop.ui.views import report_options as options
from complaints_desktop.ui.views.pdf_preview import PdfPreview
from complaints_desktop.ui.views.report_options import produce
from complaints_desktop.ui.workers import Task, run_in_background

if TYPE_CHECKING:
    from complaints_desktop.services.env import Env

OUTPUTS = (
    ("json", "&Statistics (JSON)"),
    ("pdf", "The &report (PDF)"),
    ("xlsx", "The report's &tables (XLSX)"),
)
QUARTERS = (
    ("Quarter 1 (April to June)", (4, 1), (6, 30), 0),
    ("Quarter 2 (July to September)", (7, 1), (9, 30), 0),
    ("Quarter 3 (October to December)", (10, 1), (12, 31), 0),
    ("Quarter 4 (January to March)", (1, 1), (3, 31), 1),
)


class ReportsView(QWidget):
    """Choose a report and its period; preview, print or save it; save the statistics."""

    def __init__(self, env: Env, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env
        self.task: Task | None = None
        self.written: list[Path] = []
        self._year_shown = 0
        self.setAccessibleName("Reports")
        outer = QHBoxLayout(self)
        panel = QWidget()
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidget(panel)
        scroll.setWidgetResizable(True)
        scroll.setMinimumWidth(470)
        scroll.setMaximumWidth(560)
        outer.addWidget(scroll)

        which = QGroupBox("1. Report")
        which_layout = QVBoxLayout(which)
        self.report = QComboBox()
        self.report.setAccessibleName("Report")
        for kind in options.REPORTS:
            self.report.addItem(kind.label, kind.key)
        which_layout.addWidget(self.report)
        self.about = QLabel()
        self.about.setWordWrap(True)
        which_layout.addWidget(self.about)
        layout.addWidget(which)

        self.period_box = QGroupBox("2. Period")
        form = QFormLayout(self.period_box)
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
        self.quarter = QComboBox()
        self.quarter.setAccessibleName("Quarter")
        self.quarter.addItem("Choose a quarter of the year above…", None)
        for label, *_rest in QUARTERS:
            self.quarter.addItem(label, label)
        form.addRow(self.by_period, self.quarter)
        row = QHBoxLayout()
        self.start = DateField()
        self.start.setAccessibleName("From")
        self.end = DateField()
        self.end.setAccessibleName("To")
        row.addWidget(QLabel("or from"))
        row.addWidget(self.start)
        row.addWidget(QLabel("to"))
        row.addWidget(self.end)
        row.addStretch(1)
        form.addRow("", row)
        self.today_note = QLabel(f"As of today, {long_date(env.today())}: no period to choose.")
        self.today_note.setWordWrap(True)
        form.addRow(self.today_note)
        self.by_year.setChecked(True)
        layout.addWidget(self.period_box)

        self.threshold_box = QGroupBox("3. Small numbers")
        threshold = QFormLayout(self.threshold_box)
        self.suppress = QSpinBox()
        self.suppress.setRange(0, 20)
        self.suppress.setValue(5)
        self.suppress.setAccessibleName("Hide counts below")
        self.suppress.setMaximumWidth(80)
        self.suppress.setToolTip(
            "Counts from 1 up to this number minus one print as 'c' in tables by personal "
            "characteristic or small team (0 shows every number)"
        )
        caption = QLabel("&Hide counts below:")
        caption.setBuddy(self.suppress)
        threshold.addRow(caption, self.suppress)
        self.suppress_note = QLabel()
        self.suppress_note.setWordWrap(True)
        threshold.addRow(self.suppress_note)
        layout.addWidget(self.threshold_box)

        run_row = QHBoxLayout()
        self.preview_button = QPushButton("Pre&view")
        self.preview_button.setDefault(True)
        self.cancel_button = QPushButton("&Cancel")
        self.cancel_button.setEnabled(False)
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Progress")
        self.progress.setTextVisible(True)
        run_row.addWidget(self.preview_button)
        run_row.addWidget(self.cancel_button)
        run_row.addWidget(self.progress, 1)
        layout.addLayout(run_row)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Status")
        layout.addWidget(self.status)
        self.problems = ProblemLabel(self)
        layout.addWidget(self.problems)

        self.commentary = options.CommentaryEditor(env)
        layout.addWidget(self.commentary)

        self.files_box = self._files_box()
        layout.addWidget(self.files_box)

        data = QGroupBox("Data")
        data_row = QHBoxLayout(data)
        self.import_export = QPushButton("&Import or export the case log…")
        self.import_export.clicked.connect(lambda: ImportExportDialog.ask(self, self.env))
        data_row.addWidget(self.import_export)
        data_row.addStretch(1)
        layout.addWidget(data)
        layout.addStretch(1)

        self.preview = PdfPreview(self, suggested_name="annual-report.pdf")
        outer.addWidget(self.preview, 1)

        self.preview_button.clicked.connect(self.start_preview)
        self.produce_button.clicked.connect(self.start_work)
        self.cancel_button.clicked.connect(self.cancel)
        self.start.textEdited.connect(lambda _t: self.by_period.setChecked(True))
        self.end.textEdited.connect(lambda _t: self.by_period.setChecked(True))
        self.quarter.activated.connect(self.fill_quarter)
        self.report.currentIndexChanged.connect(lambda _i: self._report_chosen())
        self.year.currentIndexChanged.connect(lambda _i: self._year_chosen())
        self.by_period.toggled.connect(lambda _on: self._period_mode())
        self.suppress.valueChanged.connect(lambda _v: self._explain_threshold())
        for signal in (
            self.report.currentIndexChanged,
            self.year.currentIndexChanged,
            self.suppress.valueChanged,
            self.by_period.toggled,
            self.start.textChanged,
            self.end.textChanged,
        ):
            signal.connect(self._stale)
        self._report_chosen()
        self._year_chosen()
        self._explain_threshold()
        self.status.setText(
            "Choose a report and its period, then press Preview: it appears on the right."
        )
        from complaints_desktop.ui.keys import guard_wheel

        guard_wheel(self)
        # The choices fit the column (a long item's full width made it scroll sideways and
        # cut the drop-downs off on a 1366x768 screen); the list opens wide enough.
        for box in panel.findChildren(QComboBox):
            box.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            box.setMinimumContentsLength(16)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def _files_box(self) -> QGroupBox:
        files = QGroupBox("Save files for the period")
        out_layout = QVBoxLayout(files)
        self.outputs: dict[str, QCheckBox] = {}
        for key, text in OUTPUTS:
            box = QCheckBox(text)
            box.setAccessibleName(text.replace("&", ""))
            box.setChecked(key != "pdf")
            out_layout.addWidget(box)
            self.outputs[key] = box
        options_form = QFormLayout()
        folder_row = QHBoxLayout()
        self.folder = QLineEdit(str(Path.home()))
        self.folder.setAccessibleName("Save into folder")
        browse = QPushButton("&Browse…")
        browse.clicked.connect(self.choose_folder)
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)
        caption = QLabel("Save &into folder:")
        caption.setBuddy(self.folder)
        options_form.addRow(caption, folder_row)
        out_layout.addLayout(options_form)
        self.produce_button = QPushButton("Save the &files")
        row = QHBoxLayout()
        row.addWidget(self.produce_button)
        row.addStretch(1)
        out_layout.addLayout(row)
        return files

    # -- choices ------------------------------------------------------------------------
    def kind(self) -> options.ReportKind:
        """The report chosen."""
        return options.BY_KEY[str(self.report.currentData())]

    def _report_chosen(self) -> None:
        kind = self.kind()
        self.about.setText(kind.about)
        dated = kind.needs != options.TODAY
        any_period = dated and kind.key != "chc"  # the Code report is for a year
        for widget in (self.by_year, self.year):
            widget.setEnabled(dated)
        periodic: tuple[QWidget, ...] = (self.by_period, self.quarter, self.start, self.end)
        for control in periodic:
            control.setEnabled(any_period)
        self.today_note.setVisible(not dated)
        self.files_box.setEnabled(any_period)
        self.threshold_box.setVisible(kind.suppresses)
        if kind.needs == options.YEAR:
            self.by_year.setChecked(True)
        elif kind.key == "period":
            if not self.start.text().strip() and not self.end.text().strip():
                self._last_quarter()
            self.by_period.setChecked(True)
        elif self.by_period.isChecked() and not self.start.text().strip():
            self.by_year.setChecked(True)
        self._show_commentary()

    def _period_mode(self) -> None:
        """Typing dates or a quarter for the annual report means 'another period'."""
        if self.by_period.isChecked() and self.kind().key == "annual":
            self.report.setCurrentIndex(self.report.findData("period"))
        self._show_commentary()

    def _show_commentary(self) -> None:
        yearly = self.kind().key in ("annual", "chc")
        self.commentary.setVisible(yearly and self.by_year.isChecked())

    def _year_chosen(self) -> None:
        year = int(self.year.currentData())
        if year == self._year_shown:
            return
        if self._year_shown and not self.commentary.confirm_leave():
            self.year.blockSignals(True)
            self.year.setCurrentIndex(self.year.findData(self._year_shown))
            self.year.blockSignals(False)
            return
        self._year_shown = year
        self.commentary.load(year)
        if self.quarter.currentIndex() > 0:
            self.fill_quarter(self.quarter.currentIndex())

    def fill_quarter(self, index: int) -> None:
        """Put the dates of a quarter of the chosen financial year in From / To."""
        if index <= 0:
            return
        _label, (sm, sd), (em, ed), shift = QUARTERS[index - 1]
        year = int(self.year.currentData()) + shift
        self.start.set_date(date(year, sm, sd))
        self.end.set_date(date(year, em, ed))
        self.by_period.setChecked(True)

    def _stale(self, *_args: Any) -> None:
        """A preview made with other choices is taken away, so it is never printed by mistake."""
        if self.preview.page_count() and not self.is_busy():
            self.preview.set_pdf(b"")
            self.progress.setValue(0)
            self.progress.setFormat("")
            self.status.setText("The choices changed: press Preview to see the report again.")

    def _last_quarter(self) -> None:
        today = self.env.today()
        this_quarter = date(today.year, (today.month - 1) // 3 * 3 + 1, 1)
        end = this_quarter - timedelta(days=1)
        self.start.set_date(date(end.year, end.month - 2, 1))
        self.end.set_date(end)

    def _explain_threshold(self) -> None:
        value = self.suppress.value()
        if value == 0:
            self.suppress_note.setText(
                "0: every number is shown. This is an INTERNAL report: small counts could "
                "identify a child or family, so do not publish it."
            )
        else:
            self.suppress_note.setText(
                f"Counts from 1 to {value - 1} in tables by relationship, team or personal "
                "characteristic print as 'c', so no child or family can be identified. "
                "Set 0 for an internal report with every number."
            )

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

    def _checked_period(self) -> tuple[date, date] | None:
        if self.kind().needs == options.TODAY:
            today = self.env.today()
            return today, today
        try:
            return self.period()
        except ValidationFailed as err:
            self.problems.show_problems(err.problems)
        except InputProblem as err:
            self.problems.show_problems([str(err)])
        return None

    # -- work ---------------------------------------------------------------------------
    def _begin(self, text: str) -> None:
        self.commentary.save_now()  # the review as typed, even within the autosave pause
        self.problems.show_problems([])
        self.status.setText(text)
        self.progress.setRange(0, 0)
        self.progress.setFormat("Working…")
        self.preview_button.setEnabled(False)
        self.produce_button.setEnabled(False)
        self.cancel_button.setEnabled(True)

    def start_preview(self) -> None:
        """Build the chosen report in the background and show it."""
        period = self._checked_period()
        if period is None:
            return
        start, end = period
        kind = self.kind()
        suppress = self.suppress.value()
        if kind.needs == options.TODAY:
            what = f"{kind.short} as of {long_date(start)}"
        else:
            what = f"{kind.short}, {long_date(start)} to {long_date(end)}"
        self._begin(f"Preparing: {what}…")
        self.preview.suggested_name = options.file_name(kind, start, end, self.env.today())
        self.task = run_in_background(
            lambda ticket: options.build_pdf(self.env, kind.key, start, end, suppress, ticket),
            lambda data: self._previewed(data, what),
            self._failed,
            self._progress,
            parent=self,
        )

    def _previewed(self, data: bytes, what: str) -> None:
        self._finish()
        self.progress.setValue(100)
        self.progress.setFormat("Done")
        self.preview.set_pdf(data)
        self.status.setText(
            f"{what}: {self.preview.page_count()} page(s). Use Print… or Save as PDF… "
            "above the preview."
        )

    def start_work(self) -> None:
        """Check the choices and save the files in the background."""
        period = self._checked_period()
        if period is None:
            return
        start, end = period
        chosen = [k for k, box in self.outputs.items() if box.isChecked()]
        folder = Path(self.folder.text().strip()).expanduser()
        problems = []
        if self.kind().needs == options.TODAY:
            problems.append("Choose the annual report or another period to save these files.")
        if not chosen:
            problems.append("Tick at least one thing to save.")
        if not folder.is_dir():
            problems.append(f"The folder {folder} does not exist.")
        if problems:
            self.problems.show_problems(problems)
            return
        self._begin(f"Producing for {long_date(start)} to {long_date(end)}…")
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
        self.preview_button.setEnabled(True)
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
                [f"The report could not be produced ({type(error).__name__}: {error})."]
            )

    def cancel(self) -> None:
        """Stop the work; nothing more is written or shown."""
        if self.task is not None and self.task.running:
            self.task.cancel()
        self._finish()
        self.progress.setValue(0)
        self.progress.setFormat("Cancelled")
        self.status.setText("Cancelled.")

    def is_busy(self) -> bool:
        """True while a report is being produced."""
        return self.task is not None and self.task.running

    def has_unsaved_changes(self) -> bool:
        """True when the review of the year holds text not yet saved."""
        return self.commentary.has_unsaved_changes()
