"""Services: a use case is one transaction (settings, calendar and the role read inside it).

A use case that read the settings, the calendar and the signed-in user's role each in a
transaction of its own, then wrote in another, could save with rules another officer had
just changed, and held the database 4-6 times where once does.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import Connection, event

from complaints_desktop.domain.errors import RuleViolation
from complaints_desktop.domain.model import Case, Contact, Element, Person
from complaints_desktop.domain.procedures import StageRule
from complaints_desktop.services import cases as svc
from complaints_desktop.services import contacts, letters, settings
from complaints_desktop.services.env import Env


@contextmanager
def transactions(env: Env) -> Iterator[Callable[[], int]]:
    """Count the transactions begun on ``env``'s database while the block runs."""
    begun: list[int] = []

    def on_begin(_connection: Connection) -> None:
        begun.append(1)

    event.listen(env.engine, "begin", on_begin)
    try:
        yield lambda: len(begun)
    finally:
        event.remove(env.engine, "begin", on_begin)


def _new() -> Case:
    return Case(
        procedure="statutory",
        received=date(2026, 11, 20),
        relationship="parent",
        types=["Other"],
        complainant=Person(name="Aisha Khan", address="2 Low Rd"),
        elements=[Element("visits")],
    )


def test_logging_a_complaint_is_one_transaction(env: Env) -> None:
    with transactions(env) as count:
        case = svc.create(env, _new())
    assert case.reference == "CSC/26/0001"
    assert count() == 1


def test_saving_edits_and_a_move_are_one_transaction_each(env: Env) -> None:
    case = svc.create(env, _new())
    case.summary = "Contact arrangements"
    with transactions(env) as count:
        case = svc.edit(env, case)
    assert count() == 1
    with transactions(env) as count:
        case = svc.acknowledge(env, case, date(2026, 11, 23))
    assert count() == 1
    with transactions(env) as count:
        case = svc.extend(env, case, date(2026, 11, 24), "Advocate being appointed")
    assert count() == 1
    assert svc.get(env, case.reference).stages[0].extended


def test_logging_a_letter_is_one_transaction(env: Env) -> None:
    case = svc.create(env, _new())
    with transactions(env) as count:
        letters.log_letter(env, case.reference, "acknowledgement", record_acknowledgement=True)
    assert count() == 1
    saved = svc.get(env, case.reference)
    assert saved.stages[0].acknowledged == env.today()
    assert [letter.template for letter in saved.letters] == ["acknowledgement"]


def test_logging_a_contact_is_one_transaction(env: Env) -> None:
    with transactions(env) as count:
        made = contacts.create(env, Contact(kind="compliment", received=date(2026, 11, 3)))
    assert made.reference == "CON/26/0001"
    assert count() == 1


def test_new_timescales_and_the_deadlines_they_move_are_one_transaction(env: Env) -> None:
    case = svc.create(env, _new())
    current = settings.procedures(env)
    longer = replace(
        current.statutory,
        stages=(StageRule(standard=15, extended=20), *current.statutory.stages[1:]),
    )
    with transactions(env) as count:
        refreshed = settings.save_procedures(env, replace(current, statutory=longer))
    assert count() == 1
    assert refreshed == 1
    assert svc.get(env, case.reference).status == "open"
    assert settings.procedures(env).statutory.stages[0].standard == 15


def test_an_officer_cannot_be_the_independent_person_and_a_commission_is_one_transaction(
    env: Env,
) -> None:
    case = svc.create(env, _new())
    case = svc.respond(env, case, date(2026, 11, 23), "not upheld")
    case = svc.escalate(env, case, date(2026, 11, 24))
    with pytest.raises(RuleViolation, match=r"officer\.one is a user of this database"):
        svc.commission(env, case, "Ama Mensah", "officer.one", 150000, 90000)
    assert svc.get(env, case.reference).stages[1].independent_person == ""
    with transactions(env) as count:
        case = svc.commission(env, case, "Ama Mensah", "Dr Rhys Llewellyn", 150000, 90000)
    assert count() == 1
    assert svc.get(env, case.reference).stages[1].independent_person == "Dr Rhys Llewellyn"
