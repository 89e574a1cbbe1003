"""UI: the base of every small form dialog — inline problems, typed-text guard, dates, money.

A dialog subclasses ``FormDialog`` (or ``CaseDialog`` for a move on one case), adds its
rows with ``add_row`` and implements ``submit``. Pressing the default button calls
``submit``; a problem (bad date, a rule the move breaks, a locked database) is shown
inside the dialog and everything typed stays where it is. Closing with typed text asks
first. ``ask(parent, ...)`` returns the value or None, so callers are easy to test.

A ``CaseDialog`` reads its fields on the UI thread and returns the service call from
``save`` as ``self.write(cases.move, env, case, ...)``; any other form dialog's ``submit``
returns ``self.on_write_queue(self.write(service_call, ...))``. The call runs on the
window's one write queue (``ui.saving.save_on_queue``), behind any write already there
(an import), while the dialog waits in an event loop of its own: the window keeps
painting and answering, nothing is typed or submitted twice, and Esc cannot close the
dialog mid-save.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QScrollBar,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from complaints_desktop.domain.errors import ConcurrentEdit, KnownError, ValidationFailed
from complaints_desktop.domain.model import Case
from complaints_desktop.ui import keys, screen_fit

if TYPE_CHECKING:
    from complaints_desktop.services.env import Env

DATE_HINT = "DD/MM/YYYY"


class InputProblem(Exception):
    """Something typed into a field that cannot be read (a date, an amount)."""


def parse_date(text: str, what: str = "date", *, required: bool = True) -> date | None:
    """A UK date typed as ``DD/MM/YYYY`` (or ``YYYY-MM-DD``); never US month-first."""
    clean = text.strip()
    if not clean:
        if required:
            raise InputProblem(f"Enter the {what} ({DATE_HINT}).")
        return None
    try:
        if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", clean):
            year, month, day = (int(p) for p in clean.split("-"))
        elif re.fullmatch(r"\d{1,2}[/.]\d{1,2}[/.]\d{4}", clean):
            day, month, year = (int(p) for p in re.split(r"[/.]", clean))
        else:
            raise ValueError(clean)
        return date(year, month, day)
    except ValueError:
        raise InputProblem(
            f"The {what} {clean!r} is not a date: write it as {DATE_HINT}, e.g. 04/12/2026."
        ) from None


def parse_money(text: str, what: str = "amount") -> int:
    """Whole pence from ``1200.50``, ``1,200.50`` or ``£1,200.50``; blank is 0."""
    clean = text.strip().replace(",", "").replace("£", "")
    if not clean:
        return 0
    if not re.fullmatch(r"\d+(\.\d{1,2})?", clean):
        raise InputProblem(f"The {what} {text.strip()!r} is not an amount in pounds, e.g. 1200.50.")
    pounds, _, pence = clean.partition(".")
    return int(pounds) * 100 + int((pence + "00")[:2])


def money_text(pence: int) -> str:
    """``1200.50`` for a money field (blank for 0)."""
    return f"{pence // 100}.{pence % 100:02d}" if pence else ""


class DateField(QLineEdit):
    """A date typed on the keyboard, UK order."""

    def __init__(self, value: date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(DATE_HINT)
        self.setMaxLength(10)
        self.setFixedWidth(self.fontMetrics().horizontalAdvance("00/00/00000") + 24)
        if value is not None:
            self.set_date(value)

    def set_date(self, value: date | None) -> None:
        """Show ``value`` (blank for None)."""
        self.setText(value.strftime("%d/%m/%Y") if value else "")

    def date(self, what: str = "date", *, required: bool = True) -> date | None:
        """The date typed, or InputProblem with a sentence saying what is wrong."""
        return parse_date(self.text(), what, required=required)


def confirm_discard(parent: QWidget | None, what: str = "what you typed") -> bool:
    """Ask before throwing typed text away; True when the user agrees to discard it."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle("Discard changes?")
    box.setText(f"Close without saving {what}?")
    keep = box.addButton("Keep editing", QMessageBox.ButtonRole.RejectRole)
    box.addButton("Discard", QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(keep)
    box.exec()
    return box.clickedButton() is not keep


def widget_state(root: QWidget) -> list[Any]:
    """What the user has typed or chosen in every input under ``root`` (for dirty checks)."""
    state: list[Any] = []
    for w in root.findChildren(QWidget):
        if isinstance(w, QLineEdit) and not isinstance(w.parent(), QComboBox | QSpinBox):
            state.append(w.text())
        elif isinstance(w, QPlainTextEdit):
            state.append(w.toPlainText())
        elif isinstance(w, QComboBox):
            state.append(w.currentText())
        elif isinstance(w, QCheckBox):
            state.append(w.isChecked())
        elif isinstance(w, QSpinBox):
            state.append(w.value())
        elif isinstance(w, QListWidget):
            state.append([w.item(i).checkState() for i in range(w.count())] + [w.count()])
    return state


def first_field(root: QWidget) -> QWidget | None:
    """The first input (not a button, not a label) in ``root``'s tab order that can take focus."""
    widget = root.nextInFocusChain()
    seen: set[int] = set()
    while widget is not None and id(widget) not in seen:
        seen.add(id(widget))
        if (
            root.isAncestorOf(widget)
            and widget.isVisibleTo(root)
            and widget.isEnabled()
            and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            and not isinstance(widget, QPushButton | QToolButton | QScrollArea | QScrollBar)
        ):
            return widget
        widget = widget.nextInFocusChain()
    return None


class FormScroll(QScrollArea):
    """A form that scrolls when the screen is too short for it, and only then.

    Its size hint is its content's (so a dialog opens at its natural size where there is
    room); its minimum is a few lines, so the dialog's buttons always fit on the screen.
    """

    def __init__(self, content: QWidget) -> None:
        super().__init__()
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setWidget(content)
        self.content = content

    def sizeHint(self) -> QSize:
        inner = self.content.sizeHint()
        bar = self.verticalScrollBar().sizeHint().width()
        height = inner.height()
        layout = self.content.layout()
        if self.isVisible() and layout is not None and layout.hasHeightForWidth():
            # Once shown, at the width it has: a wrapped sentence takes two lines where
            # the hint counted one (the form scrolled for a line on a roomy screen).
            width = max(self.viewport().width(), 1)
            height = max(height, layout.totalHeightForWidth(width))
        return QSize(inner.width() + bar, height).boundedTo(screen_fit.room(self))

    def minimumSizeHint(self) -> QSize:
        inner = self.content.minimumSizeHint()
        bar = self.verticalScrollBar().sizeHint().width()
        width = min(inner.width() + bar, screen_fit.room(self).width() - 40)
        return QSize(width, min(inner.height(), 120))


class ProblemLabel(QLabel):
    """Problems shown inside a form: a warning sign, bold text, never colour alone."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setAccessibleName("Problems")
        self.setStyleSheet(
            "QLabel { color: #8a1c1c; background: #fdecea; border: 1px solid #d9534f;"
            " border-radius: 3px; padding: 6px; font-weight: bold; }"
        )
        self.hide()

    def show_problems(self, problems: list[str]) -> None:
        """Show each problem on its own line (hidden when there are none)."""
        if not problems:
            self.clear()
            self.hide()
            return
        if len(problems) == 1:
            self.setText(f"⚠ Problem: {problems[0]}")
        else:
            self.setText("⚠ Please fix:\n" + "\n".join(f"• {p}" for p in problems))
        self.show()


class FormDialog(QDialog):
    """A dialog with a form, an inline problem box, and Save / Cancel."""

    ok_text = "Save"

    def __init__(self, parent: QWidget | None = None, title: str = "", intro: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        self.value: Any = None
        self._outer = QVBoxLayout(self)
        self.content = QWidget(self)
        inner = QVBoxLayout(self.content)
        inner.setContentsMargins(0, 0, 0, 0)
        if intro:
            label = QLabel(intro)
            label.setWordWrap(True)
            inner.addWidget(label)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        inner.addLayout(self.form)
        self.extra = QVBoxLayout()
        inner.addLayout(self.extra)
        self.form_scroll = FormScroll(self.content)
        self._outer.addWidget(self.form_scroll, 1)
        self.problems = ProblemLabel(self)
        self._outer.addWidget(self.problems)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.ok_text)
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._outer.addWidget(self.buttons)
        self._start: list[Any] | None = None
        self.saving = False  # True while the save runs on the write queue

    # -- building -----------------------------------------------------------------------
    def add_row(self, label: str, widget: QWidget, help_text: str = "") -> QWidget:
        """Add a labelled field; the label is its buddy (Alt+letter) and accessible name."""
        caption = QLabel(label)
        caption.setBuddy(widget)
        widget.setAccessibleName(label.replace("&", "").rstrip(":"))
        if help_text:
            widget.setToolTip(help_text)
            widget.setAccessibleDescription(help_text)
        self.form.addRow(caption, widget)
        return widget

    def showEvent(self, event: Any) -> None:
        """The first time it shows: remember the starting values, fit the screen, and put
        the cursor in the first field (never on a button, where Space would press it)."""
        first = self._start is None
        if first:
            self._start = widget_state(self)
        super().showEvent(event)
        if first:
            keys.assign_mnemonics(self)
            keys.guard_wheel(self)
            screen_fit.clamp(self)
            QTimer.singleShot(0, self, self.grow_to_fit)  # wrapped lines, laid out at last
            focused = self.focusWidget()
            if focused is None or isinstance(focused, QPushButton | QToolButton):
                field = first_field(self.content)
                if field is not None:
                    field.setFocus()

    # -- behaviour ----------------------------------------------------------------------
    def is_dirty(self) -> bool:
        """True when something was typed or chosen since the dialog opened."""
        return self._start is not None and widget_state(self) != self._start

    def submit(self) -> Any:
        """Validate and save; return the value ``ask`` returns. Raise to show a problem."""
        raise NotImplementedError

    @staticmethod
    def write(fn: Callable[..., Any], *args: Any) -> Callable[[], Any]:
        """``fn(*args)``, to be run on the window's write queue (see the module)."""
        return functools.partial(fn, *args)

    def busy_parts(self) -> list[QWidget]:
        """What is greyed while a save runs (the form and its buttons)."""
        return [self.buttons, self.form_scroll]

    def on_write_queue(self, job: Callable[[], Any]) -> Any:
        """Run ``job`` on the write queue and wait for it in a local event loop (the
        window goes on painting and answering); its result, or its error raised here."""
        from complaints_desktop.ui.saving import save_on_queue

        self.saving = True
        try:
            return save_on_queue(self, job, button=self.ok_button, parts=self.busy_parts())
        finally:
            self.saving = False

    def attempt(self) -> bool:
        """Run ``submit``; show any problem inline and return False, else True (and
        False at once while a save is under way: it is never submitted twice)."""
        if self.saving:
            return False
        try:
            self.value = self.submit()
        except ConcurrentEdit as err:
            self.on_concurrent_edit(err)
            return False
        except ValidationFailed as err:
            self.problems.show_problems(err.problems)
            return False
        except (InputProblem, KnownError) as err:
            self.problems.show_problems([str(err)])
            return False
        self.problems.show_problems([])
        return True

    def accept(self) -> None:
        """Submit; on a problem keep the dialog open with everything typed."""
        if self.attempt():
            super().accept()
        else:
            self.grow_to_fit()

    def grow_to_fit(self) -> None:
        """Grow (never shrink, never past the screen) so a problem shown does not squeeze
        the fields; on a short screen the form scrolls instead."""
        layout = self.layout()
        self.form_scroll.updateGeometry()
        if layout is not None:
            layout.invalidate()
            layout.activate()
        wanted = min(self.sizeHint().height(), screen_fit.room(self).height())
        if self.height() < wanted:
            self.resize(self.width(), wanted)
            screen_fit.clamp(self)

    def on_concurrent_edit(self, err: ConcurrentEdit) -> None:
        """Someone else saved first (overridden by case dialogs)."""
        self.problems.show_problems([str(err)])

    def reject(self) -> None:
        """Cancel, Esc or the window's close: ask first when text was typed; nothing
        while a save runs (it would be saved anyway)."""
        if self.saving or (self.is_dirty() and not confirm_discard(self)):
            return
        super().reject()

    def discard(self) -> None:
        """Close without asking (after the user chose to)."""
        super().reject()

    @classmethod
    def run(cls, dialog: FormDialog) -> Any:
        """Show ``dialog`` modally; its value when saved, else None."""
        if dialog.exec() == QDialog.DialogCode.Accepted:
            return dialog.value
        return dialog.value


Saving = Callable[[], Case]
"""A case dialog's save, read from its fields, to run on the write queue."""


class CaseDialog(FormDialog):
    """A dialog that applies one move to a case through ``services.cases``.

    ``self.case`` is the case as last loaded; ``save`` returns the saved case. When
    someone else saved the case first the dialog offers to reload (dropping what was
    typed) or to keep what was typed and apply it to their version.
    """

    def __init__(
        self, env: Env, case: Case, parent: QWidget | None = None, title: str = "", intro: str = ""
    ) -> None:
        super().__init__(parent, title, intro)
        self.env = env
        self.case = case
        self.conflict = QWidget(self)
        row = QHBoxLayout(self.conflict)
        row.setContentsMargins(0, 0, 0, 0)
        self.reload_button = QPushButton("&Reload the case (drop what I typed)")
        self.keep_button = QPushButton("&Keep my changes and apply them to the latest version")
        row.addWidget(self.reload_button)
        row.addWidget(self.keep_button)
        self.conflict.hide()
        self._outer.insertWidget(self._outer.count() - 1, self.conflict)
        self.reload_button.clicked.connect(self._reload)
        self.keep_button.clicked.connect(self._keep)

    @staticmethod
    def run_case(dialog: CaseDialog) -> Case | None:
        """Show ``dialog`` modally; the saved (or reloaded) case, else None."""
        dialog.exec()
        result: Case | None = dialog.value
        return result

    def submit(self) -> Case:
        """Read the fields and save the move; the saved case is the dialog's value."""
        job = self.save(self.case)
        if isinstance(job, Case):
            return job
        saved: Case = self.on_write_queue(job)
        return saved

    def save(self, case: Case) -> Case | Saving:
        """Read the fields (raising a problem to show) and return the service call that
        applies the move to ``case``, as ``self.write(cases.move, self.env, case, ...)``."""
        raise NotImplementedError

    def busy_parts(self) -> list[QWidget]:
        """The form, its buttons and the conflict's buttons."""
        return [*super().busy_parts(), self.conflict]

    def on_concurrent_edit(self, err: ConcurrentEdit) -> None:
        """Offer Reload, or keep my changes to re-apply."""
        self.problems.show_problems(
            [
                "Someone else saved this case since you opened it. Reload it to see their "
                "changes, or keep what you typed and apply it to their version."
            ]
        )
        self.conflict.show()
        self.keep_button.setFocus()

    def _latest(self) -> Case | None:
        from complaints_desktop.services import cases

        try:
            return cases.get(self.env, self.case.reference)
        except KnownError as err:
            self.problems.show_problems([str(err)])
            return None

    def _reload(self) -> None:
        latest = self._latest()
        if latest is not None:
            self.value = latest
            self.discard()

    def _keep(self) -> None:
        latest = self._latest()
        if latest is not None:
            self.case = latest
            self.conflict.hide()
            self.problems.show_problems(
                [f"Their changes are loaded. Press {self.ok_text.replace('&', '')} to apply yours."]
            )
            self.ok_button.setFocus()


def combo(values: tuple[str, ...] | list[str], current: str = "", blank: str = "") -> QComboBox:
    """A drop-down of ``values`` (with a blank first choice when ``blank`` is given)."""
    box = QComboBox()
    if blank:
        box.addItem(blank, "")
    for value in values:
        box.addItem(value, value)
    if current:
        index = box.findData(current)
        if index < 0:
            box.addItem(current, current)
            index = box.count() - 1
        box.setCurrentIndex(index)
    return box


def text_box(text: str = "", lines: int = 3) -> QPlainTextEdit:
    """A multi-line text box of about ``lines`` lines, where Tab moves on."""
    box = QPlainTextEdit(text)
    box.setTabChangesFocus(True)
    box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 14)
    return box
