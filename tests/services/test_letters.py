"""Letters end to end: each template's facts and required content, read back from the PDF."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from complaints_desktop.domain.errors import ValidationFailed
from complaints_desktop.domain.model import Advocacy, Case, Child, Element, Person
from complaints_desktop.services import cases, letters
from complaints_desktop.services import settings as settings_service
from complaints_desktop.services.database import open_database
from complaints_desktop.services.env import Env
from complaints_desktop.storage import audit
from tests.pdftext import reading_text as text_of

OMBUDSMAN_PHONE = "0300 061 0614"
ADDRESS = "Flat 12, Ashdown House\n14 Długa Street\nNorthmoor NM4 7QT"


def pages_of(pdf: bytes) -> list[str]:
    """Each page's text, runs of white space made single spaces."""
    reader = PdfReader(io.BytesIO(pdf))
    return [" ".join(page.extract_text().split()) for page in reader.pages]


class Clock:
    """A settable 'today' for the Env."""

    def __init__(self, day: date) -> None:
        self.day = day

    def __call__(self) -> date:
        return self.day


@pytest.fixture
def clock() -> Clock:
    return Clock(date(2026, 12, 22))


@pytest.fixture
def env(db_url: str, clock: Clock) -> Iterator[Env]:
    env = open_database(db_url, user="tester", today=clock)
    settings_service.save_council(env, settings_service.CouncilDetails(**letters.DEMO_COUNCIL))
    yield env
    env.engine.dispose()  # PostgreSQL: no connection left for the collector


@pytest.fixture
def new_case(env: Env) -> Callable[..., Case]:
    def make(received: date, procedure: str = "statutory", **kw: object) -> Case:
        kw.setdefault("complainant", Person(name="Siobhán O'Sullivan", address=ADDRESS))
        kw.setdefault("relationship", "parent")
        return cases.create(env, Case(procedure=procedure, received=received, **kw))  # type: ignore[arg-type]

    return make


def test_child_acknowledgement_over_christmas(env: Env, new_case: Callable[..., Case]) -> None:
    case = new_case(
        date(2026, 12, 21),
        relationship="child or young person",
        complainant=Person(name="Zoë Łukasiewicz", address=ADDRESS),
        child=Child(name="Zoë Łukasiewicz"),
    )
    assert letters.templates_for(case)[0] == "acknowledgement-child"
    text = text_of(letters.render(env, case.reference, "acknowledgement-child"))
    assert "Dear Zoë" in text
    assert "Zoë Łukasiewicz" in text
    assert "14 Długa Street" in text
    assert case.reference in text
    assert "22 December 2026" in text
    # 10 working days from 21 December 2026 skip 25 and 28 December and 1 January.
    assert "by 7 January 2027" in text
    assert "advocate" in text
    assert "It is free" in text


def test_statutory_acknowledgement_states_procedure_deadline_and_child(
    env: Env, new_case: Callable[..., Case]
) -> None:
    case = new_case(date(2026, 12, 21), child=Child(name="Łukasz O'Sullivan"))
    text = text_of(letters.render(env, case.reference, "acknowledgement"))
    assert "Dear Siobhán O'Sullivan" in text
    assert "Children Act 1989" in text
    assert "by 7 January 2027 (10 working days)" in text
    assert "Łukasz O'Sullivan can also have the help of an independent advocate" in text


def test_corporate_acknowledgement_counts_from_today_over_easter(
    env: Env, clock: Clock, new_case: Callable[..., Case]
) -> None:
    clock.day = date(2027, 3, 23)
    case = new_case(date(2027, 3, 22), procedure="corporate", relationship="other")
    text = text_of(letters.render(env, case.reference, "acknowledgement"))
    # Corporate stage 1: 10 working days from the acknowledgement (this letter, 23 March);
    # Good Friday 26 March and Easter Monday 29 March 2027 do not count.
    assert "by 8 April 2027 (10 working days)" in text
    assert "under the corporate complaints procedure" in text
    assert "Children Act" not in text  # not in the body, nor in the footer
    assert "advocate" not in text


def test_extension_gives_reason_new_date_and_ombudsman(
    env: Env, clock: Clock, new_case: Callable[..., Case]
) -> None:
    case = new_case(date(2026, 12, 1))
    case = cases.extend(
        env,
        case,
        date(2026, 12, 10),
        "IO off sick; waiting on advocate.",
        "we are waiting for an advocate.",
    )
    text = text_of(letters.render(env, case.reference, "extension"))
    assert "properly. We are waiting for an advocate." in text
    assert "IO off sick" not in text  # the case note is not printed
    # 20 working days from 1 December 2026: 25 and 28 December do not count.
    assert "by 31 December 2026" in text
    assert "up to 20 working days" in text
    assert OMBUDSMAN_PHONE in text
    assert "Local Government and Social Care Ombudsman" in text


