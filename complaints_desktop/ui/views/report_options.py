"""UI: the reports on offer, building one as PDF off the UI thread, the year's commentary.

``REPORTS`` says what each report needs (a financial year, any period, or nothing: as of
today); ``build_pdf`` runs on a worker thread; ``CommentaryEditor`` is the manager's
words (review of the year, executive summary and the other parts), kept per financial
year and printed in that year's annual report.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from complaints_desktop.domain import code_assessment
from complaints_desktop.domain.errors import KnownError, ValidationFailed
from complaints_desktop.domain.text import financial_year_label
from complaints_desktop.ui.dialogs import _base
from complaints_desktop.ui.dialogs._base import ProblemLabel
from complaints_desktop.ui.workers import Ticket

if TYPE_CHECKING:
    from complaints_desktop.services.env import Env

YEAR, PERIOD, TODAY = "year", "period", "today"


@dataclass(frozen=True)
class ReportKind:
    """One report the window can preview."""

    key: str
    label: str
    needs: str  # YEAR, PERIOD (a year or any period) or TODAY (no period)
    about: str
    file_stem: str
    short: str
    suppresses: bool = True


REPORTS = (
    ReportKind(
        "annual",
        "Annual report for a financial year",
        YEAR,
        "The report ready to publish: counts, timescales, outcomes, learning, and the "
        "team's review of the year written below.",
        "annual-report",
        "Annual report",
    ),
    ReportKind(
        "period",
        "Report for another period (a quarter or any dates)",
        PERIOD,
        "The same layout as the annual report, for the dates you choose. Choose a quarter "
        "or type the first and last day.",
        "complaints-report",
        "Report for the period",
    ),
    ReportKind(
        "chc",
        "Complaint Handling Code report (corporate complaints)",
        YEAR,
        "The annual complaint performance and service improvement report the Ombudsman's "
        "Code asks for: the self-assessment against the Code, corporate complaints handled "
        "and refused, the Ombudsman's figures, improvements, and the governance body's "
        "response. Write the self-assessment and the other parts below (Part of the report).",
        "complaint-handling-code-report",
        "Complaint Handling Code report",
    ),
    ReportKind(
        "overdue",
        "Overdue list (as of today)",
        TODAY,
        "Open cases past a deadline today, with how many working days late. It names "
        "cases: for internal use only.",
        "overdue-list",
        "Overdue list",
        suppresses=False,
    ),
    ReportKind(
        "ombudsman",
        "Ombudsman compliance table",
        PERIOD,
        "Each Ombudsman recommendation decided in the period and whether the council "
        "complied in time.",
        "ombudsman-compliance",
        "Ombudsman compliance table",
        suppresses=False,
    ),
    ReportKind(
        "actions",
        "Learning-action tracker (every action)",
        TODAY,
        "Every learning action agreed from complaints, who owns it, when it is due and "
        "whether it is done.",
        "learning-actions",
        "Learning-action tracker",
        suppresses=False,
    ),
)
BY_KEY = {kind.key: kind for kind in REPORTS}


def produce(
    env: Env,
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
            from complaints_desktop.services import statistics

            statistics.write_json(statistics.compute(env, start, end), path)
        elif kind == "pdf":
            from complaints_desktop.services import annual_report

            base = done

            def step(percent: int, text: str = "", base: int = base) -> None:
                ticket.progress(base + int(percent), steps, text)

            data = annual_report.render_pdf(env, start, end, suppress_below, progress=step)
            ticket.check()
            path.write_bytes(data)
        else:
            from complaints_desktop.services import annual_report

            annual_report.write_xlsx(env, start, end, path, suppress_below)
        ticket.check()
        written.append(path)
        done += 100
        ticket.progress(done, steps, f"Saved {path.name}")
    return written


def build_pdf(
    env: Env, key: str, start: date, end: date, suppress_below: int, ticket: Ticket
) -> bytes:
    """The chosen report as PDF bytes (runs off the UI thread; honours Cancel)."""
    ticket.progress(0, 100, "Reading the cases")
    from complaints_desktop.services import annual_report as report

    if key in ("annual", "period"):

        def step(percent: int, text: str = "") -> None:
            ticket.progress(int(percent), 100, text)

        data: bytes = report.render_pdf(env, start, end, suppress_below, progress=step)
    elif key == "chc":
        data = report.render_code_pdf(env, start.year, suppress_below)
    elif key == "overdue":
        data = report.overdue_pdf(env)
    elif key == "ombudsman":
        data = report.ombudsman_compliance_pdf(env, start, end)
    else:
        data = report.actions_pdf(env)
    ticket.progress(100, 100, "Laying out the pages")
    return data


def file_name(kind: ReportKind, start: date, end: date, today: date) -> str:
    """A sensible name to save the PDF under."""
    if kind.needs == TODAY:
        return f"{kind.file_stem}-{today:%Y-%m-%d}.pdf"
    if kind.needs == YEAR:
        return f"{kind.file_stem}-{financial_year_label(start.year).replace('/', '-')}.pdf"
    return f"{kind.file_stem}-{start:%Y-%m-%d}-to-{end:%Y-%m-%d}.pdf"


PLACEHOLDERS = {
    "code_assessment": "One requirement of the Code per '## ' line, then 'Compliant: yes', "
    "'no' or 'partly', then 'Evidence: ...'; the Code's sections, to start from:\n\n"
    + code_assessment.EXAMPLE,
    "context_figures": "One figure a line, for complaints per 1,000 children:\n\n"
    "Children in need: 2140\nChild protection plans: 310\nChildren looked after: 265",
    "published_figures": "What the council published for years before this database, one "
    "a line:\n\n2020/21 statutory received: 41\n2020/21 statutory stage 2: 4\n"
    "2020/21 ombudsman decisions: 3\n2020/21 compliments: 96",
}
"""What an empty part shows, for the parts that hold figures or a table."""

AUTOSAVE_MS = 800
"""The pause in typing after which the review of the year is saved."""


class CommentaryEditor(QGroupBox):
    """The team's words for one financial year, saved with the database: the review of
    the year by default, and each other part of the report (executive summary, context,
    case studies, you said we did, compliments, learning) chosen in "Part"."""

    saved = Signal()

    def __init__(self, env: Env, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env
        self.year = 0
        self._loaded = ""
        layout = QVBoxLayout(self)
        hint = QLabel(
            "Printed in the report under the part's heading; until the required "
            "parts are written every page says DRAFT. Leave a blank line between "
            "paragraphs. Names of children or families must not appear here."
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        part_row = QHBoxLayout()
        part_label = QLabel("&Part of the report:")
        self.part = QComboBox()
        self.part.setAccessibleName("Part of the report")
        # Long part names must not widen the options column (no sideways scrolling).
        self.part.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.part.setMinimumContentsLength(16)
        from complaints_desktop.services import annual_report as service

        for key, heading, required in service.REPORT_TEXTS:
            self.part.addItem(f"{heading} (required)" if required else heading, key)
        for key, heading, required in service.CODE_TEXTS:
            need = "Code report, required" if required else "Code report"
            self.part.addItem(f"{heading} ({need})", key)
        self.part.setCurrentIndex(self.part.findData("review"))
        part_label.setBuddy(self.part)
        part_row.addWidget(part_label)
        part_row.addWidget(self.part, 1)
        layout.addLayout(part_row)
        self._part_key = "review"
        self.text = QPlainTextEdit()
        self.text.setTabChangesFocus(True)
        self.text.setAccessibleName("Text of the part")
        lines = self.text.fontMetrics().lineSpacing()
        self.text.setMinimumHeight(lines * 6)
        self.text.setMaximumHeight(lines * 12)
        layout.addWidget(self.text, 1)
        row = QHBoxLayout()
        self.save_button = QPushButton("Sa&ve this part")
        self.state = QLabel()
        self.state.setAccessibleName("Review status")
        row.addWidget(self.save_button)
        row.addWidget(self.state, 1)
        layout.addLayout(row)
        self.problems = ProblemLabel(self)
        layout.addWidget(self.problems)
        self.save_button.clicked.connect(self.save)
        self.text.textChanged.connect(self._show_state)
        # Saved as it is typed: a pause of AUTOSAVE_MS, leaving the box, or a report run.
        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(AUTOSAVE_MS)
        self._autosave.timeout.connect(self.save_now)
        self.text.textChanged.connect(self._autosave.start)
        self.text.installEventFilter(self)
        self.part.currentIndexChanged.connect(self._change_part)

    def _change_part(self) -> None:
        """Show another part; what was typed in the one left is saved first."""
        key = str(self.part.currentData())
        if key == self._part_key:
            return
        self.save_now()
        if self.has_unsaved_changes():  # it could not be saved: stay, with the problems shown
            self.part.blockSignals(True)
            self.part.setCurrentIndex(self.part.findData(self._part_key))
            self.part.blockSignals(False)
            return
        self._part_key = key
        if self.year:
            self.load(self.year)

    def eventFilter(self, watched: Any, event: Any) -> bool:
        if watched is self.text and event.type() == QEvent.Type.FocusOut:
            self.save_now()
        return False

    def save_now(self) -> None:
        """Save the review if it changed (and a year is shown)."""
        self._autosave.stop()
        if self.year and self.has_unsaved_changes():
            self.save()

    def load(self, year: int) -> None:
        """Show the review saved for the financial year starting 1 April ``year``."""
        self.year = year
        self.setTitle(f"The team's words for {financial_year_label(year)}")
        from complaints_desktop.services import annual_report as service

        if self._part_key == "review":
            self._loaded = service.get_commentary(self.env, year)
        else:
            self._loaded = service.get_texts(self.env, year).get(self._part_key, "")
        self.text.setPlainText(self._loaded)
        self.text.setPlaceholderText(PLACEHOLDERS.get(self._part_key, ""))
        self.problems.show_problems([])
        self._show_state()

    def has_unsaved_changes(self) -> bool:
        """True when the text differs from what is saved for the year."""
        return self.text.toPlainText().strip() != self._loaded.strip()

    def confirm_leave(self) -> bool:
        """True when there is nothing unsaved, or the user agrees to lose it."""
        if not self.has_unsaved_changes():
            return True
        what = f"{self.part.currentText().lower()} for {financial_year_label(self.year)}"
        if self._part_key == "review":
            what = f"the review of {financial_year_label(self.year)}"
        return _base.confirm_discard(self, what)

    def save(self) -> bool:
        """Keep the text for the year; True when saved."""
        try:
            from complaints_desktop.services import annual_report as service

            if self._part_key == "review":
                service.set_commentary(self.env, self.year, self.text.toPlainText())
            else:
                service.set_texts(self.env, self.year, {self._part_key: self.text.toPlainText()})
        except ValidationFailed as err:
            self.problems.show_problems(err.problems)
            return False
        except KnownError as err:
            self.problems.show_problems([str(err)])
            return False
        self.problems.show_problems([])
        self._loaded = self.text.toPlainText().strip()
        self._show_state()
        self.state.setText("Saved. Preview the report to see it in place.")
        self.saved.emit()
        return True

    def _show_state(self) -> None:
        dirty = self.has_unsaved_changes()
        self.save_button.setEnabled(dirty)
        if dirty:
            self.state.setText("Not saved yet.")
        elif not self._loaded:
            self.state.setText("Nothing written for this year yet.")
        else:
            self.state.setText("Saved.")
