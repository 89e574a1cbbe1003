"""app.py: without --db, the server chosen in Settings > Database is used (password asked)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QInputDialog

from complaints_desktop import app
from complaints_desktop.config import ENV_DB


@pytest.fixture
def stored(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> QSettings:
    path = str(tmp_path / "app.ini")
    monkeypatch.setattr(
        "PySide6.QtCore.QSettings", lambda *_a: QSettings(path, QSettings.Format.IniFormat)
    )
    monkeypatch.delenv(ENV_DB, raising=False)
    return QSettings(path, QSettings.Format.IniFormat)


def answer(monkeypatch: pytest.MonkeyPatch, text: str, ok: bool) -> list[str]:
    asked: list[str] = []

    def get_text(_parent: Any, _title: str, label: str, *_a: Any) -> tuple[str, bool]:
        asked.append(label)
        return text, ok

    monkeypatch.setattr(QInputDialog, "getText", staticmethod(get_text))
    return asked


def test_db_on_the_command_line_wins(stored: QSettings, qapp: Any) -> None:
    stored.setValue("database/url", "postgresql://jo@db:5432/complaints")
    stored.sync()
    assert app._chosen_database("x.sqlite3", None) == "x.sqlite3"


def test_nothing_chosen_means_the_default_file(stored: QSettings, qapp: Any) -> None:
    assert app._chosen_database(None, None) is None


def test_a_server_without_a_remembered_password_asks_for_it(
    stored: QSettings, monkeypatch: pytest.MonkeyPatch, qapp: Any
) -> None:
    stored.setValue("database/url", "postgresql://jo@db:5432/complaints")
    stored.sync()
    asked = answer(monkeypatch, "pa ss", True)
    assert app._chosen_database(None, None) == "postgresql://jo:pa%20ss@db:5432/complaints"
    assert "postgresql://jo@db:5432/complaints" in asked[0]
    answer(monkeypatch, "", False)
    assert app._chosen_database(None, None) == ""  # cancelled: the app closes


def test_a_remembered_password_is_not_asked_for(
    stored: QSettings, monkeypatch: pytest.MonkeyPatch, qapp: Any
) -> None:
    stored.setValue("database/url", "postgresql://jo:pw@db:5432/complaints")
    stored.sync()
    asked = answer(monkeypatch, "", False)
    assert app._chosen_database(None, None) == "postgresql://jo:pw@db:5432/complaints"
    assert asked == []
