"""Services: each use case saves once, keeps status and next deadline, and is audited."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlmodel import select

from complaints_desktop.domain.errors import ConcurrentEdit, RuleViolation, ValidationFailed
from complaints_desktop.domain.model import Case, Element, Person
from complaints_desktop.services import cases as svc
from complaints_desktop.services.env import Env
from complaints_desktop.storage import vocabularies
from complaints_desktop.storage.tables import AuditEntry, Complaint


def _log(env: Env, **kw: object) -> Case:
    base = dict(
        procedure="statutory",
        received=date(2026, 11, 20),
        relationship="parent",
        types=["Other"],
        complainant=Person(name="Aisha Khan", address="2 Low Rd"),
        elements=[Element("visits"), Element("plan")],
    )
    base.update(kw)
    return svc.create(env, Case(**base))  # type: ignore[arg-type]


def test_new_complaint_gets_a_reference_stage1_and_next_deadline(env: Env) -> None:
    case = _log(env)
    assert case.reference == "CSC/26/0001"
    assert case.status == "open"
    with env.uow() as s:
        row = s.exec(select(Complaint)).one()
    assert row.next_due == date(2026, 11, 24)
    assert row.next_due_what == "Acknowledge the complaint"


def test_each_move_is_audited_with_old_and_new(env: Env) -> None:
    case = _log(env)
    case = svc.acknowledge(env, case, date(2026, 11, 23))
    case = svc.extend(env, case, date(2026, 11, 24), "Advocate being appointed")
    with env.uow() as s:
        entries = s.exec(select(AuditEntry).order_by(AuditEntry.id)).all()  # type: ignore[arg-type]
    assert [e.action for e in entries] == ["create", "acknowledge", "extend"]
    assert all(e.user == "officer.one" for e in entries)
    changes = json.loads(entries[2].changes)
    assert changes["stages.0.extended"] == [False, True]
    assert changes["stages.0.extension_reason"] == ["", "Advocate being appointed"]
    with env.uow() as s:
        row = s.exec(select(Complaint)).one()
    assert row.next_due == date(2026, 12, 18)


def test_refused_move_changes_nothing(env: Env) -> None:
    case = _log(env)
    with pytest.raises(RuleViolation, match="still open"):
        svc.escalate(env, case, date(2026, 11, 24))
    reloaded = svc.get(env, case.reference)
    assert reloaded.stages == case.stages
    with env.uow() as s:
        assert len(s.exec(select(AuditEntry)).all()) == 1


def test_two_officers_editing_one_case(env: Env) -> None:
    mine = _log(env)
    theirs = svc.get(env, mine.reference)
    svc.acknowledge(env, theirs, date(2026, 11, 23))
    with pytest.raises(ConcurrentEdit, match="Reload"):
        svc.respond(env, mine, date(2026, 11, 24), "upheld")
    assert svc.get(env, mine.reference).stages[0].response is None


def test_unknown_team_and_future_date_are_listed_together(env: Env) -> None:
    with pytest.raises(ValidationFailed) as caught:
        _log(env, teams=["Nowhere Team"], received=date(2026, 12, 1))
    text = "\n".join(caught.value.problems)
    assert "Nowhere Team" in text
    assert "future" in text
    with env.uow() as s:
        assert s.exec(select(Complaint)).all() == []


def test_known_team_is_accepted(env: Env) -> None:
    with env.uow() as s:
        vocabularies.add(s, "team", "Fostering")
    case = _log(env, teams=["fostering"])
    assert svc.get(env, case.reference).teams == ["Fostering"]


def test_deadlines_come_with_their_rules(env: Env) -> None:
    case = _log(env)
    found = {d.what: d for d in svc.deadlines(env, case)}
    assert found["Stage 1 response"].due == date(2026, 12, 4)
    assert "10 working days" in found["Stage 1 response"].rule


def test_notes_are_kept(env: Env) -> None:
    case = _log(env)
    svc.add_note(env, case, "Called mother, agreed extension")
    assert svc.get(env, case.reference).notes[0].text == "Called mother, agreed extension"
    with pytest.raises(ValidationFailed):
        svc.add_note(env, case, "   ")


def test_an_answered_case_closes_when_the_escalation_window_passes(db_url: str) -> None:
    from complaints_desktop.services.database import open_database

    day = [date(2026, 11, 2)]
    env = open_database(db_url, user="officer.one", today=lambda: day[0])
    case = svc.create(env, Case(procedure="statutory", received=date(2026, 11, 2)))
    case = svc.respond(env, case, date(2026, 11, 2), "not upheld")
    assert case.status == "responded"  # 20 working days to ask for stage 2: to 30 November
    env.engine.dispose()
    day[0] = date(2026, 11, 30)
    env = open_database(db_url, user="officer.one", today=lambda: day[0])
    assert svc.get(env, case.reference).status == "responded"
    env.engine.dispose()
    day[0] = date(2026, 12, 1)
    env = open_database(db_url, user="officer.one", today=lambda: day[0])
    closed = svc.get(env, case.reference)
    assert closed.status == "closed"
    with env.uow() as s:
        row = s.exec(select(Complaint)).one()
    assert row.closed_on == date(2026, 11, 2)
    env.engine.dispose()
