"""Services: subject access — find a person, export their cases, redact third parties."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from sqlalchemy import text

from complaints_desktop.domain.errors import ValidationFailed
from complaints_desktop.domain.model import Person
from complaints_desktop.services import cases, subject_access
from complaints_desktop.services.env import Env
from tests.pdftext import reading_text
from tests.services.test_retention import create_first, full_case

THIRD_PARTIES = (
    "Ophelia Investigator",
    "Percival Independent",
    "Priya Panel",
    "Rowena Advocate",
    "hand.ler",
)


def seed(env: Env) -> None:
    """Imogen's case (CSC/19/0001) and someone else's (CSC/24/0002)."""
    create_first(env)
    cases.create(env, full_case("CSC/24/0002", 2024, complainant=Person(name="Zed Other")))


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_find_people_by_name_email_and_child_id(env: Env) -> None:
    seed(env)
    by_name = subject_access.find_people(env, "quarter")
    assert {(m.kind, m.name) for m in by_name} == {
        ("complainant", "Imogen Quartermaine"),
        ("child", "Tobias Quartermaine"),
    }
    assert [m.kind for m in subject_access.find_people(env, "imogen.new@")] == ["complainant"]
    child = subject_access.find_people(env, "LCS998877")
    assert [m.kind for m in child] == ["child"]
    # two records of the same child (one per case) are one match
    assert len(child[0].ids) == 2
    assert child[0].cases == 2
    assert "2 cases" in child[0].label
    assert subject_access.find_people(env, "q") == []


def test_export_complainant_holds_their_case_only(env: Env, tmp_path: Path) -> None:
    seed(env)
    with env.engine.begin() as conn:
        conn.execute(
            text(
                "insert into document (complaint_id, filename, added_at, by_user, content) "
                "values (1, :name, '2019-04-02 10:00:00', 'x', :content)"
            ),
            {"name": "letter-from-imogen.pdf", "content": b"\x00"},
        )
    person = subject_access.find_people(env, "Imogen")[0]
    paths = subject_access.export(env, [person.id], folder=tmp_path)
    assert [p.suffix for p in paths] == [".pdf", ".csv"]
    table = rows(paths[1])
    assert {r["reference"] for r in table} == {"CSC/19/0001"}
    values = {(r["section"], r["field"]): r["value"] for r in table}
    assert values[("Complainant", "E-mail")] == "imogen.new@example.org"
    assert values[("Stage 2", "Investigating officer")] == "Ophelia Investigator"
    assert values[("Element 1", "Stage 2 finding")] == "Upheld: Imogen was right about the move"
    assert values[("Element 1", "Theme")] == "Delay in decision making or provision of services"
    assert any(r["section"] == "Notes" and "Spoke to Imogen" in r["value"] for r in table)
    assert values[("Documents attached (supplied separately)", "2 April 2019")] == (
        "letter-from-imogen.pdf"
    )
    words = reading_text(paths[0])
    assert "CSC/19/0001" in words
    assert "CSC/24/0002" not in words
    assert "Imogen Quartermaine" in words
    assert "Ophelia Investigator" in words


def test_export_child_lists_every_case_and_redacts(env: Env, tmp_path: Path) -> None:
    seed(env)
    child = subject_access.find_people(env, "LCS998877")[0]
    paths = subject_access.export(
        env, child_ids=child.ids, folder=tmp_path, redact_third_parties=True
    )
    table = rows(paths[1])
    assert sorted({r["reference"] for r in table}) == ["CSC/19/0001", "CSC/24/0002"]
    assert {r["role"] for r in table} == {"child or young person"}
    whole = paths[1].read_text(encoding="utf-8-sig")
    words = reading_text(paths[0])
    for name in THIRD_PARTIES:
        assert name not in whole, name
        assert name not in words, name
    assert "[redacted]" in whole
    assert "[redacted]" in words
    assert "Tobias Quartermaine" in words  # the person's own data stays
    notes = [r for r in table if r["section"] == "Notes"]
    assert notes
    assert all("by [redacted]" in r["field"] for r in notes)


def test_export_is_audited_by_id_not_name(env: Env, tmp_path: Path) -> None:
    seed(env)
    person = subject_access.find_people(env, "Imogen")[0]
    subject_access.export(env, [person.id], folder=tmp_path, redact_third_parties=True)
    with env.engine.connect() as conn:
        entry = conn.execute(
            text(
                'select "user", entity, entity_id, changes from audit '
                "where action = 'subject access export'"
            )
        ).one()
    assert entry[:3] == ("officer.one", "person", person.id)
    assert "Imogen" not in entry[3]
    assert "Quartermaine" not in entry[3]
    assert f'"person_ids": [{person.id}]' in entry[3]


def test_export_refuses_without_person_or_folder(env: Env, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(ValidationFailed):
        subject_access.export(env, folder=out)
    with pytest.raises(ValidationFailed, match="does not exist"):
        subject_access.export(env, [1], folder=out / "missing")
    assert list(out.iterdir()) == []
