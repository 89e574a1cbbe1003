"""Letters: editable wording, contact letters, batches and their cancelling."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from sqlmodel import col, select

from complaints_desktop.domain.errors import NotFound, ValidationFailed
from complaints_desktop.domain.model import Case, Contact, Person
from complaints_desktop.services import cases, letters
from complaints_desktop.services import settings as settings_service
from complaints_desktop.services.database import open_database
from complaints_desktop.services.env import Env
from complaints_desktop.storage import tables as t
from tests.services.test_letters import ADDRESS, text_of


@pytest.fixture
def env(db_url: str) -> Iterator[Env]:
    env = open_database(db_url, user="tester", today=lambda: date(2026, 12, 22))
    settings_service.save_council(env, settings_service.CouncilDetails(**letters.DEMO_COUNCIL))
    yield env
    env.engine.dispose()  # PostgreSQL: no connection left for the collector


@pytest.fixture
def case(env: Env) -> Case:
    person = Person(name="Siobhán O'Sullivan", address=ADDRESS)
    return cases.create(
        env, Case(procedure="statutory", received=date(2026, 12, 21), complainant=person)
    )


def test_save_refuses_unknown_placeholder_naming_it(env: Env) -> None:
    text = letters.template_text(env, "withdrawal") + "\nSee {complainant.shoe_size}\n"
    with pytest.raises(ValidationFailed, match=r"\{complainant.shoe_size\}"):
        letters.save_template(env, "withdrawal", text)
    assert letters.template_text(env, "withdrawal") == letters.default_text("withdrawal")


def test_edited_wording_is_used_and_can_be_restored(env: Env, case: Case) -> None:
    edited = letters.template_text(env, "acknowledgement").replace(
        "Thank you for your complaint", "We are sorry you had cause to complain"
    )
    letters.save_template(env, "acknowledgement", edited)
    assert letters.is_edited(env, "acknowledgement")
    text = text_of(letters.render(env, case.reference, "acknowledgement"))
    assert "We are sorry you had cause to complain" in text
    letters.restore_template(env, "acknowledgement")
    assert not letters.is_edited(env, "acknowledgement")
    text = text_of(letters.render(env, case.reference, "acknowledgement"))
    assert "Thank you for your complaint" in text


def test_preview_renders_unsaved_wording(env: Env, case: Case) -> None:
    draft = letters.default_text("acknowledgement").replace(
        "Thank you for your complaint", "Reply by {response.due}. Thank you for your complaint"
    )
    text = text_of(letters.preview(env, "acknowledgement", draft, case.reference))
    assert "Reply by 7 January 2027." in text
    assert not letters.is_edited(env, "acknowledgement")
    with pytest.raises(ValidationFailed, match=r"\{recipient.nam\}"):
        letters.preview(env, "acknowledgement", "Dear {recipient.nam}", case.reference)


def test_unknown_template_and_reference(env: Env, case: Case) -> None:
    with pytest.raises(NotFound, match="no letter called 'thanks'"):
        letters.render(env, case.reference, "thanks")
    with pytest.raises(NotFound, match="CSC/99/9999"):
        letters.render(env, "CSC/99/9999", "acknowledgement")


def _contact(env: Env, reference: str, kind: str, sender: str) -> None:
    with env.uow() as session:
        session.add(
            t.Contact(reference=reference, kind=kind, received=date(2026, 12, 14), sender=sender)
        )


def test_contact_letters(env: Env) -> None:
    _contact(env, "CON/26/0001", "compliment", "Mrs Grace Adeyemi; 5 Oak Road; Northmoor NM3 9XY")
    _contact(env, "CON/26/0002", "mp enquiry", "Ms Jane Whitfield MP")
    _contact(env, "CON/26/0003", "compliment", "parent")
    assert letters.templates_for(Contact(kind="compliment", received=date(2026, 12, 1))) == [
        "compliment-thanks"
    ]
    text = text_of(letters.render(env, "CON/26/0001", "compliment-thanks"))
    assert "Dear Mrs Adeyemi" in text
    assert "Mrs Grace Adeyemi 5 Oak Road" in text
    assert "14 December 2026" in text
    text = text_of(letters.render(env, "CON/26/0002", "mp-enquiry-response"))
    assert "House of Commons London SW1A 0AA" in text
    assert "Dear Ms Whitfield" in text
    assert "your complaint" not in text
    _contact(env, "CON/26/0004", "mp enquiry", "MP's office")
    with pytest.raises(ValidationFailed, match="addressed to the MP by name"):
        letters.render(env, "CON/26/0004", "mp-enquiry-response")
    with pytest.raises(ValidationFailed, match="no postal address for the sender"):
        letters.render(env, "CON/26/0003", "compliment-thanks")
    with pytest.raises(ValidationFailed, match="is for complaints"):
        letters.render(env, "CON/26/0001", "acknowledgement")
    letters.log_letter(env, "CON/26/0001", "compliment-thanks")
    with env.uow() as session:
        logged = session.exec(select(t.Letter).where(col(t.Letter.contact_id).is_not(None))).all()
    assert [(x.template, x.sent_on) for x in logged] == [("compliment-thanks", date(2026, 12, 22))]


def test_batch_is_one_pdf_with_a_letter_per_case(env: Env, case: Case) -> None:
    other = cases.create(
        env,
        Case(
            procedure="corporate",
            received=date(2026, 12, 21),
            complainant=Person(name="Adebayo Ogunleye", address="3 The Crescent\nNorthmoor"),
        ),
    )
    seen: list[tuple[int, int]] = []
    pdf = letters.render_batch(
        env,
        [case.reference, other.reference],
        "acknowledgement",
        progress=lambda *a: seen.append(a),
    )
    text = text_of(pdf)
    assert text.index("Siobhán O'Sullivan") < text.index("Adebayo Ogunleye")
    assert b"/Count 2" in pdf
    assert seen[-1] == (4, 4)
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)


def test_batch_refuses_listing_every_case_with_a_problem(env: Env, case: Case) -> None:
    bad = cases.create(
        env, Case(procedure="statutory", received=date(2026, 12, 21), complainant=Person("No Addr"))
    )
    with pytest.raises(ValidationFailed) as caught:
        letters.render_batch(env, [case.reference, bad.reference, "NOPE"], "acknowledgement")
    problems = caught.value.problems
    assert len(problems) == 2
    assert problems[0].startswith(f"{bad.reference}: The letter goes by post")
    assert problems[1].startswith("NOPE: ")


def test_batch_can_be_cancelled(env: Env, case: Case) -> None:
    calls = iter([False, True])
    with pytest.raises(letters.Cancelled):
        letters.render_batch(
            env, [case.reference, case.reference], "acknowledgement", cancel=lambda: next(calls)
        )


def test_only_acknowledgements_record_an_acknowledgement(env: Env, case: Case) -> None:
    with pytest.raises(ValidationFailed, match="does not acknowledge"):
        letters.log_letter(env, case.reference, "extension", record_acknowledgement=True)
    stored = cases.get(env, case.reference)
    assert stored.stages[0].acknowledged is None
    assert stored.letters == []
