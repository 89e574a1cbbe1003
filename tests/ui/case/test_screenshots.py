"""Pictures of every screen and dialog as a person sees them, for looking at (issue 15):
the main window on each pane and on a case, and every dialog, each on the whole screen.

Runs only when ``COMPLAINTS_TEST_SHOTS`` names a folder, on a real X screen of the size
to check::

    for size in 1366x768 1024x768; do
      COMPLAINTS_TEST_SHOTS=shots/$size QT_QPA_PLATFORM=xcb \\
        xvfb-run -a -s "-screen 0 ${size}x24" .venv/bin/python -m pytest -p no:xdist \\
        -q tests/ui/case/test_screenshots.py
    done
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from complaints_desktop.domain.model import Case
from complaints_desktop.services import inbox, queries
from complaints_desktop.services.env import Env
from complaints_desktop.ui.dialogs.contact import ContactDialog
from complaints_desktop.ui.main_window import MainWindow
from complaints_desktop.ui.panes import PANES, SETTINGS
from complaints_desktop.ui.views.new_complaint import NewComplaintDialog
from complaints_desktop.ui.views.officers import OfficerLoadDialog
from tests.ui.case.conftest import stage2_case
from tests.ui.case.test_screens_and_keys import FACTORIES

FOLDER = os.environ.get("COMPLAINTS_TEST_SHOTS", "")
MAIL = Path(__file__).parents[2] / "fixtures" / "mail"

pytestmark = [
    pytest.mark.skipif(not FOLDER, reason="COMPLAINTS_TEST_SHOTS names no folder"),
    pytest.mark.qt_log_ignore("propagateSizeHints", ".*"),
]


def _screen(qtbot: Any, name: str) -> None:
    """The whole screen (what is off it is not in the picture)."""
    qtbot.wait(150)
    Path(FOLDER).mkdir(parents=True, exist_ok=True)
    QApplication.primaryScreen().grabWindow(0).save(str(Path(FOLDER) / f"{name}.png"))


def _slug(text: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in text.lower()).strip("-")


def _dialog(qtbot: Any, dialog: QDialog, name: str) -> None:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    _screen(qtbot, f"dialog-{_slug(name)}")
    dialog.hide()


def test_every_screen(qtbot: Any, env: Env, tmp_path: Path) -> None:
    case = stage2_case(env)
    window = MainWindow(env, QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat))
    window.remember = False
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    with qtbot.waitSignal(window.counts_changed, timeout=10000):
        window.start()
    for index, pane in enumerate(PANES):
        window.go_to(index)
        qtbot.wait(400)
        _screen(qtbot, f"pane-{index:02d}-{_slug(pane.name)}")
    settings: Any = window.pane(SETTINGS)
    window.go_to(SETTINGS)
    for tab in range(settings.tabs.count()):
        settings.tabs.setCurrentIndex(tab)
        qtbot.wait(300)
        _screen(qtbot, f"settings-{tab}-{_slug(settings.tabs.tabText(tab))}")
    settings.tabs.setCurrentIndex(0)
    window.open_case(case.reference)
    qtbot.wait(400)
    _screen(qtbot, "case-view")
    view: Any = window.tabs.currentWidget()
    view.scroller.verticalScrollBar().setValue(view.scroller.verticalScrollBar().maximum())
    _screen(qtbot, "case-view-end")


def test_every_dialog(qtbot: Any, env: Env) -> None:
    case: Case = stage2_case(env)
    parent = QWidget()
    qtbot.addWidget(parent)
    for which, factory in FACTORIES.items():
        _dialog(qtbot, factory(env, case), which)
    filled = NewComplaintDialog(env, email=inbox.read_email(MAIL / "complaint.msg"))
    _dialog(qtbot, filled, "new complaint from an e-mail")
    logged = NewComplaintDialog(env, email=inbox.read_email(MAIL / "complaint.eml"))
    qtbot.addWidget(logged)
    logged.show()
    logged.relationship.setCurrentIndex(logged.relationship.findData("parent"))
    logged.accept()
    assert logged.saved is not None
    _screen(qtbot, "dialog-new-complaint-logged")
    logged.hide()
    _dialog(qtbot, ContactDialog(env), "new contact")
    _dialog(qtbot, OfficerLoadDialog(queries.work_queue(env)), "by officer")
