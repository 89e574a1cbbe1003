"""UI: the main window — navigation, counts in title and status bar, cases in tabs, state."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QSize, Qt, Signal
from PySide6.QtWidgets import QLabel, QWidget

from complaints_desktop.domain.errors import KnownError
from complaints_desktop.services import queries
from complaints_desktop.services.env import Env
from complaints_desktop.ui.main_window import (
    ACTIONS,
    COMPLAINTS,
    CONTACTS,
    OMBUDSMAN,
    PANES,
    QUEUE,
    REPORTS,
    SETTINGS,
    MainWindow,
)
from complaints_desktop.ui.views.complaint_list import ComplaintListView
from complaints_desktop.ui.views.reports import ReportsView
from complaints_desktop.ui.views.settings import SettingsView
from complaints_desktop.ui.views.welcome import WelcomeView

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

CTRL = Qt.KeyboardModifier.ControlModifier


class StubCaseView(QWidget):
    """Stands in for the case screen another module provides."""

    case_changed = Signal(str)
    unsaved = False

    def __init__(self, env: Env, reference: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if reference == "NOPE":
            raise KnownError("There is no complaint with reference 'NOPE'.")
        self.reference = reference

    def has_unsaved_changes(self) -> bool:
        return self.unsaved


@pytest.fixture(autouse=True)
def stub_modules(monkeypatch) -> None:
    """The case view replaced by a stub."""
    case_view = types.ModuleType("complaints_desktop.ui.views.case_view")
    case_view.CaseView = StubCaseView  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "complaints_desktop.ui.views.case_view", case_view)


def make_window(qtbot, env: Env, qsettings: QSettings) -> MainWindow:
    window = MainWindow(env, qsettings, "/data/complaints.sqlite3")
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.counts_changed, timeout=10000):
        window.start()
    return window


@pytest.fixture
def window(qtbot, env: Env, qsettings: QSettings) -> MainWindow:
    return make_window(qtbot, env, qsettings)


def test_counts_in_title_status_bar_and_navigation(window: MainWindow) -> None:
    assert window.windowTitle() == "Complaints — 2 overdue, 1 due today"
    assert window.counts_label.text().startswith("2 overdue · 1 due today · 1 due this week")
    assert window.db_label.text() == "Database: /data/complaints.sqlite3"
    assert window.nav.item(QUEUE).text() == "Work queue (3)"
    assert window.stack.currentWidget() is window.queue
    assert window.queue.model.rowCount() == 7


def test_every_pane_has_its_shortcut_and_is_built_when_first_shown(
    qtbot, window: MainWindow
) -> None:
    assert len({pane.shortcut for pane in PANES}) == len(PANES)
    for index, pane in enumerate(PANES):
        assert pane.shortcut.startswith("Ctrl+")
        qtbot.keyClick(window, Qt.Key(ord(pane.key)), CTRL)
        assert window.current_pane() == index
        assert window.tabs.tabText(0) == pane.name
        assert window.stack.currentWidget() is window.pane(index)
        assert not isinstance(window.pane(index), QLabel)  # the screen itself, no stand-in
    assert isinstance(window.pane(COMPLAINTS), ComplaintListView)
    assert isinstance(window.pane(REPORTS), ReportsView)
    assert isinstance(window.pane(SETTINGS), SettingsView)


def test_clicking_navigation_shows_the_pane(qtbot, window: MainWindow) -> None:
    for index in (OMBUDSMAN, ACTIONS, CONTACTS, QUEUE):
        item = window.nav.item(index)
        rect = window.nav.visualItemRect(item)
        qtbot.mouseClick(window.nav.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        assert window.current_pane() == index
        assert window.stack.currentWidget() is window.pane(index)


def test_ctrl_f_puts_the_cursor_in_the_search_box(qtbot, window: MainWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_F, CTRL)
    pane = window.pane(COMPLAINTS)
    assert isinstance(pane, ComplaintListView)
    qtbot.waitUntil(lambda: pane.search.hasFocus(), timeout=10000)
    qtbot.waitUntil(lambda: pane.status_line.text() == "8 complaints", timeout=10000)
    with qtbot.waitSignal(pane.results_shown, timeout=10000):
        qtbot.keyClicks(pane.search, "Farah")
    assert pane.model.rowCount() == 1


def test_enter_in_the_queue_opens_the_case_in_a_tab(qtbot, window: MainWindow) -> None:
    window.queue.table.setFocus()
    window.queue.table.selectRow(1)
    qtbot.keyClick(window.queue.table, Qt.Key.Key_Return)
    assert window.tabs.count() == 2
    assert window.tabs.tabText(1) == "CSC/26/0001"
    assert window.tabs.currentIndex() == 1
    window.go_to(QUEUE)
    qtbot.keyClick(window.queue.table, Qt.Key.Key_Return)  # the same case again
    assert window.tabs.count() == 2
    assert window.tabs.currentIndex() == 1


def test_a_missing_case_is_a_message_not_a_crash(window: MainWindow) -> None:
    assert window.open_case("NOPE") is None
    assert window.tabs.count() == 1
    assert window.message_bar.isVisible()
    assert window.message.text() == "There is no complaint with reference 'NOPE'."


def test_closing_a_case_with_unsaved_changes_asks_first(qtbot, window: MainWindow) -> None:
    view = window.open_case("CSC/26/0002")
    assert isinstance(view, StubCaseView)
    view.unsaved = True
    asked: list[list[str]] = []
    answer = [False]

    def confirm(refs: list[str]) -> bool:
        asked.append(refs)
        return answer[0]

    window.confirm_discard = confirm  # type: ignore[method-assign]
    qtbot.keyClick(window, Qt.Key.Key_W, CTRL)
    assert asked == [["CSC/26/0002"]]
    assert window.tabs.count() == 2
    assert not window.close()  # quitting asks too, and Cancel keeps the window open
    assert asked[-1] == ["CSC/26/0002"]
    answer[0] = True
    qtbot.keyClick(window, Qt.Key.Key_W, CTRL)
    assert window.tabs.count() == 1


def test_new_complaint_opens_it(qtbot, window: MainWindow, monkeypatch) -> None:
    module = types.ModuleType("complaints_desktop.ui.views.new_complaint")

    class Dialog:
        @staticmethod
        def ask(parent: QWidget, env: Env, email: object = None) -> str | None:
            return "CSC/26/0004"

    module.NewComplaintDialog = Dialog  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "complaints_desktop.ui.views.new_complaint", module)
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    assert window.tabs.tabText(window.tabs.currentIndex()) == "CSC/26/0004"


def test_remembers_size_and_last_pane(qtbot, env: Env, qsettings: QSettings) -> None:
    first = make_window(qtbot, env, qsettings)
    first.go_to(OMBUDSMAN)
    # a small size the window allows: its least width depends on the system's fonts
    size = first.minimumSizeHint().expandedTo(QSize(780, 560))
    first.resize(size)
    assert first.close()
    second = make_window(qtbot, env, qsettings)
    assert second.current_pane() == OMBUDSMAN
    assert second.size() == size


def test_ctrl_p_saves_the_daily_summary_where_the_officer_chooses(
    qtbot, window: MainWindow, monkeypatch, tmp_path: Path
) -> None:
    from PySide6.QtWidgets import QFileDialog

    from tests.pdftext import reading_text

    target = tmp_path / "summary.pdf"
    asked: list[str] = []

    def choose(_parent, title, suggested, _filter):  # type: ignore[no-untyped-def]
        asked.append(f"{title}|{Path(suggested).name}")
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(choose))
    qtbot.keyClick(window, Qt.Key.Key_P, CTRL)
    assert asked == [f"Save daily summary|work-queue-{window.opened.today().isoformat()}.pdf"]
    assert "Work queue" in reading_text(target)
    assert window.statusBar().currentMessage() == f"Daily summary saved to {target}"
    # A file that cannot be written is said plainly, and nothing claims it was saved.
    target = tmp_path / "no such folder" / "summary.pdf"
    window.statusBar().clearMessage()
    qtbot.keyClick(window, Qt.Key.Key_P, CTRL)
    assert not target.exists()
    assert "saved to" not in window.statusBar().currentMessage()
    assert window.message.text() == (
        f"The summary could not be saved: The folder {target.parent} does not exist. "
        "Choose another place to save."
    )


def test_f5_refreshes_and_database_errors_show_in_words(
    qtbot, window: MainWindow, monkeypatch
) -> None:
    def missing(_env: Env) -> list:
        raise KnownError("The database cannot be read: it may have been moved.")

    monkeypatch.setattr(queries, "work_queue", missing)
    with qtbot.waitSignal(window.queue.error_occurred, timeout=10000):
        qtbot.keyClick(window, Qt.Key.Key_F5)
    assert window.message_bar.isVisible()
    assert window.message.text() == "The database cannot be read: it may have been moved."
    assert "Traceback" not in window.message.text()


def test_welcome_on_a_new_empty_database(qtbot, empty_env: Env, qsettings: QSettings) -> None:
    window = make_window(qtbot, empty_env, qsettings)
    welcome = window.stack.currentWidget()
    assert isinstance(welcome, WelcomeView)
    assert window.tabs.tabText(0) == "Welcome"
    qtbot.mouseClick(welcome.empty_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.queue
    assert window.close()
    again = make_window(qtbot, empty_env, qsettings)  # only the first time
    assert again.stack.currentWidget() is again.queue


def test_welcome_demo_data_fills_off_the_ui_thread(
    qtbot, empty_env: Env, qsettings: QSettings, monkeypatch
) -> None:
    from complaints_desktop.ui.views import welcome as welcome_module
    from tests.services.test_queries import seed

    def fake_fill(env: Env, count: int) -> int:
        seed(env)
        return 8

    monkeypatch.setattr(welcome_module, "_fill_demo", fake_fill)
    window = make_window(qtbot, empty_env, qsettings)
    welcome = window.stack.currentWidget()
    assert isinstance(welcome, WelcomeView)
    with qtbot.waitSignal(window.counts_changed, timeout=10000):
        qtbot.mouseClick(welcome.demo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.counts.overdue == 2, timeout=10000)
    assert window.windowTitle() == "Complaints — 2 overdue, 1 due today"
    window.writes.waitForDone()


def test_welcome_ignores_a_database_with_data(window: MainWindow) -> None:
    assert window.stack.currentWidget() is window.queue
    assert window.counts.total == 8


def test_accessible_names_everywhere(window: MainWindow) -> None:
    pane = window.pane(COMPLAINTS)
    for widget in (window.nav, window.tabs, window.queue.table, window.queue.show_combo):
        assert widget.accessibleName()
    for child in pane.findChildren(QWidget):
        if child.objectName().startswith("qt_"):  # Qt's own parts of a compound widget
            continue
        kind = child.metaObject().className()
        if kind in ("QLineEdit", "QComboBox", "QTableView", "QDateEdit"):
            assert child.accessibleName(), child


def test_settings_file_is_private(qsettings: QSettings, tmp_path: Path) -> None:
    assert Path(qsettings.fileName()).parent == tmp_path


def test_status_bar_names_the_database_without_a_password() -> None:
    from complaints_desktop.app import database_label

    assert database_label("sqlite:////srv/data/c.sqlite3") == "/srv/data/c.sqlite3"
    label = database_label("postgresql+psycopg://team:secret@db.council.local/complaints")
    assert "secret" not in label
    assert "db.council.local/complaints" in label
