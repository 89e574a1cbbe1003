"""UI: the window is usable before the database is open; what is asked meanwhile waits."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import types
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, Qt, QThreadPool
from PySide6.QtWidgets import QWidget

from complaints_desktop.services.env import Env
from complaints_desktop.ui.main_window import COMPLAINTS, PANES, QUEUE, MainWindow
from complaints_desktop.ui.views.complaint_list import ComplaintListView
from complaints_desktop.ui.views.work_queue import WorkQueueView

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

CTRL = Qt.KeyboardModifier.ControlModifier


def test_the_window_imports_no_database_code() -> None:
    code = (
        "import sys, complaints_desktop.app, complaints_desktop.ui.main_window;"
        "print(sorted(m for m in ('sqlalchemy', 'sqlmodel', 'complaints_desktop.services',"
        " 'complaints_desktop.storage', 'holidays') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


@pytest.fixture
def waiting(qtbot, qsettings: QSettings) -> MainWindow:
    """The window as ``app.run`` shows it, before the database is open."""
    window = MainWindow(None, qsettings)
    qtbot.addWidget(window)
    window.show()
    return window


def test_before_the_database_opens_the_window_says_so(waiting: MainWindow) -> None:
    assert waiting.queue.summary.text() == "Opening the database…"
    assert waiting.db_label.text() == "Opening the database…"
    assert [waiting.nav.item(i).text() for i in range(len(PANES))] == [p.name for p in PANES]
    assert not waiting.queue.refresh_button.isEnabled()
    combo = waiting.queue.show_combo
    assert (combo.currentText(), combo.isEnabled()) == ("Everything", False)  # no "(0)" yet
    waiting.refresh()  # F5 meanwhile does nothing (the queue loads once it is open)


def test_ctrl_n_before_the_database_opens_waits_then_opens_the_form_once(
    qtbot, waiting: MainWindow, env: Env, monkeypatch
) -> None:
    asked: list[Env] = []

    class Dialog:
        @staticmethod
        def ask(parent: QWidget, env: Env, email: object = None) -> str | None:
            asked.append(env)
            return None

    module = types.ModuleType("complaints_desktop.ui.views.new_complaint")
    module.NewComplaintDialog = Dialog  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "complaints_desktop.ui.views.new_complaint", module)
    qtbot.keyClick(waiting, Qt.Key.Key_N, CTRL)
    qtbot.keyClick(waiting, Qt.Key.Key_N, CTRL)
    assert asked == []
    assert "new complaint form opens as soon as" in waiting.statusBar().currentMessage()
    waiting.set_env(env, "/data/complaints.sqlite3")
    assert asked == [env]  # once, though pressed twice
    assert waiting.db_label.text() == "Database: /data/complaints.sqlite3"
    qtbot.waitUntil(lambda: waiting.queue.model.rowCount() == 7, timeout=10000)
    qtbot.waitUntil(lambda: waiting.counts.overdue == 2, timeout=10000)
    assert waiting.queue.show_combo.currentText() == "Everything (7)"


def test_a_pane_chosen_before_the_database_opens_is_built_once_it_is(
    qtbot, waiting: MainWindow, env: Env
) -> None:
    qtbot.keyClick(waiting, Qt.Key.Key_2, CTRL)
    assert waiting.current_pane() == COMPLAINTS
    assert "Opening the database" in waiting.stack.currentWidget().text()
    waiting.set_env(env)
    pane = waiting.stack.currentWidget()
    assert isinstance(pane, ComplaintListView)
    qtbot.waitUntil(lambda: pane.status_line.text() == "8 complaints", timeout=10000)
    qtbot.keyClick(waiting, Qt.Key.Key_1, CTRL)
    assert waiting.current_pane() == QUEUE
    qtbot.waitUntil(lambda: waiting.queue.model.rowCount() == 7, timeout=10000)


def test_a_refresh_keeps_the_selected_line_and_the_keyboard_focus(qtbot, env: Env) -> None:
    view = WorkQueueView(env)
    qtbot.addWidget(view)
    view.show()
    with qtbot.waitSignal(view.queue_loaded, timeout=10000):
        view.refresh()
    view.table.setFocus()
    view.table.selectRow(3)
    chosen = view.current_line()
    assert chosen is not None
    qtbot.waitUntil(view.table.hasFocus, timeout=10000)
    with qtbot.waitSignal(view.queue_loaded, timeout=10000):
        view.refresh()
    assert view.current_line() == chosen
    assert view.table.hasFocus()


def test_a_refresh_asked_for_while_one_loads_replaces_it(qtbot, env: Env) -> None:
    view = WorkQueueView(env)
    qtbot.addWidget(view)
    loads: list[int] = []
    view.queue_loaded.connect(lambda items: loads.append(len(items)))
    view.refresh()
    with qtbot.waitSignal(view.queue_loaded, timeout=10000):
        view.refresh()
    QThreadPool.globalInstance().waitForDone(10000)  # both loads have finished …
    QCoreApplication.processEvents()  # … and their results have been delivered
    assert loads == [7]


def test_the_first_queue_turns_the_collector_on_with_start_up_objects_frozen(
    qtbot, env: Env, qsettings: QSettings
) -> None:
    gc.disable()  # as app.run leaves it during start-up
    try:
        window = MainWindow(env, qsettings)
        qtbot.addWidget(window)
        with qtbot.waitSignal(window.queue.queue_loaded, timeout=10000):
            window.start()
        assert gc.isenabled()
        assert gc.get_freeze_count() > 0
    finally:
        gc.enable()


@pytest.mark.skipif(
    os.name == "nt",
    reason="recording enum creation replaces enum.EnumType._create_, and shiboken6's Windows "
    "build then crashes (access violation) making its first enum; Qt's lazy enums are "
    "PySide6's own, the same on Linux, where this runs",
)
def test_the_first_paint_builds_no_qt_namespace_enums(tmp_path: Path) -> None:
    # PySide6 builds the ``Qt`` namespace's ~1,200 Python enum members (~15 ms) the first
    # time anything touches it; the window is on screen before that is needed.
    code = """
import enum, sys
made = []
create = enum.EnumType._create_
def record(cls, name, names, **kw):
    made.append(name)
    return create(cls, name, names, **kw)
enum.EnumType._create_ = record
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([])
from complaints_desktop.ui.main_window import MainWindow
window = MainWindow(None, QSettings(sys.argv[1], QSettings.Format.IniFormat))
window.show()
QTimer.singleShot(0, app.quit)
app.exec()
print(sorted({"AlignmentFlag", "Key", "ItemDataRole"} & set(made)))
"""
    out = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "window.ini")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert out.strip().splitlines()[-1] == "[]"


def test_the_waiting_queue_shows_the_queue_models_headings(waiting: MainWindow) -> None:
    from complaints_desktop.ui.models.queue import QueueModel
    from complaints_desktop.ui.views.work_queue import HEADINGS

    shown = waiting.queue.table.model()
    titles = [shown.headerData(i, Qt.Orientation.Horizontal) for i in range(shown.columnCount())]
    assert titles == list(HEADINGS)
    assert [c.title for c in QueueModel(waiting.queue._today()).columns] == list(HEADINGS)
