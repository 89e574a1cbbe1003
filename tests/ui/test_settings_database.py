"""UI: Settings > Database keeps a remembered password in the password store, never in the
settings file; where this PC has no store it says so and remembers nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import keyring
import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QInputDialog
from pytestqt.qtbot import QtBot

from complaints_desktop import app
from complaints_desktop.config import ENV_DB
from complaints_desktop.services.env import Env
from complaints_desktop.ui.views.settings_database import KEY, DatabasePage
from tests.keyrings import MemoryKeyring
from tests.shots import shoot

URL = "postgresql://jsmith@dbserver.council.local:5432/complaints"
OLD = "postgresql://jsmith:s3cret@dbserver.council.local:5432/complaints"


@pytest.fixture
def ini(tmp_path: Path) -> Path:
    return tmp_path / "settings.ini"


def settings_of(ini: Path) -> QSettings:
    return QSettings(str(ini), QSettings.Format.IniFormat)


def page_on(qtbot: QtBot, env: Env, ini: Path) -> DatabasePage:
    page = DatabasePage(env, settings_of(ini))
    qtbot.addWidget(page)
    page.resize(900, 680)
    return page


def enter_server(qtbot: QtBot, page: DatabasePage) -> None:
    for box, typed in (
        (page.host, "dbserver.council.local"),
        (page.user, "jsmith"),
        (page.password, "s3cret"),
    ):
        box.clear()
        qtbot.keyClicks(box, typed)


def test_a_remembered_password_goes_to_the_password_store(
    qtbot: QtBot, empty_env: Env, ini: Path
) -> None:
    store = MemoryKeyring()
    keyring.set_keyring(store)
    page = page_on(qtbot, empty_env, ini)
    assert page.remember.isEnabled()
    assert not page.no_store.isVisibleTo(page)
    enter_server(qtbot, page)
    page.remember.setFocus()
    qtbot.keyClick(page.remember, Qt.Key.Key_Space)
    assert page.remember.isChecked()
    qtbot.mouseClick(page.use_button, Qt.MouseButton.LeftButton)

    assert settings_of(ini).value(KEY) == URL
    assert "s3cret" not in ini.read_text()
    assert store.kept == {("complaints_desktop", URL): "s3cret"}
    assert "(password remembered on this PC)" in page.next_start.text()
    assert "kept in this PC's password store" in page.result.text()
    shoot(page, "database_page_remembered.png")

    again = page_on(qtbot, empty_env, ini)  # the next visit shows it remembered
    assert again.password.text() == "s3cret"
    assert again.remember.isChecked()
    again.remember.setFocus()
    qtbot.keyClick(again.remember, Qt.Key.Key_Space)  # no longer remember it
    qtbot.mouseClick(again.use_button, Qt.MouseButton.LeftButton)
    assert store.kept == {}
    assert "You will be asked for the password." in again.result.text()


def test_going_back_to_the_file_forgets_the_password(
    qtbot: QtBot, empty_env: Env, ini: Path
) -> None:
    store = MemoryKeyring()
    keyring.set_keyring(store)
    store.set_password("complaints_desktop", URL, "s3cret")
    settings_of(ini).setValue(KEY, URL)
    page = page_on(qtbot, empty_env, ini)
    qtbot.mouseClick(page.local_button, Qt.MouseButton.LeftButton)
    assert store.kept == {}
    assert settings_of(ini).value(KEY) is None


def test_without_a_password_store_settings_says_so_and_keeps_nothing(
    qtbot: QtBot, empty_env: Env, ini: Path
) -> None:
    # the autouse fixture gives keyring's "fail" backend, as on a Linux PC with no keyring
    page = page_on(qtbot, empty_env, ini)
    assert page.no_store.isVisibleTo(page)
    assert "password cannot be remembered here: it is asked at each start" in (page.no_store.text())
    assert not page.remember.isEnabled()
    enter_server(qtbot, page)
    qtbot.mouseClick(page.remember, Qt.MouseButton.LeftButton)  # disabled: no effect
    assert not page.remember.isChecked()
    qtbot.mouseClick(page.use_button, Qt.MouseButton.LeftButton)
    assert settings_of(ini).value(KEY) == URL
    assert "s3cret" not in ini.read_text()
    assert "You will be asked for the password." in page.result.text()
    shoot(page, "database_page_no_store.png")


@pytest.mark.parametrize("has_store", [True, False], ids=["store", "no-store"])
def test_a_plain_text_password_from_the_old_version_leaves_the_settings_file(
    qtbot: QtBot, empty_env: Env, ini: Path, has_store: bool
) -> None:
    store = MemoryKeyring()
    if has_store:
        keyring.set_keyring(store)
    settings_of(ini).setValue(KEY, OLD)
    settings_of(ini).sync()
    assert "s3cret" in ini.read_text()
    page = page_on(qtbot, empty_env, ini)
    assert "s3cret" not in ini.read_text()
    assert settings_of(ini).value(KEY) == URL
    assert store.kept == ({("complaints_desktop", URL): "s3cret"} if has_store else {})
    assert page.remember.isChecked() is has_store


@pytest.fixture
def app_settings(monkeypatch: pytest.MonkeyPatch, ini: Path) -> Path:
    monkeypatch.setattr("PySide6.QtCore.QSettings", lambda *_a: settings_of(ini))
    monkeypatch.delenv(ENV_DB, raising=False)
    return ini


def asked_for(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    asked: list[str] = []

    def get_text(_parent: Any, _title: str, label: str, *_a: Any) -> tuple[str, bool]:
        asked.append(label)
        return "typed", True

    monkeypatch.setattr(QInputDialog, "getText", staticmethod(get_text))
    return asked


def test_at_start_the_old_plain_text_password_moves_to_the_store(
    app_settings: Path, monkeypatch: pytest.MonkeyPatch, qapp: Any
) -> None:
    store = MemoryKeyring()
    keyring.set_keyring(store)
    settings_of(app_settings).setValue(KEY, OLD)
    asked = asked_for(monkeypatch)
    assert app._chosen_database(None, None) == OLD
    assert "s3cret" not in app_settings.read_text()
    assert store.kept == {("complaints_desktop", URL): "s3cret"}
    assert app._chosen_database(None, None) == OLD  # from the store: not asked
    assert asked == []


def test_at_start_with_no_store_the_old_password_is_dropped_then_asked_for(
    app_settings: Path, monkeypatch: pytest.MonkeyPatch, qapp: Any
) -> None:
    settings_of(app_settings).setValue(KEY, OLD)
    asked = asked_for(monkeypatch)
    assert app._chosen_database(None, None) == OLD  # this start still connects
    assert "s3cret" not in app_settings.read_text()
    assert asked == []
    assert app._chosen_database(None, None) == URL.replace("jsmith@", "jsmith:typed@")
    assert len(asked) == 1


def test_clearing_the_remembered_password_forgets_it(
    qtbot: QtBot, empty_env: Env, ini: Path
) -> None:
    store = MemoryKeyring()
    keyring.set_keyring(store)
    store.set_password("complaints_desktop", URL, "s3cret")
    settings_of(ini).setValue(KEY, URL)
    page = page_on(qtbot, empty_env, ini)
    assert page.remember.isChecked()
    page.password.setFocus()
    qtbot.keyClick(page.password, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(page.password, Qt.Key.Key_Delete)
    assert page.password.text() == ""
    qtbot.mouseClick(page.use_button, Qt.MouseButton.LeftButton)
    assert store.kept == {}
    assert "You will be asked for the password." in page.result.text()
