"""Services: the work queue reads only the cases that can be in it, and misses none."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from complaints_desktop.domain.calendar import WorkingCalendar
from complaints_desktop.domain.procedures import Settings
from complaints_desktop.services.queries import JUST_CLOSED, _request_stages, _responded_since

CAL = WorkingCalendar.for_region("england-and-wales", [date(2026, 12, 29), date(2026, 12, 30)])


def test_only_answered_stages_that_lead_to_a_request_window_are_read() -> None:
    assert _request_stages(Settings()) == {
        ("statutory", 1): 20,
        ("statutory", 2): 20,
        ("corporate", 1): 20,
    }


@pytest.mark.parametrize("days", [5, 20, 40])
@pytest.mark.parametrize(
    "today",
    [date(2026, 3, 11), date(2026, 4, 20), date(2027, 1, 12), date(2027, 1, 20)],  # Easter, Xmas
)
def test_no_answer_whose_window_is_still_shown_is_left_out(today: date, days: int) -> None:
    since = _responded_since(CAL, today, days)
    shown_from = today - JUST_CLOSED
    answered = today - timedelta(days=200)
    while answered <= today:
        if CAL.add_working_days(answered, days) >= shown_from:
            assert answered >= since, answered
        answered += timedelta(days=1)
    assert since > today - timedelta(days=120)  # and it reads far fewer than before
