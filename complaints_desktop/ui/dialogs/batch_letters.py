"""UI: print today's acknowledgements — every acknowledgement due, as one PDF, in one go.

The list comes from ``services.letters.acknowledgements_due``; cases needing the same
letter are printed together (a child complainant's letter differs from an adult's). The
batch is rendered off the UI thread with a progress bar and Cancel; printing or saving
it logs each letter on its case and, when ticked, records today's acknowledgement.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from complaints_desktop.domain.access import refusal
from complaints_desktop.domain.errors import KnownError, ValidationFailed
from complaints_desktop.domain.text import long_date
from complaints_desktop.services import access, cases, letters
from complaints_desktop.ui import screen_fit
from complaints_desktop.ui.dialogs._base import ProblemLabel
from complaints_desktop.ui.dialogs.letter_dialog import title_of
from complaints_desktop.ui.views.pdf_preview import PdfPreview
from complaints_desktop.ui.workers import Task, Ticket, run_in_background, write_queue

if TYPE_CHECKING:
    from complaints_desktop.services.env import Env

ACK_LETTERS = ("acknowledgement-child", "acknowledgement", "stage2-acknowledgement")


def due_rows(env: Env) -> dict[str, list[tuple[str, str, str]]]:
    """Acknowledgements due today, by letter: (reference, complainant, due in words)."""
    today = env.today()
    out: dict[str, list[tuple[str, str, str]]] = {}
    for reference in letters.acknowledgements_due(env, today):
        case = cases.get(env, reference)
        fits = [t for t in letters.templates_for(case) if t in ACK_LETTERS]
        if not fits:
            continue
        dues = [d.due for d in cases.deadlines(env, case) if d.kind == "acknowledge"]
        due = min(dues) if dues else today
        when = "today" if due == today else f"{long_date(due)} (overdue)"
        out.setdefault(fits[0], []).append((reference, case.complainant.name, when))
    return out


class BatchLettersDialog(QDialog):
    """Tick the cases, prepare the letters (in the background), then print or save them."""

    def __init__(self, env: Env, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env
        self.task: Task | None = None
        self.logging: Task | None = None
        self.logged: list[str] = []
        self.setWindowTitle("Print today's acknowledgements")
        screen_fit.keep_on_screen(self, QSize(960, 760))
        today = long_date(env.today())
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.letter = QComboBox(self)
        self.letter.setAccessibleName("Letter to print")
        label = QLabel("&Letter:", self)
        label.setBuddy(self.letter)
        self.table = QTreeWidget(self)
        self.table.setAccessibleName("Acknowledgements due")
        self.table.setRootIsDecorated(False)
        self.table.setHeaderLabels(["Reference", "Complainant", "Due"])
        self.table.setColumnWidth(0, 170)
        self.table.setColumnWidth(1, 260)
        self.record_ack = QCheckBox(f"Also record today ({today}) as the acknowledgement date")
        self.record_ack.setChecked(True)
        self.prepare_button = QPushButton("&Prepare the letters", self)
        self.prepare_button.clicked.connect(self.prepare)
        self.cancel_button = QPushButton("&Cancel preparing", self)
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.hide()
        self.progress = QProgressBar(self)
        self.progress.setAccessibleName("Progress")
        self.progress.hide()
        self.problems = ProblemLabel(self)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setAccessibleName("What happened")
        self.preview = PdfPreview(self, suggested_name="acknowledgements.pdf")
        self.preview.printed.connect(lambda: self._log("printed"))
        self.preview.saved.connect(lambda _path: self._log("saved"))
        self.preview.hide()
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)

        top = QHBoxLayout()
        top.addWidget(label)
        top.addWidget(self.letter, 1)
        run = QHBoxLayout()
        run.addWidget(self.prepare_button)
        run.addWidget(self.progress, 1)
        run.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.record_ack)
        layout.addLayout(run)
        layout.addWidget(self.problems)
        layout.addWidget(self.status)
        layout.addWidget(self.preview, 3)
        layout.addWidget(close)
        self.letter.currentIndexChanged.connect(lambda _i: self._fill_table())
        self.table.itemChanged.connect(lambda *_: self._ticks_changed())
        self.reload()
        user = access.current(env)
        self.may_print = access.may(env, "letters")
        if not self.may_print:
            self.prepare_button.setEnabled(False)
            self.problems.show_problems([refusal(user.role, "letters")])

    # -- the list ---------------------------------------------------------------------------
    def reload(self) -> None:
        """Read what is due again (after printing, the acknowledged cases drop out)."""
        try:
            self.groups = due_rows(self.env)
        except KnownError as err:
            self.groups = {}
            self.problems.show_problems([str(err)])
        total = sum(len(rows) for rows in self.groups.values())
        today = long_date(self.env.today())
        if total:
            self.intro.setText(
                f"{total} acknowledgement letter(s) are due by today, {today}. Untick any "
                "you do not want, press Prepare, look at the letters, then print them or "
                "save them as a PDF. Each letter printed or saved is logged on its case."
            )
            if len(self.groups) > 1:
                self.intro.setText(
                    self.intro.text() + " Different letters are printed one kind at a time: "
                    "choose each kind in the Letter list."
                )
        else:
            self.intro.setText(f"No acknowledgements are due by today, {today}. Nothing to print.")
        self.letter.blockSignals(True)
        self.letter.clear()
        for name in ACK_LETTERS:
            if name in self.groups:
                self.letter.addItem(f"{title_of(name)} ({len(self.groups[name])})", name)
        self.letter.blockSignals(False)
        self.letter.setEnabled(self.letter.count() > 1)
        self._fill_table()

    def _fill_table(self) -> None:
        self.table.clear()
        for reference, name, due in self.groups.get(self.template() or "", []):
            item = QTreeWidgetItem([reference, name, due])
            item.setCheckState(0, Qt.CheckState.Checked)
            self.table.addTopLevelItem(item)
        self.prepare_button.setEnabled(
            self.table.topLevelItemCount() > 0 and getattr(self, "may_print", True)
        )
        self.preview.set_pdf(b"")
        self.preview.hide()
        self.prepared: list[str] = []

    def _ticks_changed(self) -> None:
        if self.preview.isVisible():
            self.preview.set_pdf(b"")
            self.preview.hide()
            self.prepared = []
            self.status.setText("You changed which cases are ticked: press Prepare again.")

    def template(self) -> str | None:
        """The letter chosen."""
        data = self.letter.currentData()
        return str(data) if data else None

    def chosen(self) -> list[str]:
        """The ticked references."""
        out = []
        for row in range(self.table.topLevelItemCount()):
            item = self.table.topLevelItem(row)
            if item is not None and item.checkState(0) == Qt.CheckState.Checked:
                out.append(item.text(0))
        return out

    # -- preparing --------------------------------------------------------------------------
    def prepare(self) -> None:
        """Render the ticked letters as one PDF, off the UI thread."""
        template, references = self.template(), self.chosen()
        self.problems.show_problems([])
        if template is None or not references:
            self.problems.show_problems(["Tick at least one case to print a letter for."])
            return
        env = self.env

        def work(ticket: Ticket) -> bytes:
            return letters.render_batch(
                env,
                references,
                template,
                progress=lambda done, total: ticket.progress(done, total),
                cancel=lambda: ticket.cancelled,
            )

        self._busy(True)
        self.status.setText(f"Preparing {len(references)} letter(s)…")
        self.task = run_in_background(
            work,
            lambda data: self._prepared(references, data),
            self._failed,
            self._progress,
            parent=self,
        )

    def _progress(self, done: int, total: int, _text: str) -> None:
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)

    def _busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.progress.setValue(0)
        self.cancel_button.setVisible(busy)
        self.prepare_button.setEnabled(not busy)
        self.table.setEnabled(not busy)
        self.letter.setEnabled(not busy and self.letter.count() > 1)

    def cancel(self) -> None:
        """Stop preparing; nothing is printed or logged."""
        if self.task is not None and self.task.running:
            self.task.cancel()
        self.task = None
        self._busy(False)
        self.status.setText("Preparing was cancelled; no letters were produced or logged.")

    def _prepared(self, references: list[str], data: bytes) -> None:
        self.task = None
        self._busy(False)
        self.prepared = references
        self.preview.set_pdf(data)
        self.preview.show()
        self.status.setText(
            f"{len(references)} letter(s) ready, {self.preview.page_count()} page(s). "
            "Print… or Save as PDF… to send them; each is then logged on its case."
        )

    def _failed(self, err: BaseException) -> None:
        self.task = None
        self._busy(False)
        self.status.setText("")
        if isinstance(err, letters.Cancelled):
            self.status.setText(str(err))
        elif isinstance(err, ValidationFailed):
            self.problems.show_problems(
                [*err.problems, "Untick these cases, or add what is missing, then prepare again."]
            )
        elif isinstance(err, KnownError):
            self.problems.show_problems([str(err)])
        else:
            raise err

    # -- logging ----------------------------------------------------------------------------
    def _log(self, how: str) -> None:
        """Log each printed or saved letter on its case, off the UI thread (50 take ~1 s)."""
        template = self.template()
        if template is None or not self.prepared:
            return
        record = self.record_ack.isChecked()
        references, env = list(self.prepared), self.env

        def work(ticket: Ticket) -> tuple[list[str], list[str]]:
            logged: list[str] = []
            failed: list[str] = []
            for index, reference in enumerate(references, start=1):
                try:
                    kept = letters.render(env, reference, template)  # this letter's own PDF
                    letters.log_letter(
                        env,
                        reference,
                        template,
                        record_acknowledgement=record,
                        how=how,
                        pdf=kept,
                    )
                    logged.append(reference)
                except KnownError as err:
                    failed.append(f"{reference}: {err}")
                ticket.progress(index, len(references))
            return logged, failed

        def done(result: tuple[list[str], list[str]]) -> None:
            logged, failed = result
            self.logging = None
            self.progress.hide()
            self.logged += logged
            self.status.setText(
                f"{len(logged)} letter(s) {how} and logged on their cases"
                + (", with today as the acknowledgement date." if record else ".")
            )
            if failed:
                self.problems.show_problems([*failed, "These letters are NOT logged."])

        def failed(err: BaseException) -> None:
            self.logging = None
            self.progress.hide()
            self.problems.show_problems([f"The letters were {how} but logging stopped: {err}"])

        self.status.setText(f"Logging {len(references)} letter(s) on their cases…")
        self.progress.setValue(0)
        self.progress.show()
        # Logging writes: on the window's one write queue (issue 16).
        self.logging = run_in_background(
            work, done, failed, self._progress, pool=write_queue(self), parent=self
        )

    def reject(self) -> None:
        """Close; a batch still being prepared is cancelled (logging runs to its end)."""
        if self.task is not None:
            self.task.cancel()
        if self.logging is not None and self.logging.running:
            self.problems.show_problems(
                ["Please wait: the letters are still being logged on their cases."]
            )
            return
        super().reject()

    @classmethod
    def ask(cls, parent: QWidget | None, env: Env) -> list[str]:
        """Show the dialog; the references whose letters were logged."""
        dialog = cls(env, parent)
        dialog.exec()
        return dialog.logged
