"""Service fixtures: an opened database with a fixed today and a known user."""

from __future__ import annotations

from datetime import date

import pytest

from complaints_desktop.services.database import open_database
from complaints_desktop.services.env import Env

TODAY = date(2026, 11, 24)


@pytest.fixture
def env(db_url: str) -> Env:
    """A migrated, seeded database; today is Tuesday 24 November 2026."""
    opened = open_database(db_url, user="officer.one", today=lambda: TODAY)
    yield opened
    opened.engine.dispose()
