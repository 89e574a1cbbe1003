"""Services: anonymising leaves no personal string in any column, and the year's statistics
as they were."""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from complaints_desktop.domain.calendar import Suspension
from complaints_desktop.domain.model import (
    Case,
    LearningAction,
    Ombudsman,
    Person,
    Recommendation,
)
from complaints_desktop.services import cases, letters, retention, statistics, subject_access
from complaints_desktop.services.env import Env
from tests.services.test_retention import PERSONAL, create_first, every_text

EVERY_FIELD = (
    *PERSONAL,
    "Harriet Handler",
    "Imogen asked for more time",
    "police enquiry about Tobias",
    "Consent signed by Imogen",
    "Imogen was 4 days late",
    "Late because Imogen was in hospital",
    "Apologise to Imogen Quartermaine",
    "Tell Imogen's social worker",
    "Olga Owner",
    "Tobias moved again",
    "Letter to Mrs Quartermaine",
    "19 004 321",
    "Quartermaine-complaint.pdf",
    "Imogen's complaint was about a court order",
    "See the family court",
    "Greta Refuser",
    "Refused Person",
)


def every_field_case(env: Env) -> list[str]:
    """CSC/19/0001 with every personal field filled, plus a refused case; their references."""
    first = create_first(env)
    stages = [dataclasses.replace(s) for s in first.stages]
    stages[0] = dataclasses.replace(
        stages[0],
        handler="Harriet Handler",
        extended=True,
        extension_agreed=date(2019, 4, 10),
        extension_reason="Imogen asked for more time",
        suspensions=[
            Suspension(date(2019, 4, 12), date(2019, 4, 15), "police enquiry about Tobias")
        ],
    )
    filled = dataclasses.replace(
        first,
        on_behalf_consent="Consent signed by Imogen",
        eligibility_note="Imogen was 4 days late",
        late_accepted_reason="Late because Imogen was in hospital",
        stages=stages,
        remedies=["Apology"],
        ombudsman=Ombudsman(
            reference="19 004 321",
            received=date(2019, 10, 1),
            decided=date(2020, 2, 3),
            outcome="upheld: maladministration and injustice",
            payment=25000,
            recommendations=[
                Recommendation(
                    "Apologise to Imogen Quartermaine",
                    target=date(2020, 3, 3),
                    achieved=date(2020, 3, 1),
                    status="complied",
                    amount=25000,
                )
            ],
        ),
        actions=[
            LearningAction(
                "Tell Imogen's social worker before a placement move",
                source="stage 2 investigation",
                owner="Olga Owner",
                target=date(2020, 1, 31),
                status="not implemented",
                reason="Tobias moved again",
                evidence="Letter to Mrs Quartermaine",
            )
        ],
    )
    cases.edit(env, filled)
    letters.log_letter(env, "CSC/19/0001", "stage1-response")
    with env.engine.begin() as conn:
        conn.execute(
            text(
                "insert into document (complaint_id, filename, added_at, by_user, content) "
                "values (1, :name, '2019-04-02 10:00:00', 'x', :content)"
            ),
            {"name": "Quartermaine-complaint.pdf", "content": b"Imogen Quartermaine"},
        )
    refused = cases.create(
        env,
        Case(
            procedure="statutory",
            received=date(2019, 6, 3),
            complainant=Person(name="Refused Person", address="1 Larkspur Row"),
            summary="Imogen's complaint was about a court order",
        ),
        start_stage1=False,
    )
    cases.refuse(
        env, refused, date(2019, 6, 5), "Greta Refuser: a court order", "See the family court"
    )
    return ["CSC/19/0001", refused.reference]


