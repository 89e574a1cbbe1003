"""UI: a save waits its turn on the window's one write queue (behind an import, say)
while the window goes on answering; it lands once when the queue frees (issue #16).

Each test holds the write queue with a job blocked on an event (as a long import holds
it), saves from the keyboard, and meanwhile checks that the event loop turns, that other
typing is taken, that the button says "Saving…", that nothing is saved yet and that
Esc or a second Enter neither closes the form nor saves twice.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QElapsedTimer, Qt, QTimer
from PySide6.QtWidgets import QLineEdit, QMainWindow, QWidget

from complaints_desktop.domain.views import SearchCriteria
from complaints_desktop.services import contacts, queries, settings
from complaints_desktop.services.env import Env
from complaints_desktop.ui.dialogs.contact import ContactDialog
from complaints_desktop.ui.views.new_complaint import NewComplaintDialog
from complaints_desktop.ui.views.settings import SettingsView
from complaints_desktop.ui.workers import Task, run_in_background, write_queue
from tests.shots import shoot
from tests.ui.case.conftest import choose


class Busy:
    """The write queue of ``owner`` held by a job until ``release()`` (an import)."""

    def __init__(self, owner: QWidget) -> None:
        self.event = threading.Event()
        self.task: Task = run_in_background(
            lambda _t: self.event.wait(20), lambda _r: None, pool=write_queue(owner)
        )

    def release(self) -> None:
        self.event.set()


def _while_waiting(qtbot: Any, check: Callable[[], dict[str, Any]], busy: Busy) -> dict[str, Any]:
    """Run ``check`` 400 ms after the save was pressed (the save then waiting behind the
    busy queue), type into another window, then free the queue; what ``check`` saw."""
    other = QLineEdit()
    qtbot.addWidget(other)
    other.show()
    seen: dict[str, Any] = {}

    def meanwhile() -> None:
        seen.update(check())
        other.activateWindow()
        other.setFocus()
        qtbot.keyClicks(other, "typed meanwhile")
        seen["typed elsewhere"] = other.text()
        busy.release()

    QTimer.singleShot(400, meanwhile)
    return seen


class Ticks:
    """A 10 ms timer counting how often the event loop came round."""

    def __init__(self) -> None:
        self.gaps: list[int] = []
        self.clock = QElapsedTimer()
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(lambda: self.gaps.append(self.clock.restart()))
        self.clock.start()
        self.timer.start()

    def stop(self) -> list[int]:
        self.timer.stop()
        return self.gaps


def _cases_of(env: Env, name: str) -> int:
    return queries.search_cases(env, SearchCriteria(text=name)).total


def test_a_new_complaint_waits_behind_an_import_and_is_logged_once(qtbot: Any, env: Env) -> None:
    dialog = NewComplaintDialog(env)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.person.name, "Quentin Waiting")
    choose(qtbot, dialog.relationship, "parent")
    qtbot.keyClicks(dialog.child.name, "Mia Waiting")
    qtbot.keyClicks(dialog.summary, "Logged while the import ran")
    busy = Busy(dialog)

    def check() -> dict[str, Any]:
        state = {
            "button": dialog.ok_button.text(),
            "form greyed": not dialog.form_scroll.isEnabled(),
            "logged yet": _cases_of(env, "Quentin Waiting"),
        }
        shoot(dialog, "new_complaint_saving.png")
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # cannot close it mid-save
        qtbot.keyClick(dialog, Qt.Key.Key_Return)  # nor log it twice
        state["still open"] = dialog.isVisible()
        return state

    seen = _while_waiting(qtbot, check, busy)
    ticks = Ticks()
    qtbot.keyClick(dialog.person.name, Qt.Key.Key_Return)  # Enter logs it (and waits)
    gaps = ticks.stop()
    assert seen == {
        "button": "Saving…",
        "form greyed": True,
        "logged yet": 0,
        "still open": True,
        "typed elsewhere": "typed meanwhile",
    }
    assert len(gaps) >= 20  # the event loop went on turning while the save waited
    assert dialog.saved is not None
    assert dialog.done_panel.isVisible()
    assert f"Complaint {dialog.saved.reference} logged" in dialog.done_text.text()
    assert _cases_of(env, "Quentin Waiting") == 1  # once
    assert dialog.ok_button.text().replace("&", "") == "Log complaint"
    assert not busy.task.running


def test_a_contact_waits_behind_an_import_and_is_logged_once(qtbot: Any, empty_env: Env) -> None:
    dialog = ContactDialog(empty_env)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.summary, "Thanks from a waiting carer")
    busy = Busy(dialog)

    def check() -> dict[str, Any]:
        state = {
            "button": dialog.ok_button.text(),
            "logged yet": len(contacts.search(empty_env, text="waiting carer")),
        }
        shoot(dialog, "contact_saving.png")
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        qtbot.keyClick(dialog, Qt.Key.Key_Return)
        state["still open"] = dialog.isVisible()
        return state

    seen = _while_waiting(qtbot, check, busy)
    ticks = Ticks()
    dialog.name.setFocus()
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    gaps = ticks.stop()
    assert seen == {
        "button": "Saving…",
        "logged yet": 0,
        "still open": True,
        "typed elsewhere": "typed meanwhile",
    }
    assert len(gaps) >= 20
    assert not dialog.isVisible()  # saved, closed
    assert dialog.value is not None
    assert len(contacts.search(empty_env, text="waiting carer")) == 1


def test_a_settings_list_entry_waits_behind_an_import_and_is_added_once(
    qtbot: Any, env: Env
) -> None:
    view = SettingsView(env)
    qtbot.addWidget(view)
    view.resize(1000, 700)
    view.show()
    lists = view.lists
    qtbot.keyClicks(lists.new_name, "Leaving Care Team")
    busy = Busy(view)

    def check() -> dict[str, Any]:
        state = {
            "button": lists.add_button.text(),
            "page greyed": not lists.isEnabled(),
            "added yet": ("Leaving Care Team", False) in settings.vocabulary(env, "team"),
        }
        shoot(view, "settings_list_saving.png")
        qtbot.keyClick(lists.new_name, Qt.Key.Key_Return)  # greyed: not added twice
        return state

    seen = _while_waiting(qtbot, check, busy)
    ticks = Ticks()
    qtbot.keyClick(lists.new_name, Qt.Key.Key_Return)
    gaps = ticks.stop()
    assert seen == {
        "button": "Saving…",
        "page greyed": True,
        "added yet": False,
        "typed elsewhere": "typed meanwhile",
    }
    assert len(gaps) >= 20
    assert lists.isEnabled()
    assert lists.add_button.text() == "&Add"
    assert lists.new_name.text() == ""
    teams = [name for name, _retired in settings.vocabulary(env, "team")]
    assert teams.count("Leaving Care Team") == 1
    assert lists.problems.text() == ""


def test_a_timescale_save_waits_behind_an_import(qtbot: Any, env: Env) -> None:
    view = SettingsView(env)
    window = QMainWindow()
    window.setCentralWidget(view)
    qtbot.addWidget(window)
    window.resize(1000, 700)
    window.show()
    form = view.timescales
    view.tabs.setCurrentWidget(form)
    form.enquiry.setFocus()
    form.enquiry.selectAll()
    qtbot.keyClicks(form.enquiry, "15")
    busy = Busy(view)

    def check() -> dict[str, Any]:
        from complaints_desktop.ui.views.settings_guard import settle

        seen = {
            "button": form.save_button.text(),
            "saved yet": settings.procedures(env).enquiry_response,
            "may leave the tab": settle(view.tabs, form),  # not while it saves
        }
        view.tabs.setCurrentIndex(0)  # the officer clicks the Lists tab: refused, and why
        seen["in front"] = view.tabs.currentWidget() is form
        seen["status bar"] = window.statusBar().currentMessage()
        form.save()  # a second save (the guard's "Save them") is refused, plainly
        seen["second save"] = form.problems.text()
        return seen

    seen = _while_waiting(qtbot, check, busy)
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert seen["button"] == "Saving…"
    assert seen["saved yet"] != 15
    assert seen["may leave the tab"] is False
    assert seen["in front"] is True
    assert seen["status bar"].startswith("The timescales settings are still saving")
    assert "still waiting its turn" in seen["second save"]
    assert seen["typed elsewhere"] == "typed meanwhile"
    assert settings.procedures(env).enquiry_response == 15
    assert form.status.text().startswith("Saved.")
    assert not form.has_unsaved_changes()
    assert form.problems.text() == ""


def test_a_save_waiting_when_the_application_quits_lands_once(qtbot: Any, monkeypatch: Any) -> None:
    from complaints_desktop.ui import saving

    owner = QWidget()
    qtbot.addWidget(owner)
    busy = Busy(owner)
    calls: list[str] = []

    class Quitting:
        """The wait's event loop, ended at once by the application quitting (as
        ``QApplication.exit`` ends every loop; called for real it would end every later
        loop of the test run too)."""

        def exec(self) -> int:
            busy.release()
            return -1

        def quit(self) -> None:
            pass

    monkeypatch.setattr(saving, "QEventLoop", Quitting)

    def job() -> str:
        calls.append("saved")
        return "the saved value"

    assert saving.save_on_queue(owner, job) == "the saved value"  # waited for, not dropped
    qtbot.wait(100)
    assert calls == ["saved"]  # once
    assert owner.isEnabled()


def test_a_restriction_waits_behind_an_import_and_is_saved_once(qtbot: Any, env: Env) -> None:
    from complaints_desktop.services import access
    from complaints_desktop.ui.dialogs.restrict import RestrictDialog
    from tests.ui.case.conftest import simple_case

    case = simple_case(env)
    dialog = RestrictDialog(env, case.reference)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.restricted.setFocus()
    qtbot.keyClick(dialog.restricted, Qt.Key.Key_Space)
    busy = Busy(dialog)

    def check() -> dict[str, Any]:
        state = {
            "button": dialog.save_button.text(),
            "restricted yet": access.access_list(env, case.reference)[0],
        }
        dialog.close()  # the title bar's close (the greyed dialog takes no keys)
        state["still open"] = dialog.isVisible()
        return state

    seen = _while_waiting(qtbot, check, busy)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert seen == {
        "button": "Saving…",
        "restricted yet": False,
        "still open": True,
        "typed elsewhere": "typed meanwhile",
    }
    assert not dialog.isVisible()
    assert dialog.named == ["j.officer"]
    assert access.access_list(env, case.reference)[0] is True
