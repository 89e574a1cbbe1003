"""UI: a compliment, enquiry or other contact — logged, opened, edited, answered by letter.

``ContactDialog.ask(parent, env)`` logs a new one; ``ContactDialog.ask(parent, env,
contact)`` opens one to edit: its teams, who it came from, the name, title, address and
e-mail a reply goes to, and the date it was answered. ``write_letter`` saves the reply
(the compliment thank-you, the MP or councillor reply) as a PDF and logs it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QCheckBox, QFileDialog, QLineEdit, QPushButton, QWidget

from complaints_desktop.domain.errors import KnownError, ValidationFailed
from complaints_desktop.domain.model import Contact
from complaints_desktop.domain.vocab import CHANNELS, CONTACT_KINDS
from complaints_desktop.ui.dialogs._base import (
    DateField,
    FormDialog,
    combo,
    text_box,
    widget_state,
)
from complaints_desktop.ui.dialogs.case_fields import CheckList

if TYPE_CHECKING:
    from complaints_desktop.services.env import Env

TITLES = ("Ms", "Mr", "Mrs", "Miss", "Mx", "Dr", "Cllr", "Rt Hon")


class ContactDialog(FormDialog):
    """Log or edit a contact; the contact saved is the dialog's value."""

    def __init__(
        self, env: Env, contact: Contact | None = None, parent: QWidget | None = None
    ) -> None:
        from complaints_desktop.services import settings

        self.ok_text = "&Save" if contact is not None else "&Log contact"
        title = f"Contact {contact.reference}" if contact is not None else "New contact"
        super().__init__(parent, title)
        self.env = env
        self.contact = contact
        today = env.today()
        self.kind = combo(CONTACT_KINDS, contact.kind if contact else "compliment")
        self.add_row("&Kind:", self.kind)
        self.received = DateField(contact.received if contact else today)
        self.add_row("&Received:", self.received)
        self.channel = combo(CHANNELS, contact.channel if contact else "", blank="—")
        self.add_row("C&hannel:", self.channel)
        self.from_field = QLineEdit(contact.sender if contact else "")
        self.add_row(
            "&From:", self.from_field, "Who it came from: parent, professional, MP's office…"
        )
        self.title_box = combo(TITLES, contact.title if contact else "", blank="—")
        self.title_box.setEditable(True)
        self.add_row("&Title:", self.title_box, "Used after 'Dear' with the surname")
        self.name = QLineEdit(contact.name if contact else "")
        self.add_row("&Name:", self.name, "The person a reply goes to")
        self.address = text_box(contact.address if contact else "", lines=3)
        self.add_row("A&ddress:", self.address, "One line each, postcode last")
        self.email = QLineEdit(contact.email if contact else "")
        self.add_row("&E-mail:", self.email)
        teams = [n for n, retired in settings.vocabulary(env, "team") if not retired]
        chosen = contact.teams if contact else []
        self.teams = CheckList(teams + [t for t in chosen if t not in teams], chosen, "Teams")
        self.add_row("Tea&ms:", self.teams, "Space ticks a team")
        self.summary = text_box(contact.summary if contact else "", lines=3)
        self.add_row("&Summary:", self.summary)
        themes = [n for n, retired in settings.vocabulary(env, "compliment_theme") if not retired]
        marked = (contact.themes or []) if contact else []
        self.themes = CheckList(themes, marked, "Compliment themes", rows=4)
        self.add_row(
            "Com&pliment themes:",
            self.themes,
            "What a compliment praised (Space ticks); the annual report counts compliments "
            "by theme",
        )
        self.quote = QCheckBox("Sender agreed: may be quoted in reports")
        self.quote.setChecked(bool(contact.quote_consent) if contact else False)
        self.add_row(
            "&Quote:",
            self.quote,
            "A compliment's summary is printed in the annual report only when this is "
            "ticked; leave out the names of children and families",
        )
        self.responded = DateField(contact.responded if contact else None)
        self.add_row("Ans&wered on:", self.responded, "The date the reply was sent")
        self.letter_button = QPushButton("Reply by &letter…")
        self.letter_button.setVisible(contact is not None)
        self.letter_button.clicked.connect(self.letter)
        self.buttons.addButton(self.letter_button, self.buttons.ButtonRole.ActionRole)
        self.letter_note = ""

    def read(self) -> Contact:
        """The contact as filled in (InputProblem for an unreadable date)."""
        base = self.contact
        return Contact(
            kind=self.kind.currentData() or "",
            received=self.received.date("date received"),  # type: ignore[arg-type]
            reference=base.reference if base else "",
            teams=self.teams.ticked(),
            channel=self.channel.currentData() or "",
            sender=self.from_field.text(),
            summary=self.summary.toPlainText(),
            responded=self.responded.date("date answered", required=False),
            name=self.name.text(),
            title=self.title_box.currentText().strip(" —"),
            address=self.address.toPlainText(),
            email=self.email.text(),
            quote_consent=self.quote.isChecked(),
            themes=self.themes.ticked(),
            version=base.version if base else 0,
            id=base.id if base else None,
        )

    def submit(self) -> Contact:
        """Log or save the contact (on the window's write queue; the window answers)."""
        from complaints_desktop.services import contacts

        save = contacts.create if self.contact is None else contacts.edit
        saved: Contact = self.on_write_queue(self.write(save, self.env, self.read()))
        return saved

    def letter(self) -> None:
        """Save what was typed, then the reply letter as a PDF (logged on the contact)."""
        from complaints_desktop.services import letters

        if not self.attempt():
            return
        saved: Contact = self.value
        self.contact = saved
        self._start = widget_state(self)  # what is saved is the new starting point
        templates = letters.templates_for(saved)
        if not templates:
            self.problems.show_problems(["There is no reply letter for this kind of contact."])
            return
        path = self.ask_path(saved.reference.replace("/", "-") + f"-{templates[0]}.pdf")
        if not path:
            return
        try:
            self.on_write_queue(  # it is logged on the contact: one writer
                self.write(
                    letters.write_letter, self.env, saved.reference, templates[0], Path(path)
                )
            )
        except ValidationFailed as err:
            self.problems.show_problems(err.problems)
            return
        except KnownError as err:
            self.problems.show_problems([str(err)])
            return
        self.letter_note = path
        self.problems.show_problems([])

    def ask_path(self, suggested: str) -> str:
        """Where to save the letter (a test replaces this)."""
        name, _ = QFileDialog.getSaveFileName(self, "Save the letter", suggested, "PDF (*.pdf)")
        return name

    @classmethod
    def ask(cls, parent: QWidget | None, env: Env, contact: Contact | None = None) -> Any:
        """Show the form; the contact saved, or None when cancelled."""
        return cls.run(cls(env, contact, parent))