def test_stage1_response_gives_time_limit_to_escalate(
    env: Env, clock: Clock, new_case: Callable[..., Case]
) -> None:
    case = new_case(date(2026, 12, 1))
    case = cases.respond(env, case, date(2026, 12, 8), "partially upheld")
    text = text_of(letters.render(env, case.reference, "stage1-response"))
    assert "partially upheld" in text
    # 20 working days from 8 December 2026 (25, 28 December and 1 January do not count).
    assert "by 8 January 2027 (20 working days" in text
    assert "stage 2, an independent investigation" in text


def test_stage1_cover_printed_before_the_response_counts_from_today(
    env: Env, clock: Clock, new_case: Callable[..., Case]
) -> None:
    case = new_case(date(2026, 12, 1))
    clock.day = date(2026, 12, 8)
    text = text_of(letters.render(env, case.reference, "stage1-response"))
    assert "by 8 January 2027 (20 working days" in text


def _at_stage2(env: Env, clock: Clock, new_case: Callable[..., Case], **kw: object) -> Case:
    clock.day = date(2027, 3, 31)
    case = new_case(date(2027, 1, 4), **kw)
    case = cases.respond(env, case, date(2027, 1, 15), "not upheld")
    return cases.escalate(env, case, date(2027, 2, 1))


def test_stage2_letters(env: Env, clock: Clock, new_case: Callable[..., Case]) -> None:
    case = _at_stage2(env, clock, new_case, child=Child(name="Łukasz O'Sullivan"))
    assert "stage2-acknowledgement" in letters.templates_for(case)
    with pytest.raises(letters.SendAnyway, match="8 March 2027, which has already passed"):
        letters.render(env, case.reference, "stage2-acknowledgement")
    clock.day = date(2027, 2, 2)
    text = text_of(letters.render(env, case.reference, "stage2-acknowledgement"))
    clock.day = date(2027, 3, 31)
    assert "We received your request on 1 February 2027" in text
    # 25 working days from 1 February 2027.
    assert "by 8 March 2027 (25 working days)" in text
    with pytest.raises(ValidationFailed, match="investigating officer"):
        letters.render(env, case.reference, "stage2-commission")
    case = cases.agree_statement(env, case, date(2027, 3, 1))
    case = cases.commission(env, case, "Ama Mensah", "Dr Rhys Llewellyn", 150000, 90000)
    with pytest.raises(ValidationFailed) as caught:
        letters.render(env, case.reference, "stage2-commission")
    assert caught.value.problems == [
        "Record the investigating officer's postal address on stage 2 (Commission investigation).",
        "Record the elements of the complaint (the statement of complaint): the letter "
        "attaches them.",
        "Record the independent person's postal address on stage 2 (Commission investigation).",
    ]
    case.elements = [Element("Social worker did not return calls."), Element("Plan not shared.")]
    case = cases.edit(env, case)
    case = cases.commission(
        env,
        case,
        "Ama Mensah",
        "Dr Rhys Llewellyn",
        150000,
        90000,
        "12 Oak Road\nLeeds LS1 2AB",
        "3 Elm Street; York YO1 7AA",
    )
    pages = pages_of(letters.render(env, case.reference, "stage2-commission"))
    starts = [i for i, page in enumerate(pages) if "Private and confidential" in page]
    assert len(starts) == 2  # one letter each, each followed by its copy of the statement
    officer = " ".join(pages[starts[0] : starts[1] - 1])
    statement = pages[starts[1] - 1]
    independent = " ".join(pages[starts[1] : -1])
    statement2 = pages[-1]
    assert "Ama Mensah 12 Oak Road Leeds LS1 2AB" in officer
    assert "Dear Ama Mensah" in officer
    assert "Dr Rhys Llewellyn" in officer
    assert "£1,500.00" in officer
    assert "£900.00" not in officer
    assert "investigating officer" in officer
    assert "Dear Dr Rhys Llewellyn" in independent
    assert "3 Elm Street York YO1 7AA" in independent
    assert "£900.00" in independent
    assert "£1,500.00" not in independent
    assert "Statement of complaint agreed: 1 March 2027" in officer
    # 25 working days from 1 March 2027, over Easter (26 and 29 March 2027 do not count).
    assert "Adjudication due: 7 April 2027" in officer
    for page in (statement, statement2):
        assert "1. Social worker did not return calls." in page
        assert "2. Plan not shared." in page


