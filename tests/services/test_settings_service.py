"""Services: administrator settings — lists, timescales, calendar, council details."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest

from complaints_desktop.domain.errors import ValidationFailed
from complaints_desktop.domain.model import Case
from complaints_desktop.domain.procedures import StageRule
from complaints_desktop.services import cases, history, settings
from complaints_desktop.services.database import open_database
from complaints_desktop.services.env import Env

TODAY = date(2026, 11, 20)


@pytest.fixture
def env(db_url: str) -> Env:
    return open_database(db_url, user="admin", today=lambda: TODAY)


def _next_due(env: Env, reference: str) -> date | None:
    from complaints_desktop.domain.deadlines import next_deadline

    case = cases.get(env, reference)
    found = next_deadline(case, env.settings(), env.calendar(), TODAY)
    return found.due if found else None


def test_list_entries_are_added_renamed_retired_and_restored(env: Env) -> None:
    settings.add_entry(env, "team", "Fostering")
    settings.rename_entry(env, "team", "Fostering", "Fostering Service")
    settings.set_retired(env, "team", "Fostering Service", True)
    assert settings.vocabulary(env, "team") == [("Fostering Service", True)]
    settings.set_retired(env, "team", "fostering service", False)
    assert settings.vocabulary(env, "team") == [("Fostering Service", False)]
    with pytest.raises(ValidationFailed, match="already"):
        settings.add_entry(env, "team", "FOSTERING service")


def test_saving_timescales_moves_open_cases_deadlines(env: Env) -> None:
    case = cases.create(env, Case(procedure="statutory", received=date(2026, 11, 2)))
    cases.acknowledge(env, case, date(2026, 11, 3))
    before = _next_due(env, case.reference)
    current = settings.procedures(env)
    longer = replace(
        current.statutory,
        stages=(StageRule(standard=15, extended=20), *current.statutory.stages[1:]),
    )
    refreshed = settings.save_procedures(env, replace(current, statutory=longer))
    assert refreshed >= 1
    assert settings.procedures(env).statutory.stages[0].standard == 15
    after = _next_due(env, case.reference)
    assert before is not None
    assert after is not None
    assert after > before
    assert any(e.action == "procedure settings" for e in history_of_settings(env))


def history_of_settings(env: Env) -> list[history.HistoryEntry]:
    return history.case_history(env, "")


def test_impossible_timescales_are_refused_and_nothing_changes(env: Env) -> None:
    current = settings.procedures(env)
    bad = replace(
        current.corporate,
        stages=(
            StageRule(standard=10, extended=5, acknowledge=5, from_acknowledgement=True),
            current.corporate.stages[1],
        ),
    )
    with pytest.raises(ValidationFailed, match="shorter than the standard"):
        settings.save_procedures(env, replace(current, corporate=bad))
    assert settings.procedures(env).corporate.stages[0].extended == 20


def test_closure_days_save_and_duplicates_are_refused(env: Env) -> None:
    settings.save_calendar(env, "scotland", [(date(2026, 12, 29), "Council closed")])
    assert settings.calendar_settings(env) == ("scotland", [(date(2026, 12, 29), "Council closed")])
    with pytest.raises(ValidationFailed, match="twice"):
        settings.save_calendar(
            env, "scotland", [(date(2026, 12, 29), "a"), (date(2026, 12, 29), "b")]
        )
    with pytest.raises(ValidationFailed, match="region"):
        settings.save_calendar(env, "wales", [])


def test_council_details_need_a_name_and_round_trip(env: Env) -> None:
    with pytest.raises(ValidationFailed, match="name"):
        settings.save_council(env, settings.CouncilDetails(email="x"))
    details = settings.CouncilDetails(
        name="Example Borough Council", email="complaints@example.gov.uk", job_title="Manager"
    )
    settings.save_council(env, details)
    assert settings.council(env) == details


def test_case_history_lists_each_change_in_words(env: Env) -> None:
    case = cases.create(env, Case(procedure="statutory", received=date(2026, 11, 2)))
    cases.acknowledge(env, case, date(2026, 11, 3))
    entries = history.case_history(env, case.reference)
    assert [e.action for e in entries] == ["create", "acknowledge"]
    assert entries[1].summary() == "Stage 1 acknowledged: (blank) → 03/11/2026"


def test_history_writes_money_in_pounds_and_hides_bookkeeping(env: Env) -> None:
    entry = history.HistoryEntry(
        at=datetime(2026, 11, 20, 9, 0),
        user="j.officer",
        action="commission",
        changes={
            "stages.1.io_fee": [0, 180000],
            "stages.1.number": [None, 2],
            "stages.1.extended": [None, False],
        },
    )
    assert entry.summary() == "Stage 2 investigating officer's fee: £0.00 → £1,800.00"
