"""UI: the theme of each element of a complaint (a complaint type), chosen beside the
elements typed one per line (Edit details, Elements tab)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QScrollArea, QWidget

from complaints_desktop.domain.model import Element
from complaints_desktop.ui.dialogs._base import combo
from complaints_desktop.ui.dialogs.case_fields import ElementsEdit

NOT_SAID = "(theme not said)"


class ElementThemes(QScrollArea):
    """A drop-down of themes for each line of an ``ElementsEdit``, kept by the element's
    text while lines are typed, added or removed."""

    def __init__(self, elements: ElementsEdit, themes: list[str]) -> None:
        super().__init__()
        self.source = elements
        self.themes = themes
        self.chosen: dict[str, str] = {e.text: e.theme for e in elements.original}
        self.boxes: list[tuple[str, QComboBox]] = []
        self.setWidgetResizable(True)
        self.setAccessibleName("Theme of each element")
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(400)
        self._timer.timeout.connect(self.rebuild)
        elements.textChanged.connect(self._timer.start)
        self.rebuild()

    def _lines(self) -> list[str]:
        lines = [" ".join(line.split()) for line in self.source.toPlainText().splitlines()]
        return [line for line in lines if line]

    def rebuild(self) -> None:
        """One drop-down per element line (the choices made so far kept by their text)."""
        self._remember()
        page = QWidget()
        form = QFormLayout(page)
        self.boxes = []
        for number, text in enumerate(dict.fromkeys(self._lines()), start=1):
            current = self.chosen.get(text, "")
            box = combo(self.themes, current, blank=NOT_SAID)
            box.setAccessibleName(f"Theme of element {number}")
            label = QLabel(f"{number}. {text}")
            label.setWordWrap(True)
            label.setBuddy(box)
            form.addRow(label, box)
            self.boxes.append((text, box))
        if not self.boxes:
            form.addRow(QLabel("Type the elements above; choose each one's theme here."))
        self.setWidget(page)

    def _remember(self) -> None:
        for text, box in self.boxes:
            self.chosen[text] = box.currentData() or ""

    def apply(self, elements: list[Element]) -> list[Element]:
        """Copies of ``elements`` (as read from the text) with the theme chosen for each (the
        case as opened keeps its own)."""
        self._timer.stop()
        self.rebuild()
        self._remember()
        return [replace(e, theme=self.chosen.get(e.text, e.theme)) for e in elements]
