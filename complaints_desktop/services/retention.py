"""Services: retention review — what is due, legal holds, anonymising and deleting.

A closed case is due for review once its retention period (default six years after the
day it closed) has passed; a contact once the period has passed since it was answered
(or received, if never answered). Cases under legal hold are never listed and never
touched. Anonymising or deleting is one transaction: every reference is done, or none.
Each writes an audit entry naming the reference, the action and who did it — never the
personal data removed — and the values in the case's earlier audit entries are removed
too (their field names, dates and authors stay; the chain is re-sealed and an entry says
so). SQLite then zeroes what it frees and the file is rewritten (VACUUM, empty WAL), so
no earlier version of the data stays in it. Backups taken before keep it until they are
rotated away (the ``backup_keep`` newest are kept).
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass
from datetime import date

from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from complaints_desktop.domain.errors import NotFound, RuleViolation, ValidationFailed
from complaints_desktop.services import access
from complaints_desktop.services.env import Env
from complaints_desktop.storage import audit, retention_rows, settings_store

SETTINGS_KEY = "retention"
KINDS = ("complaints", "contacts")
REMOVED = "[removed]"


@dataclass(frozen=True)
class RetentionItem:
    """A case or contact past its retention period."""

    reference: str
    closed_on: date
    years: int
    kind: str  # "complaint" or "contact"
    legal_hold: bool = False
    detail: str = ""  # the procedure of a case, the kind of a contact
    hold_reason: str = ""  # why the case is under legal hold (from the audit trail)

    @property
    def due_on(self) -> date:
        """The day the retention period ended."""
        return _years_after(self.closed_on, self.years)


def _years_after(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def retention_years(env: Env) -> dict[str, int]:
    """Years to keep each record type: {"complaints": n, "contacts": n}.

    The "retention" setting wins; without it, the procedures' ``retention_years``.
    """
    with env.uow() as session:
        fallback = env.settings(session).retention_years
        stored = settings_store.get(session, SETTINGS_KEY, {}) or {}
    years: dict[str, int] = {}
    for kind in KINDS:
        value = stored.get(kind, fallback) if isinstance(stored, dict) else fallback
        years[kind] = value if isinstance(value, int) and value > 0 else fallback
    return years


def set_retention_years(env: Env, complaints: int, contacts: int) -> None:
    """Store the years to keep closed cases and contacts (each 1 to 100)."""
    access.require(env, "settings")
    if not all(1 <= n <= 100 for n in (complaints, contacts)):
        raise ValidationFailed(["Keep records for between 1 and 100 years."])
    with env.uow(write=True) as session:
        old = settings_store.get(session, SETTINGS_KEY, {})
        new = {"complaints": complaints, "contacts": contacts}
        settings_store.put(session, SETTINGS_KEY, new)
        audit.record(
            session,
            user=env.user,
            action="settings",
            entity="settings",
            changes={"retention": [old, new]},
        )


def due_for_review(env: Env, on: date, *, include_held: bool = False) -> list[RetentionItem]:
    """Closed cases, then contacts, whose retention period ended on or before ``on``.

    Cases under legal hold are left out unless ``include_held`` (so they can be released);
    cases already anonymised are never listed.
    """
    years = retention_years(env)
    case_cutoff = _years_before(on, years["complaints"])
    contact_cutoff = _years_before(on, years["contacts"])
    with env.uow() as session:
        cases = retention_rows.complaints_closed_by(session, case_cutoff, include_held=include_held)
        contacts = retention_rows.contacts_before(session, contact_cutoff)
        reasons = {ref: _hold_reason(session, ref) for _i, ref, _p, _c, held in cases if held}
    items = [
        RetentionItem(
            ref, closed, years["complaints"], "complaint", held, procedure, reasons.get(ref, "")
        )
        for _id, ref, procedure, closed, held in cases
    ]
    items += [
        RetentionItem(ref, last, years["contacts"], "contact", False, kind)
        for _id, ref, kind, last in contacts
    ]
    return items


def _hold_reason(session: Session, reference: str) -> str:
    for entry in audit.search(session, reference=reference, action="legal hold", limit=5):
        if entry.reference == reference:
            try:
                return str(json.loads(entry.changes).get("reason", ""))
            except (ValueError, AttributeError):
                return ""
    return ""


def set_legal_hold(env: Env, reference: str, hold: bool, reason: str) -> None:
    """Put a case under legal hold (it is then never listed or removed), or release it.

    The reason (required) goes into the audit trail.
    """
    access.require(env, "retention")
    reason = " ".join(reason.split())
    if not reason:
        raise ValidationFailed(["Give a reason for putting on or lifting the legal hold."])
    with env.uow(write=True) as session:
        found = retention_rows.complaint_ids(session, [reference])
        if reference not in found:
            raise NotFound(f"There is no complaint with reference {reference!r}.")
        case_id, _ = found[reference]
        before = retention_rows.set_hold(session, case_id, hold)
        audit.record(
            session,
            user=env.user,
            action="legal hold" if hold else "legal hold lifted",
            entity="complaint",
            entity_id=case_id,
            reference=reference,
            changes={"legal_hold": [before, hold], "reason": reason},
        )


def _check_trail(session: Session) -> None:
    if audit.verify(session):
        raise RuleViolation(
            "The audit trail fails its check, so nothing was removed. Open the audit trail "
            "screen to see which entries fail, and ask your administrator."
        )


def _cases(session: Session, references: list[str]) -> dict[str, int]:
    refs = list(dict.fromkeys(references))
    found = retention_rows.complaint_ids(session, refs)
    missing = [r for r in refs if r not in found]
    if missing:
        raise NotFound(f"There is no complaint with reference {', '.join(missing)}.")
    held = [r for r in refs if found[r][1]]
    if held:
        raise RuleViolation(
            f"{', '.join(held)} {'is' if len(held) == 1 else 'are'} under legal hold and "
            "cannot be anonymised or deleted. Nothing was changed."
        )
    return {r: found[r][0] for r in refs}


def _redact(env: Env, session: Session, references: list[str], why: str) -> None:
    """Remove the values from the references' audit entries, and say so in the trail.

    Removing values changes those entries, so the chain is re-sealed from the first one
    (``audit.redact``, on PostgreSQL the server's ``cd_audit_redact``), which also appends
    an entry, never itself redacted, naming the last entry and chain hash as they were
    before: a backup taken earlier still verifies and ends in that hash, which shows the
    earlier trail was intact and that only this retention step re-sealed it.
    """
    audit.redact(session, references, REMOVED, user=env.user, why=f"retention review: {why}")


def _scrub(env: Env) -> None:
    """Leave no earlier version of the removed data in the database file (SQLite).

    Best effort once the change is committed: if another program keeps the file busy,
    the leftovers go at the next anonymise or delete.
    """
    with contextlib.suppress(SQLAlchemyError):
        retention_rows.scrub_file(env.engine)


def anonymise(env: Env, references: list[str]) -> int:
    """Anonymise the cases ``references`` for good; returns how many.

    All or nothing: an unknown reference or a case under legal hold changes nothing.
    """
    access.require(env, "retention")
    if not references:
        return 0
    with env.uow(write=True) as session:
        _check_trail(session)
        ids = _cases(session, references)
        retention_rows.zero_freed_space(session)
        retention_rows.anonymise_complaints(session, list(ids.values()))
        _redact(env, session, list(ids), "anonymise")
        audit.record_many(
            session,
            user=env.user,
            action="anonymise",
            entity="complaint",
            items=[(i, r, {"anonymised": [False, True]}) for r, i in ids.items()],
        )
    _scrub(env)
    return len(ids)


def delete(env: Env, references: list[str]) -> int:
    """Delete the cases or contacts ``references`` and every row of theirs; returns how many.

    All or nothing: an unknown reference or a case under legal hold changes nothing.
    """
    access.require(env, "retention")
    if not references:
        return 0
    refs = list(dict.fromkeys(references))
    with env.uow(write=True) as session:
        _check_trail(session)
        contacts = retention_rows.contact_ids(session, refs)
        case_refs = [r for r in refs if r not in contacts]
        cases = _cases(session, case_refs) if case_refs else {}
        retention_rows.zero_freed_space(session)
        retention_rows.delete_complaints(session, list(cases.values()))
        retention_rows.delete_contacts(session, list(contacts.values()))
        _redact(env, session, refs, "delete")
        why = {"reason": "retention review"}
        for entity, done in (("complaint", cases), ("contact", contacts)):
            audit.record_many(
                session,
                user=env.user,
                action="delete",
                entity=entity,
                items=[(i, r, why) for r, i in done.items()],
            )
    _scrub(env)
    return len(cases) + len(contacts)
