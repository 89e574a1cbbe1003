"""Storage: the append-only, hash-chained audit trail."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import Any

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
    prev = session.exec(select(AuditEntry.hash).order_by(col(AuditEntry.id).desc())).first() or ""
    at = datetime.now(UTC).replace(microsecond=0)
    text = json.dumps(changes or {}, ensure_ascii=False, sort_keys=True, default=str)
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
            hash=_digest(prev, at, user, action, entity, entity_id, reference, text),
        )
    )


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


def entries_for(session: Session, reference: str) -> list[AuditEntry]:
    """Audit entries of one case, oldest first."""
    return list(
        session.exec(
            select(AuditEntry).where(AuditEntry.reference == reference).order_by(col(AuditEntry.id))
        ).all()
    )
