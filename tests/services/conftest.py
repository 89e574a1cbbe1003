"""Service fixtures: an opened database with a fixed today and a known user."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from complaints_desktop.services.database import open_database
from complaints_desktop.services.env import Env
from tests.conftest import Template

TODAY = date(2026, 11, 24)


@pytest.fixture
def env(db_url: str, sqlite_template: Template) -> Env:
    """A migrated, seeded database; today is Tuesday 24 November 2026."""
    if db_url.startswith("sqlite:///"):
        sqlite_template(Path(db_url.removeprefix("sqlite:///")), "officer.one", lambda: TODAY)
    opened = open_database(db_url, user="officer.one", today=lambda: TODAY)
    yield opened
    opened.engine.dispose()
