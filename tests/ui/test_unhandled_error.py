"""Any error nothing else caught: written to the log file, and the officer is told."""

from __future__ import annotations

import logging
import logging.handlers
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget

from complaints_desktop import app, config

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


class Window(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.said: list[str] = []

    def show_message(self, text: str) -> None:
        self.said.append(text)


def test_an_unhandled_error_is_logged_to_the_file_and_shown(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(config, "data_dir", lambda: tmp_path)
    root = logging.getLogger()
    before = list(root.handlers)
    for handler in before:
        if isinstance(handler, logging.handlers.RotatingFileHandler):
            root.removeHandler(handler)
    hooks = (sys.excepthook, __import__("threading").excepthook)
    window = Window()
    qtbot.addWidget(window)
    try:
        path = str(app.setup_logging(tmp_path, debug=False))
        assert path == str(tmp_path / app.LOG_FILE_NAME)
        app._install_excepthook(window, False)
        try:
            raise ZeroDivisionError("a bug")
        except ZeroDivisionError as exc:
            sys.excepthook(type(exc), exc, exc.__traceback__)
        boxes = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
        assert len(boxes) == 1
        assert "Something unexpected went wrong" in boxes[0].text()
        assert path in boxes[0].informativeText()
        assert window.said  # and the message bar says it too
        for handler in root.handlers:
            handler.flush()
        written = Path(path).read_text(encoding="utf-8")
        assert "ZeroDivisionError: a bug" in written
        boxes[0].close()
    finally:
        app.close_logging()
        sys.excepthook, threading_hook = hooks
        __import__("threading").excepthook = threading_hook
        for handler in list(root.handlers):
            if handler not in before:
                root.removeHandler(handler)
                handler.close()
        for handler in before:
            if handler not in root.handlers:
                root.addHandler(handler)
