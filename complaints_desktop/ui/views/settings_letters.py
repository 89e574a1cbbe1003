"""UI: the "Letter wording" settings tab — edit a template's text, preview it, save, restore.

Saving goes through ``services.letters.save_template``, which refuses unknown
placeholders (naming them), broken ``[if]`` blocks and wording that drops content the
rules require; the refusal is shown here and the text is kept.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from complaints_desktop.domain.access import refusal
from complaints_desktop.domain.errors import KnownError, ValidationFailed
from complaints_desktop.services import access, letters
from complaints_desktop.ui.dialogs._base import ProblemLabel
from complaints_desktop.ui.saving import save_on_queue
from complaints_desktop.ui.views.pdf_preview import PdfPreview

if TYPE_CHECKING:
    from complaints_desktop.services.env import Env

HELP = (
    "Click a placeholder to put it where the cursor is. Lines [if child] … [else] … [end] "
    "keep or drop text; # starts a heading, - a bullet, **words** are bold."
)


class LetterWordingPage(QWidget):
    """Pick a letter, edit its wording, preview it for a case, save or restore it."""

    def __init__(self, env: Env, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env
        self._saved_text = ""
        self._name = ""
        self.may_edit = True
        self.refusal = ""
        self.choice = QComboBox(self)
        self.choice.setAccessibleName("Letter")
        for name, kind in letters.LETTERS.items():
            self.choice.addItem(kind.title, name)
        choice_label = QLabel("&Letter:", self)
        choice_label.setBuddy(self.choice)
        self.edited_note = QLabel(self)

        self.editor = QPlainTextEdit(self)
        self.editor.setAccessibleName("Wording")
        self.editor.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.placeholders = QListWidget(self)
        self.placeholders.setAccessibleName("Placeholders you can use")
        self.placeholders.setWordWrap(True)
        self.placeholders.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.placeholders.itemClicked.connect(self.insert)
        side = QWidget(self)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_label = QLabel("Placeholders and conditions:", side)
        hint = QLabel(HELP, side)
        hint.setWordWrap(True)
        side_layout.addWidget(side_label)
        side_layout.addWidget(self.placeholders, 1)
        side_layout.addWidget(hint)

        self.reference = QLineEdit(self)
        self.reference.setAccessibleName("Case reference for the preview")
        self.reference.setPlaceholderText("e.g. CSC/26/0001")
        ref_label = QLabel("Preview for &case:", self)
        ref_label.setBuddy(self.reference)
        self.preview_button = QPushButton("Pre&view", self)
        self.preview_button.clicked.connect(self.show_preview)
        self.save_button = QPushButton("&Save wording", self)
        self.save_button.clicked.connect(self.save)
        self.restore_button = QPushButton("&Restore the shipped wording…", self)
        self.restore_button.clicked.connect(self.restore)
        self.problems = ProblemLabel(self)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setAccessibleName("What happened")
        self.preview = PdfPreview(self, suggested_name="letter-preview.pdf")

        head = QHBoxLayout()
        head.addWidget(choice_label)
        head.addWidget(self.choice, 1)
        head.addWidget(self.edited_note)
        edit_area = QSplitter(Qt.Orientation.Horizontal, self)
        edit_area.addWidget(self.editor)
        edit_area.addWidget(side)
        edit_area.addWidget(self.preview)
        edit_area.setSizes([520, 300, 420])
        bar = QHBoxLayout()
        bar.addWidget(ref_label)
        bar.addWidget(self.reference)
        bar.addWidget(self.preview_button)
        bar.addStretch(1)
        bar.addWidget(self.save_button)
        bar.addWidget(self.restore_button)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(edit_area, 1)
        layout.addLayout(bar)
        layout.addWidget(self.problems)
        layout.addWidget(self.status)
        self.choice.currentIndexChanged.connect(self._switch)
        self.load(self.template())
        if not access.may(env, "templates"):  # read and preview only
            self.editor.setReadOnly(True)
            self.placeholders.setEnabled(False)
            self.save_button.setEnabled(False)
            self.restore_button.setEnabled(False)
            self.may_edit = False
            self.refusal = refusal(access.current(env).role, "templates")
            self.status.setText(self.refusal)

    def template(self) -> str:
        """The letter chosen."""
        return str(self.choice.currentData())

    def _fill_placeholders(self, name: str) -> None:
        """The placeholders and conditions letter ``name`` may use, each with its meaning."""
        for_contacts = letters.LETTERS[name].audience == "contact"
        self.placeholders.clear()
        for key, words in letters.PLACEHOLDERS.items():
            if key.startswith("contact.") and not for_contacts:
                continue
            item = QListWidgetItem(f"{{{key}}} — {words}")
            item.setData(Qt.ItemDataRole.UserRole, f"{{{key}}}")
            item.setToolTip(words)
            self.placeholders.addItem(item)
        for key, words in letters.CONDITIONS.items():
            item = QListWidgetItem(f"[if {key}] — {words}")
            item.setData(Qt.ItemDataRole.UserRole, f"[if {key}]\n\n[end]\n")
            item.setToolTip(words)
            self.placeholders.addItem(item)

    def load(self, name: str) -> None:
        """Show the wording in use for ``name``."""
        self._name = name
        self._fill_placeholders(name)
        try:
            self._saved_text = letters.template_text(self.env, name)
            edited = letters.is_edited(self.env, name)
        except KnownError as err:
            self.problems.show_problems([str(err)])
            return
        self.editor.setPlainText(self._saved_text)
        self.edited_note.setText(
            "Wording edited by your team" if edited else "Shipped wording (not edited)"
        )
        self.restore_button.setEnabled(edited and self.may_edit)
        self.problems.show_problems([])
        self.status.setText(
            self.refusal or "To see this wording as a letter, type a case reference, press Preview."
        )
        self.preview.set_pdf(b"")

    def has_unsaved_changes(self) -> bool:
        """True while the wording differs from what is saved."""
        return self.editor.toPlainText() != self._saved_text

    def _switch(self, _index: int) -> None:
        new = self.template()
        if new == self._name:
            return
        if self.has_unsaved_changes() and not self.confirm_discard():
            self.choice.blockSignals(True)
            self.choice.setCurrentIndex(self.choice.findData(self._name))
            self.choice.blockSignals(False)
            return
        self.load(new)

    def confirm_discard(self) -> bool:
        """Ask before dropping unsaved wording (tests replace this)."""
        title = letters.LETTERS[self._name].title.lower()
        answer = QMessageBox.question(
            self,
            "Unsaved wording",
            f"You have changed the wording of the {title} letter without saving. "
            "Discard your changes?",
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Discard

    def insert(self, item: QListWidgetItem) -> None:
        """Put the clicked placeholder (or condition) where the cursor is."""
        self.editor.insertPlainText(str(item.data(Qt.ItemDataRole.UserRole)))
        self.editor.setFocus()

    def show_preview(self) -> None:
        """The letter as this (unsaved) wording would print it for the chosen case."""
        reference = self.reference.text().strip()
        if not reference:
            self.problems.show_problems(["Type a case reference to preview the letter for."])
            return
        try:
            data = letters.preview(self.env, self._name, self.editor.toPlainText(), reference)
        except ValidationFailed as err:
            self.problems.show_problems(err.problems)
            self.preview.set_pdf(b"")
            return
        except KnownError as err:
            self.problems.show_problems([str(err)])
            self.preview.set_pdf(b"")
            return
        self.problems.show_problems([])
        self.preview.set_pdf(data)
        self.status.setText(f"Preview for {reference} (not saved, nothing logged).")

    def save(self) -> bool:
        """Save the wording; a refusal is shown and the text kept."""
        text = self.editor.toPlainText()
        try:
            save_on_queue(  # the window answers while it waits its turn (an import)
                self,
                functools.partial(letters.save_template, self.env, self._name, text),
                button=self.save_button,
            )
        except ValidationFailed as err:
            self.problems.show_problems([*err.problems, "Nothing was saved."])
            return False
        except KnownError as err:
            self.problems.show_problems([str(err), "Nothing was saved."])
            return False
        self._saved_text = text
        self.problems.show_problems([])
        self.edited_note.setText("Wording edited by your team")
        self.restore_button.setEnabled(True)
        self.status.setText("Saved. New letters use this wording.")
        return True

    def restore(self) -> None:
        """Bring back the shipped wording, after asking."""
        if not self.confirm_restore():
            return
        try:
            save_on_queue(
                self,
                functools.partial(letters.restore_template, self.env, self._name),
                button=self.restore_button,
            )
        except KnownError as err:
            self.problems.show_problems([str(err)])
            return
        self.load(self._name)
        self.status.setText("The shipped wording is back. New letters use it.")

    def confirm_restore(self) -> bool:
        """Ask before restoring (tests replace this)."""
        title = letters.LETTERS[self._name].title.lower()
        answer = QMessageBox.question(
            self,
            "Restore the shipped wording",
            f"Replace your team's wording of the {title} letter with the wording the "
            "application came with? Your wording will be lost.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes
