"""UI: Settings → Backups — back up now, restore an earlier state, keep N, check."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from complaints_desktop.domain.errors import NotFound
from complaints_desktop.services import cases, safety
from complaints_desktop.services.env import Env
from complaints_desktop.ui.views import settings_backups
from complaints_desktop.ui.views.settings import SettingsView
from tests.ui.case.conftest import simple_case

pytestmark = pytest.mark.sqlite_only


def _page(qtbot: Any, env: Env) -> tuple[SettingsView, settings_backups.BackupsPage]:
    view = SettingsView(env)
    qtbot.addWidget(view)
    view.resize(1000, 700)
    view.show()
    view.tabs.setCurrentWidget(view.backups)
    return view, view.backups


def _back_up(qtbot: Any, page: settings_backups.BackupsPage) -> None:
    rows = page.table.rowCount()
    qtbot.mouseClick(page.backup_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.table.rowCount() == rows + 1, timeout=20000)
    assert page.status.text().startswith("Backed up to ")


def test_back_up_now_adds_a_row_and_restore_puts_back_the_earlier_state(
    qtbot: Any, env: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    kept = simple_case(env)
    view, page = _page(qtbot, env)
    assert page.table.rowCount() == 0
    assert "No backup has been taken yet" in page.where.text()
    assert not page.restore_button.isEnabled()
    _back_up(qtbot, page)
    assert page.table.item(0, 1).text() == "Backed up by hand"

    later = simple_case(env)  # recorded after the backup
    asked: list[str] = []
    told: list[str] = []
    monkeypatch.setattr(settings_backups, "confirm_restore", lambda _p, t: asked.append(t) or True)
    monkeypatch.setattr(settings_backups, "tell", lambda _p, _t, text: told.append(text))
    qtbot.mouseClick(
        page.table.viewport(),
        Qt.MouseButton.LeftButton,
        pos=page.table.visualItemRect(page.table.item(0, 0)).center(),
    )
    assert page.restore_button.isEnabled()
    with qtbot.waitSignal(page.restored, timeout=20000):
        qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)
    assert len(asked) == 1  # asked once, naming when the backup was taken
    assert told == ["Restored. Complaints will now close; open it again."]
    assert not view.isVisible()  # the window closes so the restored database is reopened
    with pytest.raises(NotFound):
        cases.get(env, later.reference)
    assert cases.get(env, kept.reference).reference == kept.reference
    assert page.kept_before is not None
    assert page.kept_before.exists()  # the database as it was is kept first


def test_a_refused_restore_changes_nothing(
    qtbot: Any, env: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    _view, page = _page(qtbot, env)
    _back_up(qtbot, page)
    later = simple_case(env)
    monkeypatch.setattr(settings_backups, "confirm_restore", lambda *_a: False)
    page.table.selectRow(0)
    qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)
    assert cases.get(env, later.reference).reference == later.reference


def test_the_number_kept_is_saved(qtbot: Any, env: Env) -> None:
    _view, page = _page(qtbot, env)
    assert page.keep.value() == 14
    assert not page.keep_button.isEnabled()
    page.keep.selectAll()
    qtbot.keyClicks(page.keep, "3")
    assert page.has_unsaved_changes()
    qtbot.mouseClick(page.keep_button, Qt.MouseButton.LeftButton)
    assert safety.backup_keep(env) == 3
    assert not page.has_unsaved_changes()
    assert "newest 3 backups" in page.status.text()


def test_check_shows_no_problems(qtbot: Any, env: Env) -> None:
    _view, page = _page(qtbot, env)
    qtbot.mouseClick(page.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.check_result.text() not in ("", "Checking…"), timeout=20000)
    assert page.check_result.text().startswith("No problems found."), page.check_result.text()
    assert "Audit trail: every entry matches" in page.check_result.text()
