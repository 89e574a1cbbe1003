"""Services: looking up known complainants and children, and the open-case warning."""

from __future__ import annotations

from datetime import date

import pytest

from complaints_desktop.domain.model import Case, Child, Person
from complaints_desktop.services import cases, people
from complaints_desktop.services.database import open_database
from complaints_desktop.services.env import Env

TODAY = date(2026, 11, 20)


@pytest.fixture
def env(db_url: str) -> Env:
    return open_database(db_url, user="officer", today=lambda: TODAY)


def _log(env: Env, complainant: str, child: str, system_id: str = "") -> Case:
    case = Case(
        procedure="statutory",
        received=date(2026, 11, 2),
        relationship="parent",
        complainant=Person(name=complainant, email=f"{complainant.split()[0].lower()}@example.org"),
        child=Child(name=child, system_id=system_id),
    )
    return cases.create(env, case)


def test_known_complainant_is_found_by_part_of_the_name_or_email(env: Env) -> None:
    _log(env, "Sarah Okafor", "Leo Okafor")
    _log(env, "Tom Hughes", "Amy Hughes")
    assert [p.name for p in people.find_complainants(env, "okaf")] == ["Sarah Okafor"]
    assert [p.name for p in people.find_complainants(env, "tom@example")] == ["Tom Hughes"]
    assert people.find_complainants(env, "o") == []  # too short to search


def test_known_child_is_found_by_name_or_system_id(env: Env) -> None:
    _log(env, "Sarah Okafor", "Leo Okafor", "LCS-4411")
    assert [c.name for c in people.find_children(env, "lcs-44")] == ["Leo Okafor"]
    assert people.find_children(env, "Leo")[0].system_id == "LCS-4411"


def test_warning_names_the_open_case_about_the_same_child(env: Env) -> None:
    first = _log(env, "Sarah Okafor", "Leo Okafor", "LCS-4411")
    warning = people.open_case_warning(env, Child(name="someone else", system_id="lcs-4411"))
    assert first.reference in warning
    assert "received 2 November 2026" in warning
    assert people.open_case_warning(env, Child(name="Leo Okafor", system_id="LCS-9999")) == ""
    assert people.open_case_warning(env, Child(name="leo  okafor")) != ""


def test_closed_case_gives_no_warning(env: Env) -> None:
    case = _log(env, "Sarah Okafor", "Leo Okafor", "LCS-4411")
    cases.withdraw(env, case, date(2026, 11, 3))
    assert people.open_case_warning(env, Child(system_id="LCS-4411")) == ""
