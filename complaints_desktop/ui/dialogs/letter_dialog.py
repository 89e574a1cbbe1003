"""UI: the Letters dialog of a case — the letters that fit it, a preview, print, save or
e-mail, and the letters sent before, as they were sent.

A letter is logged on its case (template, date, by whom, how, and the exact PDF) only
when it is printed, saved for sending or handed to e-mail; for an acknowledgement the
same step can record today as the acknowledgement date. A letter that would print a
blank is not previewed: the dialog lists what it needs instead. One for a stage already
answered, or promising a date already past, waits for "Send anyway". Earlier stages'
letters stay in the list.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from complaints_desktop.domain.access import refusal
from complaints_desktop.domain.errors import KnownError, ValidationFailed
from complaints_desktop.domain.model import Case
from complaints_desktop.domain.text import long_date
from complaints_desktop.services import access, cases, letters
from complaints_desktop.ui import screen_fit
from complaints_desktop.ui.dialogs._base import ProblemLabel
from complaints_desktop.ui.saving import save_on_queue
from complaints_desktop.ui.views.pdf_preview import PdfPreview

if TYPE_CHECKING:
    from complaints_desktop.services.env import Env

NAME_ROLE = Qt.ItemDataRole.UserRole
STAGE_ROLE = Qt.ItemDataRole.UserRole + 1
RECORD_TODAY = "Also record today ({day}) as the acknowledgement date"


def title_of(template: str) -> str:
    """What the window calls letter ``template``."""
    found = letters.LETTERS.get(template)
    return found.title if found is not None else template.replace("-", " ").capitalize()


def is_acknowledgement(template: str) -> bool:
    """True for the letters that acknowledge a complaint."""
    return "acknowledgement" in template


class LetterDialog(QDialog):
    """Choose a letter for one case, look at it, then print it or save it as a PDF."""

    def __init__(self, env: Env, reference: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env
        self.reference = reference
        self.produced: str | None = None
        self.made: letters.Prepared | None = None
        self.case: Case = cases.get(env, reference)
        self.setWindowTitle(f"Letters for {reference}")
        self.setAccessibleName(f"Letters for {reference}")
        screen_fit.keep_on_screen(self, QSize(980, 760))

        who = self.case.complainant.name or "no complainant name yet"
        heading = QLabel(f"<b>{_escape(reference)}</b> — {_escape(who)}", self)
        heading.setAccessibleName("Case")
        intro = QLabel(
            "Choose a letter to see it as it will print. When you print it, save it for "
            "sending or e-mail it, it is logged on the case as sent today by you, and the "
            "PDF is kept with the case.",
            self,
        )
        intro.setWordWrap(True)
        self.templates = QListWidget(self)
        self.templates.setAccessibleName("Letters that fit this case")
        current = self.case.current_stage.number if self.case.current_stage else None
        for number, name in letters.letters_for(self.case):
            text = title_of(name)
            if number is not None and number != current:
                text = f"Stage {number}: {text}"
            item = QListWidgetItem(text)
            item.setData(NAME_ROLE, name)
            item.setData(STAGE_ROLE, number)
            self.templates.addItem(item)
        self.templates.setMaximumWidth(300)
        list_label = QLabel("&Letters that fit this case:", self)
        list_label.setBuddy(self.templates)
        self.none = QLabel(
            "No letter fits this case as it stands (for example, a closed complaint).", self
        )
        self.none.setWordWrap(True)
        self.none.setVisible(self.templates.count() == 0)

        self.record_ack = QCheckBox(self)
        self.record_ack.setAccessibleName("Also record today as the acknowledgement date")
        self.record_ack.toggled.connect(self._ack_toggled)
        self.ack_note = QLabel(self)
        self.ack_note.setWordWrap(True)
        self.needs = QLabel(self)
        self.needs.setWordWrap(True)
        self.needs.setAccessibleName("What this letter needs")
        self.needs.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.needs.setStyleSheet(
            "QLabel { background: #fff8e1; border: 1px solid #e0a800; border-radius: 3px;"
            " padding: 8px; }"
        )
        self.needs.hide()
        self.send_anyway = QPushButton("Send &anyway", self)
        self.send_anyway.setAccessibleName("Send this letter anyway")
        self.send_anyway.clicked.connect(self._send_anyway)
        self.send_anyway.hide()
        self.anyway: set[tuple[str, int | None]] = set()
        self.warnings = QLabel(self)
        self.warnings.setWordWrap(True)
        self.warnings.setAccessibleName("Before you send this letter")
        self.warnings.setStyleSheet(
            "QLabel { background: #fff8e1; border: 1px solid #e0a800; border-radius: 3px;"
            " padding: 6px; }"
        )
        self.warnings.hide()
        self.preview = PdfPreview(self, suggested_name=f"{reference.replace('/', '-')}.pdf")
        self.preview.printed.connect(lambda: self._log("printed"))
        self.preview.saved.connect(lambda _path: self._log("saved"))
        self.email_button = QPushButton("&E-mail this letter…", self)
        self.email_button.setToolTip(
            "Save a draft e-mail with the letter attached, addressed to the complainant; "
            "open it in Outlook to send it"
        )
        self.email_button.clicked.connect(self.email)
        self.sent_list = QComboBox(self)
        self.sent_list.setAccessibleName("Letters sent before")
        self.open_sent = QPushButton("&Open as sent…", self)
        self.open_sent.setToolTip("Show a letter sent before, exactly as it was sent")
        self.open_sent.clicked.connect(self.show_sent)
        self.problems = ProblemLabel(self)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setAccessibleName("What happened")

        left = QVBoxLayout()
        left.addWidget(list_label)
        left.addWidget(self.templates, 1)
        left.addWidget(self.none)
        sent_label = QLabel("Letters &sent before:", self)
        sent_label.setBuddy(self.sent_list)
        left.addWidget(sent_label)
        left.addWidget(self.sent_list)
        left.addWidget(self.open_sent)
        self._fill_sent()
        right = QVBoxLayout()
        right.addWidget(self.record_ack)
        right.addWidget(self.ack_note)
        right.addWidget(self.needs)
        right.addWidget(self.send_anyway, 0, Qt.AlignmentFlag.AlignLeft)
        right.addWidget(self.warnings)
        right.addWidget(self.preview, 1)
        right.addWidget(self.email_button, 0, Qt.AlignmentFlag.AlignRight)
        self.filler = QWidget(self)  # takes the room of the preview while it is hidden
        right.addWidget(self.filler, 1)
        body = QHBoxLayout()
        body.addLayout(left)
        body.addLayout(right, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addLayout(body, 1)
        layout.addWidget(self.problems)
        layout.addWidget(self.status)
        layout.addWidget(buttons)

        self.may_print = access.may(env, "letters")
        if not self.may_print:
            self.problems.show_problems([refusal(access.current(env).role, "letters")])
        self.templates.currentItemChanged.connect(lambda *_: self.show_selected())
        if self.templates.count():
            self.templates.setCurrentRow(0)
            self.templates.setFocus()
        else:
            self.show_selected()

    def done(self, result: int) -> None:
        """Closing (Escape, Close): the preview lets go of its document first."""
        self.preview.release()
        super().done(result)

    # -- showing ----------------------------------------------------------------------------
    def template(self) -> str | None:
        """The template chosen in the list."""
        item = self.templates.currentItem()
        return str(item.data(NAME_ROLE)) if item is not None else None

    def stage(self) -> int | None:
        """The stage the chosen letter is for (None: the whole case)."""
        item = self.templates.currentItem()
        value = item.data(STAGE_ROLE) if item is not None else None
        return int(value) if value is not None else None

    def select(self, template: str) -> None:
        """Choose ``template`` in the list (when it fits the case)."""
        for row in range(self.templates.count()):
            if self.templates.item(row).data(NAME_ROLE) == template:
                self.templates.setCurrentRow(row)
                return

    def show_selected(self) -> None:
        """Render the chosen letter into the preview, or list what it still needs."""
        name = self.template()
        if self.may_print:
            self.problems.show_problems([])
        self._show_acknowledgement(name)
        self.made = None
        if name is None:
            self.needs.hide()
            self.preview.set_pdf(b"")
            return
        stage = self.stage()
        self.send_anyway.hide()
        self.warnings.hide()
        try:
            made = letters.prepare(
                self.env, self.reference, name, stage, (name, stage) in self.anyway
            )
        except letters.SendAnyway as err:
            self._show_needs(name, err.problems, confirm=True)
            return
        except ValidationFailed as err:
            self._show_needs(name, err.problems)
            return
        except KnownError as err:
            self._show_needs(name, [str(err)])
            return
        self.needs.hide()
        self.filler.hide()
        self.preview.show()
        self.email_button.show()
        if made.warnings:
            items = "".join(f"<li>{_escape(w)}</li>" for w in made.warnings)
            self.warnings.setText(f"<b>Before you send this letter:</b><ul>{items}</ul>")
            self.warnings.show()
        self.preview.suggested_name = f"{self.reference.replace('/', '-')}-{name}.pdf"
        self.preview.set_pdf(made.pdf)
        self.made = made
        if not self.may_print:  # look, but not print or save: nothing could be logged
            self.preview.print_button.setEnabled(False)
            self.preview.save_button.setEnabled(False)
            self.email_button.setEnabled(False)

    def _show_needs(self, name: str, problems: list[str], confirm: bool = False) -> None:
        items = "".join(f"<li>{_escape(p)}</li>" for p in problems)
        if confirm:
            self.needs.setText(
                f"<b>Check before sending the {_escape(title_of(name).lower())} letter.</b>"
                f"<ul>{items}</ul>"
            )
            self.send_anyway.setVisible(self.may_print)
        else:
            self.needs.setText(
                f"<b>The {_escape(title_of(name).lower())} letter cannot be produced yet."
                f"</b> This letter needs:<ul>{items}</ul>"
                "Add what is missing to the case (or in Settings), then open Letters again."
            )
        self.email_button.hide()
        self.needs.show()
        self.record_ack.hide()
        self.ack_note.hide()
        self.preview.set_pdf(b"")
        self.preview.hide()
        self.filler.show()

    def _show_acknowledgement(self, name: str | None) -> None:
        stage = self.case.current_stage
        chosen = self.stage()
        show = (
            name is not None
            and is_acknowledgement(name)
            and stage is not None
            and chosen in (None, stage.number)  # an earlier stage's letter records nothing
        )
        self.record_ack.setVisible(show)
        self.ack_note.setVisible(show)
        if not show or stage is None:
            return
        today = self.env.today()
        self.record_ack.setText(RECORD_TODAY.format(day=long_date(today)))
        if stage.acknowledged is None:
            self.record_ack.setEnabled(True)
            self.record_ack.setChecked(True)
            self._ack_toggled(True)
        else:
            self.record_ack.setChecked(False)
            self.record_ack.setEnabled(False)
            self.ack_note.setText(
                f"Stage {stage.number} was already acknowledged on "
                f"{long_date(stage.acknowledged)}; printing this letter does not change that."
            )

    def _ack_toggled(self, checked: bool) -> None:
        stage = self.case.current_stage
        if stage is None or stage.acknowledged is not None:
            return
        self.ack_note.setText(
            f"Stage {stage.number} has not been acknowledged yet. "
            + (
                "When the letter is printed or saved, today is recorded as its "
                "acknowledgement date."
                if checked
                else "The letter will be logged, but the acknowledgement date is left empty."
            )
        )

    def _send_anyway(self) -> None:
        name = self.template()
        if name is not None:
            self.anyway.add((name, self.stage()))
            self.show_selected()

    # -- e-mail and letters sent before -------------------------------------------------------
    def email(self) -> None:
        """Save the letter as a draft e-mail (.eml) to the complainant, then log it."""
        name = self.template()
        if name is None or self.made is None or not self.preview.pdf():
            return
        try:
            draft = letters.email_draft(self.env, self.made)
        except KnownError as err:
            problems = err.problems if isinstance(err, ValidationFailed) else [str(err)]
            self.problems.show_problems(problems)
            return
        path, _ = QFileDialog.getSaveFileName(
            self,
            "Save the draft e-mail",
            str(Path.home() / f"{self.reference.replace('/', '-')}-{name}.eml"),
            "E-mail (*.eml)",
        )
        if not path:
            return
        try:
            Path(path).write_bytes(draft)
        except OSError as err:
            self.problems.show_problems([f"Could not write {path}: {err.strerror or err}."])
            return
        self._log("e-mailed (a draft to open and send)", "e-mail")
        QDesktopServices.openUrl(QUrl.fromLocalFile(path))

    def _fill_sent(self) -> None:
        self.sent_list.clear()
        for sent in reversed(self.case.letters):
            if sent.id is None:
                continue
            text = f"{title_of(sent.template)}, {long_date(sent.sent_on)}"
            text += "" if sent.kept else " (PDF not kept)"
            self.sent_list.addItem(text, sent.id)
        self.sent_list.setEnabled(self.sent_list.count() > 0)
        self.open_sent.setEnabled(self.sent_list.count() > 0)

    def show_sent(self) -> None:
        """Show the letter chosen under 'Letters sent before' exactly as it was sent."""
        letter_id = self.sent_list.currentData()
        if letter_id is None:
            return
        try:
            _reference, template, pdf = letters.sent_letter(self.env, int(letter_id))
        except KnownError as err:
            self.problems.show_problems([str(err)])
            return
        SentLetterDialog(self, self.reference, template, pdf).exec()

    # -- logging ----------------------------------------------------------------------------
    def _log(self, how: str, kind: str = "") -> None:
        name = self.template()
        if name is None:
            return
        record = (
            is_acknowledgement(name) and self.record_ack.isEnabled() and self.record_ack.isChecked()
        )
        env, reference, pdf = self.env, self.reference, self.preview.pdf()

        def log() -> None:  # on the window's one write queue; the window answers meanwhile
            letters.log_letter(
                env, reference, name, record_acknowledgement=record, how=kind or how, pdf=pdf
            )

        try:
            save_on_queue(self, log, parts=[self])
            self.case = cases.get(self.env, self.reference)
            self._fill_sent()
        except KnownError as err:
            problems = err.problems if isinstance(err, ValidationFailed) else [str(err)]
            self.problems.show_problems(
                [*problems, "The letter was " + how + " but is NOT logged on the case."]
            )
            return
        self.produced = name
        day = long_date(self.env.today())
        text = f"The {title_of(name).lower()} letter was {how} and logged on the case ({day})."
        if record:
            text += f" {day} is recorded as the acknowledgement date."
        self.status.setText(text)
        self._show_acknowledgement(name)

    @classmethod
    def ask(
        cls, parent: QWidget | None, env: Env, reference: str, preferred: str | None = None
    ) -> str | None:
        """Show the dialog (on ``preferred`` when it fits); the last template produced."""
        dialog = cls(env, reference, parent)
        if preferred:
            dialog.select(preferred)
        dialog.exec()
        return dialog.produced


class SentLetterDialog(QDialog):
    """A letter as it was sent (the PDF kept with the case); printing it again logs nothing."""

    def __init__(self, parent: QWidget | None, reference: str, template: str, pdf: bytes):
        super().__init__(parent)
        self.setWindowTitle(f"{title_of(template)} for {reference}, as sent")
        self.resize(820, 760)
        note = QLabel(
            "This is the letter exactly as it was sent. Printing or saving it again does not "
            "log a new letter.",
            self,
        )
        note.setWordWrap(True)
        self.preview = PdfPreview(self, suggested_name=f"{reference.replace('/', '-')}-sent.pdf")
        self.preview.set_pdf(pdf)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.preview, 1)
        layout.addWidget(buttons)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
