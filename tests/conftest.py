"""Shared fixtures: a migrated database on tmp_path, a fixed 'today', the shared data."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
MERTON = SHARED / "data" / "merton-2022-23"


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    """URL of a fresh SQLite database file (not yet migrated)."""
    return f"sqlite:///{tmp_path / 'test.sqlite3'}"
