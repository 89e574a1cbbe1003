"""The fixture that fails a test leaving a timer or a background task running notices both."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QRunnable, QThreadPool, QTimer
from pytestqt.qtbot import QtBot

from tests.ui.conftest import DanglingWork


class _Sleep(QRunnable):
    def run(self) -> None:
        time.sleep(0.3)


def test_a_timer_left_running_is_named(qtbot: QtBot) -> None:
    with pytest.MonkeyPatch.context() as patch:
        watch = DanglingWork(patch)
        timer = QTimer()
        timer.start(10_000)
        single = QTimer()
        single.setSingleShot(True)
        single.start(10)
    assert watch.left_running(grace_ms=50) == ["QTimer(interval=10000 ms)"]  # the other fired
    timer.stop()
    assert watch.left_running(grace_ms=0) == []


def test_a_background_task_left_running_is_named(qtbot: QtBot) -> None:
    with pytest.MonkeyPatch.context() as patch:
        watch = DanglingWork(patch)
    QThreadPool.globalInstance().start(_Sleep())
    assert watch.left_running(grace_ms=0) == ["1 background task(s)"]
    assert watch.left_running(grace_ms=2000) == []  # once it ends