def test_outcome_at_stage2_offers_panel_and_ombudsman(
    env: Env, clock: Clock, new_case: Callable[..., Case]
) -> None:
    case = _at_stage2(env, clock, new_case)
    case = cases.respond(env, case, date(2027, 3, 19), "upheld")
    text = text_of(letters.render(env, case.reference, "outcome"))
    assert "adjudication" in text
    assert "upheld" in text
    # 20 working days from 19 March 2027, skipping Good Friday and Easter Monday.
    assert "by 20 April 2027 (20 working days" in text
    assert "stage 3, a review panel" in text
    assert OMBUDSMAN_PHONE in text


def test_corporate_final_outcome_carries_ombudsman(
    env: Env, clock: Clock, new_case: Callable[..., Case]
) -> None:
    case = _at_stage2(env, clock, new_case, procedure="corporate", relationship="other")
    case = cases.respond(env, case, date(2027, 3, 1), "not upheld")
    text = text_of(letters.render(env, case.reference, "outcome"))
    assert "final response" in text
    assert OMBUDSMAN_PHONE in text
    assert "review panel" not in text


def test_panel_invitation(env: Env, clock: Clock, new_case: Callable[..., Case]) -> None:
    case = _at_stage2(env, clock, new_case)
    case = cases.respond(env, case, date(2027, 3, 1), "not upheld")
    case = cases.escalate(env, case, date(2027, 3, 8))
    members = ["Ann Lee", "Bola Ade", "Carys Jones"]
    case = cases.arrange_panel(env, case, members, date(2027, 4, 12), 60000)
    with pytest.raises(ValidationFailed, match="record the time and the venue"):
        letters.render(env, case.reference, "panel-invitation")
    case = cases.arrange_panel(
        env, case, members, date(2027, 4, 12), 60000, "10.30am", "Room 2, Civic Centre"
    )
    made = letters.prepare(env, case.reference, "panel-invitation")
    assert made.warnings == []
    text = text_of(made.pdf)
    assert "Date: 12 April 2027" in text
    assert "Time: 10.30am" in text
    assert "Where: Room 2, Civic Centre" in text
    late = cases.arrange_panel(
        env, case, members, date(2027, 5, 24), 60000, "10.30am", "https://meet.example/p3"
    )
    made = letters.prepare(env, late.reference, "panel-invitation")
    assert len(made.warnings) == 1
    assert made.warnings[0].startswith("The panel meets on 24 May 2027, after ")
    assert "30 working days" in made.warnings[0]
    assert "Ann Lee, Bola Ade and Carys Jones" in text
    assert "8 March 2027" in text


def test_refusal_and_withdrawal(env: Env, new_case: Callable[..., Case]) -> None:
    refused = new_case(date(2026, 12, 1))
    refused = cases.refuse(
        env, refused, date(2026, 12, 2), "out of time", "You may wish to get legal advice."
    )
    assert letters.templates_for(refused) == ["refusal"]
    text = text_of(letters.render(env, refused.reference, "refusal"))
    assert "more than 12 months after the events" in text
    assert "You may wish to get legal advice." in text
    assert OMBUDSMAN_PHONE in text
    withdrawn = cases.withdraw(env, new_case(date(2026, 12, 1)), date(2026, 12, 3))
    text = text_of(letters.render(env, withdrawn.reference, "withdrawal"))
    assert "withdrawn on 3 December 2026" in text
    assert "stage 1" in text


def test_advocacy_referral(env: Env, new_case: Callable[..., Case]) -> None:
    case = new_case(
        date(2026, 12, 1), advocacy=Advocacy(provider="Coram Voice", referral=date(2026, 12, 2))
    )
    assert "advocacy-referral" in letters.templates_for(case)
    text = text_of(letters.render(env, case.reference, "advocacy-referral"))
    assert "Coram Voice" in text
    assert "2 December 2026" in text


def test_missing_address_refuses_the_letter(env: Env, new_case: Callable[..., Case]) -> None:
    case = new_case(date(2026, 12, 1), complainant=Person(name="Zoë Adams"))
    with pytest.raises(ValidationFailed, match="no postal address") as caught:
        letters.render(env, case.reference, "acknowledgement")
    assert len(caught.value.problems) == 1


