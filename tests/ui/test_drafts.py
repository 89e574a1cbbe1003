"""Typed text survives a crash: a note being typed is back in its case tab at the next start."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt

from complaints_desktop import app
from complaints_desktop.domain.views import SearchCriteria
from complaints_desktop.services import cases, queries
from complaints_desktop.services.env import Env
from complaints_desktop.ui.drafts import DraftStore
from complaints_desktop.ui.main_window import MainWindow
from complaints_desktop.ui.views.case_view import CaseView
from tests.ui.test_main_window import make_window

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def test_a_note_being_typed_is_back_in_its_tab_after_a_crash(
    qtbot, env: Env, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reference = queries.search_cases(env, SearchCriteria()).rows[0].reference
    settings = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    first = make_window(qtbot, env, settings)
    monkeypatch.setattr(first, "confirm_discard", lambda *_a: True)  # (closed at the end)
    view = first.open_case(reference)
    assert isinstance(view, CaseView)
    qtbot.keyClicks(view.note_text, "Rang the school; call back Friday")
    store = DraftStore(QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat))
    qtbot.waitUntil(lambda: store.get(f"note:{reference}") != "", timeout=5000)
    # The app is killed here: nothing else runs. The next start:
    monkeypatch.setattr(app, "_daily_backup", lambda env, window: None)
    settings_again = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    second = MainWindow(None, settings_again)
    qtbot.addWidget(second)
    second.show()
    app._opened(second, env, "test")
    tab = next(
        second.tabs.widget(i)
        for i in range(second.tabs.count())
        if second.tabs.tabText(i) == reference
    )
    assert isinstance(tab, CaseView)
    assert tab.note_text.toPlainText() == "Rang the school; call back Friday"
    assert "back in the box" in tab.message.text()
    with qtbot.waitSignal(tab.case_changed, timeout=10_000):
        qtbot.keyClick(tab.note_text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert store.get(f"note:{reference}") == ""  # saved: the draft is gone
    assert "Rang the school" in [n.text for n in cases.get(env, reference).notes][-1]
