"""Services: retention review — due list, legal hold, anonymising for real, deleting."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

import pytest
from sqlalchemy import inspect, text

from complaints_desktop.domain.errors import NotFound, RuleViolation, ValidationFailed
from complaints_desktop.domain.model import (
    Advocacy,
    Case,
    Child,
    Contact,
    Element,
    Finding,
    Person,
    Stage,
)
from complaints_desktop.services import cases, contacts, retention, settings, statistics
from complaints_desktop.services.env import Env
from complaints_desktop.storage import settings_store

ON = date(2026, 11, 24)
PERSONAL = (
    "Imogen Quartermaine",
    "Quartermaine",
    "Larkspur Row",
    "imogen.q@example.org",
    "imogen.new@example.org",
    "07700 900123",
    "Tobias",
    "LCS998877",
    "2010-02-03",
    "moved placement without notice",
    "Rowena Advocate",
    "Ophelia Investigator",
    "Percival Independent",
    "Priya Panel",
    "Spoke to Imogen",
    "Imogen was right",
)


def full_case(reference: str, closed_year: int = 2019, **kw: Any) -> Case:
    """A statutory case closed at stage 3 in ``closed_year`` with every personal field."""
    y = closed_year
    case = Case(
        reference=reference,
        procedure="statutory",
        received=date(y, 4, 1),
        channel="email",
        relationship="parent",
        teams=["Fostering"],
        summary="Tobias was moved placement without notice",
        complainant=Person(
            name="Imogen Quartermaine",
            address="12 Larkspur Row, Mitcham",
            email="imogen.q@example.org",
            phone="07700 900123",
        ),
        child=Child(name="Tobias Quartermaine", dob=date(2010, 2, 3), system_id="LCS998877"),
        advocacy=Advocacy(used=True, provider="Coram Voice", advocate_name="Rowena Advocate"),
        equality={"gender": "female", "ethnicity": "White", "age_band": "36-50"},
        stages=[
            Stage(
                1,
                start=date(y, 4, 1),
                acknowledged=date(y, 4, 2),
                response=date(y, 4, 26),
                outcome="not upheld",
                handler="hand.ler",
            ),
            Stage(
                2,
                requested=date(y, 5, 1),
                start=date(y, 5, 2),
                acknowledged=date(y, 5, 3),
                response=date(y, 7, 20),
                outcome="partially upheld",
                investigating_officer="Ophelia Investigator",
                independent_person="Percival Independent",
                cost=150000,
            ),
            Stage(
                3,
                requested=date(y, 8, 1),
                start=date(y, 8, 2),
                acknowledged=date(y, 8, 5),
                panel_date=date(y, 8, 30),
                panel_report=date(y, 9, 3),
                response=date(y, 9, 20),
                outcome="upheld",
                panel_members="Priya Panel; Quentin Panel",
            ),
        ],
        elements=[
            Element(
                "Tobias was moved placement without notice",
                findings=[Finding(2, "upheld", "Imogen was right about the move")],
                theme="Delay in decision making or provision of services",
            ),
        ],
    )
    return dataclasses.replace(case, **kw)


def create_first(env: Env) -> Case:
    """CSC/19/0001 (closed 20 September 2019), its e-mail edited, with a note."""
    if "Fostering" not in [name for name, _ in settings.vocabulary(env, "team")]:
        settings.add_entry(env, "team", "Fostering")
    first = cases.create(env, full_case("CSC/19/0001"))
    edited = dataclasses.replace(
        first, complainant=dataclasses.replace(first.complainant, email="imogen.new@example.org")
    )
    cases.edit(env, edited)
    cases.add_note(env, cases.get(env, "CSC/19/0001"), "Spoke to Imogen on the phone")
    return cases.get(env, "CSC/19/0001")


def seed(env: Env) -> None:
    """Due (CSC/19/0001), recent (CSC/24/0002), held (CSC/19/0003); two contacts."""
    create_first(env)
    cases.create(
        env,
        full_case(
            "CSC/24/0002",
            2024,
            complainant=Person(name="Zed Recent"),
            child=Child(name="Recent Child"),
        ),
    )
    cases.create(
        env,
        full_case(
            "CSC/19/0003", complainant=Person(name="Held Person"), child=Child(name="Held Child")
        ),
    )
    retention.set_legal_hold(env, "CSC/19/0003", True, "Claim in the county court")
    contacts.create(
        env,
        Contact(
            kind="compliment",
            received=date(2019, 6, 3),
            reference="CON/19/0001",
            sender="Old Sender",
        ),
    )
    contacts.create(
        env,
        Contact(
            kind="query", received=date(2025, 6, 3), reference="CON/25/0001", sender="New Sender"
        ),
    )


def every_text(env: Env) -> str:
    """Every value of every column of every table as text, joined (a query per table)."""
    found: list[str] = []
    with env.engine.connect() as conn:
        for name in inspect(conn).get_table_names():
            for row in conn.execute(text(f'select * from "{name}"')):
                for value in row:
                    if isinstance(value, bytes):
                        found.append(value.decode("utf-8", "replace"))
                    elif value is not None:
                        found.append(str(value))
    return "\n".join(found)


def test_due_lists_old_closed_cases_and_contacts_never_held_ones(env: Env) -> None:
    seed(env)
    due = retention.due_for_review(env, ON)
    assert [(i.reference, i.kind) for i in due] == [
        ("CSC/19/0001", "complaint"),
        ("CON/19/0001", "contact"),
    ]
    assert due[0].closed_on == date(2019, 9, 20)
    assert due[0].years == 6
    assert due[0].due_on == date(2025, 9, 20)
    held = retention.due_for_review(env, ON, include_held=True)
    assert [(i.reference, i.hold_reason) for i in held if i.legal_hold] == [
        ("CSC/19/0003", "Claim in the county court")
    ]


def test_retention_setting_wins_over_procedures(env: Env) -> None:
    seed(env)
    with env.uow() as session:
        settings_store.put(session, "retention", {"complaints": 10, "contacts": 2})
    assert [i.reference for i in retention.due_for_review(env, ON)] == ["CON/19/0001"]
    assert retention.retention_years(env) == {"complaints": 10, "contacts": 2}
    assert [i.reference for i in retention.due_for_review(env, date(2030, 1, 1))][:1] == [
        "CSC/19/0001"
    ]


def test_anonymise_alone_removes_every_personal_string(env: Env) -> None:
    create_first(env)
    with env.engine.begin() as conn:
        conn.execute(
            text(
                "insert into document (complaint_id, filename, added_at, by_user, content) "
                "values (1, :name, '2019-04-02 10:00:00', 'x', :content)"
            ),
            {"name": "Quartermaine-complaint.pdf", "content": b"\x00"},
        )
    before = every_text(env)
    for phrase in PERSONAL:
        assert phrase in before, phrase  # the scan sees every one of them
    retention.anonymise(env, ["CSC/19/0001"])
    after = every_text(env)
    for phrase in PERSONAL:
        assert phrase not in after, phrase
    with env.engine.connect() as conn:
        assert conn.execute(text("select count(*) from person")).scalar() == 0
        assert conn.execute(text("select count(*) from child")).scalar() == 0
    case = cases.get(env, "CSC/19/0001")
    assert case.anonymised
    assert case.complainant.name == ""
    assert case.child.name == ""
    assert case.equality == {}
    assert case.summary == "[anonymised]"
    assert [e.text for e in case.elements] == ["Element 1 ([anonymised])"]
    assert [f.outcome for f in case.elements[0].findings] == ["upheld"]
    assert [s.outcome for s in case.stages] == ["not upheld", "partially upheld", "upheld"]
    assert case.stages[1].cost == 150000
    assert case.teams == ["Fostering"]
    assert retention.due_for_review(env, ON) == []


def test_statistics_unchanged_except_equality(env: Env) -> None:
    seed(env)
    start, end = date(2019, 4, 1), date(2020, 3, 31)
    before = statistics.compute(env, start, end)
    retention.anonymise(env, ["CSC/19/0001"])
    after = statistics.compute(env, start, end)
    changed = [k for k in before["statutory"] if before["statutory"][k] != after["statutory"][k]]
    assert changed == ["equality"]
    assert {k: v for k, v in before.items() if k != "statutory"} == {
        k: v for k, v in after.items() if k != "statutory"
    }
    gender = after["statutory"]["equality"]["gender"]
    assert gender.get("female", 0) == before["statutory"]["equality"]["gender"]["female"] - 1


def test_legal_hold_is_never_touched(env: Env) -> None:
    seed(env)
    for move in (retention.anonymise, retention.delete):
        with pytest.raises(RuleViolation, match="legal hold"):
            move(env, ["CSC/19/0001", "CSC/19/0003"])
    held = cases.get(env, "CSC/19/0003")
    assert held.complainant.name == "Held Person"
    assert not held.anonymised
    assert not cases.get(env, "CSC/19/0001").anonymised  # all or nothing


def test_hold_needs_a_reason_and_can_be_lifted(env: Env) -> None:
    seed(env)
    with pytest.raises(ValidationFailed):
        retention.set_legal_hold(env, "CSC/19/0003", False, "  ")
    with pytest.raises(NotFound):
        retention.set_legal_hold(env, "CSC/99/9999", True, "x")
    retention.set_legal_hold(env, "CSC/19/0003", False, "Claim settled")
    assert "CSC/19/0003" in [i.reference for i in retention.due_for_review(env, ON)]


def _count_rows(env: Env) -> dict[str, int]:
    with env.engine.connect() as conn:
        return {
            name: int(conn.execute(text(f"select count(*) from {name}")).scalar() or 0)
            for name in inspect(conn).get_table_names()
        }


def test_delete_removes_every_row_of_the_case(env: Env) -> None:
    seed(env)
    only_other = _count_rows(env)
    assert retention.delete(env, ["CSC/19/0001", "CON/19/0001"]) == 2
    after = _count_rows(env)
    assert after["complaint"] == only_other["complaint"] - 1
    assert after["stage"] == only_other["stage"] - 3
    assert after["element"] == only_other["element"] - 1
    assert after["finding"] == only_other["finding"] - 1
    assert after["note"] == only_other["note"] - 1
    assert after["person"] == only_other["person"] - 1
    assert after["child"] == only_other["child"] - 1
    assert after["contact"] == only_other["contact"] - 1
    with env.engine.connect() as conn:
        ids = {r[0] for r in conn.execute(text("select id from complaint"))}
        for table in ("stage", "element", "note", "letter", "complaint_team"):
            orphans = conn.execute(text(f"select complaint_id from {table}")).scalars().all()
            assert set(orphans) <= ids | {None}, table
    with pytest.raises(NotFound):
        cases.get(env, "CSC/19/0001")


def test_unknown_reference_deletes_nothing(env: Env) -> None:
    seed(env)
    before = _count_rows(env)
    with pytest.raises(NotFound):
        retention.delete(env, ["CSC/19/0001", "CSC/99/0404"])
    assert _count_rows(env) == before


def test_audit_entries_written_without_personal_data(env: Env) -> None:
    seed(env)
    retention.anonymise(env, ["CSC/19/0001"])
    retention.delete(env, ["CON/19/0001"])
    with env.engine.connect() as conn:
        rows = conn.execute(text('select action, "user", reference, changes from audit')).all()
        assert conn.execute(text("select count(*) from audit")).scalar() == len(rows)
    acts = {(a, r) for a, _u, r, _c in rows}
    assert ("anonymise", "CSC/19/0001") in acts
    assert ("delete", "CON/19/0001") in acts
    assert ("legal hold", "CSC/19/0003") in acts
    mine = [r for r in rows if r[2] in ("CSC/19/0001", "CON/19/0001")]
    assert all(u == "officer.one" for _a, u, _r, _c in mine)
    trail = "\n".join(c for *_x, c in mine)
    for phrase in (*PERSONAL, "Old Sender"):
        assert phrase not in trail, phrase
    # the earlier edit of the e-mail is still listed, its values removed
    assert "complainant.email" in trail
    assert "[removed]" in trail


def test_audit_trail_still_verifies_and_tampering_blocks_removal(env: Env) -> None:
    from complaints_desktop.services import audit_view

    seed(env)
    retention.anonymise(env, ["CSC/19/0001"])
    assert audit_view.verify(env) == []
    with env.engine.begin() as conn:
        conn.execute(text("""update audit set "user" = 'someone' where id = 2"""))
    with pytest.raises(RuleViolation, match="audit trail"):
        retention.delete(env, ["CON/19/0001"])
    assert "CON/19/0001" in [i.reference for i in retention.due_for_review(env, ON)]