def test_email_letter_needs_no_postal_address(env: Env, new_case: Callable[..., Case]) -> None:
    person = Person(name="Zoë Adams", email="zoe@example.org", preferred_contact="email")
    case = new_case(date(2026, 12, 21), complainant=person)
    assert "By e-mail: zoe@example.org" in text_of(
        letters.render(env, case.reference, "acknowledgement")
    )


def test_missing_fact_is_named(env: Env, new_case: Callable[..., Case]) -> None:
    case = new_case(date(2026, 12, 1))
    with pytest.raises(ValidationFailed) as caught:
        letters.render(env, case.reference, "extension")
    assert any("{extension.reason}" in p for p in caught.value.problems)


def test_no_council_name_refuses_letters(db_url: str, clock: Clock) -> None:
    env = open_database(db_url, user="tester", today=clock)
    case = cases.create(
        env, Case(procedure="statutory", received=date(2026, 12, 1), complainant=Person("A B"))
    )
    with pytest.raises(ValidationFailed, match="Set the council's details in Settings"):
        letters.render(env, case.reference, "acknowledgement")
    env.engine.dispose()


def test_large_print_is_larger(env: Env, new_case: Callable[..., Case]) -> None:
    plain = new_case(date(2026, 12, 21))
    large = new_case(
        date(2026, 12, 21),
        complainant=Person(
            name="Siobhán O'Sullivan", address=ADDRESS, preferred_format="large print"
        ),
    )
    small_pdf = letters.render(env, plain.reference, "acknowledgement")
    big_pdf = letters.render(env, large.reference, "acknowledgement")
    assert b"/Count 1" in small_pdf
    assert b"/Count 2" in big_pdf  # the same words at 16 pt need a second page


def test_write_letter_writes_pdf_and_logs_it(
    env: Env, tmp_path: Path, new_case: Callable[..., Case]
) -> None:
    case = new_case(date(2026, 12, 21))
    (tmp_path / "out").mkdir()
    out = tmp_path / "out" / "ack.pdf"
    letters.write_letter(env, case.reference, "acknowledgement", out)
    assert "7 January 2027" in text_of(out.read_bytes())
    again = cases.get(env, case.reference)
    assert [(x.template, x.sent_on, x.by) for x in again.letters] == [
        ("acknowledgement", date(2026, 12, 22), "tester")
    ]
    with env.uow() as session:
        assert any(e.action == "letter" for e in audit.entries_for(session, case.reference))
    assert list(out.parent.iterdir()) == [out]  # no temporary file left behind


def test_refused_letter_writes_and_logs_nothing(
    env: Env, tmp_path: Path, new_case: Callable[..., Case]
) -> None:
    case = new_case(date(2026, 12, 1), complainant=Person(name="No Address"))
    (tmp_path / "out").mkdir()
    with pytest.raises(ValidationFailed):
        letters.write_letter(env, case.reference, "acknowledgement", tmp_path / "out" / "x.pdf")
    assert list((tmp_path / "out").iterdir()) == []
    assert cases.get(env, case.reference).letters == []


def test_log_letter_can_record_the_acknowledgement(env: Env, new_case: Callable[..., Case]) -> None:
    first = new_case(date(2026, 12, 18))
    second = new_case(date(2026, 12, 21))
    assert letters.acknowledgements_due(env, date(2026, 12, 22)) == [first.reference]
    assert letters.acknowledgements_due(env, date(2026, 12, 23)) == [
        first.reference,
        second.reference,
    ]
    letters.log_letter(env, first.reference, "acknowledgement", record_acknowledgement=True)
    stored = cases.get(env, first.reference)
    assert stored.stages[0].acknowledged == date(2026, 12, 22)
    assert [x.template for x in stored.letters] == ["acknowledgement"]
    assert letters.acknowledgements_due(env, date(2026, 12, 23)) == [second.reference]


def test_a_stage_2_request_is_listed_for_its_acknowledgement(
    env: Env, new_case: Callable[..., Case]
) -> None:
    case = new_case(date(2026, 11, 2))
    case = cases.acknowledge(env, case, date(2026, 11, 3))
    case = cases.respond(env, case, date(2026, 12, 1), "not upheld")
    assert letters.acknowledgements_due(env, date(2026, 12, 18)) == []
    case = cases.escalate(env, case, date(2026, 12, 18))
    # Stage 1 was acknowledged long ago (the case is read whole): the stage in progress
    # is what the batch acknowledges.
    assert letters.acknowledgements_due(env, date(2026, 12, 18)) == [case.reference]
