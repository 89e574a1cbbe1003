"""Services: a word search follows every change to what it matches (names, teams, imports).

The case list matches words against a stored copy (``complaint.search_text``); these tests
check the copy never finds a case by a word the case no longer holds, on SQLite and (with
``COMPLAINTS_TEST_POSTGRES``) PostgreSQL.
"""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from sqlmodel import select

from complaints_desktop.domain.model import Case, Child, Person, Stage
from complaints_desktop.domain.views import SearchCriteria
from complaints_desktop.services import caselog, cases, many_cases, queries, retention, settings
from complaints_desktop.services.database import open_database
from complaints_desktop.services.env import Env
from complaints_desktop.storage import search_text
from complaints_desktop.storage import tables as t

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "db"


def found(env: Env, text: str) -> list[str]:
    """References the case list shows for ``text``, oldest first."""
    result = queries.search_cases(env, SearchCriteria(text=text, descending=False))
    assert result.total == len(result.rows)
    return [r.reference for r in result.rows]


def new_case(env: Env, reference: str, **kw: object) -> Case:
    """A new statutory case about the Fostering team, logged through the service."""
    if "fostering" not in {name.casefold() for name, _ in settings.vocabulary(env, "team")}:
        settings.add_entry(env, "team", "Fostering")
    case = Case(
        reference=reference,
        procedure="statutory",
        received=date(2026, 10, 1),
        teams=["Fostering"],
        **kw,  # type: ignore[arg-type]
    )
    return cases.create(env, case)


def test_every_part_of_a_case_finds_it_in_any_case_of_letters(env: Env) -> None:
    new_case(
        env,
        "CSC/26/0101",
        complainant=Person(name="Amara Okonkwo"),
        child=Child(name="Émile Okonkwo", system_id="LCS4455"),
        summary="Respite care stopped",
    )
    new_case(env, "CSC/26/0102", complainant=Person(name="Ben Hale"))
    for text in ("okonkwo", "AMARA", "émile", "ÉMILE", "lcs4455", "respite", "fostering"):
        assert "CSC/26/0101" in found(env, text), text
    assert found(env, "amara respite") == ["CSC/26/0101"]  # every word, in any part
    assert found(env, "amara hale") == []
    assert found(env, "csc/26/0102") == ["CSC/26/0102"]
    assert found(env, "care_") == []  # wildcards are plain letters
    assert found(env, "%") == []


def test_accents_apostrophes_hyphens_and_spaces_are_folded_on_both_sides(env: Env) -> None:
    new_case(env, "CSC/26/0101", complainant=Person(name="Łukasz Wiśniewski"))
    new_case(env, "CSC/26/0102", complainant=Person(name="Siobhan O'Brien"))
    new_case(env, "CSC/26/0103", complainant=Person(name="Kate Brien"))
    new_case(env, "CSC/26/0104", child=Child(name="Amélie Smith-Jones"))
    new_case(env, "CSC/26/0105", complainant=Person(name="Rory Mc Donald"), summary="Café visit")
    assert found(env, "lukasz") == ["CSC/26/0101"]
    assert found(env, "WISNIEWSKI") == ["CSC/26/0101"]
    assert found(env, "Łukasz") == ["CSC/26/0101"]
    assert found(env, "obrien") == ["CSC/26/0102"]
    assert found(env, "O\u2019Brien") == ["CSC/26/0102"]  # pasted with a curly apostrophe
    assert found(env, "o'brien") == ["CSC/26/0102"]
    assert found(env, "brien") == ["CSC/26/0102", "CSC/26/0103"]
    assert found(env, "amelie smith jones") == ["CSC/26/0104"]
    assert found(env, "smithjones") == ["CSC/26/0104"]
    assert found(env, "Smith-Jones") == ["CSC/26/0104"]
    assert found(env, "mcdonald") == ["CSC/26/0105"]
    assert found(env, "mc donald") == ["CSC/26/0105"]
    assert found(env, "cafe") == ["CSC/26/0105"]
    assert found(env, "csc/26/0104") == ["CSC/26/0104"]
    assert found(env, "\u2019 -") == found(env, "")  # marks alone are no words


