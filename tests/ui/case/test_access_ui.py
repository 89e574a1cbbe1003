"""UI: the Users page, the Database page, role-disabled case actions, the restrict dialog."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QTabWidget
from pytestqt.qtbot import QtBot

from complaints_desktop.domain.access import SQLITE_BOUNDARY
from complaints_desktop.services import access, cases
from complaints_desktop.services.env import Env
from complaints_desktop.ui.dialogs.restrict import RestrictDialog
from complaints_desktop.ui.views.case_view import CaseView
from complaints_desktop.ui.views.settings_database import KEY, DatabasePage
from complaints_desktop.ui.views.settings_users import UsersPage
from tests.shots import shoot
from tests.ui.case.conftest import simple_case


def as_user(env: Env, account: str) -> Env:
    return Env(engine=env.engine, user=account, today=env.today)


def test_an_administrator_adds_a_user_and_changes_their_role(qtbot: QtBot, env: Env) -> None:
    page = UsersPage(env)
    qtbot.addWidget(page)
    page.resize(900, 560)
    assert SQLITE_BOUNDARY in page.boundary.text()
    assert "first to open this database" in page.intro.text()
    qtbot.keyClicks(page.account, "jsmith")
    qtbot.keyClicks(page.display_name, "Jo Smith")
    page.role.setCurrentText("viewer")
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert page.problems.isHidden()
    assert "jsmith added as viewer" in page.result.text()
    rows = {page.table.item(r, 0).text(): r for r in range(page.table.rowCount())}
    page.table.selectRow(rows["jsmith"])
    page.role_edit.setCurrentText("manager")
    qtbot.mouseClick(page.role_button, Qt.MouseButton.LeftButton)
    assert access.current(as_user(env, "jsmith")).role == "manager"
    shoot(page, "users_page.png")


def test_the_last_administrator_cannot_be_deactivated(qtbot: QtBot, env: Env) -> None:
    page = UsersPage(env)
    qtbot.addWidget(page)
    page.table.selectRow(0)
    qtbot.mouseClick(page.active_button, Qt.MouseButton.LeftButton)
    assert "last active administrator" in page.problems.text()
    assert access.current(env).role == "administrator"


def test_a_bad_account_is_explained_and_nothing_added(qtbot: QtBot, env: Env) -> None:
    page = UsersPage(env)
    qtbot.addWidget(page)
    qtbot.keyClicks(page.account, "jo smith")
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert "no spaces" in page.problems.text()
    assert page.table.rowCount() == 1


def test_others_see_a_read_only_list_and_why(qtbot: QtBot, env: Env) -> None:
    access.add_user(env, "reader", "Rea Der", "viewer")
    page = UsersPage(as_user(env, "reader"))
    qtbot.addWidget(page)
    assert "this list is read-only" in page.intro.text()
    assert not page.add_button.isEnabled()
    assert "may not manage users" in page.add_button.toolTip()
    assert page.table.rowCount() == 2


def test_a_viewers_case_view_disables_writes_and_says_why(qtbot: QtBot, env: Env) -> None:
    case = simple_case(env)
    access.add_user(env, "reader", "Rea Der", "viewer")
    view = CaseView(as_user(env, "reader"), case.reference)
    qtbot.addWidget(view)
    view.resize(1100, 700)
    respond = view.buttons["respond"]
    assert not respond.isEnabled()
    assert respond.toolTip() == "Your role (viewer) may not record responses; ask a manager."
    assert not view.menu_actions["add_note"].isEnabled()
    assert not view.note_button.isEnabled()
    assert not view.restrict_action.isEnabled()
    assert "Read only: your role (viewer)" in view.restricted_label.text()
    shoot(view, "case_view_viewer.png")


def test_an_officer_may_acknowledge_but_not_extend(qtbot: QtBot, env: Env) -> None:
    case = simple_case(env)
    access.add_user(env, "off", "", "officer")
    view = CaseView(as_user(env, "off"), case.reference)
    qtbot.addWidget(view)
    assert view.buttons["acknowledge"].isEnabled()
    assert not view.buttons["extend"].isEnabled()
    assert "ask a manager" in view.buttons["extend"].toolTip()


def test_the_restrict_dialog_names_who_may_see_the_case(qtbot: QtBot, env: Env) -> None:
    case = simple_case(env)
    access.add_user(env, "named", "Named Person", "officer")
    access.add_user(env, "other", "Other Person", "officer")
    dialog = RestrictDialog(env, case.reference)
    qtbot.addWidget(dialog)
    assert not dialog.people.isEnabled()
    dialog.restricted.setChecked(True)
    for row in range(dialog.people.count()):
        item = dialog.people.item(row)
        if item.data(Qt.ItemDataRole.UserRole) == "named":
            item.setCheckState(Qt.CheckState.Checked)
    shoot(dialog, "restrict_dialog.png")
    dialog.accept()
    assert dialog.named == ["j.officer", "named"]
    with pytest.raises(Exception, match="restricted"):
        cases.get(as_user(env, "other"), case.reference)
    view = CaseView(as_user(env, "named"), case.reference)
    qtbot.addWidget(view)
    assert view.restricted_label.isVisibleTo(view)
    assert "j.officer, named" in view.restricted_label.text()
    hidden = CaseView(as_user(env, "other"), case.reference)
    qtbot.addWidget(hidden)
    assert "restricted; ask a manager" in hidden.problems.text()


def test_database_page_stores_a_server_without_its_password(
    qtbot: QtBot, env: Env, tmp_path: Path
) -> None:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    page = DatabasePage(env, settings)
    qtbot.addWidget(page)
    page.resize(900, 620)
    assert "A database file on this PC" in page.in_use.text()
    qtbot.mouseClick(page.use_button, Qt.MouseButton.LeftButton)
    assert "Enter the server's name" in page.problems.text()
    qtbot.keyClicks(page.host, "dbserver.council.local")
    qtbot.keyClicks(page.user, "jsmith")
    qtbot.keyClicks(page.password, "s3cret")
    qtbot.mouseClick(page.use_button, Qt.MouseButton.LeftButton)
    stored = str(settings.value(KEY))
    assert stored == "postgresql://jsmith@dbserver.council.local:5432/complaints"
    assert "asked for the password" in page.result.text()
    shoot(page, "database_page.png")  # remembering it: tests/ui/test_settings_database.py
    qtbot.mouseClick(page.local_button, Qt.MouseButton.LeftButton)
    assert settings.value(KEY) is None


def test_database_page_tests_the_connection_off_the_ui_thread(
    qtbot: QtBot, env: Env, tmp_path: Path
) -> None:
    page = DatabasePage(env, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(page)
    qtbot.keyClicks(page.host, "nohost.invalid")
    qtbot.keyClicks(page.user, "jsmith")
    qtbot.mouseClick(page.test_button, Qt.MouseButton.LeftButton)
    assert page.result.text() == "Connecting…"
    qtbot.waitUntil(lambda: page.result.text().startswith("Could not connect"), timeout=10000)
    assert page.test_button.isEnabled()


def test_settings_has_users_and_database_tabs(qtbot: QtBot, env: Env) -> None:
    from complaints_desktop.ui.views.settings import SettingsView

    view = SettingsView(env)
    qtbot.addWidget(view)
    tabs = view.findChild(QTabWidget)
    assert tabs is not None
    names = [tabs.tabText(i).replace("&", "") for i in range(tabs.count())]
    assert {"Users", "Database"} <= set(names)
    QApplication.processEvents()
