"""Storage: the data checked against the audit trail.

Each audit entry about one complaint carries ``state``: a SHA-256 of the complaint's
recorded facts as the application left them (sealed in the chain with the entry).
``check`` recomputes it for every complaint the trail covers and reports a complaint
whose data no longer match: a field, its complainant or child, a note, a letter, a
document, its teams, or who may see it, changed outside the application.

Left out, because the application itself changes them without an entry for the case:
an element's theme (``UNSEALED``: a rename of its complaint type follows to it), the
derived columns (status, stage, next due, closed on, search text, version, updated at; a
start closes lapsed cases), and everything a bulk write touches (an import or demo
data writes one entry for the whole file): a complaint is covered from its next entry
after the latest bulk write of complaints.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Table, select
from sqlmodel import Session, SQLModel, col

from complaints_desktop.storage import tables as t

DERIVED = frozenset(
    {
        "status",
        "stage",
        "next_due",
        "next_due_what",
        "closed_on",
        "search_text",
        "version",
        "updated_at",
    }
)
BULK_ACTIONS = frozenset({"import", "bulk create", "bulk update"})
UNSEALED = frozenset({("element", "theme")})
"""Columns left out of the seal: an element's theme is kept by its complaint type's name,
which a rename in Settings corrects on every element without an entry for each case
(and the seals made before revision 0012 added the column still match)."""


def _table(model: type[SQLModel]) -> Table:
    table = model.__table__  # type: ignore[attr-defined]
    assert isinstance(table, Table)
    return table


def _plain(value: Any) -> Any:
    if isinstance(value, bytes):
        return "sha256:" + hashlib.sha256(value).hexdigest()
    if value is None or isinstance(value, bool | int | str):
        return value
    return str(value)


def _rows(
    session: Session, model: type[SQLModel], key: str, ids: list[int]
) -> dict[int, list[list[Any]]]:
    """Rows of ``model`` whose ``key`` is in ``ids``, by that key (each row a list)."""
    table = _table(model)
    columns = [
        c
        for c in table.columns
        if c.name not in ("id", key) and (table.name, c.name) not in UNSEALED
    ]
    out: dict[int, list[list[Any]]] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        query = (
            select(table.c[key], *columns)
            .where(table.c[key].in_(chunk))
            .order_by(table.c[key], *[c for c in table.primary_key.columns])
        )
        for row in session.execute(query):
            out.setdefault(int(row[0]), []).append([_plain(v) for v in row[1:]])
    return out


def states(session: Session, complaint_ids: Iterable[int]) -> dict[int, str]:
    """Complaint id -> the seal of its recorded facts (ids not found are left out)."""
    ids = sorted(set(complaint_ids))
    if not ids:
        return {}
    complaint = _table(t.Complaint)
    kept = [c for c in complaint.columns if c.name not in DERIVED]
    cases: dict[int, dict[str, Any]] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for row in session.execute(select(*kept).where(complaint.c.id.in_(chunk))):
            cases[int(row.id)] = {c.name: _plain(v) for c, v in zip(kept, row, strict=True)}
    people = _rows(
        session,
        t.Person,
        "id",
        sorted({c["complainant_id"] for c in cases.values() if c["complainant_id"] is not None}),
    )
    children = _rows(
        session,
        t.Child,
        "id",
        sorted({c["child_id"] for c in cases.values() if c["child_id"] is not None}),
    )
    linked = {
        name: _rows(session, model, "complaint_id", ids)
        for name, model in (
            ("stages", t.Stage),
            ("elements", t.Element),
            ("ombudsman", t.OmbudsmanCase),
            ("learning", t.LearningAction),
            ("notes", t.Note),
            ("letters", t.Letter),
            ("documents", t.Document),
            ("teams", t.ComplaintTeam),
            ("types", t.ComplaintTypeLink),
            ("remedies", t.ComplaintRemedy),
            ("access", t.CaseAccess),
        )
    }
    out: dict[int, str] = {}
    for case_id, facts in cases.items():
        whole = {
            "complaint": facts,
            "complainant": people.get(facts["complainant_id"] or -1, []),
            "child": children.get(facts["child_id"] or -1, []),
            **{name: rows.get(case_id, []) for name, rows in linked.items()},
        }
        text = json.dumps(whole, ensure_ascii=False, sort_keys=True, default=str)
        out[case_id] = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return out


UNAUDITED_SETTINGS = ("seeded", "bank_holidays_cache", "database_copy")
"""Settings the application keeps without an audit entry (a flag, a cache, and the name
every copy of the database is given: ``engine.COPY_KEY``)."""

TABLE_ENTITIES = {"settings": ("settings", "setting"), "users": ("user_account",)}
"""Whole tables sealed by the entries of these entities."""


def kind_of(entity: str) -> str | None:
    """Which whole table an entry of ``entity`` seals (None: not one)."""
    return next((k for k, names in TABLE_ENTITIES.items() if entity in names), None)


def table_state(session: Session, kind: str) -> str:
    """The seal of the settings (with closure days) or of the user list, as they are now."""
    if kind == "settings":
        setting = _table(t.Setting)
        closure = _table(t.ClosureDay)
        parts: list[Any] = [
            [str(k), str(v)]
            for k, v in session.execute(
                select(setting.c.key, setting.c.value)
                .where(setting.c.key.not_in(UNAUDITED_SETTINGS))
                .order_by(setting.c.key)
            )
        ]
        parts += [
            [_plain(d), str(n)]
            for d, n in session.execute(
                select(closure.c.day, closure.c.note).order_by(closure.c.day, closure.c.note)
            )
        ]
    else:
        account = _table(t.UserAccount)
        parts = [
            [str(a), str(n), str(r), bool(on)]
            for a, n, r, on in session.execute(
                select(
                    account.c.account, account.c.display_name, account.c.role, account.c.active
                ).order_by(account.c.account)
            )
        ]
    text = json.dumps(parts, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def table_mismatches(session: Session) -> list[str]:
    """Which of the settings and the user list no longer match their last entry."""
    audit = _table(t.AuditEntry)
    out: list[str] = []
    for kind, entities in TABLE_ENTITIES.items():
        last = session.execute(
            select(audit.c.state)
            .where(audit.c.entity.in_(entities), audit.c.state != "")
            .order_by(audit.c.id.desc())
            .limit(1)
        ).scalar()
        if last and last != table_state(session, kind):
            out.append("the settings" if kind == "settings" else "the list of users")
    return out


def mismatches(session: Session) -> tuple[list[str], int]:
    """(references whose data no longer match their last entry, how many were checked).

    Also reported: a complaint the trail records but that is gone without a ``delete``
    entry, and one present that the trail never recorded (neither created one by one nor
    by a bulk write).
    """
    audit = _table(t.AuditEntry)
    last_bulk = session.execute(
        select(audit.c.id)
        .where(
            audit.c.entity == "complaint",
            audit.c.entity_id.is_(None),
            audit.c.action.in_(sorted(BULK_ACTIONS)),
        )
        .order_by(audit.c.id.desc())
        .limit(1)
    ).scalar()
    latest: dict[int, tuple[int, str, str, str]] = {}
    query = (
        select(audit.c.id, audit.c.entity_id, audit.c.action, audit.c.reference, audit.c.state)
        .where(audit.c.entity == "complaint", audit.c.entity_id.is_not(None))
        .order_by(audit.c.id)
    )
    for entry_id, case_id, action, reference, state in session.execute(query):
        latest[int(case_id)] = (int(entry_id), str(action), str(reference), str(state or ""))
    covered = {
        case_id: (reference, state)
        for case_id, (entry_id, action, reference, state) in latest.items()
        if state and action != "delete" and (last_bulk is None or entry_id > last_bulk)
    }
    now = states(session, covered)
    bad = [ref for case_id, (ref, state) in covered.items() if now.get(case_id) != state]
    present = {
        int(i): str(r)
        for i, r in session.execute(select(col(t.Complaint.id), col(t.Complaint.reference)))
    }
    for case_id, (_, action, reference, _) in latest.items():
        if action != "delete" and case_id not in present and reference not in bad:
            bad.append(reference)  # gone with no delete entry
    if last_bulk is None:
        bad.extend(r for i, r in present.items() if i not in latest and r not in bad)
    return sorted(bad), len(covered)
