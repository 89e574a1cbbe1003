"""UI: a day on the keyboard — Ctrl+1 then Enter opens the highlighted line; every
shortcut means one thing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction

from complaints_desktop.services.env import Env
from complaints_desktop.ui.main_window import COMPLAINTS, CONTACTS, QUEUE
from complaints_desktop.ui.views import case_actions
from tests.ui.test_main_window import CTRL, make_window, stub_modules

__all__ = ["stub_modules"]

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def test_ctrl_1_then_enter_opens_the_highlighted_case(
    qtbot, env: Env, qsettings: QSettings
) -> None:
    window = make_window(qtbot, env, qsettings)
    qtbot.keyClick(window, Qt.Key.Key_2, CTRL)  # away to the complaint list, then back
    qtbot.keyClick(window, Qt.Key.Key_1, CTRL)
    assert window.current_pane() == QUEUE
    table = window.queue.table
    qtbot.waitUntil(table.hasFocus, timeout=10000)
    qtbot.keyClick(table, Qt.Key.Key_Down)
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Return)
    assert window.tabs.count() == 2
    assert window.tabs.currentIndex() == 1
    qtbot.keyClick(window, Qt.Key.Key_2, CTRL)  # the complaint list: Enter opens too
    pane = window.pane(COMPLAINTS)
    qtbot.waitUntil(lambda: pane.model.rowCount() == 8, timeout=10000)
    qtbot.keyClick(window, Qt.Key.Key_2, CTRL)
    qtbot.waitUntil(lambda: pane.table.hasFocus(), timeout=10000)
    qtbot.keyClick(pane.table, Qt.Key.Key_Enter)
    assert window.tabs.count() == 3


def test_no_shortcut_means_two_things(qtbot, env: Env, qsettings: QSettings) -> None:
    window = make_window(qtbot, env, qsettings)
    seen: dict[str, str] = {}
    keyed = [(a.shortcut().toString(), a.text()) for a in window.findChildren(QAction)]
    keyed += [(a.shortcut, a.text) for a in case_actions.ACTIONS]
    for key, text in keyed:
        if not key:
            continue
        assert key not in seen or seen[key] == text, f"{key} is {seen[key]!r} and {text!r}"
        seen[key] = text
    assert seen["Ctrl+Shift+N"] == "New &contact…"
    assert window.pane(CONTACTS) is not None
