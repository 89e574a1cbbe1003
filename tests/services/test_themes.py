"""Themes: each element of a complaint has one (a complaint type), each compliment some
(compliment themes); the annual report counts upheld themes, contacts by kind and lead
team, and compliments by theme."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from complaints_desktop.domain.errors import ValidationFailed
from complaints_desktop.domain.model import Case, Contact, Element, Person
from complaints_desktop.domain.vocab import DEFAULT_COMPLIMENT_THEMES
from complaints_desktop.services import annual_report, caselog, contacts, settings
from complaints_desktop.services import cases as svc
from complaints_desktop.services.env import Env
from complaints_desktop.services.safety import integrity
from complaints_desktop.storage import vocabularies
from tests.pdftext import reading_text

START, END = date(2025, 4, 1), date(2026, 3, 31)


def _upheld(env: Env, name: str, findings: list[tuple[str, str]]) -> Case:
    case = svc.create(
        env,
        Case(
            procedure="statutory",
            received=date(2025, 5, 1),
            complainant=Person(name=name),
            elements=[
                Element(text=f"part {i}", theme=theme) for i, (theme, _) in enumerate(findings)
            ],
        ),
    )
    return svc.respond(
        env,
        case,
        date(2025, 5, 9),
        "partially upheld",
        {i: (outcome, "") for i, (_, outcome) in enumerate(findings)},
    )


def test_upheld_themes_count_elements_at_their_last_finding(env: Env) -> None:
    staff = "Attitude or behaviour of staff"
    delay = "Delay in decision making or provision of services"
    _upheld(env, "Ann One", [(staff, "upheld"), (delay, "partially upheld")])
    _upheld(env, "Ben Two", [(staff, "upheld"), (staff, "upheld"), (delay, "not upheld")])
    _upheld(env, "Cat Three", [("", "partially upheld")])
    _upheld(env, "Dan Four", [(delay, "not upheld")])
    data = annual_report.report_data(env, START, END)
    found = data.upheld_themes["statutory"]
    assert found.by_theme == {staff: (3, 2), delay: (1, 1), "": (1, 1)}
    assert (found.elements, found.complaints) == (5, 3)
    text = reading_text(annual_report.render_pdf(env, START, END, suppress_below=0))
    assert "Statutory (Children Act 1989): upheld themes" in text


def test_an_element_theme_must_be_a_complaint_type(env: Env) -> None:
    with pytest.raises(ValidationFailed, match="not in the list"):
        svc.create(
            env,
            Case(
                procedure="statutory",
                received=date(2025, 5, 1),
                complainant=Person(name="Eve Five"),
                elements=[Element(text="calls", theme="Weather")],
            ),
        )


def test_compliment_themes_are_kept_counted_and_imported(env: Env, tmp_path: Path) -> None:
    listed = settings.vocabulary(env, "compliment_theme")
    assert sorted(n for n, _ in listed) == sorted(DEFAULT_COMPLIMENT_THEMES)
    with env.uow(write=True) as session:
        vocabularies.ensure(session, "team", ["Fostering", "Early Help"])
        assert "going above and beyond" in vocabularies.names(session, "compliment_theme")
    first = contacts.create(
        env,
        Contact(
            kind="compliment",
            received=date(2025, 6, 2),
            teams=["Fostering", "Early Help"],
            themes=["Communication", "professionalism"],
        ),
    )
    assert contacts.get(env, first.reference).themes == ["communication", "professionalism"]
    contacts.create(
        env, Contact(kind="compliment", received=date(2025, 7, 2), teams=["Early Help"])
    )
    contacts.create(env, Contact(kind="mp enquiry", received=date(2025, 7, 3)))
    with pytest.raises(ValidationFailed, match="Compliment theme 'Weather'"):
        contacts.create(
            env, Contact(kind="compliment", received=date(2025, 7, 4), themes=["Weather"])
        )
    data = annual_report.report_data(env, START, END)
    assert data.compliment_themes == {"communication": 1, "professionalism": 1, "": 1}
    assert data.contact_teams == {
        "compliment": {"Fostering": 1, "Early Help": 1},
        "mp enquiry": {"": 1},
    }
    # The contacts log: a file without a themes column keeps them; one with it sets them.
    log = tmp_path / "contacts.csv"
    log.write_text(
        f"reference,kind,received,teams\n{first.reference},compliment,2025-06-02,Fostering\n",
        encoding="utf-8",
    )
    caselog.import_file(env, log, contacts=True, update=True)
    assert contacts.get(env, first.reference).themes == ["communication", "professionalism"]
    log.write_text(
        "reference,kind,received,teams,themes\n"
        f"{first.reference},compliment,2025-06-02,Fostering,"
        "Going above and beyond; support and advice\n",
        encoding="utf-8",
    )
    caselog.import_file(env, log, contacts=True, update=True)
    assert contacts.get(env, first.reference).themes == [
        "going above and beyond",
        "support and advice",
    ]


def test_a_renamed_type_or_compliment_theme_follows_to_what_uses_it(env: Env) -> None:
    staff = "Attitude or behaviour of staff"
    case = _upheld(env, "Fay Six", [(staff, "upheld")])
    with env.uow(write=True) as session:
        vocabularies.ensure(session, "team", ["Fostering"])
    praised = contacts.create(
        env, Contact(kind="compliment", received=date(2025, 6, 2), themes=["timeliness"])
    )
    settings.rename_entry(env, "type", staff, "Staff attitude or behaviour")
    settings.rename_entry(env, "compliment_theme", "timeliness", "quick response")
    assert svc.get(env, case.reference).elements[0].theme == "Staff attitude or behaviour"
    assert contacts.get(env, praised.reference).themes == ["quick response"]
    # The trail's seals still hold (the theme is not sealed), and the case still saves.
    problems, _notes = integrity.check(env)
    assert problems == []
    svc.edit(env, svc.get(env, case.reference))
