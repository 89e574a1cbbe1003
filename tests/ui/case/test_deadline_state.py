"""The deadline state words in the case view: never colour alone, never blame the council
for the complainant's own window."""

from __future__ import annotations

from datetime import date

from complaints_desktop.domain.deadlines import Deadline
from complaints_desktop.ui.views.case_widgets import deadline_state

TODAY = date(2026, 11, 24)


def _deadline(due: date, *, council: bool = True, done: date | None = None) -> Deadline:
    return Deadline("x", due, "rule", "response", done=done, council=council)


def test_council_deadlines_say_overdue_due_today_met_and_met_late() -> None:
    assert deadline_state(_deadline(date(2026, 11, 20)), TODAY) == "⚠ OVERDUE"
    assert deadline_state(_deadline(TODAY), TODAY) == "⚠ due today"
    assert deadline_state(_deadline(date(2026, 11, 30)), TODAY) == "due"
    met = _deadline(date(2026, 11, 20), done=date(2026, 11, 19))
    assert deadline_state(met, TODAY) == "✓ met on 19 November 2026"
    late = _deadline(date(2026, 11, 20), done=date(2026, 11, 23))
    assert deadline_state(late, TODAY) == "✗ met late on 23 November 2026"


def test_the_complainants_window_is_never_overdue() -> None:
    passed = _deadline(date(2026, 10, 15), council=False)
    assert deadline_state(passed, TODAY) == "window closed"
    open_window = _deadline(date(2026, 12, 15), council=False)
    assert deadline_state(open_window, TODAY) == "complainant's window open"
