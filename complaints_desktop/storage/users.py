"""Storage: user accounts (role, display name, active) and who may see restricted cases."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, func, true
from sqlmodel import Session, col, select

from complaints_desktop.domain.access import UserInfo
from complaints_desktop.storage.tables import CaseAccess, Complaint, UserAccount


def _info(row: UserAccount) -> UserInfo:
    return UserInfo(
        account=row.account, display_name=row.display_name, role=row.role, active=row.active
    )


def _row(session: Session, account: str) -> UserAccount | None:
    query = select(UserAccount).where(func.lower(UserAccount.account) == account.casefold())
    return session.exec(query).first()


def count(session: Session) -> int:
    """How many accounts are recorded (active or not)."""
    return int(session.exec(select(func.count()).select_from(UserAccount)).one())


def find(session: Session, account: str) -> UserInfo | None:
    """The account's entry (account names compare without case, as Windows does)."""
    row = _row(session, account)
    return _info(row) if row is not None else None


def every(session: Session) -> list[UserInfo]:
    """Every account, active first, by display name."""
    rows = session.exec(select(UserAccount)).all()
    infos = [_info(r) for r in rows]
    return sorted(infos, key=lambda u: (not u.active, u.shown.casefold()))


def add(session: Session, account: str, display_name: str, role: str) -> None:
    """Record a new account."""
    session.add(UserAccount(account=account, display_name=display_name, role=role, active=True))
    session.flush()


def update(session: Session, account: str, **values: Any) -> dict[str, list[Any]]:
    """Change ``role``, ``display_name`` or ``active``; returns field -> [old, new]."""
    row = _row(session, account)
    if row is None:
        return {}
    changes: dict[str, list[Any]] = {}
    for name, value in values.items():
        old = getattr(row, name)
        if old != value:
            changes[name] = [old, value]
            setattr(row, name, value)
    session.add(row)
    session.flush()
    return changes


def active_administrators(session: Session) -> int:
    """How many active accounts hold the administrator role."""
    query = (
        select(func.count())
        .select_from(UserAccount)
        .where(col(UserAccount.role) == "administrator", col(UserAccount.active))
    )
    return int(session.exec(query).one())


def case_flags(session: Session, case_id: int) -> tuple[bool, str]:
    """(restricted, reference) of a complaint."""
    row = session.exec(
        select(Complaint.restricted, Complaint.reference).where(col(Complaint.id) == case_id)
    ).first()
    return (bool(row[0]), str(row[1])) if row is not None else (False, "")


def access_list(session: Session, case_id: int) -> list[str]:
    """Accounts named on a restricted complaint."""
    query = select(CaseAccess.account).where(col(CaseAccess.complaint_id) == case_id)
    return sorted(session.exec(query).all(), key=str.casefold)


def may_see(session: Session, case_id: int, account: str, administrator: bool = False) -> bool:
    """Whether ``account`` may see the complaint: unrestricted, or named on it.

    A restricted complaint naming nobody (flagged on import) is seen by administrators,
    who can then name who may see it.
    """
    restricted, _ = case_flags(session, case_id)
    if not restricted:
        return True
    named = {a.casefold() for a in access_list(session, case_id)}
    return account.casefold() in named or (administrator and not named)


def set_access(session: Session, case_id: int, restricted: bool, accounts: list[str]) -> None:
    """Restrict (to ``accounts``) or open up a complaint."""
    row = session.get(Complaint, case_id)
    assert row is not None
    row.restricted = restricted
    session.add(row)
    for old in session.exec(select(CaseAccess).where(col(CaseAccess.complaint_id) == case_id)):
        session.delete(old)
    session.flush()
    if restricted:
        for account in sorted({a.casefold(): a for a in accounts}.values()):
            session.add(CaseAccess(complaint_id=case_id, account=account))
    session.flush()


def hidden(session: Session, account: str, administrator: bool = False) -> dict[int, str]:
    """Id -> reference of the complaints ``account`` may not see (``may_see``).

    Restricted complaints are few and indexed, so this is quick on any size of database.
    """
    rows = session.exec(
        select(Complaint.id, Complaint.reference).where(col(Complaint.restricted) == true())
    ).all()
    if not rows:
        return {}
    ids = [int(i) for i, _ in rows if i is not None]
    named: dict[int, set[str]] = {}
    access = select(CaseAccess.complaint_id, CaseAccess.account).where(
        col(CaseAccess.complaint_id).in_(ids)
    )
    for linked, who in session.exec(access).all():
        named.setdefault(linked, set()).add(who.casefold())
    out: dict[int, str] = {}
    for row_id, reference in rows:
        if row_id is None:
            continue
        names = named.get(row_id, set())
        if account.casefold() in names or (administrator and not names):
            continue
        out[int(row_id)] = str(reference)
    return out


def hidden_condition(hidden_ids: set[int] | list[int]) -> ColumnElement[bool] | None:
    """A condition on ``complaint`` leaving out ``hidden_ids`` (None when there are none)."""
    return col(Complaint.id).not_in(sorted(hidden_ids)) if hidden_ids else None


def people_of(session: Session, case_ids: list[int]) -> tuple[set[int], set[int]]:
    """(complainant ids, child ids) of the complaints ``case_ids``."""
    if not case_ids:
        return set(), set()
    rows = session.exec(
        select(Complaint.complainant_id, Complaint.child_id).where(col(Complaint.id).in_(case_ids))
    ).all()
    return {p for p, _ in rows if p is not None}, {c for _, c in rows if c is not None}
