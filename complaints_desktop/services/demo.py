"""Services: fill a database with realistic synthetic demo data (``complaints-desktop demo``).

The cases and contacts come from ``domain.demo_data`` (deterministic for a seed, built by
legal workflow moves); this module adds the teams and lists they use, the council's
letterhead details when none are set, and saves everything in batches.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from itertools import islice
from typing import Any, TypeVar

from sqlalchemy import Table, insert, select
from sqlmodel import Session

from complaints_desktop.domain.deadlines import next_deadline
from complaints_desktop.domain.demo_data import World, iter_cases, iter_contacts
from complaints_desktop.domain.demo_pools import TEAMS
from complaints_desktop.domain.model import Case, Contact
from complaints_desktop.domain.rules import closed_on, derive_status
from complaints_desktop.domain.vocab import (
    DEFAULT_ADVOCACY_PROVIDERS,
    DEFAULT_REMEDIES,
    DEFAULT_TYPES,
)
from complaints_desktop.services import cases as case_service
from complaints_desktop.services import contacts as contact_service
from complaints_desktop.services import settings as settings_service
from complaints_desktop.services.env import Env
from complaints_desktop.storage import audit, bulk, vocabularies
from complaints_desktop.storage import tables as t

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
        "Borough of Northbridge Council uses the information you give us to deal with your "
        "complaint, as the Children Act 1989 and the Data Protection Act 2018 allow. We keep "
        "it for six years after the complaint closes. See "
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


def _prepare(env: Env) -> tuple[dict[str, int], dict[str, int]]:
    """Add the demo's lists; return the last reference numbers of cases and contacts."""
    with env.uow() as session:
        vocabularies.ensure(session, "team", TEAMS)
        vocabularies.ensure(session, "service_area", [area for area, _ in TEAMS.values()])
        vocabularies.ensure(session, "type", DEFAULT_TYPES)
        vocabularies.ensure(session, "remedy", DEFAULT_REMEDIES)
        vocabularies.ensure(session, "advocacy_provider", DEFAULT_ADVOCACY_PROVIDERS)
        cases = _last_numbers(session.execute(select(_table(t.Complaint).c.reference)).scalars())
        contacts = _last_numbers(bulk.contact_references(session))
    if not settings_service.council(env).name:
        settings_service.save_council(env, COUNCIL)
    return cases, contacts


def _table(model: type) -> Table:
    table: Table = model.__table__  # type: ignore[attr-defined]
    return table


def _insert_ids(session: Session, model: type, rows: list[dict[str, Any]]) -> list[int]:
    if not rows:
        return []
    statement = insert(_table(model)).returning(_table(model).c.id, sort_by_parameter_order=True)
    return [int(r[0]) for r in session.execute(statement, rows)]


def _insert_details(session: Session, cases: list[Case]) -> None:
    """Elements with findings, Ombudsman remedies and learning actions (not in the case log)."""
    elements = [(c, i, e) for c in cases for i, e in enumerate(c.elements)]
    element_rows = [{"complaint_id": c.id, "position": i, "text": e.text} for c, i, e in elements]
    for (_, _, element), eid in zip(
        elements, _insert_ids(session, t.Element, element_rows), strict=True
    ):
        element.id = eid
    findings = [
        {"element_id": e.id, "stage": f.stage, "outcome": f.outcome, "text": f.text}
        for _, _, e in elements
        for f in e.findings
    ]
    if findings:
        session.execute(insert(_table(t.Finding)), findings)
    referred = {c.id: c for c in cases if c.ombudsman is not None and c.ombudsman.recommendations}
    recommendations: list[dict[str, Any]] = []
    if referred:
        omb_table = _table(t.OmbudsmanCase).c
        found = select(omb_table.id, omb_table.complaint_id).where(
            omb_table.complaint_id.in_(list(referred))
        )
        for oid, cid in session.execute(found):
            omb = referred[cid].ombudsman
            assert omb is not None
            recommendations += [
                {
                    "ombudsman_id": oid,
                    "position": i,
                    "description": r.description,
                    "target": r.target,
                    "achieved": r.achieved,
                    "status": r.status,
                    "amount": r.amount,
                }
                for i, r in enumerate(omb.recommendations)
            ]
    if recommendations:
        session.execute(insert(_table(t.Recommendation)), recommendations)
    actions = [
        {
            "complaint_id": c.id,
            "position": i,
            "source": a.source,
            "action": a.action,
            "owner": a.owner,
            "target": a.target,
            "status": a.status,
            "reason": a.reason,
            "evidence": a.evidence,
        }
        for c in cases
        for i, a in enumerate(c.actions)
    ]
    if actions:
        session.execute(insert(_table(t.LearningAction)), actions)
    now = datetime.now(UTC)
    letters = [
        {"complaint_id": c.id, "template": x.template, "sent_on": x.sent_on, "by_user": x.by}
        for c in cases
        for x in c.letters
    ]
    if letters:
        session.execute(insert(_table(t.Letter)), [{**x, "created_at": now} for x in letters])


def store_cases(env: Env, cases: list[Case]) -> int:
    """Save new cases in one transaction with one audit entry; returns how many.

    Does what ``services.cases.store_many`` does (status, next deadline, closure date)
    with bulk inserts: about 0.5 ms a case where per-case saves take 10-20 ms.
    """
    settings, cal, today = env.settings(), env.calendar(), env.today()
    derived: list[bulk.Derived] = []
    for case in cases:
        case.status = derive_status(case, settings)
        upcoming = next_deadline(case, settings, cal, today)
        derived.append(
            bulk.Derived(
                next_due=upcoming.due if upcoming else None,
                next_due_what=upcoming.what if upcoming else "",
                closed_on=closed_on(case) if case.status not in ("open", "responded") else None,
            )
        )
    with env.uow() as session:
        bulk.insert_cases(session, cases, derived)
        _insert_details(session, cases)
        audit.record(
            session,
            user=env.user,
            action="bulk create",
            entity="complaint",
            changes={"count": len(cases), "source": "demo data"},
        )
    return len(cases)


def store_contacts(env: Env, contacts: list[Contact]) -> int:
    """Save new contacts in one transaction with one audit entry; returns how many."""
    now = datetime.now(UTC)
    with env.uow() as session:
        bulk.insert_contacts(session, contacts)
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
    return len(contacts)


def fill(env: Env, cases: int, *, seed: int = 2026, years: float = 5.0) -> int:
    """Add ``cases`` demo complaints (and about 0.6 contacts per complaint).

    Dates spread over the last ``years`` years up to ``env.today()``; the same seed on
    the same day gives the same data. References continue after any already in use.
    Returns the number of complaints added.
    """
    world = World(today=env.today(), settings=env.settings(), cal=env.calendar())
    case_numbers, contact_numbers = _prepare(env)
    stream = iter_cases(
        world,
        cases,
        seed=seed,
        years=years,
        prefixes=case_service.REFERENCE_PREFIX,
        last_numbers=case_numbers,
    )
    added = 0
    for batch in _batches(stream, BATCH):
        added += store_cases(env, batch)
    contacts = iter_contacts(
        world,
        max(1, round(cases * CONTACTS_PER_CASE)),
        seed=seed,
        years=years,
        prefix=contact_service.PREFIX,
        last_numbers=contact_numbers,
    )
    for chunk in _batches(contacts, BATCH * 5):
        store_contacts(env, chunk)
    return added
