"""UI: work in progress is safe — typed text guarded, someone else's save, a locked database."""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt

from complaints_desktop.domain.errors import KnownError
from complaints_desktop.services import cases, safety
from complaints_desktop.services.env import Env
from complaints_desktop.storage.engine import sqlite_path
from complaints_desktop.ui.dialogs import _base
from complaints_desktop.ui.dialogs.edit_details import EditDetailsDialog
from complaints_desktop.ui.dialogs.stage_moves import ExtendDialog
from complaints_desktop.ui.views.case_view import CaseView
from tests.ui.case.conftest import simple_case, type_date


def _view(qtbot: Any, env: Env, reference: str) -> CaseView:
    view = CaseView(env, reference)
    qtbot.addWidget(view)
    view.show()
    return view


def test_a_typed_note_is_unsaved_work_until_saved(qtbot: Any, env: Env) -> None:
    case = simple_case(env)
    view = _view(qtbot, env, case.reference)
    assert not view.has_unsaved_changes()
    qtbot.keyClicks(view.note_text, "Rang Ms Okafor back")
    assert view.has_unsaved_changes()
    view.reload()  # F5 keeps what is being typed
    assert view.note_text.toPlainText() == "Rang Ms Okafor back"
    with qtbot.waitSignal(view.case_changed):
        qtbot.keyClick(view.note_text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert not view.has_unsaved_changes()
    assert [n.text for n in cases.get(env, case.reference).notes] == ["Rang Ms Okafor back"]


def test_closing_a_dialog_with_typed_text_asks_and_can_keep_editing(
    qtbot: Any, env: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = [False, True]
    monkeypatch.setattr(_base, "confirm_discard", lambda *_a: answers.pop(0))
    case = simple_case(env)
    dialog = ExtendDialog(env, case)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.reason, "Waiting for the advocate")
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Escape)
    assert dialog.isVisible()  # "Keep editing"
    assert dialog.reason.toPlainText() == "Waiting for the advocate"
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()  # "Discard"
    assert answers == []
    assert not cases.get(env, case.reference).stages[0].extended


