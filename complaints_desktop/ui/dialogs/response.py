"""UI: record the response that ends a stage — outcome, a finding per element, remedies."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QScrollArea,
    QWidget,
)

from complaints_desktop.domain.errors import ValidationFailed
from complaints_desktop.domain.model import Case
from complaints_desktop.domain.vocab import FINDINGS
from complaints_desktop.services import cases, settings
from complaints_desktop.ui.dialogs._base import CaseDialog, DateField, Saving, combo

if TYPE_CHECKING:
    from complaints_desktop.services.env import Env

NO_FINDING = "— no finding —"


class RecordResponseDialog(CaseDialog):
    """The response date, overall outcome, findings per element and remedies offered."""

    ok_text = "&Record response"

    def __init__(self, env: Env, case: Case, parent: QWidget | None = None) -> None:
        stage = case.current_stage
        self.stage_number = stage.number if stage else 1
        super().__init__(
            env,
            case,
            parent,
            f"Record the stage {self.stage_number} response",
            "Record what was found about each element; the overall outcome is reported.",
        )
        self.setMinimumWidth(720)
        self.on = DateField(env.today())
        self.add_row("Response &sent on:", self.on)
        self.outcome: QComboBox = combo(FINDINGS, blank="— choose the overall outcome —")
        self.add_row("Overall &outcome:", self.outcome)
        self.finding_boxes: list[QComboBox] = []
        self.finding_texts: list[QLineEdit] = []
        if case.elements:
            self.extra.addWidget(self._elements_box(case))
        remedies = QGroupBox("Remedies offered")
        remedies.setAccessibleName("Remedies offered")
        grid = QGridLayout(remedies)
        self.remedy_boxes: dict[str, QCheckBox] = {}
        names = [
            n
            for n, retired in settings.vocabulary(env, "remedy")
            if not retired or n in case.remedies
        ]
        for index, name in enumerate(names):
            box = QCheckBox(name)
            box.setAccessibleName(f"Remedy offered: {name}")
            box.setChecked(name in case.remedies)
            grid.addWidget(box, index // 4, index % 4)
            self.remedy_boxes[name] = box
        self.extra.addWidget(remedies)

    def _elements_box(self, case: Case) -> QGroupBox:
        box = QGroupBox("Findings for each element")
        inner = QWidget()
        grid = QGridLayout(inner)
        grid.addWidget(QLabel("<b>Element</b>"), 0, 0)
        grid.addWidget(QLabel("<b>Finding</b>"), 0, 1)
        grid.addWidget(QLabel("<b>What was found (optional)</b>"), 0, 2)
        for row, element in enumerate(case.elements, start=1):
            label = QLabel(f"{row}. {element.text}")
            label.setWordWrap(True)
            label.setMinimumWidth(220)
            previous = element.finding(self.stage_number)
            finding = combo(FINDINGS, previous.outcome if previous else "", blank=NO_FINDING)
            finding.setAccessibleName(f"Finding for element {row}")
            text = QLineEdit(previous.text if previous else "")
            text.setAccessibleName(f"What was found about element {row}")
            label.setBuddy(finding)
            grid.addWidget(label, row, 0)
            grid.addWidget(finding, row, 1)
            grid.addWidget(text, row, 2)
            self.finding_boxes.append(finding)
            self.finding_texts.append(text)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(2, 3)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setMinimumHeight(min(44 + 34 * len(case.elements), 320))
        layout = QGridLayout(box)
        layout.addWidget(scroll)
        return box

    def findings(self) -> dict[int, tuple[str, str]]:
        """Element position -> (finding, text) for each element given a finding."""
        out: dict[int, tuple[str, str]] = {}
        problems: list[str] = []
        for position, (box, text) in enumerate(
            zip(self.finding_boxes, self.finding_texts, strict=True)
        ):
            value = box.currentData() or ""
            if value:
                out[position] = (value, text.text().strip())
            elif text.text().strip():
                problems.append(f"Element {position + 1}: choose a finding for the text written.")
        if problems:
            raise ValidationFailed(problems)
        return out

    def chosen_remedies(self) -> list[str]:
        """Remedies ticked."""
        return [name for name, box in self.remedy_boxes.items() if box.isChecked()]

    def save(self, case: Case) -> Case | Saving:
        on = self.on.date("response date")
        assert on is not None
        outcome = self.outcome.currentData() or ""
        if not outcome:
            raise ValidationFailed(["Choose the overall outcome of the stage."])
        return self.write(
            cases.respond, self.env, case, on, outcome, self.findings(), self.chosen_remedies()
        )

    @classmethod
    def ask(cls, parent: QWidget | None, env: Env, case: Case) -> Case | None:
        """Show the dialog; the saved case, or None when cancelled."""
        return cls.run_case(cls(env, case, parent))
