"""UI: the administrator's timescales and calendar forms (edited, validated, then saved).

Saving either recomputes the next deadline of every case in progress (the service says
how many). Each form knows whether it holds unsaved changes.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from complaints_desktop.domain.calendar import REGION_LABELS
from complaints_desktop.domain.errors import KnownError, ValidationFailed
from complaints_desktop.domain.procedures import ProcedureSettings, Settings, StageRule
from complaints_desktop.domain.text import long_date
from complaints_desktop.domain.vocab import PROCEDURES
from complaints_desktop.services import retention
from complaints_desktop.services import settings as settings_service
from complaints_desktop.ui.dialogs._base import (
    DateField,
    InputProblem,
    ProblemLabel,
    widget_state,
)
from complaints_desktop.ui.saving import save_on_queue

if TYPE_CHECKING:
    from complaints_desktop.services.env import Env


def _spin(value: int | None, maximum: int = 400, special: str = "") -> QSpinBox:
    box = QSpinBox()
    box.setRange(-1 if special else 0, maximum)
    if special:
        box.setSpecialValueText(special)
    box.setValue(-1 if value is None else value)
    box.setMinimumWidth(90)
    box.setMaximumWidth(120)
    return box


class _Form(QWidget):
    """A settings form: a problem box, a status line, and Save / Undo changes buttons."""

    saved = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.outer = QVBoxLayout(self)
        self.body = QVBoxLayout()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        inner = QWidget()
        inner.setLayout(self.body)
        scroll.setWidget(inner)
        self.outer.addWidget(scroll, 1)
        self.problems = ProblemLabel(self)
        self.outer.addWidget(self.problems)
        self.status = QLabel()
        self.status.setAccessibleName("Status")
        self.status.setWordWrap(True)
        self.outer.addWidget(self.status)
        row = QHBoxLayout()
        row.addStretch(1)
        self.undo_button = QPushButton("&Undo changes")
        self.save_button = QPushButton("&Save")
        row.addWidget(self.undo_button)
        row.addWidget(self.save_button)
        self.outer.addLayout(row)
        self.save_button.clicked.connect(self.save)
        self.undo_button.clicked.connect(self.load)
        self._start: list[Any] = []

    def mark_clean(self) -> None:
        """What is shown now is what is saved."""
        self._start = widget_state(self)

    def has_unsaved_changes(self) -> bool:
        """True when something was changed and not saved."""
        return widget_state(self) != self._start

    def load(self) -> None:
        """Show the saved settings (dropping unsaved changes)."""
        raise NotImplementedError

    def save(self) -> None:
        """Validate and save; problems are shown in the form."""
        raise NotImplementedError

    def _try(self, fn: Any) -> bool:
        """Save with ``fn`` (reading no widget) on the window's write queue, the form
        greyed meanwhile; show a problem in the form and return False, else True."""
        try:
            save_on_queue(self, fn, button=self.save_button)
        except ValidationFailed as err:
            self.problems.show_problems(err.problems)
            return False
        except (KnownError, InputProblem) as err:
            self.problems.show_problems([str(err)])
            return False
        self.problems.show_problems([])
        return True


class StageBoxes:
    """The numbers of one stage rule."""

    def __init__(self, rule: StageRule, grid: QGridLayout, row: int, name: str) -> None:
        self.rule = rule
        self.standard = _spin(rule.standard)
        self.extended = _spin(rule.extended)
        self.window = _spin(rule.request_window, special="none")
        self.acknowledge = _spin(rule.acknowledge, special="none")
        grid.addWidget(QLabel(f"Stage {row}"), row, 0)
        for col, (box, what) in enumerate(
            (
                (self.standard, "response limit"),
                (self.extended, "extended limit"),
                (self.window, "window to ask for this stage"),
                (self.acknowledge, "acknowledge within"),
            ),
            start=1,
        ):
            box.setAccessibleName(f"{name}, stage {row}: {what} (working days)")
            grid.addWidget(box, row, col)

    def read(self) -> StageRule:
        """The rule as edited."""
        window, ack = self.window.value(), self.acknowledge.value()
        return replace(
            self.rule,
            standard=self.standard.value(),
            extended=self.extended.value(),
            request_window=None if window < 0 else window,
            acknowledge=None if ack < 0 else ack,
        )


class ProcedureBox(QGroupBox):
    """One procedure's timescales."""

    def __init__(self, proc: ProcedureSettings) -> None:
        super().__init__(proc.name)
        self.proc = proc
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.acknowledge = _spin(proc.acknowledge)
        self.acknowledge.setAccessibleName(f"{proc.name}: acknowledge within (working days)")
        form.addRow("Acknowledge within (working days):", self.acknowledge)
        self.months = _spin(proc.time_limit_months, 120)
        self.months.setAccessibleName(f"{proc.name}: time limit to complain (months)")
        form.addRow("Time limit to complain (months):", self.months)
        grid = QGridLayout()
        heads = ("", "Response limit", "Extended limit", "Window to ask", "Acknowledge within")
        for col, text in enumerate(heads):
            grid.addWidget(QLabel(f"<b>{text}</b>"), 0, col)
        self.stages = [
            StageBoxes(rule, grid, n, proc.name) for n, rule in enumerate(proc.stages, start=1)
        ]
        grid.setColumnStretch(len(heads), 1)
        form.addRow(grid)
        self.panel: list[QSpinBox] = []
        if proc.panel is not None:
            # One under the other: side by side they were wider than a 1024-pixel screen's
            # Settings, and the form (which does not scroll sideways) was cut off.
            row = QFormLayout()
            for value, label in (
                (proc.panel.convene, "panel meets within"),
                (proc.panel.report, "panel report within"),
                (proc.panel.respond, "council responds within"),
            ):
                box = _spin(value)
                box.setAccessibleName(f"Review panel: {label} (working days)")
                row.addRow(label.capitalize() + ":", box)
                self.panel.append(box)
            form.addRow("Stage 3 review panel:", row)

    def read(self) -> ProcedureSettings:
        """The procedure as edited."""
        panel = self.proc.panel
        if panel is not None and self.panel:
            panel = replace(
                panel,
                convene=self.panel[0].value(),
                report=self.panel[1].value(),
                respond=self.panel[2].value(),
            )
        return replace(
            self.proc,
            acknowledge=self.acknowledge.value(),
            time_limit_months=self.months.value(),
            stages=tuple(s.read() for s in self.stages),
            panel=panel,
        )


