"""UI: field groups shared by the new-complaint flow and the edit-details dialog.

People, the child, what the complaint is about (teams, types, elements), advocacy and
equality monitoring. Each group fills itself from domain objects and reads them back,
raising ``InputProblem`` for text it cannot read.
"""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QWidget,
)

from complaints_desktop.domain.errors import ValidationFailed
from complaints_desktop.domain.model import Advocacy, Child, Element, Person
from complaints_desktop.domain.vocab import ADVOCACY_DECISIONS, EQUALITY
from complaints_desktop.ui.dialogs._base import DateField, combo, text_box

CONTACT_METHODS = ("email", "telephone", "letter", "text message")
FORMATS = ("standard", "large print", "easy read", "braille", "audio", "translated")
TITLES = ("Ms", "Mr", "Mrs", "Miss", "Mx", "Dr")


def _row(form: QFormLayout, label: str, widget: QWidget, tip: str = "") -> QWidget:
    from PySide6.QtWidgets import QLabel

    caption = QLabel(label)
    caption.setBuddy(widget)
    widget.setAccessibleName(label.replace("&", "").rstrip(":"))
    if tip:
        widget.setToolTip(tip)
        widget.setAccessibleDescription(tip)
    form.addRow(caption, widget)
    return widget


class PersonFields(QWidget):
    """The complainant's name and how to reach them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        self.form = form
        self.person_id: int | None = None
        self.title = combo(TITLES, blank="none (greet by full name)")
        _row(form, "&Title:", self.title, "How letters greet them: 'Dear Ms Khan'")
        self.name = QLineEdit()
        _row(form, "&Name:", self.name)
        self.address = text_box(lines=3)
        _row(form, "Add&ress:", self.address)
        self.email = QLineEdit()
        _row(form, "&E-mail:", self.email)
        self.phone = QLineEdit()
        _row(form, "&Phone:", self.phone)
        self.contact = combo(CONTACT_METHODS, blank="not stated")
        _row(form, "Pre&ferred contact:", self.contact)
        self.format = combo(FORMATS, blank="not stated")
        _row(form, "Letter f&ormat:", self.format)
        self.language = QLineEdit()
        _row(form, "Lan&guage:", self.language, "If not English")

    def load(self, p: Person) -> None:
        """Show ``p``."""
        self.person_id = p.id
        _choose(self.title, p.title)
        self.name.setText(p.name)
        self.address.setPlainText(p.address)
        self.email.setText(p.email)
        self.phone.setText(p.phone)
        _choose(self.contact, p.preferred_contact)
        _choose(self.format, p.preferred_format)
        self.language.setText(p.language)

    def read(self) -> Person:
        """The person as typed (the known person's id when one was picked and kept)."""
        return Person(
            id=self.person_id,
            name=" ".join(self.name.text().split()),
            address=self.address.toPlainText().strip(),
            email=self.email.text().strip(),
            phone=self.phone.text().strip(),
            preferred_contact=self.contact.currentData() or "",
            preferred_format=self.format.currentData() or "",
            language=self.language.text().strip(),
            title=self.title.currentData() or "",
        )


class ChildFields(QWidget):
    """The child or young person the complaint concerns."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        self.form = form
        self.child_id: int | None = None
        self.name = QLineEdit()
        _row(form, "Child's na&me:", self.name)
        self.dob = DateField()
        _row(form, "Date of &birth:", self.dob)
        self.system_id = QLineEdit()
        _row(form, "Social-care &ID:", self.system_id, "The child's ID in the case system")

    def load(self, c: Child) -> None:
        """Show ``c``."""
        self.child_id = c.id
        self.name.setText(c.name)
        self.dob.set_date(c.dob)
        self.system_id.setText(c.system_id)

    def read(self) -> Child:
        """The child as typed."""
        return Child(
            id=self.child_id,
            name=" ".join(self.name.text().split()),
            dob=self.dob.date("child's date of birth", required=False),
            system_id=self.system_id.text().strip(),
        )


class CheckList(QListWidget):
    """A list of names to tick (Space ticks); keeps the order ticked for the lead choice."""

    def __init__(self, names: list[str], ticked: list[str], label: str, rows: int = 5) -> None:
        super().__init__()
        self.setAccessibleName(label)
        for name in [*names, *[t for t in ticked if t not in names]]:
            item = QListWidgetItem(name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if name in ticked else Qt.CheckState.Unchecked)
            self.addItem(item)
        self.order = [t for t in ticked]
        self.itemChanged.connect(self._changed)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        for i in range(self.count()):
            self.item(i).setToolTip(self.item(i).text())
        line = max(self.sizeHintForRow(0), self.fontMetrics().height() + 4) if self.count() else 20
        self.setFixedHeight(line * min(max(self.count(), 2), rows) + 2 * self.frameWidth() + 2)

    def _changed(self, item: QListWidgetItem) -> None:
        name = item.text()
        if item.checkState() == Qt.CheckState.Checked and name not in self.order:
            self.order.append(name)
        elif item.checkState() != Qt.CheckState.Checked and name in self.order:
            self.order.remove(name)

    def ticked(self) -> list[str]:
        """Names ticked, in the order they were ticked (first = lead)."""
        return list(self.order)

    def tick(self, name: str) -> None:
        """Tick ``name`` (for code and tests)."""
        for i in range(self.count()):
            if self.item(i).text() == name:
                self.item(i).setCheckState(Qt.CheckState.Checked)


class ElementsEdit(QPlainTextEdit):
    """The elements of a complaint, one per line."""

    def __init__(self, elements: list[Element] | None = None) -> None:
        super().__init__("\n".join(e.text for e in elements or []))
        self.setTabChangesFocus(True)
        self.setPlaceholderText("One element per line, e.g.\nSocial worker did not return calls")
        self.setFixedHeight(self.fontMetrics().lineSpacing() * 5 + 14)
        self.original = list(elements or [])

    def read(self) -> list[Element]:
        """Elements typed; existing ones (with their findings) kept by their text."""
        lines = [" ".join(line.split()) for line in self.toPlainText().splitlines()]
        lines = [line for line in lines if line]
        by_text = {e.text: e for e in self.original}
        dropped = [e for e in self.original if e.text not in lines and e.findings]
        if dropped:
            raise ValidationFailed(
                [
                    f"Element {e.text!r} has findings recorded and cannot be removed."
                    for e in dropped
                ]
            )
        return [by_text.get(line) or Element(text=line) for line in lines]


class AdvocacyFields(QWidget):
    """Advocacy for the complainant: offered, decision, provider, referral, advocate."""

    def __init__(self, providers: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        self.offered = DateField()
        _row(form, "Advocacy o&ffered on:", self.offered)
        self.decision = combo(ADVOCACY_DECISIONS, blank="not yet decided")
        _row(form, "&Decision:", self.decision)
        self.provider = combo(providers, blank="—")
        _row(form, "Pro&vider:", self.provider)
        self.referral = DateField()
        _row(form, "Re&ferred on:", self.referral)
        self.advocate = QLineEdit()
        _row(form, "Advocate's na&me:", self.advocate)

    def load(self, a: Advocacy) -> None:
        """Show ``a``."""
        self.offered.set_date(a.offered)
        _choose(self.decision, a.decision)
        _choose(self.provider, a.provider)
        self.referral.set_date(a.referral)
        self.advocate.setText(a.advocate_name)

    def read(self, used: bool | None = None) -> Advocacy:
        """Advocacy as typed; ``used`` is yes when accepted (or a referral was made)."""
        decision = self.decision.currentData() or ""
        referral = self.referral.date("advocacy referral date", required=False)
        if used is None and decision:
            used = decision == "accepted" or referral is not None
        return Advocacy(
            used=used,
            offered=self.offered.date("date advocacy was offered", required=False),
            decision=decision,
            provider=self.provider.currentData() or "",
            referral=referral,
            advocate_name=self.advocate.text().strip(),
        )


class EqualityFields(QWidget):
    """Equality monitoring; each may be 'not stated'."""

    LABELS: ClassVar[dict[str, str]] = {
        "age_band": "Age &band:",
        "gender": "Gen&der:",
        "ethnicity": "E&thnicity:",
        "disability": "Disa&bility:",
        "sexual_orientation": "Se&xual orientation:",
    }

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        self.boxes: dict[str, QComboBox] = {}
        for key, label in self.LABELS.items():
            self.boxes[key] = combo(EQUALITY[key], blank="not recorded")
            _row(form, label, self.boxes[key])

    def load(self, values: dict[str, str]) -> None:
        """Show ``values``."""
        for key, box in self.boxes.items():
            _choose(box, values.get(key, ""))

    def read(self) -> dict[str, str]:
        """The values chosen (not recorded ones left out)."""
        return {k: b.currentData() for k, b in self.boxes.items() if b.currentData()}


def _choose(box: QComboBox, value: str) -> None:
    index = box.findData(value)
    if index < 0 and value:
        box.addItem(value, value)
        index = box.count() - 1
    box.setCurrentIndex(max(index, 0))
