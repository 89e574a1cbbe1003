"""UI: cases owned — "My cases" and each officer in the work queue and the complaint list,
the manager's view of who is late, and assigning an officer (audited, corporate rule)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from complaints_desktop.services import access, audit_view, cases
from complaints_desktop.services.env import Env
from complaints_desktop.ui.models.cases import CaseColumn
from complaints_desktop.ui.models.queue import QueueColumn
from complaints_desktop.ui.views.complaint_list import ComplaintListView
from complaints_desktop.ui.views.officers import AssignDialog, OfficerLoadDialog
from complaints_desktop.ui.views.work_queue import WorkQueueView

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.fixture
def team(env: Env) -> Env:
    """Two officers: the signed-in 'officer' (Olu Adebayo) and Priya Shah."""
    access.set_display_name(env, "officer", "Olu Adebayo")
    access.add_user(env, "pshah", "Priya Shah", "officer")
    for reference, name in (("CSC/26/0001", "Olu Adebayo"), ("CSC/26/0002", "priya shah")):
        cases.assign(env, cases.get(env, reference), 1, name)
    return env


def _choose(qtbot, combo, text: str) -> None:
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    while combo.currentText() != text:
        before = combo.currentIndex()
        qtbot.keyClick(combo, Qt.Key.Key_Down)
        assert combo.currentIndex() != before, f"{text!r} is not offered"


def test_my_cases_and_each_officer_in_the_work_queue(qtbot, team: Env) -> None:
    view = WorkQueueView(team)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.queue_loaded, timeout=10000):
        view.refresh()
    everyone = view.model.rowCount()
    _choose(qtbot, view.officer_combo, "My cases")
    shown = {
        view.model.index(r, QueueColumn.REFERENCE).data() for r in range(view.model.rowCount())
    }
    assert shown == {"CSC/26/0001"}
    _choose(qtbot, view.officer_combo, "Priya Shah")
    shown = {
        view.model.index(r, QueueColumn.REFERENCE).data() for r in range(view.model.rowCount())
    }
    assert shown == {"CSC/26/0002"}
    _choose(qtbot, view.officer_combo, "Nobody named yet")
    assert 0 < view.model.rowCount() < everyone - 1

    dialog = OfficerLoadDialog(view.items(), view)
    qtbot.addWidget(dialog)
    rows = {
        dialog.table.item(r, 0).text(): [dialog.table.item(r, c).text() for c in (1, 2, 3)]
        for r in range(dialog.table.rowCount())
    }
    assert rows["Olu Adebayo"] == ["1", "0", "1"]  # CSC/26/0001's stage 1 response is late
    assert "priya shah" in {k.casefold() for k in rows}
    assert dialog.table.item(dialog.table.rowCount() - 1, 0).text() == "Nobody named yet"


def test_the_complaint_list_filters_by_officer(qtbot, team: Env) -> None:
    view = ComplaintListView(team)
    qtbot.addWidget(view)
    view.show()
    with qtbot.waitSignal(view.results_shown, timeout=10000):
        view.refresh()
    with qtbot.waitSignal(view.results_shown, timeout=10000):
        _choose(qtbot, view.officer, "My cases")
    assert [
        view.model.index(r, CaseColumn.REFERENCE).data() for r in range(view.model.rowCount())
    ] == ["CSC/26/0001"]
    with qtbot.waitSignal(view.results_shown, timeout=10000):
        _choose(qtbot, view.officer, "Priya Shah")
    assert view.model.rowCount() == 1
    assert view.model.index(0, CaseColumn.REFERENCE).data() == "CSC/26/0002"


def test_an_officer_not_on_the_users_list_is_found_in_the_complaint_list(qtbot, team: Env) -> None:
    # A name typed at intake (an agency worker not yet on the Users list).
    cases.assign(team, cases.get(team, "CSC/26/0004"), 1, "Sam Agency")
    view = ComplaintListView(team)
    qtbot.addWidget(view)
    view.show()
    with qtbot.waitSignal(view.results_shown, timeout=10000):
        view.refresh()
    assert "handling a case" in view.officer.toolTip()
    with qtbot.waitSignal(view.results_shown, timeout=10000):
        _choose(qtbot, view.officer, "Sam Agency")
    assert [
        view.model.index(r, CaseColumn.REFERENCE).data() for r in range(view.model.rowCount())
    ] == ["CSC/26/0004"]
    offered = [view.officer.itemText(i) for i in range(view.officer.count())]
    assert sum(1 for n in offered if n.casefold() == "priya shah") == 1  # one line each


def test_reassigning_is_audited_and_the_corporate_rule_checked(qtbot, team: Env) -> None:
    case = cases.get(team, "CSC/26/0001")
    dialog = AssignDialog(team, case)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.focusWidget() is dialog.stage
    qtbot.keyClick(dialog.stage, Qt.Key.Key_Tab)
    dialog.officer.lineEdit().selectAll()
    qtbot.keyClicks(dialog.officer.lineEdit(), "Priya Shah")
    qtbot.keyClick(dialog.officer.lineEdit(), Qt.Key.Key_Return)
    assert dialog.value is not None
    assert cases.get(team, "CSC/26/0001").stage(1).handler == "Priya Shah"  # type: ignore[union-attr]
    entry = audit_view.search(team, reference="CSC/26/0001", action="assign")[0]
    assert any("Olu Adebayo" in c and "Priya Shah" in c for c in entry.changes)


def test_a_new_complaint_is_handled_by_whoever_logs_it_unless_chosen(qtbot, team: Env) -> None:
    from complaints_desktop.ui.views.new_complaint import NewComplaintDialog

    dialog = NewComplaintDialog(team)
    qtbot.addWidget(dialog)
    assert dialog.officer.currentText() == "Olu Adebayo"
    assert [dialog.officer.itemText(i) for i in range(1, dialog.officer.count())] == [
        "Olu Adebayo",
        "Priya Shah",
    ]


def test_a_council_officer_cannot_be_the_independent_person(qtbot, team: Env) -> None:
    from complaints_desktop.domain.model import Stage
    from complaints_desktop.ui.dialogs.stage_moves import CommissionDialog

    case = cases.get(team, "CSC/26/0001")
    case.stages = [Stage(2, start=case.received)]  # a stage 2 to commission (not saved)
    dialog = CommissionDialog(team, case)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.officer, "Helen Ward")
    qtbot.keyClicks(dialog.independent, "priya SHAH")
    qtbot.keyClick(dialog.independent, Qt.Key.Key_Return)
    assert "officer of the council" in dialog.problems.text()
    assert dialog.isVisible()
    dialog.discard()  # (closed without the "discard what you typed?" question)
