"""Services: compliments, MP and councillor enquiries, queries and duty contacts.

Each public function is one use case and one transaction with one audit entry. An
enquiry (MP or councillor) is due ``settings.enquiry_response`` working days after it
was received.
"""

from __future__ import annotations

import copy
import dataclasses
import re
from datetime import date
from typing import Any

from sqlmodel import Session

from complaints_desktop.domain.errors import NotFound, ValidationFailed
from complaints_desktop.domain.model import Contact
from complaints_desktop.domain.text import long_date
from complaints_desktop.domain.vocab import CHANNELS, CONTACT_KINDS, CONTACT_PREFIX
from complaints_desktop.services import access
from complaints_desktop.services.env import Env
from complaints_desktop.storage import audit, vocabularies
from complaints_desktop.storage import contacts as stored_contacts

EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
ENQUIRIES: frozenset[str] = frozenset({"mp enquiry", "councillor enquiry"})
"""Kinds with a response target (``Settings.enquiry_response`` working days)."""


def due_date(env: Env, contact: Contact) -> date | None:
    """When an enquiry's reply is due (None for kinds without a target)."""
    if contact.kind not in ENQUIRIES:
        return None
    with env.uow() as session:
        settings, cal = env.settings(session), env.calendar(session)
    return cal.add_working_days(contact.received, settings.enquiry_response)


def _clean(contact: Contact) -> Contact:
    tidy = copy.deepcopy(contact)
    tidy.reference = tidy.reference.strip()
    tidy.kind = " ".join(tidy.kind.split()).casefold()
    tidy.channel = " ".join(tidy.channel.split()).casefold()
    tidy.sender = tidy.sender.strip()
    tidy.summary = tidy.summary.strip()
    tidy.name = " ".join(tidy.name.split())
    tidy.title = " ".join(tidy.title.split())
    tidy.address = "\n".join(x.strip() for x in tidy.address.splitlines() if x.strip())
    tidy.email = tidy.email.strip()
    tidy.teams = [" ".join(t.split()) for t in tidy.teams if t.strip()]
    return tidy


def _validate(env: Env, contact: Contact, session: Session) -> None:
    problems: list[str] = []
    today = env.today()
    if contact.kind not in CONTACT_KINDS:
        problems.append(f"Kind must be one of: {', '.join(CONTACT_KINDS)}.")
    if contact.email and not EMAIL.fullmatch(contact.email):
        problems.append(f"The e-mail address {contact.email!r} is not an e-mail address.")
    if contact.channel and contact.channel not in CHANNELS:
        problems.append(f"Channel must be one of: {', '.join(CHANNELS)}.")
    if contact.received > today:
        problems.append(f"The date received ({long_date(contact.received)}) is in the future.")
    if contact.responded is not None:
        if contact.responded > today:
            problems.append(f"The reply date ({long_date(contact.responded)}) is in the future.")
        elif contact.responded < contact.received:
            problems.append(
                f"The reply ({long_date(contact.responded)}) cannot be before the contact was "
                f"received ({long_date(contact.received)})."
            )
    known = vocabularies.spelling_map(session, "team")
    spelled: list[str] = []
    for name in contact.teams:
        if name.casefold() not in known:
            problems.append(
                f"Team {name!r} is not in the list; an administrator can add it in Settings."
            )
        elif known[name.casefold()] not in spelled:
            spelled.append(known[name.casefold()])
    themes = vocabularies.spelling_map(session, "compliment_theme")
    chosen: list[str] = []
    for name in contact.themes or []:
        if name.casefold() not in themes:
            problems.append(
                f"Compliment theme {name!r} is not in the list; an administrator can add it "
                "in Settings."
            )
        elif themes[name.casefold()] not in chosen:
            chosen.append(themes[name.casefold()])
    if problems:
        raise ValidationFailed(problems)
    contact.teams = spelled
    if contact.themes is not None:
        contact.themes = chosen


def create(env: Env, contact: Contact) -> Contact:
    """Log a new contact; a blank reference becomes the next ``CON/YY/NNNN``."""
    new = _clean(contact)
    with env.uow(write=True) as session:
        access.require(env, "contacts", session)
        _validate(env, new, session)
        if not new.reference:
            new.reference = stored_contacts.next_contact_reference(
                session, CONTACT_PREFIX, new.received.year
            )
        elif new.reference in stored_contacts.contact_references(session, [new.reference]):
            raise ValidationFailed([f"Reference {new.reference} is already in use."])
        new.id = None
        stored_contacts.save_contact(session, new)
        audit.record(
            session,
            user=env.user,
            action="create",
            entity="contact",
            entity_id=new.id,
            reference=new.reference,
            changes={"kind": new.kind, "received": new.received},
        )
    return new


def get(env: Env, reference: str) -> Contact:
    """The contact with ``reference`` (NotFound when there is none)."""
    with env.uow() as session:
        return stored_contacts.load_contact(session, reference)


def _changes(before: Contact, after: Contact) -> dict[str, list[Any]]:
    old, new = dataclasses.asdict(before), dataclasses.asdict(after)
    return {k: [old[k], new[k]] for k in old if k not in ("version", "id") and old[k] != new[k]}


def edit(env: Env, contact: Contact) -> Contact:
    """Save changes to a contact (refused if someone else saved it since it was opened)."""
    edited = _clean(contact)
    with env.uow(write=True) as session:
        access.require(env, "contacts", session)
        _validate(env, edited, session)
        if edited.id is None:
            stored = stored_contacts.load_contact(session, edited.reference)
            edited.id, edited.version = stored.id, stored.version
        else:
            found = stored_contacts.read_contacts(session, ids=[edited.id])
            if not found:
                raise NotFound(f"There is no contact {edited.reference}.")
            stored = found[0]
        if edited.reference != stored.reference and edited.reference in (
            stored_contacts.contact_references(session, [edited.reference])
        ):
            raise ValidationFailed([f"Reference {edited.reference} is already in use."])
        stored_contacts.save_contact(session, edited)
        audit.record(
            session,
            user=env.user,
            action="edit",
            entity="contact",
            entity_id=edited.id,
            reference=edited.reference,
            changes=_changes(stored, edited),
        )
    return edited


def record_response(env: Env, contact: Contact, on: date) -> Contact:
    """Record the date the contact was answered (``edit`` checks the right to)."""
    answered = copy.deepcopy(contact)
    answered.responded = on
    return edit(env, answered)


def list_contacts(
    env: Env, kind: str | None = None, text: str | None = None, limit: int | None = 1000
) -> list[Contact]:
    """Contacts, newest first (at most ``limit``), of one ``kind`` and/or matching ``text``.

    ``text`` is looked for in the reference, who it came from, the summary and the teams.
    """
    with env.uow() as session:
        return stored_contacts.read_contacts(
            session, kind=kind, text=text, limit=limit, newest_first=True
        )


def search(env: Env, kind: str = "", text: str = "", limit: int | None = 1000) -> list[Contact]:
    """``list_contacts`` for the window: an empty ``kind`` means every kind."""
    return list_contacts(env, kind=kind or None, text=text or None, limit=limit)
