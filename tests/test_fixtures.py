"""The acceptance data in tests/fixtures is the team's current shared data."""

from __future__ import annotations

import pytest

from tests.fixtures.refresh import SHARED, differences


@pytest.mark.skipif(not SHARED.is_dir(), reason="no ../shared/data beside the project")
def test_the_fixture_copy_is_the_shared_data() -> None:
    assert differences() == [], (
        "tests/fixtures differs from ../shared/data: run `python tests/fixtures/refresh.py`"
    )
