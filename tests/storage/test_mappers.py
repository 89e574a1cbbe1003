"""Storage: every field of a case, a contact and their parts comes back as it was saved,
through the single save and through the bulk path, and a partial read is never a Case."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from complaints_desktop.domain.calendar import Suspension
from complaints_desktop.domain.model import (
    Advocacy,
    Case,
    Child,
    Contact,
    Element,
    Finding,
    LearningAction,
    LetterSent,
    Note,
    Ombudsman,
    Person,
    Recommendation,
    Stage,
)
from complaints_desktop.domain.views import CaseDates
from complaints_desktop.storage import bulk, case_reads, cases, contacts, letter_queries, queries
from complaints_desktop.storage.engine import make_engine, unit_of_work
from complaints_desktop.storage.migrate import migrate

EQUALITY = {
    "age_band": "36-50",
    "gender": "female",
    "ethnicity": "white british",
    "disability": "no",
    "sexual_orientation": "prefer not to say",
}


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    eng = make_engine(db_url)
    migrate(eng)
    yield eng
    eng.dispose()


def _stage(number: int, day: int) -> Stage:
    on = date(2025, 3 + number, day)
    return Stage(
        number,
        requested=on,
        start=on,
        acknowledged=on,
        extended=True,
        extension_agreed=on,
        extension_reason=f"complex {number}",
        suspensions=[Suspension(on, date(2025, 3 + number, day + 2), "advocate")],
        handler=f"Handler {number}",
        investigating_officer=f"Officer {number}",
        independent_person=f"Independent {number}",
        io_fee=150000 + number,
        ip_fee=50000 + number,
        cost=200000 + number,
        panel_members="A, B and C",
        panel_date=on,
        panel_report=on,
        response=on,
        outcome="partially upheld",
        extension_letter_reason=f"we need more time {number}",
        io_address=f"{number} Officer Road",
        ip_address=f"{number} Independent Lane",
        panel_time="10:30",
        panel_venue="Room 4, Civic Centre",
    )


def _every_field() -> Case:
    """A case with every field of it and of its parts different from the default."""
    return Case(
        procedure="statutory",
        received=date(2025, 3, 3),
        reference="CSC/25/0042",
        channel="email",
        relationship="parent",
        service_area="Children's social care",
        teams=["Fostering", "Children in Care"],
        types=["Attitude or behaviour of staff", "Other"],
        summary="Social worker did not return calls",
        complainant=Person(
            name="Siobhán Ní Bhriain",
            address="1 High St\nNorthbridge",
            email="s@example.org",
            phone="01234 567890",
            preferred_contact="email",
            preferred_format="large print",
            language="Irish",
            title="Ms",
        ),
        child=Child(name="Zoë", dob=date(2015, 5, 6), system_id="C12345"),
        on_behalf_consent="written consent on file",
        eligibility_note="eligible",
        late_accepted_reason="illness",
        learned_of=date(2025, 1, 2),
        legal_status="looked after",
        child_views="wants to stay",
        adjustments="large print letters",
        adjustments_review=date(2025, 6, 1),
        advocacy=Advocacy(
            used=True,
            offered=date(2025, 3, 4),
            decision="accepted",
            provider="NYAS",
            referral=date(2025, 3, 5),
            advocate_name="Alex Advocate",
        ),
        equality=dict(EQUALITY),
        resolved_early=date(2025, 3, 6),
        refused=date(2025, 3, 7),
        refusal_reason="other: moved away",
        signposting="Citizens Advice",
        withdrawn=date(2025, 3, 8),
        withdrawn_stage=2,
        restricted=True,
        legal_hold=True,
        anonymised=True,
        stages=[_stage(1, 3), _stage(2, 9)],
        elements=[
            Element(
                "calls",
                [Finding(1, "upheld", "yes"), Finding(2, "not upheld", "no")],
                theme="Attitude or behaviour of staff",
            ),
            Element("plan", [Finding(1, "partially upheld", "in part")], theme="Other"),
        ],
        remedies=["apology"],
        ombudsman=Ombudsman(
            reference="25 000 001",
            received=date(2025, 5, 1),
            decided=date(2025, 5, 20),
            outcome="upheld",
            payment=30000,
            recommendations=[
                Recommendation(
                    "pay",
                    target=date(2025, 6, 1),
                    achieved=date(2025, 6, 2),
                    status="achieved",
                    amount=25000,
                    remedy_type="apology",
                )
            ],
        ),
        actions=[
            LearningAction(
                "Train staff",
                source="stage 2",
                owner="Head of service",
                target=date(2025, 9, 1),
                status="implemented",
                reason="done in September",
                evidence="training register",
                completed=date(2025, 9, 2),
            )
        ],
        letters=[
            LetterSent("acknowledgement", date(2025, 3, 4), "officer.one", how="printed", kept=True)
        ],
        notes=[
            Note("Rang the complainant", datetime(2025, 3, 4, 10, 30, tzinfo=UTC), "officer.one")
        ],
        status="closed",
    )


def _defaults_left(item: object, path: str = "case") -> list[str]:
    """Fields of ``item`` (and of the dataclasses it holds) still at their default."""
    out: list[str] = []
    for f in dataclasses.fields(item):  # type: ignore[arg-type]
        value = getattr(item, f.name)
        if f.name in ("id", "version"):
            continue
        default = f.default_factory() if f.default_factory is not dataclasses.MISSING else f.default
        if value == default:
            out.append(f"{path}.{f.name}")
        for part in value if isinstance(value, list) else [value]:
            if dataclasses.is_dataclass(part) and not isinstance(part, type):
                out += _defaults_left(part, f"{path}.{f.name}")
    return out


def test_the_example_sets_every_field_so_a_new_one_must_be_added_here() -> None:
    assert _defaults_left(_every_field()) == []


def _without_ids(case: Case) -> Case:
    """``case`` without the ids the bulk path does not hand back (recommendations,
    actions, letters, notes), its letters without a PDF kept (it writes none)."""
    assert case.ombudsman is not None
    return dataclasses.replace(
        case,
        ombudsman=dataclasses.replace(
            case.ombudsman,
            recommendations=[
                dataclasses.replace(r, id=None) for r in case.ombudsman.recommendations
            ],
        ),
        actions=[dataclasses.replace(a, id=None) for a in case.actions],
        letters=[dataclasses.replace(x, id=None, kept=False) for x in case.letters],
        notes=[dataclasses.replace(n, id=None) for n in case.notes],
    )


def test_every_field_round_trips_through_save_and_load(engine: Engine) -> None:
    case = _every_field()
    with unit_of_work(engine) as s:
        case_id = cases.save(s, case)
        for x in case.letters:
            cases.add_letter(s, case_id, x.template, x.sent_on, x.by, x.how, b"%PDF")
        for n in case.notes:
            cases.add_note(s, case_id, n.text, n.by)
    with unit_of_work(engine) as s:
        loaded = cases.load(s, case_id)
    assert loaded.letters[0].kept is True
    assert [n.text for n in loaded.notes] == [n.text for n in case.notes]
    assert loaded.id is not None
    assert loaded.letters[0].id is not None
    assert dataclasses.replace(loaded, letters=case.letters, notes=case.notes) == case


def test_every_field_round_trips_through_the_bulk_path(engine: Engine) -> None:
    case = _every_field()
    with unit_of_work(engine, write=True) as s:
        bulk.insert_cases(s, [case], [bulk.Derived()])
        bulk.insert_case_details(s, [case])
    assert case.id is not None
    with unit_of_work(engine) as s:
        (read,) = case_reads.read_cases(s, [case.id])
        exported = list(case_reads.iter_cases(s))
    for found in (read, exported[0]):
        assert None not in [x.id for x in (*found.letters, *found.notes, *found.actions)]
        assert _without_ids(found) == _without_ids(case)


def test_a_missing_case_is_not_found_and_unknown_ids_are_left_out(engine: Engine) -> None:
    with unit_of_work(engine) as s, pytest.raises(Exception, match="no complaint with id 9"):
        cases.load(s, 9)
    with unit_of_work(engine) as s:
        assert case_reads.read_cases(s, [9, 10]) == []


def test_every_contact_field_round_trips(engine: Engine) -> None:
    contact = Contact(
        kind="mp enquiry",
        received=date(2025, 4, 1),
        reference="CON/25/0007",
        teams=["Fostering", "Early Help"],
        channel="letter",
        sender="Office of Jane Smith MP",
        summary="Asks about a placement",
        responded=date(2025, 4, 10),
        name="Jane Smith MP",
        title="Ms",
        address="House of Commons\nLondon",
        email="jane.smith@example.org",
        quote_consent=True,
        themes=["professionalism", "communication"],
    )
    assert _defaults_left(contact, "contact") == []
    with unit_of_work(engine, write=True) as s:
        contacts.save_contact(s, contact)
    with unit_of_work(engine) as s:
        found = contacts.find_contact(s, "CON/25/0007")
        listed = contacts.read_contacts(s)
    assert found == contact
    assert listed == [contact]
    # An update that does not say (an import's row: the contacts log has no such column)
    # keeps the mark as stored.
    with unit_of_work(engine, write=True) as s:
        contacts.save_contact(s, dataclasses.replace(contact, quote_consent=None, themes=None))
    with unit_of_work(engine) as s:
        again = contacts.find_contact(s, "CON/25/0007")
    assert again is not None
    assert again.quote_consent is True
    assert again.themes == ["professionalism", "communication"]


def test_the_work_queue_reads_case_dates_not_half_filled_cases(engine: Engine) -> None:
    case = _every_field()
    case.refused = case.withdrawn = None
    case.stages[-1].acknowledged = case.stages[-1].response = None
    with unit_of_work(engine) as s:
        case_id = cases.save(s, case)
    with Session(engine) as s:
        (dates,) = queries.deadline_cases(s, [case_id])
        (waiting,) = letter_queries.unacknowledged(s, date(2025, 12, 31))
        whole = cases.load(s, case_id)
    assert waiting == dates
    assert isinstance(dates, CaseDates)
    assert not isinstance(dates, Case)
    assert (dates.reference, dates.complainant, dates.team) == (
        "CSC/25/0042",
        "Siobhán Ní Bhriain",
        "Fostering",
    )
    # What it carries, it carries whole: every stage, suspension and recommendation.
    assert dates.stages == whole.stages
    assert dates.ombudsman == whole.ombudsman