def case_text(env: Env, references: list[str]) -> str:
    """Every value of every row of the cases as text (raw SQL, each table linked to a case)."""
    found: list[str] = []
    with env.engine.connect() as conn:
        ids = [
            conn.execute(text("select id from complaint where reference = :r"), {"r": r}).scalar()
            for r in references
        ]
        links = {
            "complaint": "id in ({ids})",
            "stage": "complaint_id in ({ids})",
            "suspension": "stage_id in (select id from stage where complaint_id in ({ids}))",
            "element": "complaint_id in ({ids})",
            "finding": "element_id in (select id from element where complaint_id in ({ids}))",
            "ombudsman": "complaint_id in ({ids})",
            "recommendation": "ombudsman_id in "
            "(select id from ombudsman where complaint_id in ({ids}))",
            "learning_action": "complaint_id in ({ids})",
            "letter": "complaint_id in ({ids})",
            "note": "complaint_id in ({ids})",
            "document": "complaint_id in ({ids})",
            "complaint_team": "complaint_id in ({ids})",
            "complaint_remedy": "complaint_id in ({ids})",
            "complaint_type_link": "complaint_id in ({ids})",
            "case_access": "complaint_id in ({ids})",
            "person": "id in (select complainant_id from complaint where id in ({ids}))",
            "child": "id in (select child_id from complaint where id in ({ids}))",
            "audit": "reference in ({refs})",
        }
        inspector = inspect(conn)
        every = set(inspector.get_table_names())
        for table, where in links.items():
            assert table in every, table
            columns = [c["name"] for c in inspector.get_columns(table)]
            clause = where.format(
                ids=",".join(str(i) for i in ids), refs=",".join(f"'{r}'" for r in references)
            )
            quoted = ", ".join(f'"{c}"' for c in columns)
            for row in conn.execute(text(f'select {quoted} from "{table}" where {clause}')):
                for value in row:
                    if isinstance(value, bytes):
                        found.append(value.decode("utf-8", "replace"))
                    elif value is not None:
                        found.append(str(value))
    return "\n".join(found)


def test_anonymising_removes_every_personal_field_and_keeps_the_other_statistics(env: Env) -> None:
    references = every_field_case(env)
    year = (date(2019, 4, 1), date(2020, 3, 31))
    stats_before = statistics.compute(env, *year)
    before = case_text(env, references)
    for phrase in EVERY_FIELD:
        assert phrase in before, phrase  # the scan sees every one of them

    assert retention.anonymise(env, references) == 2

    after = case_text(env, references)
    everything = every_text(env)  # every column of every table, not only the cases' rows
    for phrase in EVERY_FIELD:
        assert phrase not in after, phrase
        assert phrase not in everything, phrase
    stats_after = statistics.compute(env, *year)
    stats_after["statutory"]["equality"] = stats_before["statutory"]["equality"]  # see below
    assert stats_after == stats_before
    case = cases.get(env, "CSC/19/0001")
    assert case.stages[0].suspensions[0].start == date(2019, 4, 12)  # timeliness stays
    assert case.ombudsman is not None
    assert case.ombudsman.outcome == "upheld: maladministration and injustice"
    assert [(r.status, r.amount) for r in case.ombudsman.recommendations] == [("complied", 25000)]
    assert [(a.source, a.status, a.target) for a in case.actions] == [
        ("stage 2 investigation", "not implemented", date(2020, 1, 31))
    ]
    assert case.equality == {}  # the statistics' personal fields go too ("not stated")
    assert [(x.template, x.sent_on) for x in case.letters] == [("stage1-response", env.today())]


def test_an_anonymised_person_is_no_longer_found_for_subject_access(env: Env) -> None:
    references = every_field_case(env)
    assert subject_access.find_people(env, "Quartermaine")
    retention.anonymise(env, references)
    assert subject_access.find_people(env, "Quartermaine") == []
    assert subject_access.find_people(env, "LCS998877") == []


@pytest.mark.sqlite_only
def test_nothing_personal_is_left_in_the_database_file_itself(env: Env) -> None:
    references = every_field_case(env)
    retention.anonymise(env, references)
    database = env.engine.url.database
    assert database is not None
    raw = b"".join(p.read_bytes() for p in (Path(database), Path(f"{database}-wal")) if p.exists())
    left = [phrase for phrase in EVERY_FIELD if phrase.encode() in raw]
    assert left == []


def test_the_trail_says_where_it_was_re_sealed_and_still_verifies(env: Env) -> None:
    from complaints_desktop.services import audit_view
    from complaints_desktop.storage import audit

    references = every_field_case(env)
    with env.uow() as session:
        last, head = audit.head(session)
        hashes = {e.id: e.hash for e in audit.search(session, limit=10_000)}
    retention.anonymise(env, references)
    assert audit_view.verify(env) == []
    with env.uow() as session:
        sealed = audit.search(session, action="audit trail re-sealed")
        trail = {e.id: e for e in audit.search(session, limit=10_000)}
    assert len(sealed) == 1
    said = json.loads(sealed[0].changes)
    assert said["last entry before"] == last
    assert said["chain hash before"] == head
    assert said["entries redacted"] >= 5
    assert said["why"] == "retention review: anonymise"
    # entries before the first one redacted keep their hashes: a backup still matches
    first = min(i for i, e in trail.items() if e.reference in references)
    assert all(trail[i].hash == h for i, h in hashes.items() if i is not None and i < first)
