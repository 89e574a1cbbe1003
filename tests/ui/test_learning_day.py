"""UI: a learning action moved on to implemented (evidence, date) from the Learning actions
pane by keys; the overdue view; remedy compliance dates checked against the target."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from complaints_desktop.domain.workflow import remedy_dates_problem
from complaints_desktop.services import cases
from complaints_desktop.services.env import Env
from complaints_desktop.ui.dialogs.records import LearningActionDialog
from complaints_desktop.ui.models.registers import ActionColumn
from complaints_desktop.ui.views.actions import ActionsView
from tests.ui.conftest import TODAY

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def test_an_overdue_action_is_moved_on_to_implemented(qtbot, env: Env, monkeypatch) -> None:
    view = ActionsView(env)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.rows_shown, timeout=10000):
        view.refresh()
    with qtbot.waitSignal(view.rows_shown):
        view.status.setCurrentIndex(view.status.findData("overdue"))
    assert view.model.rowCount() == 1
    reference = view.model.index(0, ActionColumn.REFERENCE).data()
    opened: list[LearningActionDialog] = []

    def move_on(parent, env_, case, index=None):
        dialog = LearningActionDialog(env_, case, parent, index)
        dialog.show()
        opened.append(dialog)
        assert not dialog.action.isEnabled()  # what was agreed stays; its progress moves
        dialog.status.setFocus()
        qtbot.keyClicks(dialog.status, "impl")
        assert dialog.status.currentData() == "implemented"
        qtbot.keyClick(dialog.status, Qt.Key.Key_Return)  # no evidence, no date: refused
        assert "Enter the date" in dialog.problems.text()
        qtbot.keyClicks(dialog.completed, TODAY.strftime("%d/%m/%Y"))
        qtbot.keyClick(dialog.completed, Qt.Key.Key_Return)
        assert "evidence" in dialog.problems.text()
        qtbot.keyClicks(dialog.evidence, "New leaflet in every foster carer's pack")
        qtbot.keyClick(dialog.completed, Qt.Key.Key_Return)
        return dialog.value

    monkeypatch.setattr(LearningActionDialog, "ask", staticmethod(move_on))
    view.table.setFocus()
    view.table.selectRow(0)
    with qtbot.waitSignal(view.rows_shown, timeout=10000):
        qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert view.model.rowCount() == 0  # nothing overdue now
    done = [a for a in cases.get(env, reference).actions if a.status == "implemented"]
    assert any(a.completed == TODAY and "leaflet" in a.evidence for a in done)


def test_remedy_compliance_dates_are_checked_against_the_target() -> None:
    target = date(2026, 3, 1)
    assert "on time, not late" in remedy_dates_problem("completed late", date(2026, 2, 20), target)
    assert "completed late" in remedy_dates_problem(
        "complete and satisfied", date(2026, 3, 5), target
    )
    assert "Enter the date" in remedy_dates_problem("completed late", None, target)
    assert remedy_dates_problem("completed late", date(2026, 3, 5), target) == ""
    assert remedy_dates_problem("pending", None, target) == ""
