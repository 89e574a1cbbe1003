"""Storage: the append-only, hash-chained audit trail."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Collection
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from complaints_desktop.storage.tables import AuditEntry


def _digest(
    prev: str,
    at: datetime,
    user: str,
    action: str,
    entity: str,
    entity_id: int | None,
    reference: str,
    changes: str,
) -> str:
    payload = json.dumps(
        [prev, at.isoformat(), user, action, entity, entity_id, reference, changes],
        ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def record(
    session: Session,
    *,
    user: str,
    action: str,
    entity: str,
    entity_id: int | None = None,
    reference: str = "",
    changes: dict[str, Any] | None = None,
) -> None:
    """Append one entry, chained to the previous entry's hash."""
    record_many(
        session,
        user=user,
        action=action,
        entity=entity,
        items=[(entity_id, reference, changes or {})],
    )


def record_many(
    session: Session,
    *,
    user: str,
    action: str,
    entity: str,
    items: list[tuple[int | None, str, dict[str, Any]]],
) -> None:
    """Append one entry per (entity_id, reference, changes), chained, in one go."""
    session.flush()
    prev = session.exec(select(AuditEntry.hash).order_by(col(AuditEntry.id).desc())).first() or ""
    at = datetime.now(UTC).replace(microsecond=0)
    for entity_id, reference, changes in items:
        text = json.dumps(changes, ensure_ascii=False, sort_keys=True, default=str)
        digest = _digest(prev, at, user, action, entity, entity_id, reference, text)
        session.add(
            AuditEntry(
                at=at,
                user=user,
                action=action,
                entity=entity,
                entity_id=entity_id,
                reference=reference,
                changes=text,
                prev_hash=prev,
                hash=digest,
            )
        )
        prev = digest
    session.flush()


def verify(session: Session) -> list[int]:
    """Ids of entries whose hash or chain link does not match (empty when intact)."""
    bad: list[int] = []
    prev = ""
    for e in session.exec(select(AuditEntry).order_by(col(AuditEntry.id))):
        expected = _digest(
            prev, e.at, e.user, e.action, e.entity, e.entity_id, e.reference, e.changes
        )
        if e.prev_hash != prev or e.hash != expected:
            assert e.id is not None
            bad.append(e.id)
        prev = e.hash
    return bad


def head(session: Session) -> tuple[int | None, str]:
    """(id, hash) of the last entry: the chain's head ((None, "") for an empty trail)."""
    session.flush()
    row = session.exec(
        select(AuditEntry.id, AuditEntry.hash).order_by(col(AuditEntry.id).desc())
    ).first()
    return (None, "") if row is None else (row[0], row[1])


def entries_for(session: Session, reference: str) -> list[AuditEntry]:
    """Audit entries of one case, oldest first."""
    return list(
        session.exec(
            select(AuditEntry).where(AuditEntry.reference == reference).order_by(col(AuditEntry.id))
        ).all()
    )


def search(
    session: Session,
    *,
    reference: str = "",
    user: str = "",
    action: str = "",
    start: datetime | None = None,
    end: datetime | None = None,
    limit: int = 500,
) -> list[AuditEntry]:
    """Entries matching every filter given (text filters ignore case), newest first.

    ``reference`` and ``user`` match part of the value; ``action`` the whole action;
    ``start <= at < end``.
    """
    query = select(AuditEntry)
    if reference:
        query = query.where(col(AuditEntry.reference).icontains(reference, autoescape=True))
    if user:
        query = query.where(col(AuditEntry.user).icontains(user, autoescape=True))
    if action:
        query = query.where(func.lower(AuditEntry.action) == action.casefold())
    if start is not None:
        query = query.where(col(AuditEntry.at) >= start)
    if end is not None:
        query = query.where(col(AuditEntry.at) < end)
    query = query.order_by(col(AuditEntry.id).desc()).limit(limit)
    return list(session.exec(query).all())


def actions(session: Session) -> list[str]:
    """Every distinct action in the trail, in alphabetical order."""
    rows = session.exec(select(AuditEntry.action).distinct().order_by(AuditEntry.action)).all()
    return [str(r) for r in rows if r]


def count(session: Session) -> int:
    """How many entries the trail holds."""
    return int(session.exec(select(func.count()).select_from(AuditEntry)).one())


def redact(session: Session, references: Collection[str], replacement: str) -> int:
    """Replace every value in the changes of the entries of ``references``; re-chain.

    Field names stay (so the trail still says *what* changed, *when* and *by whom*); the
    values, which may hold personal data, become ``replacement``. The chain is rebuilt
    from the first entry changed, so ``verify`` still passes. The caller must check the
    trail first: re-chaining a trail that was already tampered with would hide it.

    Returns:
        How many entries were changed.
    """
    if not references:
        return 0
    rows = session.exec(
        select(AuditEntry)
        .where(col(AuditEntry.reference).in_(list(references)))
        .order_by(col(AuditEntry.id))
    ).all()
    changed = 0
    first: int | None = None
    for e in rows:
        try:
            data = json.loads(e.changes)
        except ValueError:
            data = {"changes": e.changes}
        if not isinstance(data, dict):
            data = {"changes": data}
        text = json.dumps(dict.fromkeys(data, replacement), ensure_ascii=False, sort_keys=True)
        if text != e.changes:
            e.changes = text
            session.add(e)
            changed += 1
            first = e.id if first is None else first
    if first is not None:
        session.flush()
        _rechain(session, first)
    return changed


def _rechain(session: Session, first_id: int) -> None:
    before = session.exec(
        select(AuditEntry.hash)
        .where(col(AuditEntry.id) < first_id)
        .order_by(col(AuditEntry.id).desc())
    ).first()
    prev = before or ""
    for e in session.exec(
        select(AuditEntry).where(col(AuditEntry.id) >= first_id).order_by(col(AuditEntry.id))
    ):
        e.prev_hash = prev
        e.hash = _digest(
            prev, e.at, e.user, e.action, e.entity, e.entity_id, e.reference, e.changes
        )
        session.add(e)
        prev = e.hash
    session.flush()