def test_a_corrected_name_finds_the_case_and_the_old_one_does_not(env: Env) -> None:
    case = new_case(
        env,
        "CSC/26/0201",
        complainant=Person(name="Jonathon Smyth"),
        child=Child(name="Kit Smyth", system_id="LCS1"),
    )
    case.complainant.name = "Jonathan Smith"
    case.child = replace(case.child, name="Kit Smith", system_id="LCS2")
    cases.edit(env, case)
    assert found(env, "Smyth") == []
    assert found(env, "LCS1") == []
    assert found(env, "Jonathan Smith") == ["CSC/26/0201"]
    assert found(env, "LCS2") == ["CSC/26/0201"]


def test_a_complainant_named_by_two_cases_is_renamed_in_both(env: Env) -> None:
    first = new_case(env, "CSC/26/0301", complainant=Person(name="Dana Whitlock"))
    new_case(env, "CSC/26/0302", complainant=first.complainant, summary="Second complaint")
    assert found(env, "Whitlock") == ["CSC/26/0301", "CSC/26/0302"]
    first.complainant.name = "Dana Ames"
    cases.edit(env, first)
    assert found(env, "Whitlock") == []
    assert found(env, "Ames") == ["CSC/26/0301", "CSC/26/0302"]


def test_anonymised_cases_are_found_by_reference_and_team_only(env: Env) -> None:
    case = new_case(
        env,
        "CSC/19/0001",
        complainant=Person(name="Imogen Quartermaine"),
        child=Child(name="Tobias Quartermaine", system_id="LCS998877"),
        summary="Moved placement without notice",
    )
    retention.anonymise(env, ["CSC/19/0001"])
    for text in ("Imogen", "Quartermaine", "Tobias", "LCS998877", "placement"):
        assert found(env, text) == [], text
    assert found(env, "CSC/19/0001") == ["CSC/19/0001"]
    assert found(env, "fostering") == ["CSC/19/0001"]
    with env.uow() as session:  # the stored copy holds nothing personal either
        row = session.get(t.Complaint, case.id)
        assert row is not None
        assert row.search_text == "csc/19/0001 [anonymised] fostering"


def test_a_renamed_team_finds_its_cases_by_the_new_name(env: Env) -> None:
    new_case(env, "CSC/26/0401", complainant=Person(name="Ravi Shah"))
    settings.rename_entry(env, "team", "Fostering", "Fostering and Adoption")
    assert found(env, "adoption") == ["CSC/26/0401"]
    settings.rename_entry(env, "team", "Fostering and Adoption", "Placements")
    assert found(env, "adoption") == []
    assert found(env, "placements shah") == ["CSC/26/0401"]


def test_imported_cases_are_found_and_an_imported_update_renames(env: Env, tmp_path: Path) -> None:
    header = "reference,procedure,received,teams,complainant_name,child_name,child_id\n"
    log = tmp_path / "log.csv"
    log.write_text(
        header + "CSC/24/0001,statutory,05/04/2024,Youth Justice,Zoë Brontë,Ada Brontë,LCS777\n",
        encoding="utf-8",
    )
    assert caselog.import_file(env, log, create_missing=True).created == 1
    for text in ("zoë", "BRONTË", "ada", "lcs777", "youth", "csc/24"):
        assert found(env, text) == ["CSC/24/0001"], text
    log.write_text(
        header + "CSC/24/0001,statutory,05/04/2024,Youth Justice,Zoe Bronte,Ada Bronte,LCS778\n",
        encoding="utf-8",
    )
    assert caselog.import_file(env, log, update=True).updated == 1
    assert found(env, "Brontë") == ["CSC/24/0001"]  # accents are folded: Bronte now
    assert found(env, "lcs777") == []
    assert found(env, "zoe bronte lcs778") == ["CSC/24/0001"]


def test_demo_and_bulk_cases_are_found(env: Env) -> None:
    settings.add_entry(env, "team", "Care Leavers")
    many = [
        Case(
            reference=f"CSC/25/{n:04d}",
            procedure="statutory",
            received=date(2025, 5, n),
            teams=["Care Leavers"],
            complainant=Person(name=f"Person {n} Nakamura" if n == 2 else f"Person {n}"),
            stages=[Stage(1, start=date(2025, 5, n))],
        )
        for n in (1, 2, 3)
    ]
    many_cases.store_many(env, many)
    assert found(env, "nakamura") == ["CSC/25/0002"]
    assert found(env, "leavers") == ["CSC/25/0001", "CSC/25/0002", "CSC/25/0003"]


