"""Services: fill a database with realistic synthetic demo data (``complaints-desktop demo``).

The cases and contacts come from ``demo.data`` (deterministic for a seed, built by
legal workflow moves); this module adds the teams and lists they use, the council's
letterhead details when none are set, and saves everything in batches.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from itertools import islice
from typing import TypeVar

from sqlalchemy import Table, insert, select
from sqlmodel import Session

from complaints_desktop.demo.data import World, iter_cases, iter_contacts
from complaints_desktop.demo.pools import COMPLIMENT_THEMES, TEAMS
from complaints_desktop.domain.model import Contact
from complaints_desktop.domain.vocab import (
    CONTACT_PREFIX,
    DEFAULT_ADVOCACY_PROVIDERS,
    DEFAULT_REMEDIES,
    DEFAULT_TYPES,
    REFERENCE_PREFIXES,
)
from complaints_desktop.services import access, many_cases
from complaints_desktop.services import settings as settings_service
from complaints_desktop.services.env import Env
from complaints_desktop.storage import audit, vocabularies
from complaints_desktop.storage import contacts as stored_contacts
from complaints_desktop.storage import tables as t
from complaints_desktop.storage.engine import BULK_WAIT, refresh_planner_statistics, serialise

BATCH = 2000
"""Cases saved per transaction (keeps memory flat for 100,000)."""
CONTACTS_PER_CASE = 0.6
CONTACT_LETTERS = {
    "compliment": "compliment-thanks",
    "mp enquiry": "mp-enquiry-response",
    "councillor enquiry": "mp-enquiry-response",
}
"""The letter logged on a contact when it was answered."""

COUNCIL = settings_service.CouncilDetails(
    name="Borough of Northbridge Council",
    address=(
        "Children's Services Complaints Team\nNorthbridge Civic Centre\n1 Market Square\n"
        "Northbridge\nNB1 1AA"
    ),
    phone="01632 960000",
    email="childrens.complaints@northbridge.example.gov.uk",
    website="www.northbridge.example.gov.uk/complaints",
    signatory="Sam Patel",
    job_title="Complaints Manager",
    data_protection=(
        "Borough of Northbridge Council uses the information you give us to deal with what "
        "you have told us, as data protection law allows. We keep it for six years after "
        "we close your case. See "
        "www.northbridge.example.gov.uk/privacy or ask the Data Protection Officer, "
        "dpo@northbridge.example.gov.uk."
    ),
)
"""Letterhead of the fictional council the demo data belongs to (settings key ``council``)."""

T = TypeVar("T")


def _batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def _last_numbers(references: Iterable[str]) -> dict[str, int]:
    """Reference stem (``CSC/24/``) -> the highest number used under it."""
    out: dict[str, int] = {}
    for reference in references:
        stem, _, number = reference.rpartition("/")
        if stem and number.isdigit():
            key = f"{stem}/"
            out[key] = max(out.get(key, 0), int(number))
    return out


def _prepare(session: Session) -> tuple[dict[str, int], dict[str, int]]:
    """Add the demo's lists; return the last reference numbers of cases and contacts."""
    vocabularies.ensure(session, "team", TEAMS)
    vocabularies.ensure(session, "service_area", [area for area, _ in TEAMS.values()])
    vocabularies.ensure(session, "type", DEFAULT_TYPES)
    vocabularies.ensure(session, "remedy", DEFAULT_REMEDIES)
    vocabularies.ensure(session, "advocacy_provider", DEFAULT_ADVOCACY_PROVIDERS)
    vocabularies.ensure(session, "compliment_theme", COMPLIMENT_THEMES)
    cases = _last_numbers(session.execute(select(_table(t.Complaint).c.reference)).scalars())
    contacts = _last_numbers(stored_contacts.contact_references(session))
    return cases, contacts


def _table(model: type) -> Table:
    table: Table = model.__table__  # type: ignore[attr-defined]
    return table


def _store_contacts(env: Env, session: Session, contacts: list[Contact]) -> None:
    """Save new contacts (and their letters) with one audit entry, in ``session``."""
    now = datetime.now(UTC)
    stored_contacts.insert_contacts(session, contacts)
    letters = [
        {
            "contact_id": x.id,
            "template": CONTACT_LETTERS[x.kind],
            "sent_on": x.responded,
            "by_user": "complaints",
            "created_at": now,
        }
        for x in contacts
        if x.responded is not None and x.kind in CONTACT_LETTERS
    ]
    if letters:
        session.execute(insert(_table(t.Letter)), letters)
    audit.record(
        session,
        user=env.user,
        action="bulk create",
        entity="contact",
        changes={"count": len(contacts)},
    )


def fill(env: Env, cases: int, *, seed: int = 2026, years: float = 5.0) -> int:
    """Add ``cases`` demo complaints (and about 0.6 contacts per complaint).

    Dates spread over the last ``years`` years up to ``env.today()``; the same seed on
    the same day gives the same data. References continue after any already in use.
    Returns the number of complaints added. Refused, writing nothing, to a role that may
    not import.
    """
    access.require(env, "import")
    world = World(today=env.today(), settings=env.settings(), cal=env.calendar())
    added = 0
    # One transaction for all of it: a demo stopped half-way (killed, a full disk) leaves
    # nothing, rather than 2,000 of 5,000 cases.
    with env.uow(write=True, wait=BULK_WAIT) as session:
        serialise(session, "import")
        case_numbers, contact_numbers = _prepare(session)
        stream = iter_cases(
            world,
            cases,
            seed=seed,
            years=years,
            prefixes=REFERENCE_PREFIXES,
            last_numbers=case_numbers,
        )
        for batch in _batches(stream, BATCH):
            many_cases.store_many_in(env, session, batch, source="demo data")
            added += len(batch)
        contacts = iter_contacts(
            world,
            max(1, round(cases * CONTACTS_PER_CASE)),
            seed=seed,
            years=years,
            prefix=CONTACT_PREFIX,
            last_numbers=contact_numbers,
        )
        for chunk in _batches(contacts, BATCH * 5):
            _store_contacts(env, session, chunk)
    if not settings_service.council(env).name:
        settings_service.save_council(env, COUNCIL)
    refresh_planner_statistics(env.engine, added)
    return added
