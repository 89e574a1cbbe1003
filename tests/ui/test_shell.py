"""Start-up shell: it looks like the main window and needs nothing but Qt."""

from __future__ import annotations

import subprocess
import sys

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QListWidget

from complaints_desktop.ui import main_window
from complaints_desktop.ui.shell import StartupShell


def test_the_shell_names_the_same_panes_and_says_it_is_loading(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    shell = StartupShell(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(shell)
    nav = shell.findChild(QListWidget)
    shown = [nav.item(i).text() for i in range(nav.count())]
    assert shown[:3] == ["Work queue", "Complaints", "Contacts"]
    assert shown == list(main_window.PANES)
    assert not nav.isEnabled()
    assert shell.status.text() == "Opening the database…"


def test_the_shell_imports_no_database_code() -> None:
    code = (
        "import sys, complaints_desktop.app, complaints_desktop.ui.shell;"
        "print(sorted(m for m in ('sqlalchemy', 'sqlmodel', 'complaints_desktop.services')"
        " if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"
