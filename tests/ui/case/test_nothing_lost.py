"""UI: nothing typed is lost — Settings asks on leaving a tab and on quitting; the review
of the year is saved as it is typed; an unfocused drop-down ignores the wheel."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QMainWindow

from complaints_desktop.services import settings
from complaints_desktop.services.env import Env
from complaints_desktop.ui.dialogs import stage_moves
from complaints_desktop.ui.views import settings_guard
from complaints_desktop.ui.views.report_options import AUTOSAVE_MS, CommentaryEditor
from complaints_desktop.ui.views.settings import SettingsView
from tests.ui.case.conftest import simple_case

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


class Answers:
    """The answers to give to 'unsaved settings' (in order) and what was asked about."""

    def __init__(self) -> None:
        self.queue: list[str] = []
        self.asked: list[str] = []

    def __call__(self, _parent: Any, what: str) -> str:
        self.asked.append(what)
        return self.queue.pop(0)


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> Answers:
    given = Answers()
    monkeypatch.setattr(settings_guard, "ask", given)
    return given


def _window(qtbot: Any, env: Env) -> tuple[QMainWindow, SettingsView]:
    window = QMainWindow()
    view = SettingsView(env)
    window.setCentralWidget(view)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    view.tabs.setCurrentWidget(view.calendar)
    return window, view


def test_leaving_the_tab_or_quitting_with_a_closure_day_unsaved_asks(
    qtbot: Any, env: Env, answers: Answers
) -> None:
    window, view = _window(qtbot, env)
    qtbot.keyClicks(view.calendar.new_day, "24/12/2026")
    qtbot.keyClicks(view.calendar.new_note, "Council closed")
    qtbot.keyClick(view.calendar.new_note, Qt.Key.Key_Return)  # added to the list, not saved
    assert view.calendar.days.count() == 1
    answers.queue[:] = ["keep"]
    view.tabs.setCurrentWidget(view.council)
    assert answers.asked == ["calendar"]
    assert view.tabs.currentWidget() is view.calendar  # kept in front, nothing lost
    answers.queue[:] = ["keep"]
    window.close()
    assert window.isVisible()  # quitting was stopped
    answers.queue[:] = ["save"]
    window.close()
    assert not window.isVisible()
    assert any(str(d) == "2026-12-24" for d, _n in settings.calendar_settings(env)[1]), (
        settings.calendar_settings(env)
    )


def test_discarding_puts_back_what_is_saved(qtbot: Any, env: Env, answers: Answers) -> None:
    _, view = _window(qtbot, env)
    qtbot.keyClicks(view.calendar.new_day, "24/12/2026")
    answers.queue[:] = ["discard"]
    view.tabs.setCurrentWidget(view.council)
    assert view.tabs.currentWidget() is view.council
    assert view.calendar.new_day.text() == ""
    assert not view.has_unsaved_changes()


def test_the_review_of_the_year_is_saved_as_it_is_typed(qtbot: Any, env: Env) -> None:
    from complaints_desktop.services import annual_report

    editor = CommentaryEditor(env)
    qtbot.addWidget(editor)
    editor.load(2025)
    qtbot.keyClicks(editor.text, "Complaints fell by a fifth.")
    qtbot.wait(AUTOSAVE_MS + 300)
    assert annual_report.get_commentary(env, 2025) == "Complaints fell by a fifth."
    assert editor.state.text().startswith("Saved")


def test_an_unfocused_drop_down_ignores_the_wheel(qtbot: Any, env: Env) -> None:
    case = simple_case(env)
    dialog = stage_moves.RefuseDialog(env, case)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    box = dialog.reason
    assert not box.hasFocus()
    before = box.currentIndex()
    wheel = QWheelEvent(
        QPointF(5, 5),
        QPointF(box.mapToGlobal(QPoint(5, 5))),
        QPoint(0, 0),
        QPoint(0, -120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(box, wheel)
    assert box.currentIndex() == before
    dialog.activateWindow()
    box.setFocus()
    qtbot.waitUntil(box.hasFocus)
    QApplication.sendEvent(box, wheel)
    assert box.currentIndex() != before


def test_leaving_the_whole_settings_pane_with_changes_asks(
    qtbot: Any, env: Env, answers: Answers, tmp_path: Any
) -> None:
    from PySide6.QtCore import QSettings

    from complaints_desktop.ui.main_window import MainWindow
    from complaints_desktop.ui.panes import COMPLAINTS, QUEUE, SETTINGS

    window = MainWindow(env, QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat))
    window.remember = False
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.go_to(SETTINGS)
    view = window.pane(SETTINGS)
    assert isinstance(view, SettingsView)
    view.tabs.setCurrentWidget(view.calendar)
    qtbot.keyClicks(view.calendar.new_day, "24/12/2026")

    answers.queue[:] = ["keep"]
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)  # Complaints
    qtbot.waitUntil(lambda: answers.asked == ["calendar"])
    qtbot.waitUntil(lambda: window.current_pane() == SETTINGS)  # brought back
    assert view.isVisible()
    assert view.calendar.new_day.text() == "24/12/2026"  # nothing lost

    answers.queue[:] = ["discard"]
    window.go_to(QUEUE)
    qtbot.waitUntil(lambda: len(answers.asked) == 2)
    qtbot.wait(50)
    assert window.current_pane() == QUEUE  # left, as asked
    assert view.calendar.new_day.text() == ""
    window.go_to(SETTINGS)
    window.go_to(COMPLAINTS)  # nothing typed: no question
    qtbot.wait(50)
    assert len(answers.asked) == 2