class TimescalesForm(_Form):
    """Procedure timescales (domain.procedures.Settings) as numbers to edit."""

    def __init__(self, env: Env, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env
        note = QLabel(
            "Working days throughout. 'none' means the step does not apply. Changes apply to "
            "cases in progress; closed cases keep their recorded results."
        )
        note.setWordWrap(True)
        self.body.addWidget(note)
        self.holder = QVBoxLayout()
        self.body.addLayout(self.holder)
        other = QFormLayout()
        other.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.enquiry = _spin(10)
        self.enquiry.setAccessibleName("Enquiry response target (working days)")
        other.addRow("Enquiry response target (working days):", self.enquiry)
        self.retention = _spin(6, 100)
        self.retention.setMinimum(1)
        self.retention.setAccessibleName("Keep closed complaints for (years after closure)")
        other.addRow("Keep closed com&plaints for (years after closure):", self.retention)
        self.contacts_retention = _spin(6, 100)
        self.contacts_retention.setMinimum(1)
        self.contacts_retention.setAccessibleName("Keep contacts for (years after the answer)")
        other.addRow("Keep c&ontacts for (years after the answer):", self.contacts_retention)
        self.body.addLayout(other)
        self.body.addStretch(1)
        self.boxes: list[ProcedureBox] = []
        self.load()

    def load(self) -> None:
        """Show the saved timescales."""
        current = settings_service.procedures(self.env)
        self.current = current
        for box in self.boxes:
            box.setParent(None)
            box.deleteLater()
        self.boxes = [ProcedureBox(current.procedure(k)) for k in PROCEDURES]
        for box in self.boxes:
            self.holder.addWidget(box)
        self.enquiry.setValue(current.enquiry_response)
        self.years = retention.retention_years(self.env)
        self.retention.setValue(self.years["complaints"])
        self.contacts_retention.setValue(self.years["contacts"])
        self.problems.show_problems([])
        self.mark_clean()

    def edited(self) -> Settings:
        """The settings as edited (not yet validated)."""
        statutory, corporate, adult = (b.read() for b in self.boxes)
        return replace(
            self.current,
            statutory=statutory,
            corporate=corporate,
            adult=adult,
            enquiry_response=self.enquiry.value(),
            retention_years=self.retention.value(),
        )

    def save(self) -> None:
        """Validate and save; say how many cases' deadlines were recomputed."""
        counted: list[int] = []
        years = {"complaints": self.retention.value(), "contacts": self.contacts_retention.value()}
        env, edited, changed = self.env, self.edited(), years != self.years

        def store() -> None:  # on the write queue: reads no widget
            counted.append(settings_service.save_procedures(env, edited))
            if changed:  # the retention review reads these (per record type)
                retention.set_retention_years(env, **years)

        if self._try(store):
            self.years = years
            self.status.setText(
                f"Saved. The next deadline of {counted[0]} case(s) in progress was recomputed."
            )
            self.current = edited
            self.mark_clean()
            self.saved.emit()


class CalendarForm(_Form):
    """Bank-holiday region and council closure days."""

    def __init__(self, env: Env, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env
        form = QFormLayout()
        self.region = QComboBox()
        for key, label in REGION_LABELS.items():
            self.region.addItem(label, key)
        self.region.setAccessibleName("Bank-holiday region")
        form.addRow("Bank holidays of:", self.region)
        self.body.addLayout(form)
        box = QGroupBox("Council closure days (not working days)")
        inner = QVBoxLayout(box)
        self.days = QListWidget()
        self.days.setAccessibleName("Closure days")
        inner.addWidget(self.days)
        row = QHBoxLayout()
        self.new_day = DateField()
        self.new_day.setAccessibleName("New closure day")
        self.new_note = QLineEdit()
        self.new_note.setPlaceholderText("e.g. Council closed between Christmas and New Year")
        self.new_note.setAccessibleName("Why the council is closed")
        self.add_button = QPushButton("&Add day")
        self.remove_button = QPushButton("&Remove selected day")
        row.addWidget(QLabel("Day:"))
        row.addWidget(self.new_day)
        row.addWidget(self.new_note, 1)
        row.addWidget(self.add_button)
        inner.addLayout(row)
        inner.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.body.addWidget(box)
        self.body.addStretch(1)
        self.add_button.clicked.connect(self.add_day)
        self.new_note.returnPressed.connect(self.add_day)
        self.remove_button.clicked.connect(self.remove_day)
        self.load()

    def load(self) -> None:
        """Show the saved region and days."""
        region, days = settings_service.calendar_settings(self.env)
        self.region.setCurrentIndex(max(self.region.findData(region), 0))
        self.days.clear()
        for day, note in days:
            self._add_item(day, note)
        self.problems.show_problems([])
        self.mark_clean()

    def _add_item(self, day: date, note: str) -> None:
        item = QListWidgetItem(f"{long_date(day)} ({day:%A})" + (f" — {note}" if note else ""))
        item.setData(Qt.ItemDataRole.UserRole, (day, note))
        self.days.addItem(item)
        self.days.sortItems()

    def closures(self) -> list[tuple[date, str]]:
        """Closure days listed, in date order."""
        found = [self.days.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.days.count())]
        return sorted(found)

    def add_day(self) -> None:
        """Add the day typed to the list (saved with Save)."""
        try:
            day = self.new_day.date("closure day")
        except InputProblem as err:
            self.problems.show_problems([str(err)])
            return
        assert day is not None
        if any(d == day for d, _ in self.closures()):
            self.problems.show_problems([f"{long_date(day)} is already listed."])
            return
        self.problems.show_problems([])
        self._add_item(day, self.new_note.text().strip())
        self.new_day.clear()
        self.new_note.clear()
        self.new_day.setFocus()

    def remove_day(self) -> None:
        """Take the selected day off the list (saved with Save)."""
        row = self.days.currentRow()
        if row >= 0:
            self.days.takeItem(row)

    def save(self) -> None:
        """Save the region and days; say how many cases' deadlines were recomputed."""
        counted: list[int] = []
        env, region, closures = self.env, self.region.currentData(), self.closures()
        if self._try(lambda: counted.append(settings_service.save_calendar(env, region, closures))):
            self.status.setText(
                f"Saved. The next deadline of {counted[0]} case(s) in progress was recomputed."
            )
            self.mark_clean()
            self.saved.emit()
