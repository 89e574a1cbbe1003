"""UI: one complaint on one screen — every fact of rules.md §2 and every move as an action.

The view loads the case through ``services.cases``; each action opens a small dialog
whose ``ask`` returns the saved case, which the view then shows. ``case_changed`` says
a change was saved (the main window refreshes its lists). A note being typed is work in
progress: ``has_unsaved_changes`` reports it and ``reload`` keeps it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QMenu,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from complaints_desktop.domain.access import allowed, refusal
from complaints_desktop.domain.deadlines import next_deadline
from complaints_desktop.domain.errors import KnownError, NotFound, ValidationFailed
from complaints_desktop.domain.model import Case
from complaints_desktop.services import access, cases, history
from complaints_desktop.ui.common.errors import describe_error
from complaints_desktop.ui.dialogs._base import ProblemLabel, text_box
from complaints_desktop.ui.dialogs.letter_dialog import LetterDialog
from complaints_desktop.ui.dialogs.ombudsman import RemedyComplianceDialog
from complaints_desktop.ui.drafts import draft_store
from complaints_desktop.ui.views import case_sections as sections
from complaints_desktop.ui.views.case_actions import (
    ACTIONS,
    BY_KEY,
    CaseAction,
    letter_after,
    permission,
)
from complaints_desktop.ui.views.case_documents import KeptFiles
from complaints_desktop.ui.views.case_widgets import label, section
from complaints_desktop.ui.workers import Task, run_in_background, write_queue

if TYPE_CHECKING:
    from complaints_desktop.services.env import Env

DRAFT_MS = 500
"""A note being typed is written to the draft store this long after the last key."""


class CaseView(QWidget):
    """The case screen: header, people, deadlines, stages, … and the action buttons."""

    case_changed = Signal(str)

    def __init__(self, env: Env, reference: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env
        self.reference = reference
        self.case: Case | None = None
        self.saving: Task | None = None  # a note on its way to the database
        self.setAccessibleName(f"Complaint {reference}")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(6, 6, 6, 6)

        bar = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        self.menu_actions: dict[str, QAction] = {}
        for action in ACTIONS:
            if action.main:
                button = QPushButton(action.text)
                button.setAccessibleName(action.text.replace("&", "").rstrip("…"))
                button.clicked.connect(lambda _=False, a=action: self.run_action(a.key))
                bar.addWidget(button)
                self.buttons[action.key] = button
        self.letters_button = QPushButton("L&etters…")
        self.letters_button.setAccessibleName("Letters")
        self.letters_button.setToolTip("Preview, print or save the letters that fit this case")
        self.letters_button.clicked.connect(self.open_letters)
        bar.addWidget(self.letters_button)
        bar.addStretch(1)
        # A push button with a menu: its arrow sits beside the text (a tool button's was
        # drawn over the last letter).
        self.more = QPushButton("&More actions")
        self.more.setAccessibleName("More actions")
        menu = QMenu(self.more)
        for action in ACTIONS:
            item = QAction(action.text, self)
            if action.shortcut:
                item.setShortcut(QKeySequence(action.shortcut))
                item.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                self.addAction(item)
            item.triggered.connect(lambda _=False, a=action: self.run_action(a.key))
            if not action.main:
                menu.addAction(item)
            self.menu_actions[action.key] = item
        menu.addSeparator()
        self.letters_action = menu.addAction("Le&tters…")
        self.letters_action.triggered.connect(self.open_letters)
        reload_action = QAction("Re&load", self)
        reload_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
        reload_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        reload_action.triggered.connect(self.reload)
        self.addAction(reload_action)
        menu.addAction(reload_action)
        self.more.setMenu(menu)
        bar.addWidget(self.more)
        outer.addLayout(bar)

        self.problems = ProblemLabel(self)
        outer.addWidget(self.problems)
        self.message = label("", "Message")
        self.message.hide()
        self.offer_button = QPushButton("&Make the letter…")
        self.offer_button.setAccessibleName("Make the letter that goes with this step")
        self.offer_button.clicked.connect(self.make_offered_letter)
        self.offer_button.hide()
        self.offered: str | None = None
        message_row = QHBoxLayout()
        message_row.addWidget(self.message, 1)
        message_row.addWidget(self.offer_button)
        outer.addLayout(message_row)

        self.scroller = QScrollArea()
        self.scroller.setWidgetResizable(True)
        self.scroller.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        outer.addWidget(self.scroller, 1)

        self.note_box, note_layout = section("Add a note")
        self.note_text = text_box(lines=2)
        self.note_text.setAccessibleName("New note")
        self.note_text.setPlaceholderText("Type a note and press Save note (Ctrl+Enter)")
        row = QHBoxLayout()
        row.addWidget(self.note_text, 1)
        self.note_button = QPushButton("Sa&ve note")
        self.note_button.clicked.connect(self.save_note)
        self.note_text.installEventFilter(self)
        row.addWidget(self.note_button)
        note_layout.addLayout(row)
        self.restrict_action = QAction("Re&strict access…", self)
        self.restrict_action.triggered.connect(self.restrict)
        menu.addAction(self.restrict_action)
        self.restricted_label = label("", "Restricted")
        self.restricted_label.hide()
        outer.insertWidget(1, self.restricted_label)
        self.reload()
        self._keep_drafts()

    def _keep_drafts(self) -> None:
        """The note being typed is kept on disk (ui/drafts.py) until it is saved or the
        tab is closed; after a crash it is back in the box at the next start."""
        store = draft_store(self)
        if store is None:
            return
        key = f"note:{self.reference}"
        kept = store.get(key)
        if kept and not self.note_text.toPlainText():
            self.note_text.setPlainText(kept)
            self.message.setText(
                "The note you were typing when the app last closed is back in the box: "
                "save it, or clear it."
            )
            self.message.show()
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(DRAFT_MS)
        timer.timeout.connect(lambda: store.put(key, self.note_text.toPlainText()))
        self.note_text.textChanged.connect(timer.start)
        self.destroyed.connect(lambda *_: store.drop(key))  # closed: asked first if typed

    # -- loading and showing -------------------------------------------------------------
    def reload(self) -> None:
        """Load the case again (a note being typed is kept)."""
        try:
            self.case = cases.get(self.env, self.reference)
            entries = history.case_history(self.env, self.reference)
        except NotFound as err:
            self._show_failure(str(err))
            return
        except KnownError as err:
            self._show_failure(f"{err} The case could not be opened; press F5 to try again.")
            return
        self.problems.show_problems([])
        self._render(self.case, entries)

    def _show_failure(self, text: str) -> None:
        self.problems.show_problems([text])
        for button in self.buttons.values():
            button.setEnabled(False)
        for item in self.menu_actions.values():
            item.setEnabled(False)

    def _render(self, case: Case, entries: list[history.HistoryEntry]) -> None:
        settings, cal, today = self.env.settings(), self.env.calendar(), self.env.today()
        found = cases.deadlines(self.env, case)
        upcoming = next_deadline(case, settings, cal, today)
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addWidget(sections.header(case, upcoming, today))
        layout.addWidget(sections.people(case))
        layout.addWidget(sections.deadlines(found, today))
        layout.addWidget(sections.timeline(case, found))
        layout.addWidget(sections.elements(case))
        row = QHBoxLayout()
        row.addWidget(sections.advocacy(case), 1)
        row.addWidget(sections.remedies(case), 1)
        layout.addLayout(row)
        layout.addWidget(sections.ombudsman(case, self.record_compliance))
        layout.addWidget(sections.learning(case))
        layout.addWidget(sections.letters(case))
        self.kept_files = KeptFiles(self.env, case.reference)
        layout.addWidget(self.kept_files)
        notes, notes_layout = section("Notes")
        notes_layout.addWidget(sections.notes_table(case))
        notes_layout.addWidget(self.note_box)
        layout.addWidget(notes)
        layout.addWidget(sections.history(entries))
        layout.addStretch(1)
        old = self.scroller.takeWidget()  # the note box already moved to the new content
        if old is not None:
            old.deleteLater()
        self.scroller.setWidget(content)
        for action in ACTIONS:
            enabled = action.applies(case, settings)
            if action.key in self.buttons:
                self.buttons[action.key].setEnabled(enabled)
                self.buttons[action.key].setVisible(
                    enabled or action.key not in ("suspend", "resume")
                )
            self.menu_actions[action.key].setEnabled(enabled)
        self._apply_role(case)

    def _apply_role(self, case: Case) -> None:
        """Disable what the user's role does not allow, saying why in the tooltip."""
        role = access.current(self.env).role
        for action in ACTIONS:
            need = permission(action.key)
            if not allowed(role, need):
                for widget in (self.buttons.get(action.key), self.menu_actions[action.key]):
                    if widget is not None:
                        widget.setEnabled(False)
                        widget.setToolTip(refusal(role, need))
        extra: list[tuple[str, list[Any]]] = [
            ("note", [self.note_button, self.note_text]),
            ("letters", [getattr(self, "letters_button", None)]),
            ("restrict", [self.restrict_action]),
        ]
        for need, widgets in extra:
            for widget in widgets:
                if widget is not None:
                    widget.setEnabled(allowed(role, need))
                    widget.setToolTip("" if allowed(role, need) else refusal(role, need))
        notes = []
        if not allowed(role, "note"):
            notes.append(
                f"Read only: your role ({role}) changes nothing here; an administrator can "
                "change roles in Settings > Users."
            )
        if case.restricted:
            _, named = access.access_list(self.env, case.reference)
            notes.append(
                "Restricted: only these people can see this complaint: "
                + (", ".join(named) or "administrators")
                + ". Each opening is recorded in the audit trail."
            )
        self.restricted_label.setText(" ".join(notes))
        self.restricted_label.setVisible(bool(notes))

    def restrict(self) -> None:
        """Choose who may see this complaint (managers and administrators)."""
        if self.case is None:
            return
        from complaints_desktop.ui.dialogs import restrict as restrict_dialog

        try:
            named = restrict_dialog.ask(self, self.env, self.reference)
        except KnownError as err:
            self.problems.show_problems([str(err)])
            return
        if named is None:
            return
        self.message.setText(
            f"Only {', '.join(named)} can now see this complaint."
            if named
            else "This complaint is no longer restricted."
        )
        self.message.show()
        self.reload()
        self.case_changed.emit(self.reference)

    # -- actions --------------------------------------------------------------------------
    def action(self, key: str) -> CaseAction:
        """The action called ``key``."""
        return BY_KEY[key]

    def run_action(self, key: str) -> None:
        """Open the action's dialog; show the saved case and say it changed."""
        if self.case is None:
            return
        dialog = BY_KEY[key].dialog()
        saved = dialog.ask(self, self.env, self.case)  # type: ignore[attr-defined]
        self._saved(saved)
        if saved is not None:
            self.offer_letter(letter_after(key, saved))

    def offer_letter(self, template: str | None) -> None:
        """After a move is saved, offer the letter that goes with it."""
        self.offered = template
        self.offer_button.setVisible(template is not None)
        if template is None:
            return
        from complaints_desktop.ui.dialogs.letter_dialog import title_of

        self.message.setText(
            f"Saved. The {title_of(template).lower()} letter goes with this step: make it "
            "now, or later with the Letters button."
        )
        self.message.show()
        self.offer_button.setFocus()

    def make_offered_letter(self) -> None:
        """Open the Letters dialog on the letter offered after the last move."""
        if self.offered is None:
            return
        try:
            produced = LetterDialog.ask(self, self.env, self.reference, self.offered)
        except KnownError as err:
            self.problems.show_problems([str(err)])
            return
        self.offer_button.hide()
        if produced is not None:
            self.message.setText("The letter is logged on the case (see Letters sent below).")
            self.reload()
            self.case_changed.emit(self.reference)

    def record_compliance(self, index: int) -> None:
        """Compliance with Ombudsman remedy ``index``."""
        if self.case is not None:
            self._saved(RemedyComplianceDialog.ask(self, self.env, self.case, index))

    def _saved(self, saved: Case | None) -> None:
        if saved is None:
            return
        self.case = saved
        self.message.hide()
        self.offer_button.hide()
        self._render(saved, history.case_history(self.env, self.reference))
        self.case_changed.emit(self.reference)

    def save_note(self) -> None:
        """Save the note typed in the note box."""
        if self.case is None or self.saving is not None:
            return
        env, case, text = self.env, self.case, self.note_text.toPlainText()
        if not text.strip():
            self.problems.show_problems(["A note cannot be empty."])
            return
        self.note_text.setReadOnly(True)
        self.note_button.setEnabled(False)
        self.problems.show_problems([])
        self.message.setText("Saving the note…")
        self.message.show()

        def saved(_result: object) -> None:
            self._note_done()
            self.message.hide()
            self.note_text.clear()
            store = draft_store(self)
            if store is not None:
                store.drop(f"note:{self.reference}")
            self.reload()
            self.case_changed.emit(self.reference)
            self.note_text.setFocus()

        def failed(err: BaseException) -> None:
            self._note_done()
            self.message.hide()
            if isinstance(err, ValidationFailed):
                self.problems.show_problems(err.problems)
            elif isinstance(err, KnownError):
                self.problems.show_problems([f"{err} Your note is still in the box."])
            else:
                said = describe_error(err)
                self.problems.show_problems([f"{said} Your note is still in the box."])

        # On the window's one write queue: the window answers while it waits its turn
        # (behind an import, say) and while it saves.
        self.saving = run_in_background(
            lambda _t: cases.add_note(env, case, text),
            saved,
            failed,
            pool=write_queue(self),
            parent=self,
        )

    def _note_done(self) -> None:
        self.saving = None
        self.note_text.setReadOnly(False)
        self.note_button.setEnabled(True)

    def open_letters(self) -> None:
        """Open the Letters dialog; once a letter was produced, show the logged case."""
        if self.case is None:
            return
        try:
            produced = LetterDialog.ask(self, self.env, self.reference)
        except KnownError as err:
            self.problems.show_problems([str(err)])
            return
        if produced is None:
            return
        self.message.setText("The letter is logged on the case (see Letters sent below).")
        self.message.show()
        self.reload()
        self.case_changed.emit(self.reference)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Ctrl+Enter in the note box saves the note."""
        if (
            watched is self.note_text
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.save_note()
            return True
        return super().eventFilter(watched, event)

    def has_unsaved_changes(self) -> bool:
        """True while a note is typed but not saved."""
        return bool(self.note_text.toPlainText().strip())
