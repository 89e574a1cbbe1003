"""One window per database per person: a second start brings the first to the front."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QDir, QSettings
from PySide6.QtWidgets import QWidget

from complaints_desktop import app
from complaints_desktop.config import current_user, database_url
from complaints_desktop.services.database import open_database
from complaints_desktop.ui.single_instance import InstanceGuard, bring_to_front, database_key

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints", "This plugin does not support")


@pytest.fixture
def key(tmp_path: Path) -> str:
    return database_key(database_url(str(tmp_path / "c.sqlite3")), "officer.one")


def test_the_key_names_the_database_and_the_person_however_the_file_is_written(
    tmp_path: Path,
) -> None:
    plain = database_key(database_url(str(tmp_path / "c.sqlite3")), "ann")
    dotted = database_key(database_url(str(tmp_path / "x" / ".." / "c.sqlite3")), "ann")
    assert plain == dotted
    assert plain != database_key(database_url(str(tmp_path / "c.sqlite3")), "bob")
    assert plain != database_key(database_url(str(tmp_path / "d.sqlite3")), "ann")
    server = "postgresql+psycopg://ann:{}@db.council.local/complaints"
    assert database_key(server.format("one"), "ann") == database_key(server.format("two"), "ann")


def test_a_second_claim_is_refused_and_asks_the_first_window_to_come_forward(
    qtbot, key: str
) -> None:
    first = InstanceGuard(key)
    second = InstanceGuard(key)
    try:
        assert first.claim()
        with qtbot.waitSignal(first.activation_requested, timeout=10_000):
            assert not second.claim()
        first.release()
        assert second.claim()  # once the first window has closed, the next may open
    finally:
        first.release()
        second.release()


def test_a_window_that_crashed_leaves_no_lock_behind(tmp_path: Path, key: str) -> None:
    code = (
        "import sys, time; from PySide6.QtCore import QDir, QLockFile;"
        "lock = QLockFile(QDir(QDir.tempPath()).filePath(sys.argv[1] + '.lock'));"
        "lock.setStaleLockTime(0); assert lock.tryLock(0); print('held', flush=True);"
        "time.sleep(60)"
    )
    holder = subprocess.Popen([sys.executable, "-c", code, key], stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None
    assert holder.stdout.readline().strip() == "held"
    guard = InstanceGuard(key)
    try:
        assert not guard.claim()
        holder.kill()  # as a crash would end it
        holder.wait(timeout=10)
        holder.stdout.close()
        assert guard.claim()
    finally:
        guard.release()
        if holder.poll() is None:
            holder.kill()
    assert not Path(QDir(QDir.tempPath()).filePath(key + ".lock")).exists()


def test_bringing_a_minimised_window_to_the_front_shows_it(qtbot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    window.showMinimized()
    bring_to_front(window)
    assert not window.isMinimized()
    assert window.isVisible()


def test_a_second_window_on_the_same_database_closes_and_brings_the_first_forward(
    qapp, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COMPLAINTS_DESKTOP_SMOKE", "1")
    monkeypatch.setattr(app, "_daily_backup", lambda env, window: None)
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path))
    db = tmp_path / "live.sqlite3"
    open_database(str(db)).engine.dispose()
    first = InstanceGuard(database_key(database_url(str(db)), current_user()))
    asked: list[bool] = []
    first.activation_requested.connect(lambda: asked.append(True))
    assert first.claim()
    try:
        started = time.monotonic()
        assert app.run(["--db", str(db)]) == 0
        assert time.monotonic() - started < 20  # not the smoke run's 30 s: it closed
        qtbot.waitUntil(lambda: asked == [True], timeout=10_000)
    finally:
        first.release()
    assert os.path.exists(db)
