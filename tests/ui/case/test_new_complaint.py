"""UI: logging a new complaint from the keyboard — routing, time limit, advocate, letter."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QListWidget, QPlainTextEdit

from complaints_desktop.services import cases
from complaints_desktop.services.env import Env
from complaints_desktop.ui.dialogs.letter_dialog import LetterDialog
from complaints_desktop.ui.views.new_complaint import NewComplaintDialog
from tests.ui.case.conftest import TODAY, choose, simple_case, type_date


def _dialog(qtbot: Any, env: Env) -> NewComplaintDialog:
    dialog = NewComplaintDialog(env)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _fill_basics(qtbot: Any, d: NewComplaintDialog, name: str, relationship: str) -> None:
    qtbot.keyClicks(d.person.name, name)
    qtbot.keyClicks(d.person.email, "parent@example.org")
    choose(qtbot, d.relationship, relationship)
    qtbot.keyClicks(d.child.name, "Mia Jones")
    qtbot.keyClick(d.child.name, Qt.Key.Key_Tab)
    choose(qtbot, d.channel, "email")
    d.teams.setFocus()
    d.teams.setCurrentRow(1)
    qtbot.keyClick(d.teams, Qt.Key.Key_Space)
    qtbot.keyClicks(d.summary, "Missed contact visits")
    qtbot.keyClicks(d.elements, "Visits cancelled at short notice")
    qtbot.keyClick(d.elements, Qt.Key.Key_Return)
    qtbot.keyClicks(d.elements, "No reply to e-mails")


def test_logging_a_statutory_complaint_from_a_parent(qtbot: Any, env: Env, monkeypatch) -> None:
    # The Letters dialog is closed without producing a letter.
    monkeypatch.setattr(LetterDialog, "ask", staticmethod(lambda *_a, **_k: None))
    d = _dialog(qtbot, env)
    assert d.focusWidget() is d.person.name  # the cursor starts in the name
    _fill_basics(qtbot, d, "Dawn Jones", "parent")
    assert "Children Act 1989 representations procedure (statutory)" in d.routing.text()
    assert "A parent (person with parental responsibility) is entitled" in d.routing.text()
    assert "Stage 1 response</b>: 4 December 2026" in d.deadlines.text()
    assert not d.advocacy_panel.isVisible()  # advocacy is offered to a child complainant

    qtbot.keyClick(d.person.email, Qt.Key.Key_Return)  # Enter logs it
    assert d.saved is not None
    assert d.done_panel.isVisible()
    assert f"Complaint {d.saved.reference} logged" in d.done_text.text()
    assert "2 working days from receipt (20 November 2026)" in d.done_text.text()
    qtbot.mouseClick(d.letter_button, Qt.MouseButton.LeftButton)
    assert d.letter_note.text().startswith("No letter was produced")

    saved = cases.get(env, d.saved.reference)
    assert saved.reference.startswith("CSC/26/")
    assert (saved.procedure, saved.relationship, saved.channel) == ("statutory", "parent", "email")
    assert saved.complainant.name == "Dawn Jones"
    assert saved.child.name == "Mia Jones"
    assert saved.teams == ["Fostering"]
    assert [e.text for e in saved.elements] == [
        "Visits cancelled at short notice",
        "No reply to e-mails",
    ]
    assert saved.received == TODAY


def test_a_childs_complaint_is_offered_an_advocate(qtbot: Any, env: Env) -> None:
    d = _dialog(qtbot, env)
    _fill_basics(qtbot, d, "Mia Jones", "child or young person")
    assert d.advocacy_panel.isVisible()
    assert d.advocate.isChecked()
    choose(qtbot, d.provider, "Coram Voice")
    assert "The child or young person is entitled" in d.routing.text()
    qtbot.mouseClick(d.ok_button, Qt.MouseButton.LeftButton)
    assert d.saved is not None
    assert "An advocate was offered" in d.done_text.text()
    saved = cases.get(env, d.saved.reference)
    assert saved.advocacy.offered == TODAY
    assert saved.advocacy.provider == "Coram Voice"


def test_a_corporate_complaint_says_why(qtbot: Any, env: Env) -> None:
    d = _dialog(qtbot, env)
    _fill_basics(qtbot, d, "Gary Jones", "other relative")
    assert "Corporate complaints procedure" in d.routing.text()
    assert "is not entitled to the statutory procedure" in d.routing.text()
    assert "5 working days from receipt" in d.deadlines.text()
    d.sufficient.setFocus()
    qtbot.keyClick(d.sufficient, Qt.Key.Key_Space)  # the council decides sufficient interest
    assert "sufficient interest" in d.routing.text()
    assert "(statutory)" in d.routing.text()
    qtbot.keyClick(d.sufficient, Qt.Key.Key_Space)
    qtbot.mouseClick(d.ok_button, Qt.MouseButton.LeftButton)
    assert d.saved is not None
    assert d.saved.reference.startswith("CORP/26/")
    assert cases.get(env, d.saved.reference).procedure == "corporate"


def test_known_complainant_is_picked_from_the_keyboard_and_open_case_warned(
    qtbot: Any, env: Env
) -> None:
    first = simple_case(env)
    d = _dialog(qtbot, env)
    qtbot.keyClicks(d.person.name, "okaf")
    qtbot.waitUntil(d.known.isVisible)
    assert d.known.item(0).text().startswith("Sarah Okafor — s.okafor@example.org")
    qtbot.keyClick(d.person.name, Qt.Key.Key_Down)
    qtbot.keyClick(d.known, Qt.Key.Key_Return)  # picks; does not log the complaint
    assert d.saved is None
    assert d.person.name.text() == "Sarah Okafor"
    assert d.person.email.text() == "s.okafor@example.org"
    assert "Mill Lane" in d.person.address.toPlainText()

    qtbot.keyClicks(d.child.system_id, "LCS-4411")
    qtbot.waitUntil(d.open_warning.isVisible)
    assert first.reference in d.open_warning.text()
    assert "Warning" in d.open_warning.text()  # said in words, not colour


def test_out_of_time_needs_a_reason(qtbot: Any, env: Env) -> None:
    d = _dialog(qtbot, env)
    _fill_basics(qtbot, d, "Dawn Jones", "parent")
    type_date(qtbot, d.events, "01/09/2025")
    assert d.late_note.isVisible()
    assert "Out of time" in d.late_note.text()
    assert "1 September 2026" in d.late_note.text()
    qtbot.mouseClick(d.ok_button, Qt.MouseButton.LeftButton)
    assert d.saved is None
    assert "out of time" in d.problems.text()
    assert d.person.name.text() == "Dawn Jones"  # everything typed is still there
    qtbot.keyClicks(d.late_reason, "Learned of the decision in October")
    qtbot.mouseClick(d.ok_button, Qt.MouseButton.LeftButton)
    assert d.saved is not None
    saved = cases.get(env, d.saved.reference)
    assert saved.late_accepted_reason == "Learned of the decision in October"


def test_bad_dates_are_reported_inline_and_nothing_is_saved(qtbot: Any, env: Env) -> None:
    d = _dialog(qtbot, env)
    _fill_basics(qtbot, d, "Dawn Jones", "parent")
    type_date(qtbot, d.received, "31/02/2026")
    assert "once the dates are complete" in d.deadlines.text()
    qtbot.mouseClick(d.ok_button, Qt.MouseButton.LeftButton)
    assert "'31/02/2026' is not a date" in d.problems.text()
    type_date(qtbot, d.received, "20/12/2026")
    qtbot.mouseClick(d.ok_button, Qt.MouseButton.LeftButton)
    assert "cannot be in the future" in d.problems.text()
    assert d.saved is None


def test_closing_with_typed_text_asks_first(qtbot: Any, env: Env, monkeypatch) -> None:
    from complaints_desktop.ui.dialogs import _base

    answers = [False, True]
    asked: list[str] = []
    monkeypatch.setattr(_base, "confirm_discard", lambda *_a: asked.append("?") or answers.pop(0))
    d = _dialog(qtbot, env)
    qtbot.keyClicks(d.person.name, "Dawn Jones")
    qtbot.keyClick(d.person.name, Qt.Key.Key_Escape)
    assert asked == ["?"]
    assert d.isVisible()  # kept editing
    assert d.person.name.text() == "Dawn Jones"
    qtbot.keyClick(d.person.name, Qt.Key.Key_Escape)
    assert not d.isVisible()
    assert d.saved is None


def test_ask_returns_the_new_reference(qtbot: Any, env: Env, drive) -> None:
    def fill(d: Any) -> None:
        _fill_basics(qtbot, d, "Dawn Jones", "parent")
        qtbot.mouseClick(d.ok_button, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(d.close_button, Qt.MouseButton.LeftButton)

    errors = drive(fill)
    reference = NewComplaintDialog.ask(None, env)
    assert errors == []
    assert reference is not None
    assert cases.get(env, reference).complainant.name == "Dawn Jones"


@pytest.mark.parametrize("kind", [QLineEdit, QComboBox, QPlainTextEdit, QListWidget, QCheckBox])
def test_every_control_has_an_accessible_name(qtbot: Any, env: Env, kind: type) -> None:
    d = _dialog(qtbot, env)
    unnamed = [
        w
        for w in d.findChildren(kind)
        if not w.accessibleName() and not isinstance(w.parent(), QComboBox)
    ]
    assert unnamed == []


def test_produce_acknowledgement_opens_the_letters_dialog_on_it(
    qtbot: Any, env: Env, monkeypatch
) -> None:
    asked: list[tuple[str, str | None]] = []

    def ask(_parent: Any, _env: Env, reference: str, preferred: str | None = None) -> str:
        asked.append((reference, preferred))
        return "acknowledgement"

    monkeypatch.setattr(LetterDialog, "ask", staticmethod(ask))
    d = _dialog(qtbot, env)
    _fill_basics(qtbot, d, "Dawn Jones", "parent")
    qtbot.mouseClick(d.ok_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(d.letter_button, Qt.MouseButton.LeftButton)
    assert d.saved is not None
    assert asked == [(d.saved.reference, "acknowledgement")]
    assert "produced and logged on the case" in d.letter_note.text()
    assert date(2026, 11, 20) == TODAY


def test_the_date_they_learned_of_it_and_what_the_rules_ask_are_recorded(
    qtbot: Any, env: Env
) -> None:
    d = _dialog(qtbot, env)
    _fill_basics(qtbot, d, "Joan Okoro", "other relative")
    type_date(qtbot, d.events, "01/09/2025")
    assert d.late_note.isVisible()  # over 12 months after the events …
    type_date(qtbot, d.learned, "02/03/2026")
    assert not d.late_note.isVisible()  # … but she learned of them in March
    assert not d.decision.isEnabled()
    d.sufficient.setFocus()
    qtbot.keyClick(d.sufficient, Qt.Key.Key_Space)
    assert d.decision.isEnabled()
    qtbot.keyClicks(d.decision, "Team manager agreed: she cares for Mia most weekends")
    qtbot.keyClicks(d.child_views, "Mia wants her gran to speak for her")
    choose(qtbot, d.legal_status, "child in need")
    qtbot.mouseClick(d.ok_button, Qt.MouseButton.LeftButton)
    assert d.saved is not None
    saved = cases.get(env, d.saved.reference)
    assert saved.learned_of == date(2026, 3, 2)
    assert saved.legal_status == "child in need"
    assert saved.child_views == "Mia wants her gran to speak for her"
    assert saved.eligibility_note.startswith("Team manager agreed")
    assert saved.procedure == "statutory"
