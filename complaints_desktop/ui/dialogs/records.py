"""UI: dialogs that add records to a case — a learning action, a note."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLineEdit, QWidget

from complaints_desktop.domain.errors import ValidationFailed
from complaints_desktop.domain.model import Case, LearningAction
from complaints_desktop.domain.vocab import ACTION_STATUSES
from complaints_desktop.services import cases
from complaints_desktop.ui.dialogs._base import CaseDialog, DateField, combo, text_box

SOURCES = ("stage 1", "stage 2", "stage 3", "Ombudsman", "other")


class LearningActionDialog(CaseDialog):
    """A service improvement arising from the complaint."""

    ok_text = "&Add action"

    def __init__(self, env: Any, case: Case, parent: QWidget | None = None) -> None:
        super().__init__(env, case, parent, "Add a learning action")
        stage = case.current_stage
        default = "Ombudsman" if case.ombudsman else (f"stage {stage.number}" if stage else "")
        self.action = text_box(lines=3)
        self.add_row("&Action:", self.action, "What will change in the service")
        self.source = combo(SOURCES, default)
        self.add_row("Arising &from:", self.source)
        self.owner = QLineEdit()
        self.add_row("&Owner:", self.owner)
        self.target = DateField()
        self.add_row("&Target date:", self.target)
        self.status = combo(ACTION_STATUSES, "planned")
        self.add_row("&Status:", self.status)
        self.reason = QLineEdit()
        self.add_row("&Reason (if not implemented):", self.reason)
        self.evidence = QLineEdit()
        self.add_row("&Evidence:", self.evidence)

    def save(self, case: Case) -> Case:
        action = LearningAction(
            action=self.action.toPlainText().strip(),
            source=self.source.currentData() or "",
            owner=self.owner.text().strip(),
            target=self.target.date("target date", required=False),
            status=self.status.currentData(),
            reason=self.reason.text().strip(),
            evidence=self.evidence.text().strip(),
        )
        return cases.add_action(self.env, case, action)

    @classmethod
    def ask(cls, parent: QWidget | None, env: Any, case: Case) -> Case | None:
        """Show the dialog; the saved case, or None when cancelled."""
        return cls.run_case(cls(env, case, parent))


class NoteDialog(CaseDialog):
    """A dated note on the case."""

    ok_text = "&Add note"

    def __init__(self, env: Any, case: Case, parent: QWidget | None = None) -> None:
        super().__init__(env, case, parent, "Add a note")
        self.text = text_box(lines=6)
        self.add_row("&Note:", self.text)

    def save(self, case: Case) -> Case:
        text = self.text.toPlainText()
        if not text.strip():
            raise ValidationFailed(["A note cannot be empty."])
        cases.add_note(self.env, case, text)
        return cases.get(self.env, case.reference)

    @classmethod
    def ask(cls, parent: QWidget | None, env: Any, case: Case) -> Case | None:
        """Show the dialog; the case with the note, or None when cancelled."""
        return cls.run_case(cls(env, case, parent))
