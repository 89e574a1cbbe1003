"""Logging contacts: create, edit, answer, list and search, with audit and due dates."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from complaints_desktop.domain.errors import ConcurrentEdit, NotFound, ValidationFailed
from complaints_desktop.domain.model import Contact
from complaints_desktop.services import contacts
from complaints_desktop.services.env import Env
from complaints_desktop.storage import tables, vocabularies


@pytest.fixture
def teams(env: Env) -> Env:
    with env.uow() as session:
        vocabularies.ensure(session, "team", ["Fostering", "Leaving care"])
    return env


def test_create_generates_the_next_reference_and_audits(teams: Env) -> None:
    first = contacts.create(
        teams,
        Contact(
            kind=" MP Enquiry ",
            received=date(2026, 11, 2),
            teams=["fostering"],
            channel="Email",
            sender=" Jane MP ",
            summary="Asks about a placement",
        ),
    )
    second = contacts.create(teams, Contact(kind="compliment", received=date(2026, 11, 3)))
    assert (first.reference, second.reference) == ("CON/26/0001", "CON/26/0002")
    assert (first.kind, first.channel, first.sender, first.teams) == (
        "mp enquiry",
        "email",
        "Jane MP",
        ["Fostering"],
    )
    stored = contacts.get(teams, "CON/26/0001")
    assert stored.summary == "Asks about a placement"
    assert stored.version == 1
    with teams.uow() as session:
        entries = (
            session.execute(select(tables.AuditEntry).where(tables.AuditEntry.entity == "contact"))
            .scalars()
            .all()
        )
    assert [(e.action, e.reference) for e in entries] == [
        ("create", "CON/26/0001"),
        ("create", "CON/26/0002"),
    ]


def test_create_refuses_bad_contacts_with_every_reason(teams: Env) -> None:
    with pytest.raises(ValidationFailed) as raised:
        contacts.create(
            teams,
            Contact(
                kind="complaint",
                received=date(2026, 12, 1),
                teams=["Nobody"],
                channel="fax",
                responded=date(2026, 11, 1),
            ),
        )
    assert raised.value.problems == [
        "Kind must be one of: compliment, mp enquiry, councillor enquiry, query, duty.",
        "Channel must be one of: email, web form, telephone, letter, in person, other.",
        "The date received (1 December 2026) is in the future.",
        "The reply (1 November 2026) cannot be before the contact was received (1 December 2026).",
        "Team 'Nobody' is not in the list; an administrator can add it in Settings.",
    ]
    contacts.create(teams, Contact(kind="query", received=date(2026, 11, 2), reference="Q/1"))
    with pytest.raises(ValidationFailed, match="Q/1 is already in use"):
        contacts.create(teams, Contact(kind="query", received=date(2026, 11, 2), reference="Q/1"))


def test_enquiries_are_due_after_the_working_days_set(teams: Env) -> None:
    enquiry = Contact(kind="councillor enquiry", received=date(2026, 11, 20))
    # 10 working days after Friday 20 November 2026 is Friday 4 December.
    assert contacts.due_date(teams, enquiry) == date(2026, 12, 4)
    assert contacts.due_date(teams, Contact(kind="compliment", received=date(2026, 11, 20))) is None


def test_edit_and_record_response_keep_one_transaction_each(teams: Env) -> None:
    made = contacts.create(teams, Contact(kind="query", received=date(2026, 11, 2)))
    answered = contacts.record_response(teams, made, date(2026, 11, 5))
    assert contacts.get(teams, made.reference).responded == date(2026, 11, 5)
    assert answered.version == 2
    answered.teams = ["Leaving care", "Fostering"]
    contacts.edit(teams, answered)
    assert contacts.get(teams, made.reference).teams == ["Leaving care", "Fostering"]
    with pytest.raises(ConcurrentEdit):
        contacts.edit(teams, made)  # the version the user first opened
    with pytest.raises(ValidationFailed, match="in the future"):
        contacts.record_response(teams, answered, date(2026, 11, 25))
    assert contacts.get(teams, made.reference).responded == date(2026, 11, 5)
    with teams.uow() as session:
        actions = session.execute(
            select(tables.AuditEntry.action, tables.AuditEntry.changes).where(
                tables.AuditEntry.entity == "contact"
            )
        ).all()
    assert [a for a, _ in actions] == ["create", "edit", "edit"]
    assert '"responded": [null, "2026-11-05"]' in actions[1][1]


def test_list_and_search(teams: Env) -> None:
    contacts.create(
        teams,
        Contact(
            kind="compliment",
            received=date(2026, 10, 1),
            teams=["Fostering"],
            sender="foster carer",
        ),
    )
    contacts.create(
        teams, Contact(kind="mp enquiry", received=date(2026, 10, 5), summary="School transport")
    )
    contacts.create(
        teams, Contact(kind="compliment", received=date(2026, 10, 9), teams=["Leaving care"])
    )
    assert [c.received.day for c in contacts.list_contacts(teams)] == [9, 5, 1]
    assert [c.received.day for c in contacts.list_contacts(teams, kind="compliment")] == [9, 1]
    assert [c.kind for c in contacts.list_contacts(teams, text="TRANSPORT")] == ["mp enquiry"]
    assert [c.teams for c in contacts.list_contacts(teams, text="fostering")] == [["Fostering"]]
    assert len(contacts.list_contacts(teams, limit=2)) == 2
    assert len(contacts.search(teams, kind="", text="")) == 3
    with pytest.raises(NotFound):
        contacts.get(teams, "CON/26/9999")
