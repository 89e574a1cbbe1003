"""The working-day calendar of formats.md §1, checked by hand and by properties."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from complaints_desktop.domain.calendar import Suspension, WorkingCalendar

CAL = WorkingCalendar.for_region("england-and-wales")
CLOSED = WorkingCalendar.for_region(
    "england-and-wales", [date(2026, 12, 29), date(2026, 12, 30), date(2026, 12, 31)]
)
SCOTLAND = WorkingCalendar.for_region("scotland")

days = st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31))
counts = st.integers(min_value=0, max_value=80)


def test_saturday_email_is_deemed_received_on_monday() -> None:
    assert CAL.deemed(date(2026, 11, 21)) == date(2026, 11, 23)


def test_same_day_answer_is_zero_days_and_next_working_day_is_one() -> None:
    assert CAL.working_days_between(date(2026, 11, 24), date(2026, 11, 24)) == 0
    assert CAL.working_days_between(date(2026, 11, 27), date(2026, 11, 30)) == 1


def test_weekend_receipt_answered_monday_is_zero_days() -> None:
    assert CAL.working_days_between(date(2026, 11, 21), date(2026, 11, 23)) == 0


@pytest.mark.parametrize(
    ("start", "n", "due", "why"),
    [
        # Easter 2026: Good Friday 3 April, Easter Monday 6 April.
        (date(2026, 3, 30), 10, date(2026, 4, 15), "Easter 2026"),
        # Christmas 2026: 25 Dec (Fri), Boxing Day substitute 28 Dec (Mon), 1 Jan 2027.
        (date(2026, 12, 21), 10, date(2027, 1, 7), "Christmas 2026"),
        (date(2026, 12, 23), 2, date(2026, 12, 29), "Christmas acknowledgement"),
        # 2022 one-offs: Platinum Jubilee 2-3 June; the Queen's funeral 19 September.
        (date(2022, 6, 1), 1, date(2022, 6, 6), "Jubilee 2022"),
        (date(2022, 9, 16), 1, date(2022, 9, 20), "State funeral 2022"),
        # 2023 one-off: Coronation 8 May (with May Day 1 May).
        (date(2023, 4, 28), 5, date(2023, 5, 9), "May 2023"),
        # Christmas 2022: 26 and 27 Dec (substitute), 2 Jan 2023 (substitute).
        (date(2022, 12, 23), 10, date(2023, 1, 11), "Christmas 2022"),
    ],
)
def test_deadlines_across_bank_holidays(start: date, n: int, due: date, why: str) -> None:
    assert CAL.add_working_days(start, n) == due, why


def test_closure_days_are_not_working_days() -> None:
    # 21 Dec 2026 + 10: without closures 7 Jan 2027; the 29-31 Dec closure adds three days.
    assert CLOSED.add_working_days(date(2026, 12, 21), 10) == date(2027, 1, 12)
    assert CLOSED.holiday_name(date(2026, 12, 30)) == "Council closure day"


def test_scotland_has_its_own_bank_holidays() -> None:
    # 2 January is a bank holiday in Scotland, not in England.
    assert not SCOTLAND.is_working_day(date(2026, 1, 2))
    assert CAL.is_working_day(date(2026, 1, 2))
    assert SCOTLAND.holiday_name(date(2026, 8, 3)) is not None  # Summer bank holiday


def test_suspension_moves_the_deadline_by_working_days_suspended() -> None:
    start = date(2026, 11, 2)
    plain = CAL.deadline(start, 10)
    # Clock stopped Monday 9 Nov, running again Monday 16 Nov: 5 working days lost.
    moved = CAL.deadline(start, 10, [Suspension(date(2026, 11, 9), date(2026, 11, 16))])
    assert plain == date(2026, 11, 16)
    assert moved == date(2026, 11, 23)


def test_open_suspension_counts_up_to_today() -> None:
    lost = CAL.suspended_days([Suspension(date(2026, 11, 23), None)], date(2026, 11, 24))
    assert lost == 2


def test_far_future_dates_extend_the_index() -> None:
    assert CAL.add_working_days(date(2060, 12, 24), 1) == date(2060, 12, 29)


@settings(max_examples=300, deadline=None)
@given(days, counts)
def test_a_deadline_is_always_a_working_day(start: date, n: int) -> None:
    due = CAL.add_working_days(start, n)
    assert CAL.is_working_day(due)
    assert due.weekday() < 5
    assert CAL.holiday_name(due) is None


@settings(max_examples=300, deadline=None)
@given(days, counts)
def test_counting_back_from_a_deadline_gives_n(start: date, n: int) -> None:
    assert CAL.working_days_between(start, CAL.add_working_days(start, n)) == n


@settings(max_examples=300, deadline=None)
@given(days, counts, counts)
def test_adding_a_then_b_equals_adding_a_plus_b(start: date, a: int, b: int) -> None:
    assert CAL.add_working_days(CAL.add_working_days(start, a), b) == CAL.add_working_days(
        start, a + b
    )


@settings(max_examples=200, deadline=None)
@given(days, counts, st.integers(min_value=0, max_value=120))
def test_within_deadline_exactly_when_within_n_days(start: date, n: int, offset: int) -> None:
    # formats.md §1: end <= deadline exactly when the count is <= n, for a working-day end
    # (a reply on Saturday after a Friday deadline counts the same days as on the Friday).
    end = CAL.deemed(start + timedelta(days=offset))
    due = CAL.add_working_days(start, n)
    assert (end <= due) == (CAL.working_days_between(start, end) <= n)


@settings(max_examples=200, deadline=None)
@given(days)
def test_no_weekend_or_bank_holiday_is_a_working_day(day: date) -> None:
    if day.weekday() >= 5 or CAL.holiday_name(day) is not None:
        assert not CAL.is_working_day(day)
        assert CAL.deemed(day) > day
    else:
        assert CAL.deemed(day) == day


def test_unknown_region_is_refused() -> None:
    with pytest.raises(ValueError, match="region"):
        WorkingCalendar.for_region("wessex")
