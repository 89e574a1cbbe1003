"""UI: each move's dialog asks only what it needs, refuses bad input inline, and saves."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import Qt

from complaints_desktop.domain.model import Case
from complaints_desktop.services import cases
from complaints_desktop.services.env import Env
from complaints_desktop.ui.dialogs import records, stage_moves
from complaints_desktop.ui.dialogs._base import InputProblem, parse_date, parse_money
from tests.ui.case.conftest import choose, simple_case, type_date


def _open(qtbot: Any, dialog: Any) -> Any:
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _ok(qtbot: Any, dialog: Any) -> None:
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("04/12/2026", date(2026, 12, 4)),
        ("4/12/2026", date(2026, 12, 4)),
        ("2026-12-04", date(2026, 12, 4)),
        ("04.12.2026", date(2026, 12, 4)),
    ],
)
def test_dates_are_read_day_first(typed: str, expected: date) -> None:
    assert parse_date(typed) == expected


@pytest.mark.parametrize("typed", ["12/31/2026", "31/02/2026", "tomorrow", "2026/12/04"])
def test_unreadable_dates_say_how_to_write_them(typed: str) -> None:
    with pytest.raises(InputProblem, match="DD/MM/YYYY"):
        parse_date(typed, "response date")


@pytest.mark.parametrize(
    ("typed", "pence"), [("1200.50", 120050), ("£1,200.5", 120050), ("", 0), ("75", 7500)]
)
def test_amounts_in_pounds(typed: str, pence: int) -> None:
    assert parse_money(typed) == pence


def test_a_negative_or_wordy_amount_is_refused() -> None:
    with pytest.raises(InputProblem, match="not an amount"):
        parse_money("-5")
    with pytest.raises(InputProblem, match="not an amount"):
        parse_money("five pounds")


def _at_stage2(env: Env) -> Case:
    case = cases.respond(env, simple_case(env), date(2026, 10, 9), "not upheld")
    return cases.escalate(env, case, date(2026, 10, 12))


def test_commission_refuses_the_same_person_twice_and_bad_fees(qtbot: Any, env: Env) -> None:
    dialog = _open(qtbot, stage_moves.CommissionDialog(env, _at_stage2(env)))
    qtbot.keyClicks(dialog.officer, "Helen Ward")
    qtbot.keyClicks(dialog.independent, "helen ward")
    qtbot.keyClicks(dialog.officer_fee, "lots")
    _ok(qtbot, dialog)
    assert "not an amount" in dialog.problems.text()
    dialog.officer_fee.clear()
    qtbot.keyClicks(dialog.officer_fee, "1,800")
    _ok(qtbot, dialog)
    assert "cannot be the investigating officer" in dialog.problems.text()
    dialog.independent.clear()
    qtbot.keyClicks(dialog.independent, "David Price")
    qtbot.keyClicks(dialog.independent_fee, "650")
    _ok(qtbot, dialog)
    assert dialog.value.stage(2).cost == 245000


def test_statement_agreed_and_the_second_clock(qtbot: Any, env: Env) -> None:
    dialog = _open(qtbot, stage_moves.AgreeStatementDialog(env, _at_stage2(env)))
    type_date(qtbot, dialog.on, "10/10/2026")
    _ok(qtbot, dialog)
    assert "before stage 2 was requested" in dialog.problems.text()
    type_date(qtbot, dialog.on, "19/10/2026")
    _ok(qtbot, dialog)
    assert dialog.value.stage(2).start == date(2026, 10, 19)


def _at_stage3(env: Env) -> Case:
    case = _at_stage2(env)
    case = cases.respond(env, case, date(2026, 11, 2), "not upheld")
    return cases.escalate(env, case, date(2026, 11, 9))


def test_a_panel_needs_three_members_then_its_report(qtbot: Any, env: Env) -> None:
    dialog = _open(qtbot, stage_moves.ArrangePanelDialog(env, _at_stage3(env)))
    qtbot.keyClicks(dialog.members[0], "Ann Lee")
    qtbot.keyClicks(dialog.members[1], "Mo Khan")
    _ok(qtbot, dialog)
    assert "three independent members" in dialog.problems.text()
    qtbot.keyClicks(dialog.members[2], "Rita Patel")
    qtbot.keyClicks(dialog.meets, "16/11/2026")
    qtbot.keyClicks(dialog.cost, "1200")
    _ok(qtbot, dialog)
    case = dialog.value
    assert case.stage(3).panel_members == "Ann Lee; Mo Khan; Rita Patel"
    report = _open(qtbot, stage_moves.PanelReportDialog(env, case))
    type_date(qtbot, report.on, "13/11/2026")
    _ok(qtbot, report)
    assert "before the panel met" in report.problems.text()
    type_date(qtbot, report.on, "19/11/2026")
    _ok(qtbot, report)
    assert report.value.stage(3).panel_report == date(2026, 11, 19)


def test_stop_and_restart_the_clock(qtbot: Any, env: Env) -> None:
    case = simple_case(env)
    stop = _open(qtbot, stage_moves.SuspendDialog(env, case))
    type_date(qtbot, stop.start, "05/10/2026")
    _ok(qtbot, stop)
    assert "reason for stopping the clock" in stop.problems.text()
    qtbot.keyClicks(stop.reason, "Safeguarding enquiry")
    _ok(qtbot, stop)
    restart = _open(qtbot, stage_moves.ResumeDialog(env, stop.value))
    type_date(qtbot, restart.on, "12/10/2026")
    _ok(qtbot, restart)
    shown = cases.deadlines(env, restart.value)
    assert any("moved 5 working days for the clock being stopped" in d.rule for d in shown)


def test_refusal_with_reason_and_signposting(qtbot: Any, env: Env) -> None:
    dialog = _open(qtbot, stage_moves.RefuseDialog(env, simple_case(env)))
    _ok(qtbot, dialog)
    assert "Give the reason" in dialog.problems.text()
    choose(qtbot, dialog.reason, "legal proceedings")
    qtbot.keyClicks(dialog.detail, "Care proceedings under way")
    qtbot.keyClicks(dialog.signposting, "The court; your solicitor")
    _ok(qtbot, dialog)
    saved = cases.get(env, dialog.value.reference)
    assert saved.status == "refused"
    assert saved.refusal_reason == "legal proceedings: Care proceedings under way"
    assert saved.signposting == "The court; your solicitor"


def test_withdrawal_and_early_resolution(qtbot: Any, env: Env) -> None:
    withdraw = _open(qtbot, stage_moves.WithdrawDialog(env, simple_case(env)))
    type_date(qtbot, withdraw.on, "06/10/2026")
    _ok(qtbot, withdraw)
    assert withdraw.value.status == "withdrawn"
    early = _open(qtbot, stage_moves.ResolveEarlyDialog(env, simple_case(env)))
    type_date(qtbot, early.on, "21/11/2026")
    _ok(qtbot, early)
    assert "in the future" in early.problems.text()
    type_date(qtbot, early.on, "02/10/2026")
    _ok(qtbot, early)
    assert early.value.status == "resolved early"


def test_learning_action_not_implemented_needs_a_reason(qtbot: Any, env: Env) -> None:
    dialog = _open(qtbot, records.LearningActionDialog(env, simple_case(env)))
    qtbot.keyClicks(dialog.action, "Weekly check of call-back logs")
    qtbot.keyClicks(dialog.owner, "Head of Children in Care")
    qtbot.keyClicks(dialog.target, "31/01/2027")
    choose(qtbot, dialog.status, "not implemented")
    _ok(qtbot, dialog)
    assert "Say why the action was not implemented" in dialog.problems.text()
    qtbot.keyClicks(dialog.reason, "Team restructured")
    _ok(qtbot, dialog)
    action = dialog.value.actions[0]
    assert (action.owner, action.target, action.reason) == (
        "Head of Children in Care",
        date(2027, 1, 31),
        "Team restructured",
    )


def test_an_empty_note_is_refused_and_a_note_is_saved(qtbot: Any, env: Env) -> None:
    dialog = _open(qtbot, records.NoteDialog(env, simple_case(env)))
    _ok(qtbot, dialog)
    assert "cannot be empty" in dialog.problems.text()
    qtbot.keyClicks(dialog.text, "Spoke to the team manager")
    _ok(qtbot, dialog)
    assert [n.text for n in dialog.value.notes] == ["Spoke to the team manager"]
