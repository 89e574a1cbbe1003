"""UI fixtures: an Env on tmp_path with a fixed today and a few cases; private QSettings."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QThreadPool

from complaints_desktop.services.database import open_database
from complaints_desktop.services.env import Env
from tests.services.test_queries import TODAY, seed

__all__ = ["TODAY"]


def wait_for_workers() -> None:
    """Let every background task end before the database goes away."""
    QThreadPool.globalInstance().waitForDone(10000)


@pytest.fixture
def empty_env(tmp_path: Path) -> Iterator[Env]:
    """A new, empty database; today is Wednesday 11 March 2026."""
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
