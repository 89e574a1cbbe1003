"""UI: the case view driven as an officer would — extend, escalate, findings, Ombudsman."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTableWidget

from complaints_desktop.services import cases
from complaints_desktop.services.env import Env
from complaints_desktop.ui.views.case_view import CaseView
from tests.ui.case.conftest import choose, find_button, simple_case, stage2_case, type_date


def _view(qtbot: Any, env: Env, reference: str) -> CaseView:
    view = CaseView(env, reference)
    qtbot.addWidget(view)
    view.resize(1200, 900)
    view.show()
    return view


def _table(view: CaseView, name: str) -> list[list[str]]:
    for widget in view.findChildren(QTableWidget):
        if widget.accessibleName() == name:
            return [
                [widget.item(r, c).text() for c in range(widget.columnCount())]
                for r in range(widget.rowCount())
            ]
    raise AssertionError(f"no table {name!r}")


def _texts(view: CaseView) -> str:
    return "\n".join(label.text() for label in view.findChildren(QLabel))


def test_case_view_shows_every_part_of_a_stage2_case(qtbot: Any, env: Env) -> None:
    case = stage2_case(env)
    view = _view(qtbot, env, case.reference)
    shown = _texts(view)
    assert case.reference in shown
    assert "Stage 2 — investigation (in progress)" in shown
    assert "Helen Ward (fee £1,800.00)" in shown
    assert "15 June 2026 to 22 June 2026: Advocate being appointed" in shown
    assert "agreed 10 June 2026: Complex: three teams involved" in shown
    assert "65 working days from the stage 2 request" in shown  # the rule, not just a date
    deadlines = _table(view, "Deadlines")
    assert deadlines[1][:3] == ["Stage 1 response", "6 July 2026", "✓ met on 3 July 2026"]
    assert any(row[2] == "⚠ OVERDUE" for row in deadlines)  # words, not colour alone
    assert _table(view, "Elements")[0][2] == "upheld: Calls logged but not returned"  # after Theme
    assert _table(view, "Recommended remedies")[1][:3] == [
        "2. Pay £500 for distress and time and trouble",
        "2 December 2026",
        "£500.00",
    ]
    assert [row[2] for row in _table(view, "Audit history")][:2] == ["create", "acknowledge"]
    assert "Ms Okafor phoned" in _table(view, "Notes")[0][2]
    assert not find_button(view, "Extend").isEnabled()  # stage 2 is already extended
    assert not view.buttons["escalate"].isEnabled()


def test_extending_stage_1_moves_the_deadline_and_says_why(qtbot: Any, env: Env, drive) -> None:
    case = cases.acknowledge(env, simple_case(env), date(2026, 10, 2))
    view = _view(qtbot, env, case.reference)
    assert "10 working days from start of stage 1" in _texts(view)

    def fill(dialog: Any) -> None:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)  # no reason yet
        assert "Give the reason for the extension" in dialog.problems.text()
        assert dialog.isVisible()
        type_date(qtbot, dialog.agreed, "09/10/2026")
        qtbot.keyClicks(dialog.reason, "Complex: three teams and an advocate")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    with qtbot.waitSignal(view.case_changed) as changed:
        errors = drive(fill)
        qtbot.mouseClick(find_button(view, "Extend"), Qt.MouseButton.LeftButton)
    assert errors == []
    assert changed.args == [case.reference]
    shown = _texts(view)
    assert "20 working days from start of stage 1 (1 October 2026), extended from 10" in shown
    assert "agreed 9 October 2026: Complex: three teams and an advocate" in shown
    assert not view.buttons["extend"].isEnabled()


def _respond_stage(qtbot: Any, view: CaseView, drive, on: str, outcome: str) -> None:
    def fill(dialog: Any) -> None:
        type_date(qtbot, dialog.on, on)
        choose(qtbot, dialog.outcome, outcome)
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    errors = drive(fill)
    qtbot.mouseClick(view.buttons["respond"], Qt.MouseButton.LeftButton)
    assert errors == []


def _escalate(qtbot: Any, view: CaseView, drive, on: str, late: str = "") -> list[str]:
    seen: list[str] = []

    def fill(dialog: Any) -> None:
        type_date(qtbot, dialog.requested, on)
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        if dialog.isVisible():
            seen.append(dialog.problems.text())
            qtbot.keyClicks(dialog.late_reason, late)
            qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    errors = drive(fill)
    qtbot.mouseClick(view.buttons["escalate"], Qt.MouseButton.LeftButton)
    assert errors == []
    return seen


def test_escalating_to_stage_2_and_then_stage_3(qtbot: Any, env: Env, drive) -> None:
    case = cases.acknowledge(env, simple_case(env), date(2026, 10, 2))
    view = _view(qtbot, env, case.reference)
    _respond_stage(qtbot, view, drive, "12/10/2026", "not upheld")
    assert view.buttons["escalate"].isEnabled()
    assert _escalate(qtbot, view, drive, "19/10/2026") == []
    assert "Stage 2 — investigation (in progress)" in _texts(view)
    assert view.menu_actions["commission"].isEnabled()
    assert view.menu_actions["agree_statement"].isEnabled()

    _respond_stage(qtbot, view, drive, "13/11/2026", "partially upheld")
    # 20 working days after 13 November is 11 December: a request today is in time.
    assert _escalate(qtbot, view, drive, "20/11/2026") == []
    shown = _texts(view)
    assert "Stage 3 — review panel (in progress)" in shown
    assert "30 working days from the stage 3 request (20 November 2026)" in shown
    assert view.menu_actions["arrange_panel"].isEnabled()
    assert cases.get(env, case.reference).current_stage.number == 3  # type: ignore[union-attr]


def test_a_late_request_needs_the_reason_it_is_accepted(qtbot: Any, env: Env, drive) -> None:
    case = simple_case(env, received=date(2026, 6, 1))
    case = cases.respond(env, case, date(2026, 6, 12), "not upheld")
    view = _view(qtbot, env, case.reference)
    problems = _escalate(qtbot, view, drive, "20/11/2026", "Complainant was in hospital")
    assert "window" in problems[0]
    assert "record why the council accepts it late" in problems[0]
    saved = cases.get(env, case.reference)
    assert saved.late_accepted_reason == "Complainant was in hospital"
    assert "Complainant was in hospital" in _texts(view)


def test_recording_findings_for_each_element(qtbot: Any, env: Env, drive) -> None:
    case = simple_case(env)
    view = _view(qtbot, env, case.reference)

    def fill(dialog: Any) -> None:
        type_date(qtbot, dialog.on, "16/10/2026")
        choose(qtbot, dialog.outcome, "partially upheld")
        choose(qtbot, dialog.finding_boxes[0], "upheld")
        qtbot.keyClicks(dialog.finding_texts[0], "Calls not returned for 3 weeks")
        choose(qtbot, dialog.finding_boxes[1], "not upheld")
        qtbot.keyClicks(dialog.finding_texts[2], "Plan shared late")  # no finding chosen
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        assert "Element 3: choose a finding" in dialog.problems.text()
        choose(qtbot, dialog.finding_boxes[2], "partially upheld")
        dialog.remedy_boxes["apology"].setFocus()
        qtbot.keyClick(dialog.remedy_boxes["apology"], Qt.Key.Key_Space)
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    errors = drive(fill)
    qtbot.mouseClick(view.buttons["respond"], Qt.MouseButton.LeftButton)
    assert errors == []
    assert [row[2] for row in _table(view, "Elements")] == [  # after the Theme column
        "upheld: Calls not returned for 3 weeks",
        "not upheld",
        "partially upheld: Plan shared late",
    ]
    saved = cases.get(env, case.reference)
    assert saved.remedies == ["apology"]
    assert saved.stages[0].outcome == "partially upheld"


def test_ombudsman_referral_decision_remedies_and_compliance(qtbot: Any, env: Env, drive) -> None:
    case = simple_case(env, received=date(2026, 5, 1))
    case = cases.respond(env, case, date(2026, 5, 12), "not upheld")
    view = _view(qtbot, env, case.reference)

    def refer(dialog: Any) -> None:
        qtbot.keyClicks(dialog.reference, "25 012 345")
        type_date(qtbot, dialog.received, "02/09/2026")
        qtbot.keyClick(dialog.received, Qt.Key.Key_Return)

    errors = drive(refer)
    view.menu_actions["refer_ombudsman"].trigger()
    assert errors == []
    assert "25 012 345" in _texts(view)

    def decide(dialog: Any) -> None:
        type_date(qtbot, dialog.decided, "02/11/2026")
        choose(qtbot, dialog.outcome, "upheld")
        qtbot.keyClicks(dialog.payment, "£300")
        qtbot.keyClicks(dialog.rows[0].description, "Apologise in writing")
        qtbot.keyClicks(dialog.rows[0].target, "02/12/2026")
        qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
        qtbot.keyClicks(dialog.rows[1].description, "Pay £300 for time and trouble")
        qtbot.keyClicks(dialog.rows[1].target, "16/12/2026")
        qtbot.keyClicks(dialog.rows[1].amount, "300.00")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    errors = drive(decide)
    view.menu_actions["ombudsman_decision"].trigger()
    assert errors == []
    remedies = _table(view, "Recommended remedies")
    assert [r[:3] for r in remedies] == [
        ["1. Apologise in writing", "2 December 2026", "—"],
        ["2. Pay £300 for time and trouble", "16 December 2026", "£300.00"],
    ]
    assert any(r[0] == "Ombudsman remedy: Apologise in writing" for r in _table(view, "Deadlines"))

    def comply(dialog: Any) -> None:
        type_date(qtbot, dialog.achieved, "20/11/2026")
        choose(qtbot, dialog.status, "complete and satisfied")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    errors = drive(comply)
    qtbot.mouseClick(find_button(view, "Compliance with remedy 1"), Qt.MouseButton.LeftButton)
    assert errors == []
    assert _table(view, "Recommended remedies")[0][3:] == [
        "20 November 2026",
        "complete and satisfied",
    ]


def test_every_control_is_named_for_a_screen_reader(qtbot: Any, env: Env) -> None:
    from PySide6.QtWidgets import QAbstractButton, QPlainTextEdit, QTableWidget

    view = _view(qtbot, env, stage2_case(env).reference)
    unnamed = [
        w
        for w in view.findChildren(QAbstractButton)
        + view.findChildren(QTableWidget)
        + view.findChildren(QPlainTextEdit)
        if not (w.accessibleName() or getattr(w, "text", lambda: "")())
        and not w.objectName().startswith("qt_")  # Qt's own corner buttons
    ]
    assert unnamed == []
    names = {t.accessibleName() for t in view.findChildren(QTableWidget)}
    assert {"Deadlines", "Elements", "Recommended remedies", "Audit history"} <= names


def test_tab_walks_the_action_buttons_in_order(qtbot: Any, env: Env) -> None:
    view = _view(qtbot, env, simple_case(env).reference)
    first = view.buttons["acknowledge"]
    order = [first]
    widget = first.nextInFocusChain()
    while widget is not first and len(order) < 8:
        focusable = widget.focusPolicy() & Qt.FocusPolicy.TabFocus
        if widget.isVisible() and widget.isEnabled() and focusable:
            order.append(widget)
        widget = widget.nextInFocusChain()
    texts = [w.text().replace("&", "") for w in order[:5]]
    assert texts == ["Acknowledge…", "Extend…", "Stop clock…", "Record response…", "Edit details…"]
