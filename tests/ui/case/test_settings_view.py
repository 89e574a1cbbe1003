"""UI: the administrator's settings — lists, timescales, calendar and council details."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt

from complaints_desktop.services import cases, retention, settings
from complaints_desktop.services.env import Env
from complaints_desktop.ui.views.settings import SettingsView
from tests.ui.case.conftest import simple_case


def _view(qtbot: Any, env: Env) -> SettingsView:
    view = SettingsView(env)
    qtbot.addWidget(view)
    view.resize(1000, 700)
    view.show()
    return view


def _entries(view: SettingsView) -> list[str]:
    return [view.lists.entries.item(i).text() for i in range(view.lists.entries.count())]


def test_teams_are_added_retired_restored_and_renamed(qtbot: Any, env: Env, drive) -> None:
    view = _view(qtbot, env)
    lists = view.lists
    qtbot.keyClicks(lists.new_name, "Disabled Children's Team")
    assert view.has_unsaved_changes()
    qtbot.keyClick(lists.new_name, Qt.Key.Key_Return)
    assert "Disabled Children's Team" in _entries(view)
    assert not view.has_unsaved_changes()

    qtbot.keyClicks(lists.new_name, "fostering")
    qtbot.keyClick(lists.new_name, Qt.Key.Key_Return)
    assert "There is already a team called 'fostering'" in lists.problems.text()

    lists.entries.setCurrentRow(_entries(view).index("Fostering"))
    qtbot.mouseClick(lists.retire_button, Qt.MouseButton.LeftButton)
    assert "Fostering (retired — hidden from new entries)" in _entries(view)  # words, not grey
    assert lists.retire_button.text().replace("&", "") == "Restore"
    qtbot.mouseClick(lists.retire_button, Qt.MouseButton.LeftButton)
    assert "Fostering" in _entries(view)

    def rename(dialog: Any) -> None:
        dialog.name.selectAll()
        qtbot.keyClicks(dialog.name, "Fostering Service")
        qtbot.keyClick(dialog.name, Qt.Key.Key_Return)

    errors = drive(rename)
    qtbot.mouseClick(lists.rename_button, Qt.MouseButton.LeftButton)
    assert errors == []
    assert "Fostering Service" in _entries(view)
    assert ("Fostering Service", False) in settings.vocabulary(env, "team")


def test_timescales_are_validated_saved_and_deadlines_recomputed(qtbot: Any, env: Env) -> None:
    case = cases.acknowledge(env, simple_case(env), date(2026, 10, 2))
    view = _view(qtbot, env)
    view.tabs.setCurrentWidget(view.timescales)
    stage1 = view.timescales.boxes[0].stages[0]
    stage1.extended.selectAll()
    qtbot.keyClicks(stage1.extended, "5")
    assert view.has_unsaved_changes()
    qtbot.mouseClick(view.timescales.save_button, Qt.MouseButton.LeftButton)
    assert "extended limit (5) is shorter than the standard limit (10)" in (
        view.timescales.problems.text()
    )
    assert settings.procedures(env).statutory.stages[0].extended == 20  # nothing saved

    stage1.extended.selectAll()
    qtbot.keyClicks(stage1.extended, "25")
    stage1.standard.selectAll()
    qtbot.keyClicks(stage1.standard, "15")
    with qtbot.waitSignal(view.settings_saved):
        qtbot.mouseClick(view.timescales.save_button, Qt.MouseButton.LeftButton)
    assert "was recomputed" in view.timescales.status.text()
    assert not view.has_unsaved_changes()
    assert settings.procedures(env).statutory.stages[0].standard == 15
    shown = cases.deadlines(env, cases.get(env, case.reference))
    assert any("15 working days from start of stage 1" in d.rule for d in shown)


def test_retention_years_are_kept_per_record_type(qtbot: Any, env: Env) -> None:
    view = _view(qtbot, env)
    view.tabs.setCurrentWidget(view.timescales)
    form = view.timescales
    assert (form.retention.value(), form.contacts_retention.value()) == (6, 6)
    form.contacts_retention.selectAll()
    qtbot.keyClicks(form.contacts_retention, "3")
    form.retention.selectAll()
    qtbot.keyClicks(form.retention, "8")
    assert view.has_unsaved_changes()
    with qtbot.waitSignal(view.settings_saved):
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    # what the retention review lists from now on
    assert retention.retention_years(env) == {"complaints": 8, "contacts": 3}
    again = _view(qtbot, env).timescales
    assert (again.retention.value(), again.contacts_retention.value()) == (8, 3)


def test_undo_changes_puts_the_saved_numbers_back(qtbot: Any, env: Env) -> None:
    view = _view(qtbot, env)
    box = view.timescales.boxes[1].acknowledge
    box.selectAll()
    qtbot.keyClicks(box, "3")
    assert view.has_unsaved_changes()
    qtbot.mouseClick(view.timescales.undo_button, Qt.MouseButton.LeftButton)
    assert view.timescales.boxes[1].acknowledge.value() == 5
    assert not view.has_unsaved_changes()


def test_closure_days_and_region_are_saved(qtbot: Any, env: Env) -> None:
    view = _view(qtbot, env)
    cal = view.calendar
    qtbot.keyClicks(cal.new_day, "29/12/2026")
    qtbot.keyClicks(cal.new_note, "Council closed")
    qtbot.keyClick(cal.new_note, Qt.Key.Key_Return)
    assert cal.days.item(0).text() == "29 December 2026 (Tuesday) — Council closed"
    qtbot.keyClicks(cal.new_day, "30/13/2026")
    qtbot.mouseClick(cal.add_button, Qt.MouseButton.LeftButton)
    assert "is not a date" in cal.problems.text()
    cal.region.setCurrentIndex(cal.region.findData("scotland"))
    cal.new_day.clear()
    qtbot.mouseClick(cal.save_button, Qt.MouseButton.LeftButton)
    assert settings.calendar_settings(env) == ("scotland", [(date(2026, 12, 29), "Council closed")])


def test_council_details_need_a_name(qtbot: Any, env: Env) -> None:
    view = _view(qtbot, env)
    council = view.council
    qtbot.keyClicks(council.fields["email"], "complaints@example.gov.uk")
    qtbot.mouseClick(council.save_button, Qt.MouseButton.LeftButton)
    assert "Give the council's name" in council.problems.text()
    assert view.has_unsaved_changes()
    qtbot.keyClicks(council.fields["name"], "Northmoor Borough Council")
    qtbot.keyClicks(council.fields["data_protection"], "We keep your information safe.")
    qtbot.mouseClick(council.save_button, Qt.MouseButton.LeftButton)
    saved = settings.council(env)
    assert saved.name == "Northmoor Borough Council"
    assert saved.data_protection == "We keep your information safe."
    assert not view.has_unsaved_changes()
