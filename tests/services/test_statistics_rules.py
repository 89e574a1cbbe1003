"""The pure counting rules behind the statistics (rounding, final outcomes, spelling)."""

from __future__ import annotations

from datetime import date

import pytest

from complaints_desktop.domain.calendar import WorkingCalendar
from complaints_desktop.domain.procedures import STATUTORY, StageRule
from complaints_desktop.domain.statistics_rules import (
    AnswerRow,
    CaseRow,
    Period,
    PeriodRows,
    StageRow,
    final_outcomes,
    history_years,
    mean_half_up,
    pounds,
    procedure_block,
    stage_block,
)

PERIOD = Period(date(2022, 4, 1), date(2023, 3, 31))
CAL = WorkingCalendar.for_region()


@pytest.mark.parametrize(
    ("values", "mean"),
    [
        ([20, 20, 20, 21], 20.3),  # 20.25: half up, where round() would give 20.2
        ([20] * 13 + [21] * 7, 20.4),  # 20.35 exactly (407 / 20)
        ([0] * 19 + [1], 0.1),  # 0.05
        ([1, 2], 1.5),
        ([10, 10, 11], 10.3),  # 10.333...
        ([40, 40, 40], 40.0),
    ],
)
def test_mean_rounds_half_up_to_one_decimal(values: list[int], mean: float) -> None:
    assert mean_half_up(values) == mean


def test_mean_of_nothing_is_null() -> None:
    assert mean_half_up([]) is None


def test_pence_become_pounds() -> None:
    assert pounds(100050) == 1000.5
    assert pounds(0) == 0.0
    assert isinstance(pounds(0), float)


def test_final_outcome_is_the_highest_answered_stage_not_withdrawn() -> None:
    answers = [
        AnswerRow(1, 1, "not upheld"),
        AnswerRow(1, 2, "upheld"),
        AnswerRow(1, 3, "withdrawn"),
        AnswerRow(2, 1, "partially upheld"),
        AnswerRow(3, 1, "withdrawn"),
    ]
    assert final_outcomes(answers) == {1: "upheld", 2: "partially upheld"}


def test_history_years_end_with_the_year_holding_the_last_day() -> None:
    assert history_years(date(2023, 3, 31)) == [2018, 2019, 2020, 2021, 2022]
    assert history_years(date(2023, 4, 1)) == [2019, 2020, 2021, 2022, 2023]


def _stage(
    number: int,
    start: date,
    response: date | None,
    outcome: str = "upheld",
    *,
    extended: bool = False,
    ident: int = 0,
) -> StageRow:
    return StageRow(
        ident or number * 100,
        number,
        "statutory",
        number,
        start,
        start,
        response,
        outcome,
        0,
        extended,
    )


def test_band_edges_are_inclusive() -> None:
    # From Mon 4 Apr 2022: 5-8 and 11-14 April are days 1-8; Good Friday 15 and Easter
    # Monday 18 April do not count, so Tue 19 is day 9, Wed 20 day 10, Thu 21 day 11.
    rule = StageRule(standard=10, extended=11)
    rows = [
        _stage(1, date(2022, 4, 4), date(2022, 4, 20)),  # 10 days: within standard
        _stage(1, date(2022, 4, 4), date(2022, 4, 21)),  # 11: within extended
        _stage(1, date(2022, 4, 4), date(2022, 4, 22)),  # 12: exceeded
    ]
    block = stage_block(rows, rule, PERIOD, CAL, {})
    assert block["timeliness"] == {
        "within_standard": 1,
        "within_extended": 1,
        "exceeded": 1,
        "late": 2,  # no extension was agreed: 11 and 12 days are both over the 10
        "average_working_days": 11.0,
    }


def test_late_is_over_the_limit_that_applied() -> None:
    # From Mon 4 Apr 2022 (Easter 15 and 18 April, early May 2 May off): 5-8, 11-14,
    # 19-22, 25-27 = 15 days to Wed 27 April; 28-29, 3-6, 9 May = 22 days to Mon 9 May.
    # Against 10 standard / 20 extended.
    rule = StageRule(standard=10, extended=20)
    start, day15 = date(2022, 4, 4), date(2022, 4, 27)
    assert CAL.working_days_between(start, day15) == 15
    assert CAL.working_days_between(start, date(2022, 5, 9)) == 22
    rows = [
        _stage(1, start, day15, extended=True, ident=1),  # extension agreed: in time
        _stage(1, start, day15, extended=False, ident=2),  # none agreed: late
        _stage(1, start, date(2022, 5, 9), extended=True, ident=3),  # 22 days: late anyway
    ]
    timeliness = stage_block(rows, rule, PERIOD, CAL, {})["timeliness"]
    assert timeliness["within_extended"] == 2
    assert timeliness["exceeded"] == 1
    assert timeliness["late"] == 2


def test_brought_forward_and_open_at_end() -> None:
    rows = [
        # begun before the period, answered on its first day: open when it began
        _stage(1, date(2022, 3, 30), date(2022, 4, 1), ident=1),
        # begun before, answered the day before it began: not brought forward
        _stage(1, date(2022, 3, 1), date(2022, 3, 31), ident=2),
        # begun before, never answered: brought forward and still open at the end
        _stage(1, date(2021, 12, 1), None, ident=3),
        # begun on the last day, answered the day after: open at the end, not before
        _stage(1, date(2023, 3, 31), date(2023, 4, 1), ident=4),
        # begun and answered on the last day: neither
        _stage(1, date(2023, 3, 31), date(2023, 3, 31), ident=5),
        # begun after the period: neither
        _stage(1, date(2023, 4, 3), None, ident=6),
    ]
    block = stage_block(rows, StageRule(10, 20), PERIOD, CAL, {})
    assert block["brought_forward"] == 2
    assert block["open_at_end"] == 2
    assert block["started"] == 2


def test_unknown_and_blank_values_are_not_lost() -> None:
    received = [
        CaseRow(1, "statutory", "Fax", "PARENT", None, "", "", "", "", ""),
        CaseRow(2, "statutory", " E-mail ", "", None, "", "", "", "", ""),
        CaseRow(3, "statutory", " EMAIL ", "grandparent", None, "", "Female", "", "", ""),
    ]
    block = procedure_block(PeriodRows(received=received), STATUTORY, PERIOD, CAL)
    assert block["by_channel"]["email"] == 1
    assert block["by_channel"]["other"] == 2  # values outside the list still count
    assert block["by_relationship"]["parent"] == 1
    assert block["by_relationship"]["other"] == 1
    assert block["by_relationship"]["not recorded"] == 1
    assert block["equality"]["gender"] == {"female": 1, "male": 0, "other": 0, "not stated": 2}


def test_median_of_odd_and_even_counts() -> None:
    from complaints_desktop.domain.statistics_rules import median

    assert median([]) is None
    assert median([30, 10, 20]) == 20.0
    assert median([10, 20, 21, 40]) == 20.5
