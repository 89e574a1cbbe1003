"""UI: the Ombudsman, learning actions, contacts and welcome panes as an officer sees them."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt

from complaints_desktop.domain.model import Contact
from complaints_desktop.domain.views import ActionRow, OmbudsmanRow
from complaints_desktop.services import contacts as contacts_service
from complaints_desktop.services.env import Env
from complaints_desktop.ui.models.registers import (
    ActionColumn,
    ActionsModel,
    ContactColumn,
    ContactsModel,
    OmbudsmanColumn,
    OmbudsmanModel,
)
from complaints_desktop.ui.views import welcome as welcome_module
from complaints_desktop.ui.views.actions import ActionsView
from complaints_desktop.ui.views.contacts import ContactsView
from complaints_desktop.ui.views.ombudsman import OmbudsmanView
from complaints_desktop.ui.views.welcome import WelcomeView

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def test_ombudsman_pane_shows_remedies_overdue_in_words(qtbot, env: Env) -> None:
    view = OmbudsmanView(env)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.rows_shown, timeout=10000):
        view.refresh()
    model = view.model
    assert model.rowCount() == 1
    assert model.index(0, OmbudsmanColumn.LGSCO).data() == "25 001 234"
    assert model.index(0, OmbudsmanColumn.DECIDED).data() == "20 Jan 2026"
    remedies = model.index(0, OmbudsmanColumn.REMEDIES).data()
    assert remedies == "1 OVERDUE; 2 outstanding, next due 1 Mar 2026"
    icon = model.index(0, OmbudsmanColumn.REMEDIES).data(Qt.ItemDataRole.DecorationRole)
    assert not icon.isNull()
    assert view.summary.text() == (
        "1 referrals; 0 awaiting a decision; 2 remedies outstanding, 1 of them overdue."
    )
    view.table.setFocus()
    view.table.selectRow(0)
    with qtbot.waitSignal(view.open_case_requested) as opened:
        qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert opened.args == ["CORP/25/0006"]


def test_actions_pane_filters_by_status_and_marks_overdue(qtbot, env: Env) -> None:
    view = ActionsView(env)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.rows_shown, timeout=10000):
        view.refresh()
    assert view.status.currentText() == "Still to do (planned or in progress)"
    assert view.model.rowCount() == 1
    assert view.model.index(0, ActionColumn.TARGET).data() == "OVERDUE 1 Feb 2026"
    assert view.model.index(0, ActionColumn.OWNER).data() == "Head of Fostering"
    assert view.summary.text() == "1 action, 1 overdue"
    with qtbot.waitSignal(view.rows_shown):
        view.status.setCurrentIndex(view.status.findText("Any status"))
    assert view.model.rowCount() == 2
    with qtbot.waitSignal(view.rows_shown):
        view.status.setCurrentIndex(view.status.findText("Implemented"))
    assert [view.model.index(0, c).data() for c in (ActionColumn.ACTION, ActionColumn.STATUS)] == [
        "Update leaflet",
        "Implemented",
    ]


@pytest.fixture
def fake_contacts(monkeypatch) -> list[Contact]:
    """A stand-in for services.contacts (search and create), so the pane is tested alone."""
    store = [
        Contact(
            "compliment",
            date(2026, 3, 2),
            "CON/26/0001",
            ["Fostering"],
            sender="A carer",
            summary="Thanks to the fostering team",
        ),
        Contact(
            "mp enquiry",
            date(2026, 3, 5),
            "CON/26/0002",
            sender="Office of the MP",
            summary="Asks about a placement",
        ),
    ]

    def search(env: Env, kind: str = "", text: str = "") -> list[Contact]:
        return [
            c
            for c in store
            if (not kind or c.kind == kind)
            and (not text or text.casefold() in (c.reference + c.sender + c.summary).casefold())
        ]

    def create(env: Env, contact: Contact) -> Contact:
        contact.reference = f"CON/26/{len(store) + 1:04d}"
        store.append(contact)
        return contact

    def due_date(env: Env, contact: Contact) -> date | None:
        return contact.received + timedelta(days=5) if "enquiry" in contact.kind else None

    monkeypatch.setattr(contacts_service, "search", search)
    monkeypatch.setattr(contacts_service, "due_date", due_date)
    monkeypatch.setattr(contacts_service, "create", create)
    return store


def test_contacts_pane_kind_filter_and_search(qtbot, env: Env, fake_contacts) -> None:
    view = ContactsView(env)
    qtbot.addWidget(view)
    view.show()
    with qtbot.waitSignal(view.rows_shown, timeout=10000):
        view.refresh()
    assert view.model.rowCount() == 2
    assert view.model.index(0, 1).data() == "MP enquiry"  # newest first
    responded = view.model.index(0, ContactColumn.RESPONDED)
    assert responded.data() == "OVERDUE, was due 10 Mar 2026"
    assert not responded.data(Qt.ItemDataRole.DecorationRole).isNull()
    assert view.model.index(1, ContactColumn.RESPONDED).data() == "Not yet"  # a compliment
    with qtbot.waitSignal(view.rows_shown, timeout=10000):
        view.kind.setCurrentIndex(view.kind.findText("Compliment"))
    assert view.model.index(0, 0).data() == "CON/26/0001"
    view.kind.setCurrentIndex(0)
    qtbot.waitUntil(lambda: view.model.rowCount() == 2)
    with qtbot.waitSignal(view.rows_shown, timeout=10000):
        qtbot.keyClicks(view.search, "placement")
    assert view.summary.text() == "1 contact"


def test_new_contact_dialog_saves_and_lists_it(qtbot, env: Env, fake_contacts, monkeypatch) -> None:
    from complaints_desktop.ui.dialogs.contact import ContactDialog

    view = ContactsView(env)
    qtbot.addWidget(view)

    def ask(parent, env_: Env, contact=None):
        dialog = ContactDialog(env_, contact, parent)
        qtbot.addWidget(dialog)
        dialog.kind.setCurrentIndex(dialog.kind.findText("duty"))
        qtbot.keyClicks(dialog.from_field, "Duty social worker")
        qtbot.keyClicks(dialog.summary, "Call about a visit")
        assert dialog.attempt()
        return dialog.value

    monkeypatch.setattr(ContactDialog, "ask", staticmethod(ask))
    with qtbot.waitSignal(view.rows_shown, timeout=10000):
        qtbot.mouseClick(view.new_button, Qt.MouseButton.LeftButton)
    assert fake_contacts[-1].kind == "duty"
    assert fake_contacts[-1].received == date(2026, 3, 11)
    assert view.model.rowCount() == 3


def test_welcome_demo_button_runs_in_the_background(qtbot, empty_env: Env, monkeypatch) -> None:
    calls: list[int] = []
    monkeypatch.setattr(welcome_module, "_fill_demo", lambda env, n: calls.append(n) or n)
    view = WelcomeView(empty_env, "/data/new.sqlite3")
    qtbot.addWidget(view)
    view.show()
    with qtbot.waitSignal(view.finished, timeout=10000) as done:
        qtbot.mouseClick(view.demo_button, Qt.MouseButton.LeftButton)
        assert view.progress.isVisible()
        assert not view.demo_button.isEnabled()
    assert done.args == [True]
    assert calls == [2000]
    assert view.note.text() == "Added 2,000 demo complaints."


def test_welcome_start_empty(qtbot, empty_env: Env) -> None:
    view = WelcomeView(empty_env, "/data/new.sqlite3")
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.finished) as done:
        qtbot.mouseClick(view.empty_button, Qt.MouseButton.LeftButton)
    assert done.args == [False]


def test_register_models_are_good_qt_models(qtmodeltester) -> None:
    ombudsman = OmbudsmanModel()
    ombudsman.set_rows([OmbudsmanRow("CSC/1", "26 000 001", date(2026, 1, 1), None, "")])
    qtmodeltester.check(ombudsman)
    actions = ActionsModel()
    actions.set_rows([ActionRow("CSC/1", "Train staff", "Manager", None, "planned")])
    qtmodeltester.check(actions)
    contacts = ContactsModel(date(2026, 3, 11))
    contacts.set_rows([Contact("query", date(2026, 1, 2), "CON/1")])
    qtmodeltester.check(contacts)


def test_background_work_comes_back_on_the_ui_thread(qtbot) -> None:
    import threading

    from complaints_desktop.ui.workers import run_in_background

    seen: dict[str, object] = {}

    def work(ticket) -> str:
        seen["worker"] = threading.current_thread()
        ticket.progress(1, 2, "half way")
        return "done"

    progress: list[tuple[int, int, str]] = []
    task = run_in_background(
        work,
        lambda result: seen.update(result=result, thread=threading.current_thread()),
        progress=lambda *p: progress.append(p),
    )
    with qtbot.waitSignal(task.finished, timeout=10000):
        pass
    assert seen["result"] == "done"
    assert seen["thread"] is threading.main_thread()
    assert seen["worker"] is not threading.main_thread()
    assert progress == [(1, 2, "half way")]


def test_background_errors_and_cancellation(qtbot) -> None:
    import threading

    from complaints_desktop.ui.workers import run_in_background

    errors: list[BaseException] = []
    task = run_in_background(lambda _t: 1 / 0, lambda _r: None, errors.append)
    with qtbot.waitSignal(task.finished, timeout=10000):
        pass
    assert isinstance(errors[0], ZeroDivisionError)

    gate = threading.Event()
    results: list[object] = []

    def slow(ticket) -> str:
        gate.wait(5)
        ticket.check()  # stops here once cancelled
        return "too late"

    task = run_in_background(slow, results.append, errors.append)
    task.cancel()
    gate.set()
    with qtbot.waitSignal(task.finished, timeout=10000):
        pass
    assert results == []
    assert len(errors) == 1  # the cancellation is not reported as an error
