"""UI: a contact from start to finish — logged, opened with Enter, given teams, the name
and address a reply goes to, answered by letter (PDF written, letter logged) and dated."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from complaints_desktop.services import contacts, letters, settings
from complaints_desktop.services.env import Env
from complaints_desktop.ui.dialogs.contact import ContactDialog
from complaints_desktop.ui.views.contacts import ContactsView
from tests.shots import shoot
from tests.ui.conftest import TODAY

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def test_an_mp_enquiry_is_opened_edited_answered_by_letter(
    qtbot, empty_env: Env, tmp_path: Path, monkeypatch
) -> None:
    env = empty_env
    settings.add_entry(env, "team", "Fostering")
    settings.add_entry(env, "team", "Leaving Care")
    settings.save_council(env, settings.CouncilDetails(**letters.DEMO_COUNCIL))
    view = ContactsView(env)
    qtbot.addWidget(view)
    view.show()

    def log_one(parent, env_, contact=None):
        dialog = ContactDialog(env_, contact, parent)
        dialog.show()
        assert dialog.focusWidget() is dialog.kind  # the cursor starts in the first field
        qtbot.keyClicks(dialog.kind, "mp")
        assert dialog.kind.currentData() == "mp enquiry"
        qtbot.keyClicks(dialog.from_field, "MP's office")
        qtbot.keyClicks(dialog.summary, "Asks why a placement moved")
        qtbot.keyClick(dialog.from_field, Qt.Key.Key_Return)
        return dialog.value

    monkeypatch.setattr(ContactDialog, "ask", staticmethod(log_one))
    with qtbot.waitSignal(view.rows_shown, timeout=10000):
        view.new_contact()
    assert view.model.rowCount() == 1

    pdf = tmp_path / "reply.pdf"
    seen: list[ContactDialog] = []

    def edit_one(parent, env_, contact=None):
        dialog = ContactDialog(env_, contact, parent)
        dialog.show()
        seen.append(dialog)
        qtbot.keyClicks(dialog.title_box.lineEdit(), "Ms")
        qtbot.keyClicks(dialog.name, "Jane Doe MP")
        qtbot.keyClicks(dialog.address, "House of Commons")
        qtbot.keyClick(dialog.address, Qt.Key.Key_Return)
        qtbot.keyClicks(dialog.address, "London SW1A 0AA")
        dialog.teams.setFocus()
        dialog.teams.setCurrentRow(0)
        qtbot.keyClick(dialog.teams, Qt.Key.Key_Space)
        dialog.responded.setText("")
        qtbot.keyClicks(dialog.responded, TODAY.strftime("%d/%m/%Y"))
        dialog.ask_path = lambda _suggested: str(pdf)  # type: ignore[method-assign]
        qtbot.mouseClick(dialog.letter_button, Qt.MouseButton.LeftButton)
        assert dialog.problems.isHidden(), dialog.problems.text()
        qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
        return dialog.value

    monkeypatch.setattr(ContactDialog, "ask", staticmethod(edit_one))
    view.table.setFocus()
    view.table.selectRow(0)
    with qtbot.waitSignal(view.rows_shown, timeout=10000):
        qtbot.keyClick(view.table, Qt.Key.Key_Return)  # Enter opens the contact
    saved = contacts.get(env, view.model.index(0, 0).data())
    assert (saved.title, saved.name) == ("Ms", "Jane Doe MP")
    assert saved.address == "House of Commons\nLondon SW1A 0AA"
    assert saved.teams == ["Fostering"]
    assert saved.responded == TODAY
    assert pdf.read_bytes().startswith(b"%PDF")
    assert not seen[0].isVisible()


def test_a_compliment_is_marked_as_agreed_to_be_quoted(qtbot, empty_env: Env, monkeypatch) -> None:
    from complaints_desktop.ui.dialogs import _base

    monkeypatch.setattr(_base, "confirm_discard", lambda *_a: True)  # no box left open
    dialog = ContactDialog(empty_env)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.summary, "Thank you for listening")
    assert not dialog.quote.isChecked()
    label = next(x for x in dialog.findChildren(QLabel) if x.text() == "&Quote:")
    assert label.buddy() is dialog.quote  # Alt+Q reaches it
    dialog.quote.setFocus()
    qtbot.keyClick(dialog.quote, Qt.Key.Key_Space)
    assert dialog.quote.isChecked()
    shoot(dialog, "contact_quote_consent.png")
    qtbot.keyClick(dialog.quote, Qt.Key.Key_Return)
    assert dialog.problems.text() == ""
    saved = dialog.value
    assert saved is not None
    assert contacts.get(empty_env, saved.reference).quote_consent is True
    again = ContactDialog(empty_env, contacts.get(empty_env, saved.reference))
    qtbot.addWidget(again)
    assert again.quote.isChecked()


def test_a_compliment_is_given_its_themes_with_the_keyboard(
    qtbot, empty_env: Env, monkeypatch
) -> None:
    env = empty_env
    view = ContactsView(env)
    qtbot.addWidget(view)
    view.show()

    def log_one(parent, env_, contact=None):
        dialog = ContactDialog(env_, contact, parent)
        dialog.show()
        qtbot.keyClicks(dialog.kind, "com")
        assert dialog.kind.currentData() == "compliment"
        names = [dialog.themes.item(i).text() for i in range(dialog.themes.count())]
        assert "going above and beyond" in names
        dialog.themes.setFocus()
        for name in ("professionalism", "communication"):
            dialog.themes.setCurrentRow(names.index(name))
            qtbot.keyClick(dialog.themes, Qt.Key.Key_Space)
        qtbot.keyClick(dialog.from_field, Qt.Key.Key_Return)
        return dialog.value

    monkeypatch.setattr(ContactDialog, "ask", staticmethod(log_one))
    with qtbot.waitSignal(view.rows_shown, timeout=10000):
        view.new_contact()
    saved = contacts.get(env, view.model.index(0, 0).data())
    assert saved.themes == ["professionalism", "communication"]