def test_stored_text_is_what_a_refresh_computes(env: Env) -> None:
    new_case(
        env,
        "CSC/26/0501",
        complainant=Person(name="  Mo   Farah "),
        child=Child(name="Hussein", system_id="S-1"),
        summary="Two\nlines",
    )
    with env.uow() as session:
        row = session.get(t.Complaint, 1)
        assert row is not None
        before = row.search_text
        search_text.refresh(session, [1])
        session.refresh(row)
        assert (
            row.search_text
            == before
            == ("csc/26/0501 two lines mo farah hussein s1 fostering mofarah")
        )


@pytest.mark.sqlite_only
def test_upgrading_an_older_database_fills_the_search_text(tmp_path: Path) -> None:
    path = Path(shutil.copy(FIXTURES / "schema_0001.sqlite3", tmp_path / "old.sqlite3"))
    opened = open_database(str(path), user="officer", today=lambda: date(2026, 11, 24))
    everyone = ["CSC/26/0001", "CORP/26/0001", "CSC/26/0002"]
    assert found(opened, "TEST person") == everyone  # complainants "Test Person 1..3"
    assert found(opened, "corp/26") == ["CORP/26/0001"]
    assert found(opened, "child synthetic") == everyone
    assert found(opened, "nobody") == []
    stored = select(t.Complaint.id, t.Complaint.search_text)
    with opened.uow() as session:  # the migration filled it as the app computes it
        filled = dict(session.exec(stored).all())
        assert filled[1] == (
            "csc/26/0001 synthetic complaint 1 test person 1 child 1 testperson1 child1"
        )
        search_text.refresh(session, list(filled))
        assert dict(session.exec(stored).all()) == filled
    opened.engine.dispose()
    with contextlib.closing(sqlite3.connect(path)) as conn, conn:
        indexes = {r[1] for r in conn.execute("PRAGMA index_list(complaint)")}
    assert "ix_complaint_search_text" in indexes


@pytest.mark.parametrize(
    ("criteria", "expected", "total"),
    [
        (SearchCriteria(sort="team", descending=False, limit=2), ["CSC/25/0001", "CSC/25/0003"], 3),
        (SearchCriteria(sort="team", limit=2), ["CSC/25/0002", "CSC/25/0003"], 3),
        (
            SearchCriteria(text="person", sort="complainant", limit=2),
            ["CSC/25/0001", "CSC/25/0002"],
            3,
        ),
        (
            SearchCriteria(text="person", sort="complainant", descending=False),
            ["CSC/25/0003", "CSC/25/0002", "CSC/25/0001"],
            3,
        ),
        (SearchCriteria(stage=1, procedure="statutory", limit=1), ["CSC/25/0003"], 3),
        (SearchCriteria(text="adoption", sort="team"), ["CSC/25/0001"], 1),
    ],
)
def test_a_page_is_the_start_of_the_whole_order_and_the_total_counts_all(
    env: Env, criteria: SearchCriteria, expected: list[str], total: int
) -> None:
    for team in ("Adoption", "Youth Justice", "Care Leavers"):
        settings.add_entry(env, "team", team)
    many_cases.store_many(
        env,
        [
            Case(
                reference=f"CSC/25/{n:04d}",
                procedure="statutory",
                received=date(2025, 5, n),
                teams=[team],
                complainant=Person(name=name),
                stages=[Stage(1, start=date(2025, 5, n))],
            )
            for n, team, name in (
                (1, "Adoption", "Person Zed"),
                (2, "Youth Justice", "Person Yan"),
                (3, "Care Leavers", "Person Abe"),
            )
        ],
    )
    result = queries.search_cases(env, criteria)
    assert [r.reference for r in result.rows] == expected
    assert result.total == total


def test_cases_are_found_by_the_officer_handling_their_current_stage(env: Env) -> None:
    one = new_case(env, "CSC/26/0901", complainant=Person(name="A Parent"))
    new_case(env, "CSC/26/0902", complainant=Person(name="B Parent"))
    cases.assign(env, one, 1, "  priya   SHAH ")

    def by(*names: str) -> list[str]:
        result = queries.search_cases(env, SearchCriteria(officers=names, descending=False))
        return [r.reference for r in result.rows]

    assert by("Priya Shah") == ["CSC/26/0901"]
    assert by("") == ["CSC/26/0902"]  # nobody named yet
    assert by("Someone Else") == []
