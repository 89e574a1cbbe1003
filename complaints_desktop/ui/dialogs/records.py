"""UI: dialogs that add records to a case — a learning action, a note."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLineEdit, QWidget

from complaints_desktop.domain.errors import ValidationFailed
from complaints_desktop.domain.model import Case, LearningAction
from complaints_desktop.domain.vocab import ACTION_STATUSES
from complaints_desktop.services import cases
from complaints_desktop.ui.dialogs._base import CaseDialog, DateField, Saving, combo, text_box

if TYPE_CHECKING:
    from complaints_desktop.services.env import Env

SOURCES = ("stage 1", "stage 2", "stage 3", "Ombudsman", "other")


class LearningActionDialog(CaseDialog):
    """A service improvement arising from the complaint: added, or (``index`` given)
    moved on — in progress, implemented with evidence and the date, or not implemented
    with the reason."""

    ok_text = "&Add action"

    def __init__(
        self, env: Env, case: Case, parent: QWidget | None = None, index: int | None = None
    ) -> None:
        self.index = index
        existing = case.actions[index] if index is not None else None
        if existing is not None:
            self.ok_text = "&Save action"
        super().__init__(
            env, case, parent, "Learning action" if existing else "Add a learning action"
        )
        stage = case.current_stage
        default = "Ombudsman" if case.ombudsman else (f"stage {stage.number}" if stage else "")
        self.action = text_box(existing.action if existing else "", lines=3)
        self.add_row("&Action:", self.action, "What will change in the service")
        self.source = combo(SOURCES, existing.source if existing else default)
        self.add_row("Arising &from:", self.source)
        self.owner = QLineEdit(existing.owner if existing else "")
        self.add_row("&Owner:", self.owner)
        self.target = DateField(existing.target if existing else None)
        self.add_row("&Target date:", self.target)
        self.status = combo(ACTION_STATUSES, existing.status if existing else "planned")
        self.add_row("&Status:", self.status)
        self.evidence = text_box(existing.evidence if existing else "", lines=2)
        self.add_row("&Evidence:", self.evidence, "What shows it was implemented")
        self.reason = QLineEdit(existing.reason if existing else "")
        self.add_row("&Reason (if not implemented):", self.reason)
        self.completed = DateField(existing.completed if existing else None)
        self.add_row("&Completed on:", self.completed, "The date implemented, or decided not to be")
        if existing is not None:  # what it is stays as agreed; its progress moves on
            for field in (self.action, self.source, self.owner):
                field.setEnabled(False)

    def save(self, case: Case) -> Case | Saving:
        status = self.status.currentData()
        completed = self.completed.date("date completed", required=False)
        target = self.target.date("target date", required=False)
        if self.index is not None:
            return self.write(
                cases.update_action,
                self.env,
                case,
                self.index,
                status,
                self.evidence.toPlainText(),
                self.reason.text(),
                completed,
                target,
            )
        action = LearningAction(
            action=self.action.toPlainText().strip(),
            source=self.source.currentData() or "",
            owner=self.owner.text().strip(),
            target=target,
            status=status,
            reason=self.reason.text().strip(),
            evidence=self.evidence.toPlainText().strip(),
            completed=completed,
        )
        return self.write(cases.add_action, self.env, case, action)

    @classmethod
    def ask(
        cls, parent: QWidget | None, env: Env, case: Case, index: int | None = None
    ) -> Case | None:
        """Show the dialog; the saved case, or None when cancelled."""
        return cls.run_case(cls(env, case, parent, index))


def _note(env: Env, case: Case, text: str) -> Case:
    """Add the note; the case with it (on the write queue)."""
    cases.add_note(env, case, text)
    return cases.get(env, case.reference)


class NoteDialog(CaseDialog):
    """A dated note on the case."""

    ok_text = "&Add note"

    def __init__(self, env: Env, case: Case, parent: QWidget | None = None) -> None:
        super().__init__(env, case, parent, "Add a note")
        self.text = text_box(lines=6)
        self.add_row("&Note:", self.text)

    def save(self, case: Case) -> Case | Saving:
        text = self.text.toPlainText()
        if not text.strip():
            raise ValidationFailed(["A note cannot be empty."])
        return self.write(_note, self.env, case, text)

    @classmethod
    def ask(cls, parent: QWidget | None, env: Env, case: Case) -> Case | None:
        """Show the dialog; the case with the note, or None when cancelled."""
        return cls.run_case(cls(env, case, parent))
