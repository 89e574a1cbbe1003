"""End to end: an error nothing caught, in the real window with work typed in another tab.

Issue #16, scope 6: the error is written to the log file and the officer is shown a
dialog saying so; the window stays open with what was typed in its other tabs; and if
the application then dies anyway (killed, a power cut), the next start puts the typed
note back in its reopened case tab.
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QMessageBox

from complaints_desktop import app, config
from complaints_desktop.domain.views import SearchCriteria
from complaints_desktop.services import queries
from complaints_desktop.services.env import Env
from complaints_desktop.ui.drafts import DraftStore
from complaints_desktop.ui.main_window import MainWindow
from complaints_desktop.ui.views.case_view import CaseView
from tests.ui.test_main_window import make_window

pytestmark = [
    pytest.mark.qt_log_ignore("propagateSizeHints"),
    pytest.mark.qt_no_exception_capture,  # the app's own hook is what is tested
]

NOTE = "Rang the school; call back Friday"


def _boom() -> None:
    raise ZeroDivisionError("a bug in some screen")


def test_an_unhandled_error_is_logged_and_shown_and_typed_text_survives_even_a_crash(
    qtbot, env: Env, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(config, "data_dir", lambda: tmp_path)
    root = logging.getLogger()
    before = list(root.handlers)
    for handler in before:
        if isinstance(handler, logging.handlers.RotatingFileHandler):
            root.removeHandler(handler)
    hooks = (sys.excepthook, threading.excepthook)
    references = [r.reference for r in queries.search_cases(env, SearchCriteria()).rows[:2]]
    ini = str(tmp_path / "window.ini")
    try:
        log_file = app.setup_logging(tmp_path, debug=False)
        assert log_file is not None
        window = make_window(qtbot, env, QSettings(ini, QSettings.Format.IniFormat))
        monkeypatch.setattr(window, "confirm_discard", lambda *_a: True)  # (closed at the end)
        app._install_excepthook(window, False)
        typed = window.open_case(references[0])
        assert isinstance(typed, CaseView)
        qtbot.keyClicks(typed.note_text, NOTE)
        store = DraftStore(QSettings(ini, QSettings.Format.IniFormat))
        qtbot.waitUntil(lambda: store.get(f"note:{references[0]}") == NOTE, timeout=5000)
        other = window.open_case(references[1])  # the officer works on in another tab
        assert window.tabs.currentWidget() is other

        QTimer.singleShot(0, _boom)  # a bug in a slot: raised out of Qt's event loop

        def shown() -> list[QMessageBox]:
            return [b for b in window.findChildren(QMessageBox) if b.isVisible()]

        qtbot.waitUntil(lambda: len(shown()) == 1, timeout=5000)
        box = shown()[0]
        assert "Something unexpected went wrong" in box.text()
        assert "What you have typed is still in its tab" in box.text()
        assert str(log_file) in box.informativeText()
        for handler in root.handlers:
            handler.flush()
        written = log_file.read_text(encoding="utf-8")
        assert "Unexpected error" in written
        assert "ZeroDivisionError: a bug in some screen" in written
        assert NOTE not in written  # what officers type is never logged
        assert window.isVisible()  # the window goes on, with the note still typed
        assert typed.note_text.toPlainText() == NOTE
        box.close()

        # The application then dies without closing (killed): the next start.
        monkeypatch.setattr(app, "_daily_backup", lambda env, window: None)
        second = MainWindow(None, QSettings(ini, QSettings.Format.IniFormat))
        qtbot.addWidget(second)
        second.show()
        app._opened(second, env, "test")
        tabs = {second.tabs.tabText(i): second.tabs.widget(i) for i in range(second.tabs.count())}
        back = tabs[references[0]]
        assert isinstance(back, CaseView)
        assert back.note_text.toPlainText() == NOTE
        assert "back in the box" in back.message.text()
        monkeypatch.setattr(second, "confirm_discard", lambda *_a: True)
    finally:
        app.close_logging()
        sys.excepthook, threading.excepthook = hooks
        for handler in list(root.handlers):
            if handler not in before:
                root.removeHandler(handler)
                handler.close()
        for handler in before:
            if handler not in root.handlers:
                root.addHandler(handler)
