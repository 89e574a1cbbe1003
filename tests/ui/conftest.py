"""UI fixtures: an Env on tmp_path with a fixed today and a few cases; private QSettings."""

from __future__ import annotations

import contextlib
import time
import weakref
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QSettings, QThreadPool, QTimer

from complaints_desktop.services.database import open_database
from complaints_desktop.services.env import Env
from tests.conftest import Template
from tests.services.test_queries import TODAY, seed

__all__ = ["TODAY"]


class DanglingWork:
    """Watches the ``QTimer``s started from Python, to say which still run, and tasks."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.started: list[weakref.ref[QTimer]] = []
        start = QTimer.start

        def watched_start(timer: QTimer, *args: object) -> None:
            self.started.append(weakref.ref(timer))
            start(timer, *[a for a in args if isinstance(a, int)])  # a signal's text: no msec

        monkeypatch.setattr(QTimer, "start", watched_start)

    def running(self) -> list[str]:
        """The watched timers still active, and the thread pool's tasks, in words."""
        alive = []
        for ref in self.started:
            timer = ref()
            with contextlib.suppress(RuntimeError):  # its C++ object is deleted
                if timer is not None and timer.isActive():
                    alive.append(f"QTimer(interval={timer.interval()} ms)")
        tasks = QThreadPool.globalInstance().activeThreadCount()
        return alive + ([f"{tasks} background task(s)"] if tasks else [])

    def left_running(self, grace_ms: int) -> list[str]:
        """What still runs after letting the event loop run for up to ``grace_ms``."""
        deadline = time.monotonic() + grace_ms / 1000
        while (left := self.running()) and time.monotonic() < deadline:
            QThreadPool.globalInstance().waitForDone(10)
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
            QCoreApplication.processEvents()
        return left


GRACE_MS = 1000
"""How long a finished test's timers and tasks may take to stop (they poll every 20 ms)."""


@pytest.fixture(autouse=True)
def no_dangling_work(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Fail a test that leaves a background task or a started QTimer running.

    As napari's ``dangling_qthread_pool`` and ``dangling_qtimers``: the next test would
    meet the task or timer (a worker writing to a database that is gone, a timer firing
    into a closed window). After the test (its widgets closed and deleted), every QTimer
    started from Python must have stopped, and the thread pool be idle, within
    ``GRACE_MS`` of the event loop running.
    """
    watch = DanglingWork(monkeypatch)
    yield
    monkeypatch.undo()
    left = watch.left_running(GRACE_MS)
    assert not left, f"the test left running: {', '.join(left)}"


def wait_for_workers() -> None:
    """Let every background task end before the database goes away."""
    QThreadPool.globalInstance().waitForDone(10000)


@pytest.fixture
def empty_env(tmp_path: Path, sqlite_template: Template) -> Iterator[Env]:
    """A new, empty database; today is Wednesday 11 March 2026."""
    sqlite_template(tmp_path / "ui.sqlite3", "officer", lambda: TODAY)
    env = open_database(str(tmp_path / "ui.sqlite3"), user="officer", today=lambda: TODAY)
    yield env
    wait_for_workers()
    env.engine.dispose()


@pytest.fixture
def env(empty_env: Env) -> Env:
    """The eight cases of ``tests.services.test_queries.seed``."""
    seed(empty_env)
    return empty_env


@pytest.fixture
def qsettings(tmp_path: Path) -> QSettings:
    """Window settings in a file of the test's own (never the user's)."""
    return QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)


def day(year: int, month: int, dd: int) -> date:
    """Shorthand for tests."""
    return date(year, month, dd)
