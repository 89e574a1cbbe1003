"""UI: cases owned — the officer handling each stage, "My cases", the manager's view.

``officer_names`` lists the Users list's people (the names shown) for choosing an officer;
``OfficerFilter`` is the "Officer:" drop-down of the work queue and the complaint list
(everyone, my cases, nobody named yet, or one officer); ``AssignDialog`` names or changes
the officer handling a stage (audited; the corporate rule "a different officer handles
stage 2" is checked by the domain); ``OfficerLoadDialog`` is the manager's view of each
officer's overdue and due-this-week lines.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from complaints_desktop.domain.model import Case
from complaints_desktop.domain.ownership import OfficerLoad, is_mine, same_person
from complaints_desktop.domain.views import QueueGroup, QueueItem
from complaints_desktop.ui import screen_fit
from complaints_desktop.ui.dialogs._base import CaseDialog, Saving

if TYPE_CHECKING:
    from complaints_desktop.services.env import Env

EVERYONE, MINE, NOBODY = "", "\x00mine", "\x00nobody"


def officer_names(env: Env) -> list[str]:
    """The active users' names (as shown), for choosing who handles a stage."""
    from complaints_desktop.services import access

    return [u.shown for u in access.list_users(env) if u.active and u.role != "viewer"]


def my_names(env: Env) -> tuple[str, ...]:
    """The signed-in officer's account and name shown ("My cases" matches either)."""
    from complaints_desktop.services import access

    me = access.current(env)
    return tuple(n for n in (me.account, me.display_name) if n)


def officer_combo(env: Env, current: str = "") -> QComboBox:
    """An editable drop-down of the users, with ``current`` chosen (typed names allowed)."""
    box = QComboBox()
    box.setEditable(True)
    # Room for a name however few are listed (empty, it was 75 px wide).
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(22)
    box.addItem("")
    for name in officer_names(env):
        box.addItem(name)
    if current and box.findText(current) < 0:
        box.addItem(current)
    box.setCurrentText(current)
    return box


class OfficerFilter(QComboBox):
    """Everyone / My cases / Nobody named yet / each officer; ``matches`` tests a name."""

    def __init__(
        self, parent: QWidget | None = None, mine: Callable[[], tuple[str, ...]] | None = None
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Whose cases"))
        self._mine = mine
        self._my_names: tuple[str, ...] | None = None
        self.fill([])

    @property
    def mine(self) -> tuple[str, ...]:
        """The signed-in officer's names (asked of the database the first time only)."""
        if self._my_names is None:
            self._my_names = self._mine() if self._mine is not None else ()
        return self._my_names

    def fill(self, names: list[str]) -> None:
        """Offer ``names`` (keeping the choice made)."""
        current = self.currentData()
        self.blockSignals(True)
        self.clear()
        self.addItem(self.tr("Everyone"), EVERYONE)
        self.addItem(self.tr("My cases"), MINE)
        self.addItem(self.tr("Nobody named yet"), NOBODY)
        seen: list[str] = []
        for name in sorted({" ".join(n.split()) for n in names if n.strip()}, key=str.casefold):
            if not any(same_person(name, s) for s in seen):
                seen.append(name)
                self.addItem(name, name)
        index = self.findData(current)
        self.setCurrentIndex(max(index, 0))
        self.blockSignals(False)

    def chosen(self) -> str:
        """EVERYONE, MINE, NOBODY or an officer's name."""
        return str(self.currentData() or EVERYONE)

    def names(self) -> tuple[str, ...]:
        """The names the choice stands for (empty for everyone; ("",) for nobody)."""
        choice = self.chosen()
        if choice == EVERYONE:
            return ()
        if choice == NOBODY:
            return ("",)
        if choice == MINE:
            return self.mine or ("\x00",)
        return (choice,)

    def matches(self, officer: str) -> bool:
        """Whether a line handled by ``officer`` is shown."""
        choice = self.chosen()
        if choice == EVERYONE:
            return True
        if choice == NOBODY:
            return not officer.strip()
        return is_mine(officer, self.names())


def officer_load(items: list[QueueItem]) -> list[OfficerLoad]:
    """Each officer's overdue and due-this-week lines (cases nobody handles last)."""
    counts: dict[str, list[int]] = {}
    cases: dict[str, set[str]] = {}
    for item in items:
        name = " ".join(item.officer.split())
        key = next((k for k in counts if same_person(k, name)), name)
        row = counts.setdefault(key, [0, 0])
        cases.setdefault(key, set()).add(item.reference)
        if item.overdue:
            row[0] += 1
        elif item.group in (QueueGroup.DUE_TODAY, QueueGroup.DUE_THIS_WEEK) or (
            item.group == QueueGroup.AWAITING_ACKNOWLEDGEMENT and item.days <= 5
        ):
            row[1] += 1
    loads = [OfficerLoad(k, v[0], v[1], len(cases[k])) for k, v in counts.items()]
    return sorted(loads, key=lambda x: (not x.officer, -x.overdue, -x.due_this_week, x.officer))


class OfficerLoadDialog(QDialog):
    """The manager's view: each officer's overdue and due this week, worst first."""

    def __init__(self, items: list[QueueItem], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("By officer"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "What each officer has in the work queue: lines overdue, and due in the "
                "next 7 days (today and acknowledgements included). Cases nobody handles "
                "yet are counted last."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = QTableWidget(0, 4, self)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Officer"), self.tr("Overdue"), self.tr("Due this week"), self.tr("Cases")]
        )
        self.table.setAccessibleName(self.tr("Each officer's overdue and due this week"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.loads = officer_load(items)
        for load in self.loads:
            row = self.table.rowCount()
            self.table.insertRow(row)
            name = load.officer or self.tr("Nobody named yet")
            values = [name, str(load.overdue), str(load.due_this_week), str(load.open_cases)]
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.table.horizontalHeader().setStretchLastSection(True)
        screen_fit.keep_on_screen(self, QSize(560, 460))
        self.table.setFocus()

    @classmethod
    def ask(cls, parent: QWidget | None, items: list[QueueItem]) -> None:
        """Show the manager's view."""
        cls(items, parent).exec()


class AssignDialog(CaseDialog):
    """Name or change the officer handling a stage (the change is audited)."""

    ok_text = "&Assign"

    def __init__(self, env: Env, case: Case, parent: QWidget | None = None) -> None:
        stage = case.current_stage
        number = stage.number if stage is not None else 1
        super().__init__(
            env,
            case,
            parent,
            f"Officer handling stage {number}",
            "Who handles this stage. Reassigning is recorded in the audit trail.",
        )
        self.stage = QComboBox()
        for s in case.stages:
            self.stage.addItem(f"Stage {s.number}", s.number)
        self.stage.setCurrentIndex(max(self.stage.findData(number), 0))
        self.add_row("&Stage:", self.stage)
        self.officer = officer_combo(env, stage.handler if stage is not None else "")
        self.add_row("&Officer:", self.officer, "Choose from the Users list, or type a name")
        self.stage.currentIndexChanged.connect(self._stage_changed)

    def _stage_changed(self) -> None:
        chosen = self.case.stage(int(self.stage.currentData()))
        self.officer.setCurrentText(chosen.handler if chosen is not None else "")

    def save(self, case: Case) -> Case | Saving:
        from complaints_desktop.services import cases

        return self.write(
            cases.assign, self.env, case, int(self.stage.currentData()), self.officer.currentText()
        )

    @classmethod
    def ask(cls, parent: QWidget | None, env: Env, case: Case) -> Case | None:
        """Show the dialog; the saved case, or None when cancelled."""
        return cls.run_case(cls(env, case, parent))
