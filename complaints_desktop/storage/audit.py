"""Storage: the append-only, hash-chained audit trail."""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Collection
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, text
from sqlmodel import Session, col, select

from complaints_desktop.storage import audit_anchor, audit_key
from complaints_desktop.storage.tables import AuditEntry

CHAIN_LOCK = 0x636F6D70  # PostgreSQL advisory lock key: one appender at a time
"""Two people saving at once on a server both read the head; under this lock the second
waits for the first's commit, so the chain never forks."""


def _payload(
    prev: str,
    at: datetime,
    user: str,
    action: str,
    entity: str,
    entity_id: int | None,
    reference: str,
    changes: str,
    state: str,
) -> bytes:
    """The sealed text: each field as ``length:value`` (the same on PostgreSQL's side)."""
    fields = (
        prev,
        (at.astimezone(UTC) if at.tzinfo else at).strftime("%Y-%m-%dT%H:%M:%S"),
        user,
        action,
        entity,
        "" if entity_id is None else str(entity_id),
        reference,
        changes,
        state,
    )
    return "".join(f"{len(f)}:{f}" for f in fields).encode("utf-8")


def _seal(session: Session, payload: bytes) -> str:
    """SHA-256 on a server (the server keeps the trail append-only); on a SQLite file an
    HMAC with the key kept outside the database (``audit_key``)."""
    if _on_server(session):
        return hashlib.sha256(payload).hexdigest()
    return hmac.new(audit_key.chain_key(), payload, hashlib.sha256).hexdigest()


def _expected(session: Session, e: AuditEntry, prev: str) -> str:
    return _seal(
        session,
        _payload(
            prev, e.at, e.user, e.action, e.entity, e.entity_id, e.reference, e.changes, e.state
        ),
    )


def _on_server(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


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


STATE_LIMIT = 200
"""Entries about more complaints than this at once (bulk work) carry no state seal."""


def record_many(
    session: Session,
    *,
    user: str,
    action: str,
    entity: str,
    items: list[tuple[int | None, str, dict[str, Any]]],
) -> None:
    """Append one entry per (entity_id, reference, changes), chained, in one go.

    An entry about one complaint also seals the complaint's recorded facts as they now
    are (``state``), so ``check`` notices a later change made outside the application.
    On PostgreSQL the entries are appended by the server's ``cd_audit_append`` (the only
    way to write the trail there: it takes the chain's lock and names the login); on
    SQLite the write lock is taken before the head is read.
    """
    if not items:
        return
    session.flush()
    from complaints_desktop.storage import audit_state

    states: dict[int | None, str] = {}
    if entity == "complaint" and len(items) <= STATE_LIMIT:
        found = audit_state.states(session, [i for i, _, _ in items if i is not None])
        states.update((k, v) for k, v in found.items())
    kind = audit_state.kind_of(entity)
    if kind is not None:
        states[None] = audit_state.table_state(session, kind)
    if _on_server(session):
        for entity_id, reference, changes in items:
            session.execute(
                text(
                    "SELECT cd_audit_append(:user, :action, :entity, :entity_id, :reference, "
                    ":changes, :state)"
                ),
                {
                    "user": user,
                    "action": action,
                    "entity": entity,
                    "entity_id": entity_id,
                    "reference": reference,
                    "changes": _text(changes),
                    "state": states.get(entity_id, ""),
                },
            )
        return
    # Take SQLite's write lock before reading the head (a write, even of no rows).
    session.execute(text("UPDATE audit SET id = id WHERE 0"))
    prev = session.exec(select(AuditEntry.hash).order_by(col(AuditEntry.id).desc())).first() or ""
    at = datetime.now(UTC).replace(microsecond=0)
    for entity_id, reference, changes in items:
        entry = AuditEntry(
            at=at,
            user=user,
            action=action,
            entity=entity,
            entity_id=entity_id,
            reference=reference,
            changes=_text(changes),
            state=states.get(entity_id, ""),
            prev_hash=prev,
        )
        entry.hash = _expected(session, entry, prev)
        session.add(entry)
        prev = entry.hash
    session.flush()
    database = sqlite_file(session)
    if database is not None and entry.id is not None:
        audit_anchor.keep_after_commit(session, database, entry.id, entry.hash)


def sqlite_file(session: Session) -> Path | None:
    """The SQLite file behind ``session`` (None for a server or an in-memory database)."""
    url = session.get_bind().engine.url
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return Path(str(url.database))


def anchor_problem(session: Session) -> str:
    """Why the trail ends before the last entry this account saw written ("" if not)."""
    database = sqlite_file(session)
    mark = audit_anchor.kept(database) if database is not None else None
    if mark is None:
        return ""
    found = session.exec(select(AuditEntry.hash).where(col(AuditEntry.id) == mark[0])).first()
    if found == mark[1]:
        return ""
    return (
        f"The audit trail has been cut short outside the app: entry number {mark[0]}, "
        "written from this account, is missing or changed (or the file was replaced by "
        "an older copy without the app's restore)."
    )


def _text(changes: dict[str, Any]) -> str:
    return json.dumps(changes, ensure_ascii=False, sort_keys=True, default=str)


def verify(session: Session) -> list[int]:
    """Ids of entries whose hash or chain link does not match (empty when intact).

    On PostgreSQL the server checks (``cd_audit_verify``), over the whole trail, even the
    entries of restricted cases this login may not read.
    """
    if _on_server(session):
        session.flush()
        return [int(i) for i in session.execute(text("SELECT cd_audit_verify()")).scalars()]
    bad: list[int] = []
    prev = ""
    for e in session.exec(select(AuditEntry).order_by(col(AuditEntry.id))):
        if e.prev_hash != prev or e.hash != _expected(session, e, prev):
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


def redact(
    session: Session, references: Collection[str], replacement: str, *, user: str, why: str
) -> int:
    """Replace every value in the changes of the entries of ``references``; re-seal.

    Field names stay (so the trail still says *what* changed, *when* and *by whom*); the
    values, which may hold personal data, become ``replacement``. The chain is rebuilt
    from the first entry changed, so ``verify`` still passes, and an entry (never itself
    redacted) says so: how many entries, why, and the last entry and chain hash as they
    were before, so a backup taken earlier still verifies and ends in that hash. The
    caller must check the trail first: re-chaining a tampered trail would hide it.

    On PostgreSQL this is the server's ``cd_audit_redact`` (granted to managers and
    administrators only; nobody may update the trail directly).

    Returns:
        How many entries were changed.
    """
    if not references:
        return 0
    session.flush()
    if _on_server(session):
        changed = session.execute(
            text("SELECT cd_audit_redact(:user, :refs, :replacement, :why)"),
            {"user": user, "refs": list(references), "replacement": replacement, "why": why},
        ).scalar_one()
        return int(changed)
    last, before = head(session)
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
        new = json.dumps(dict.fromkeys(data, replacement), ensure_ascii=False, sort_keys=True)
        if new != e.changes or e.state:
            e.changes, e.state = new, ""
            session.add(e)
            changed += 1
            first = e.id if first is None else first
    if first is not None:
        session.flush()
        _rechain(session, first)
        record(
            session,
            user=user,
            action="audit trail re-sealed",
            entity="audit",
            changes={
                "why": why,
                "entries redacted": changed,
                "last entry before": last,
                "chain hash before": before,
            },
        )
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
        e.hash = _expected(session, e, prev)
        session.add(e)
        prev = e.hash
    session.flush()