def test_closing_an_untouched_dialog_does_not_ask(
    qtbot: Any, env: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[int] = []
    monkeypatch.setattr(_base, "confirm_discard", lambda *_a: asked.append(1) or True)
    dialog = ExtendDialog(env, simple_case(env))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert asked == []


def test_edit_details_guards_changes_and_saves_them(
    qtbot: Any, env: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[int] = []
    monkeypatch.setattr(_base, "confirm_discard", lambda *_a: asked.append(1) or False)
    case = simple_case(env)
    dialog = EditDetailsDialog(env, case)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.person.phone.setFocus()
    qtbot.keyClicks(dialog.person.phone, "01234 567890")
    qtbot.keyClick(dialog.person.phone, Qt.Key.Key_Escape)
    assert asked == [1]
    assert dialog.isVisible()
    dialog.elements.moveCursor(dialog.elements.textCursor().MoveOperation.End)
    qtbot.keyClick(dialog.elements, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.elements, "Nobody explained the decision")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    saved = cases.get(env, case.reference)
    assert saved.complainant.phone == "01234 567890"
    assert len(saved.elements) == 4


def test_someone_elses_save_offers_to_keep_my_changes(qtbot: Any, env: Env) -> None:
    case = simple_case(env)
    dialog = ExtendDialog(env, case)
    qtbot.addWidget(dialog)
    dialog.show()
    cases.acknowledge(env, case, date(2026, 10, 2))  # a colleague saves first
    type_date(qtbot, dialog.agreed, "05/10/2026")
    qtbot.keyClicks(dialog.reason, "Complex")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert "Someone else saved this case" in dialog.problems.text()
    assert dialog.conflict.isVisible()
    qtbot.mouseClick(dialog.keep_button, Qt.MouseButton.LeftButton)
    assert dialog.reason.toPlainText() == "Complex"  # what I typed is kept
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    saved = cases.get(env, case.reference)
    assert saved.stages[0].acknowledged == date(2026, 10, 2)  # their change
    assert saved.stages[0].extension_reason == "Complex"  # and mine


def test_someone_elses_save_can_be_reloaded(qtbot: Any, env: Env, drive) -> None:
    case = simple_case(env)
    view = _view(qtbot, env, case.reference)
    cases.acknowledge(env, case, date(2026, 10, 2))

    def fill(dialog: Any) -> None:
        qtbot.keyClicks(dialog.reason, "Complex")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(dialog.reload_button, Qt.MouseButton.LeftButton)

    with qtbot.waitSignal(view.case_changed):
        errors = drive(fill)
        qtbot.mouseClick(view.buttons["extend"], Qt.MouseButton.LeftButton)
    assert errors == []
    assert not view.buttons["acknowledge"].isEnabled()  # the view shows their change
    assert not cases.get(env, case.reference).stages[0].extended


def test_a_locked_database_is_said_plainly_and_text_is_kept(
    qtbot: Any, env: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    def locked(*_a: Any, **_k: Any) -> None:
        raise KnownError("The database is busy (another user is saving). Try again in a moment.")

    monkeypatch.setattr(cases, "extend", locked)
    dialog = ExtendDialog(env, simple_case(env))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.reason, "Complex")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert "The database is busy" in dialog.problems.text()
    assert dialog.reason.toPlainText() == "Complex"


def test_a_missing_case_is_said_plainly(qtbot: Any, env: Env) -> None:
    view = _view(qtbot, env, "CSC/26/9999")
    assert "There is no complaint with reference 'CSC/26/9999'" in view.problems.text()
    assert not view.buttons["extend"].isEnabled()


def test_keep_my_changes_puts_only_my_fields_on_a_colleagues_saved_version(
    qtbot: Any, env: Env
) -> None:
    case = simple_case(env)
    from complaints_desktop.storage.engine import make_engine

    # the colleague's PC: an engine (connections) of its own on the same database
    url = env.engine.url.render_as_string(hide_password=False)
    colleague = Env(engine=make_engine(url), user=env.user, today=env.today)
    mine = EditDetailsDialog(env, case)
    theirs = EditDetailsDialog(colleague, case)
    for dialog in (mine, theirs):
        qtbot.addWidget(dialog)
        dialog.show()
    theirs.person.phone.clear()
    qtbot.keyClicks(theirs.person.phone, "0161 496 0000")
    qtbot.mouseClick(theirs.ok_button, Qt.MouseButton.LeftButton)
    assert not theirs.isVisible()  # A saved the phone number first

    mine.summary.clear()
    qtbot.keyClicks(mine.summary, "Late reply about contact arrangements")
    qtbot.mouseClick(mine.ok_button, Qt.MouseButton.LeftButton)
    assert "Someone else saved this case" in mine.problems.text()
    qtbot.mouseClick(mine.keep_button, Qt.MouseButton.LeftButton)
    said = mine.merged.text()
    assert "Their changes are kept: complainant phone" in said  # both are shown
    assert "Yours will be applied to their version: summary" in said
    qtbot.mouseClick(mine.ok_button, Qt.MouseButton.LeftButton)
    assert not mine.isVisible()

    saved = cases.get(env, case.reference)
    assert saved.complainant.phone == "0161 496 0000"  # the colleague's save stands
    assert saved.summary == "Late reply about contact arrangements"  # and mine is on it
    colleague.engine.dispose()


def test_a_note_saves_on_the_write_queue_and_the_window_answers_meanwhile(
    qtbot: Any, env: Env
) -> None:
    import threading

    from PySide6.QtCore import QElapsedTimer

    from complaints_desktop.ui.workers import run_in_background, write_queue

    case = simple_case(env)
    view = _view(qtbot, env, case.reference)
    release = threading.Event()
    queue = write_queue(view)
    busy = run_in_background(lambda _t: release.wait(10), lambda _r: None, pool=queue)  # an import
    qtbot.keyClicks(view.note_text, "Rang back during the import")
    clock = QElapsedTimer()
    clock.start()
    qtbot.keyClick(view.note_text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert clock.elapsed() < 100  # the key came back at once: nothing waited on the UI thread
    assert view.message.text() == "Saving the note…"
    qtbot.wait(300)
    assert cases.get(env, case.reference).notes == []  # its turn comes after the import's
    assert view.note_text.toPlainText() == "Rang back during the import"
    release.set()
    with qtbot.waitSignal(view.case_changed, timeout=10_000):
        pass
    assert [n.text for n in cases.get(env, case.reference).notes] == ["Rang back during the import"]
    assert view.note_text.toPlainText() == ""
    assert not busy.running


def test_a_move_saves_on_the_write_queue_and_the_window_answers_meanwhile(
    qtbot: Any, env: Env
) -> None:
    import threading

    from PySide6.QtCore import QElapsedTimer, QTimer

    from complaints_desktop.ui.workers import run_in_background, write_queue

    case = simple_case(env)
    view = _view(qtbot, env, case.reference)
    release = threading.Event()
    busy = run_in_background(lambda _t: release.wait(10), lambda _r: None, pool=write_queue(view))
    dialog = ExtendDialog(env, case, view)  # as the view opens it: on the window's queue
    dialog.show()
    type_date(qtbot, dialog.agreed, "05/10/2026")
    qtbot.keyClicks(dialog.reason, "Waiting for the advocate")
    gaps: list[int] = []
    clock = QElapsedTimer()
    ticker = QTimer()
    ticker.setInterval(10)
    ticker.timeout.connect(lambda: gaps.append(clock.restart()))
    seen: dict[str, Any] = {}

    def meanwhile() -> None:  # the import is still saving: the move waits its turn
        seen["button"] = dialog.ok_button.text()
        seen["saved yet"] = cases.get(env, case.reference).stages[0].extended
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # cannot close it mid-save
        seen["still open"] = dialog.isVisible()
        release.set()

    QTimer.singleShot(400, meanwhile)
    clock.start()
    ticker.start()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    ticker.stop()
    assert seen == {"button": "Saving…", "saved yet": False, "still open": True}
    assert len(gaps) >= 20  # the event loop went on turning while the move waited
    assert not dialog.isVisible()
    assert dialog.value is not None
    assert dialog.value.stages[0].extended
    saved = cases.get(env, case.reference).stages[0]
    assert saved.extended
    assert saved.extension_reason == "Waiting for the advocate"
    assert not busy.running


def test_a_backup_copied_over_the_open_file_in_place_is_said_and_the_note_kept(
    qtbot: Any, env: Env, tmp_path: Path, qsettings: QSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.ui.test_main_window import make_window

    database = sqlite_path(env.engine.url.render_as_string(hide_password=False))
    assert database is not None
    case = simple_case(env)
    copy = safety.backup(env, tmp_path / "copy.sqlite3")
    cases.add_note(env, case, "Saved after the backup")
    window = make_window(qtbot, env, qsettings)
    monkeypatch.setattr(window, "confirm_discard", lambda *_a: True)  # (closed at the end)
    view = window.open_case(case.reference)
    assert isinstance(view, CaseView)
    qtbot.keyClicks(view.note_text, "Rang Ms Okafor back")
    shutil.copyfile(copy, database)  # another program copies the backup back over it
    copied = copy.read_bytes()

    qtbot.keyClick(view.note_text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    qtbot.waitUntil(lambda: view.saving is None and view.problems.isVisible(), timeout=10000)
    said = view.problems.text()
    assert "was replaced" in said
    assert "Close the window and open it again" in said
    assert "Your note is still in the box." in said
    assert view.note_text.toPlainText() == "Rang Ms Okafor back"
    assert database.read_bytes() == copied  # nothing went into the copy
    shot = os.environ.get("COMPLAINTS_SHOT")
    if shot:
        window.grab().save(shot)
