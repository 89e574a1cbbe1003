"""UI: the retention review screen — list, confirm naming the count, anonymise, delete, hold."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from complaints_desktop.services import cases, retention
from complaints_desktop.services.env import Env
from complaints_desktop.ui.models.audit import RetentionColumn
from complaints_desktop.ui.views.retention import RetentionView
from tests.shots import shoot
from tests.ui.test_audit_view import seeded_env

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.fixture
def dp_env(tmp_path: Path) -> Iterator[Env]:
    """The retention test cases (see ``tests.ui.test_audit_view.seeded_env``)."""
    yield from seeded_env(tmp_path)


@pytest.fixture
def view(qtbot, dp_env: Env) -> RetentionView:
    shown = RetentionView(dp_env)
    qtbot.addWidget(shown)
    shown.resize(1000, 620)
    shown.show()
    with qtbot.waitSignal(shown.rows_shown, timeout=10000):
        shown.refresh()
    return shown


def references(view: RetentionView) -> list[str]:
    return [
        view.model.index(r, RetentionColumn.REFERENCE).data() for r in range(view.model.rowCount())
    ]


def click_row(qtbot, view: RetentionView, reference: str, *, add: bool = False) -> None:
    row = references(view).index(reference)
    rect = view.table.visualRect(view.model.index(row, 0))
    modifier = Qt.KeyboardModifier.ControlModifier if add else Qt.KeyboardModifier.NoModifier
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())


def test_lists_due_records_and_anonymises_after_confirming(qtbot, view, dp_env, monkeypatch):
    assert references(view) == ["CON/19/0001", "CSC/19/0001"]  # oldest first
    assert view.summary.text() == "1 case and 1 contact due for review."
    assert "6 years after they close" in view.period.text()
    assert "equality answers (counted as 'not stated'" in view.explained.text()
    assert not view.anonymise_button.isEnabled()
    shoot(view, "retention_list.png")
    click_row(qtbot, view, "CSC/19/0001")
    with qtbot.waitSignal(view.open_case_requested) as opened:
        qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert opened.args == ["CSC/19/0001"]
    click_row(qtbot, view, "CON/19/0001")
    assert not view.anonymise_button.isEnabled()  # contacts are deleted only
    assert view.delete_button.isEnabled()
    click_row(qtbot, view, "CSC/19/0001")
    asked: list[str] = []
    monkeypatch.setattr(view, "confirm", lambda title, text, action: asked.append(text) or False)
    qtbot.mouseClick(view.anonymise_button, Qt.MouseButton.LeftButton)
    assert "Anonymise 1 case (CSC/19/0001)?" in asked[0]
    assert "This cannot be undone." in asked[0]
    assert not cases.get(dp_env, "CSC/19/0001").anonymised  # cancelled: nothing changed
    monkeypatch.setattr(view, "confirm", lambda title, text, action: True)
    with qtbot.waitSignal(view.rows_shown, timeout=10000):
        qtbot.mouseClick(view.anonymise_button, Qt.MouseButton.LeftButton)
    assert view.message.text() == "1 case anonymised."
    assert cases.get(dp_env, "CSC/19/0001").anonymised
    assert references(view) == ["CON/19/0001"]


def test_delete_names_how_many_and_removes_them(qtbot, view, dp_env, monkeypatch):
    asked: list[str] = []
    monkeypatch.setattr(view, "confirm", lambda title, text, action: asked.append(action) or True)
    click_row(qtbot, view, "CSC/19/0001")
    click_row(qtbot, view, "CON/19/0001", add=True)
    assert len(view.selected()) == 2
    with qtbot.waitSignal(view.rows_shown, timeout=10000):
        qtbot.mouseClick(view.delete_button, Qt.MouseButton.LeftButton)
    assert asked == ["Delete 2 records"]
    assert view.message.text() == "2 records deleted."
    assert view.summary.text() == "Nothing is due for review today."
    assert retention.due_for_review(dp_env, dp_env.today()) == []


def test_legal_hold_toggle_with_reason(qtbot, view, dp_env):
    click_row(qtbot, view, "CSC/19/0001")
    assert not view.hold_button.isEnabled()  # a reason is needed first
    assert view.hold_button.toolTip() == "Type the reason first."
    qtbot.keyClicks(view.reason, "Subject of a tribunal claim")
    assert view.hold_button.isEnabled()
    assert not view.release_button.isEnabled()
    with qtbot.waitSignal(view.rows_shown, timeout=10000):
        qtbot.mouseClick(view.hold_button, Qt.MouseButton.LeftButton)
    assert view.message.text() == "CSC/19/0001 is now under legal hold."
    assert references(view) == ["CON/19/0001"]
    with qtbot.waitSignal(view.rows_shown, timeout=10000):
        view.show_held.setFocus()
        qtbot.keyClick(view.show_held, Qt.Key.Key_Space)
    assert references(view) == ["CON/19/0001", "CSC/19/0001", "CSC/19/0003"]
    assert view.model.index(1, RetentionColumn.HOLD).data() == (
        "ON HOLD: Subject of a tribunal claim"
    )
    assert view.model.index(2, RetentionColumn.HOLD).data() == "ON HOLD: Claim in the county court"
    assert view.summary.text() == (
        "1 contact due for review. 2 cases under legal hold (shown, but they cannot be removed)."
    )
    click_row(qtbot, view, "CSC/19/0003")
    assert not view.delete_button.isEnabled()
    assert not view.anonymise_button.isEnabled()
    assert "legal hold" in view.anonymise_button.toolTip()
    shoot(view, "retention_held.png")
    qtbot.keyClicks(view.reason, "Claim settled")
    with qtbot.waitSignal(view.rows_shown, timeout=10000):
        qtbot.mouseClick(view.release_button, Qt.MouseButton.LeftButton)
    assert not cases.get(dp_env, "CSC/19/0003").legal_hold
