"""UI: a complaint from the inbox — an e-mail dropped on the window or opened with Ctrl+O
in New complaint fills the form; the officer checks and logs it; the message is kept
with the case, listed there, opened and saved as a copy. Bad files change nothing."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QWidget

from complaints_desktop.services import cases, inbox
from complaints_desktop.services.env import Env
from complaints_desktop.ui.dialogs.letter_dialog import LetterDialog
from complaints_desktop.ui.main_window import MainWindow
from complaints_desktop.ui.views import case_documents
from complaints_desktop.ui.views.new_complaint import NewComplaintDialog
from tests.mailfiles import BODY, SENDER_ADDRESS, SENDER_NAME, SUBJECT
from tests.ui.case.conftest import choose

MAIL = Path(__file__).parents[2] / "fixtures" / "mail"


def drop(qtbot: Any, target: QWidget, path: Path) -> bool:
    """Drag ``path`` over ``target`` and drop it there, as the mouse does; True if the
    target accepted the drag."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    at = QPointF(target.width() / 2, target.height() / 2)
    actions = Qt.DropAction.CopyAction
    enter = QDragEnterEvent(
        at, actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(target, enter)
    if not enter.isAccepted():
        return False
    QApplication.sendEvent(
        target,
        QDropEvent(at, actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier),
    )
    return True


def _check_and_log(qtbot: Any, d: NewComplaintDialog) -> str:
    """What the officer adds to a filled form, by keys, then Enter logs it."""
    choose(qtbot, d.relationship, "parent")
    qtbot.keyClicks(d.child.name, "Mia Testchild")
    qtbot.keyClick(d.child.name, Qt.Key.Key_Tab)
    d.person.email.setFocus()
    qtbot.keyClick(d.person.email, Qt.Key.Key_Return)  # Enter logs it
    assert d.saved is not None, d.problems.text()
    return d.saved.reference


def _assert_filled(d: NewComplaintDialog, name: str) -> None:
    assert d.person.name.text() == SENDER_NAME
    assert d.person.email.text() == SENDER_ADDRESS
    assert d.received.date() == date(2026, 11, 16)
    assert d.channel.currentData() == "email"
    assert d.summary.toPlainText() == f"{SUBJECT}\n\n{BODY}"
    assert f"From the e-mail “{name}”" in d.email_note.text()


@pytest.fixture
def window(qtbot: Any, env: Env, tmp_path: Path) -> MainWindow:
    from PySide6.QtCore import QSettings

    settings = QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat)
    made = MainWindow(env, settings, "complaints.sqlite3")
    made.remember = False
    qtbot.addWidget(made)
    made.show()
    return made


def test_an_eml_dropped_on_the_window_is_logged_and_kept_in_under_a_minute(
    qtbot: Any,
    env: Env,
    window: MainWindow,
    drive: Any,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    monkeypatch.setattr(LetterDialog, "ask", staticmethod(lambda *_a, **_k: None))
    logged: list[str] = []

    def officer(dialog: QDialog) -> None:
        assert isinstance(dialog, NewComplaintDialog)
        _assert_filled(dialog, "complaint.eml")
        logged.append(_check_and_log(qtbot, dialog))
        assert "The e-mail “complaint.eml” is kept with the case." in dialog.done_text.text()
        qtbot.keyClick(dialog.close_button, Qt.Key.Key_Space)

    started = time.monotonic()
    errors = drive(officer)
    assert drop(qtbot, window, MAIL / "complaint.eml")
    assert errors == []
    assert time.monotonic() - started < 60
    [reference] = logged
    saved = cases.get(env, reference)
    assert (saved.complainant.name, saved.complainant.email) == (SENDER_NAME, SENDER_ADDRESS)
    assert saved.received == date(2026, 11, 16)
    assert saved.summary.startswith(SUBJECT)

    # The case opened in its tab, with the message kept: opened and saved as a copy.
    view = window.tabs.currentWidget()
    assert window.tabs.tabText(window.tabs.currentIndex()) == reference
    kept = view.kept_files  # type: ignore[attr-defined]
    assert kept.list.item(0).text().startswith("complaint.eml — 1 KB — added ")
    opened: list[str] = []
    monkeypatch.setattr(
        case_documents.QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile())
    )
    kept.list.setFocus()
    qtbot.keyClick(kept.list, Qt.Key.Key_Return)  # Enter opens the highlighted file
    assert Path(opened[0]).read_bytes() == (MAIL / "complaint.eml").read_bytes()
    copy = tmp_path / "copy.eml"
    monkeypatch.setattr(
        case_documents.QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(copy), "")
    )
    qtbot.mouseClick(kept.save_button, Qt.MouseButton.LeftButton)
    assert copy.read_bytes() == (MAIL / "complaint.eml").read_bytes()
    assert "Saved a copy" in kept.message.text()


def test_ctrl_o_in_new_complaint_reads_an_outlook_msg(
    qtbot: Any, env: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(MAIL / "complaint.msg"), "")
    )
    started = time.monotonic()
    d = NewComplaintDialog(env)
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    d.activateWindow()
    qtbot.waitUntil(d.person.name.hasFocus)
    qtbot.keyClick(d.person.name, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    _assert_filled(d, "complaint.msg")
    reference = _check_and_log(qtbot, d)
    assert time.monotonic() - started < 60
    [kept] = inbox.kept(env, reference)
    assert kept.filename == "complaint.msg"
    assert inbox.kept_file(env, kept.id)[1] == (MAIL / "complaint.msg").read_bytes()
    assert cases.get(env, reference).channel == "email"


def test_an_msg_dropped_on_the_form_fills_it(qtbot: Any, env: Env) -> None:
    d = NewComplaintDialog(env)
    qtbot.addWidget(d)
    d.show()
    assert drop(qtbot, d, MAIL / "complaint.msg")
    _assert_filled(d, "complaint.msg")


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("notes.txt", b"hello", "is not an e-mail file"),
        ("broken.msg", None, "could not be read as an Outlook message"),
        ("task.msg", "task", "an Outlook item but not an e-mail"),
    ],
)
def test_a_bad_file_gives_a_plain_message_and_changes_nothing(
    qtbot: Any, env: Env, tmp_path: Path, name: str, content: bytes | str | None, words: str
) -> None:
    path = tmp_path / name
    if content is None:
        path.write_bytes((MAIL / "complaint.msg").read_bytes()[:1500])
    elif content == "task":
        path = MAIL / "task.msg"
    else:
        assert isinstance(content, bytes)
        path.write_bytes(content)
    d = NewComplaintDialog(env)
    qtbot.addWidget(d)
    d.show()
    qtbot.keyClicks(d.person.name, "Typed Name")
    assert drop(qtbot, d, path)
    assert words in d.problems.text()
    assert d.person.name.text() == "Typed Name"
    assert d.summary.toPlainText() == ""
    assert d.email is None


def test_a_bad_file_dropped_on_the_window_opens_nothing(
    qtbot: Any, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(inbox, "MAX_BYTES", 100)
    opened: list[object] = []
    monkeypatch.setattr(NewComplaintDialog, "ask", classmethod(lambda *a: opened.append(a)))
    assert drop(qtbot, window, MAIL / "complaint.eml")
    assert "too large to keep with a case" in window.message.text()
    assert window.message_bar.isVisible()
    assert opened == []
