"""Services: who is signed in, what their role allows, users, and restricted cases.

Rules:
- The first account to open a database with no users becomes its administrator.
- An account the database does not know (or one deactivated) gets the viewer's read-only
  access: no write until an administrator adds it. This is the safe default.
- There is always at least one active administrator.
- A restricted complaint is seen only by the accounts named on it (the person
  restricting it is always named); searches, the work queue and exports leave it out for
  everyone else. Statistics and letters stay complete: statistics are counts without
  personal data.
- On SQLite the file is the boundary (anyone who can open it can read it); on PostgreSQL
  the server enforces its grants and the application checks roles on top.
"""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import ColumnElement
from sqlmodel import Session

from complaints_desktop.domain import access as rules
from complaints_desktop.domain.access import UserInfo
from complaints_desktop.domain.errors import NotAllowed, NotFound, ValidationFailed
from complaints_desktop.services.env import Env
from complaints_desktop.storage import audit, users
from complaints_desktop.storage import cases as case_store
from complaints_desktop.storage.engine import serialise
from complaints_desktop.storage.server import lower_role


def current(env: Env, session: Session | None = None) -> UserInfo:
    """The signed-in user; the first account on an empty database becomes administrator.

    On a PostgreSQL server the role is never more than the login's group allows
    (``env.ceiling``): the application does not offer what the server would refuse.
    ``session``: the caller's writing unit of work (the use case stays one transaction).
    """
    if session is not None:
        found = users.find(session, env.user)
        if found is None and users.count(session) == 0:
            serialise(session, "users")  # two first starts at once: one administrator
            if users.count(session) == 0:
                users.add(session, env.user, "", "administrator")  # the row is the record
                return UserInfo(env.user, "", "administrator", first=True)
            found = users.find(session, env.user)
        return _as_found(env, found)
    with env.uow() as session:
        found = users.find(session, env.user)
        if found is not None and found.active:
            return _as_found(env, found)
        empty = found is None and users.count(session) == 0
    if empty:
        with env.uow(write=True) as session:
            return current(env, session)
    return _as_found(env, found)


def _as_found(env: Env, found: UserInfo | None) -> UserInfo:
    """The user as the database knows them (capped at the server's ceiling), or a viewer."""
    if found is not None and found.active:
        role = lower_role(found.role, env.ceiling)
        return found if role == found.role else replace(found, role=role)
    name = found.display_name if found is not None else ""
    return UserInfo(env.user, name, "viewer", active=False, known=False)


def require(env: Env, action: str, session: Session | None = None) -> UserInfo:
    """The signed-in user, if their role allows ``action``; else ``NotAllowed``.

    ``session``: the use case's writing unit of work, when it has begun one."""
    user = current(env, session)
    if not rules.allowed(user.role, action):
        message = rules.refusal(user.role, action)
        if not user.known:
            message += f" ({env.user} has not been added as a user of this database.)"
        raise NotAllowed(message)
    return user


def may(env: Env, action: str) -> bool:
    """Whether the signed-in user may do ``action`` (for enabling buttons)."""
    return rules.allowed(current(env).role, action)


def storage_enforces_roles(env: Env) -> bool:
    """True on a database server that enforces its own grants (PostgreSQL)."""
    return env.engine.dialect.name == "postgresql"


def boundary(env: Env) -> str:
    """The honest sentence on what protects this database."""
    return rules.SERVER_BOUNDARY if storage_enforces_roles(env) else rules.SQLITE_BOUNDARY


def list_users(env: Env, session: Session | None = None) -> list[UserInfo]:
    """Every account of this database (deactivated ones last)."""
    if session is not None:
        current(env, session)
        return users.every(session)
    current(env)
    with env.uow() as session:
        return users.every(session)


def _check_role(role: str) -> None:
    if role not in rules.ROLES:
        raise ValidationFailed([f"Role must be one of: {', '.join(rules.ROLES)}."])


def add_user(env: Env, account: str, display_name: str, role: str) -> None:
    """Add an account (its Windows account name) with the name shown and a role."""
    require(env, "users")
    account, display_name = account.strip(), " ".join(display_name.split())
    problems = []
    if not account or any(c.isspace() for c in account):
        problems.append("Enter the person's Windows account name (no spaces), e.g. jsmith.")
    if role not in rules.ROLES:
        problems.append(f"Role must be one of: {', '.join(rules.ROLES)}.")
    if problems:
        raise ValidationFailed(problems)
    with env.uow(write=True) as session:
        if users.find(session, account) is not None:
            raise ValidationFailed([f"{account} is already a user; change their role instead."])
        users.add(session, account, display_name, role)
        audit.record(
            session,
            user=env.user,
            action="add user",
            entity="user_account",
            reference=account,
            changes={"display_name": display_name, "role": role},
        )


def _update(env: Env, account: str, action: str, **values: object) -> None:
    require(env, "users")
    with env.uow(write=True) as session:
        before = users.find(session, account)
        if before is None:
            raise NotFound(f"{account} is not a user of this database.")
        changes = users.update(session, account, **values)
        if (
            before.role == "administrator"
            and before.active
            and users.active_administrators(session) == 0
        ):
            raise ValidationFailed(
                [
                    f"{before.shown} is the last active administrator; make someone else "
                    "an administrator first."
                ]
            )
        if changes:
            audit.record(
                session,
                user=env.user,
                action=action,
                entity="user_account",
                reference=before.account,
                changes=changes,
            )


def set_role(env: Env, account: str, role: str) -> None:
    """Change an account's role (never leaving the database without an administrator)."""
    _check_role(role)
    _update(env, account, "change role", role=role)


def set_display_name(env: Env, account: str, display_name: str) -> None:
    """Change the name shown for an account."""
    _update(env, account, "rename user", display_name=" ".join(display_name.split()))


def set_active(env: Env, account: str, active: bool) -> None:
    """Deactivate (or reactivate) an account; accounts are never deleted (the audit names them)."""
    _update(env, account, "deactivate user" if not active else "reactivate user", active=active)


def is_administrator(env: Env) -> bool:
    """Whether the signed-in user is an (active) administrator."""
    return current(env).role == "administrator"


def visible(env: Env, session: Session | None = None) -> ColumnElement[bool] | None:
    """A storage condition keeping the complaints the signed-in user may see (or None),
    read in ``session`` when given."""
    if session is None:
        with env.uow() as own:
            return visible(env, own)
    found = users.find(session, env.user)  # read only: the caller's may be a reading one
    administrator = _as_found(env, found).role == "administrator"
    return users.hidden_condition(set(users.hidden(session, env.user, administrator)))


def check_view(
    env: Env, case_id: int, session: Session | None = None, *, writing: bool = False
) -> None:
    """Refuse a restricted complaint to anyone not named; audit each view of one.

    ``writing``: ``session`` is the use case's writing unit of work (the view is audited
    in it)."""
    if session is None:
        with env.uow() as own:
            check_view(env, case_id, own)
        return
    restricted, reference = users.case_flags(session, case_id)
    if not restricted:
        return
    found = users.find(session, env.user)
    administrator = found is not None and found.active and found.role == "administrator"
    if not users.may_see(session, case_id, env.user, administrator):
        raise NotAllowed(rules.RESTRICTED)
    # A reading unit of work audits the view in a writing one of its own: appended from
    # the reading one, it waited for the write lock after reading the trail's last entry,
    # and the chain forked when another officer saved meanwhile (bench/bench_team.py saw
    # it). A writing unit of work holds the lock from its start.
    if writing:
        _audit_view(env, session, case_id, reference)
        return
    with env.uow(write=True) as own:
        _audit_view(env, own, case_id, reference)


def _audit_view(env: Env, session: Session, case_id: int, reference: str) -> None:
    audit.record(
        session,
        user=env.user,
        action="view",
        entity="complaint",
        entity_id=case_id,
        reference=reference,
    )


def access_list(env: Env, reference: str) -> tuple[bool, list[str]]:
    """(restricted, the accounts named) for a complaint."""
    with env.uow() as session:
        case_id = case_store.find_id(session, reference)
        restricted, _ = users.case_flags(session, case_id)
        return restricted, users.access_list(session, case_id) if restricted else []


def set_restricted(env: Env, reference: str, restricted: bool, accounts: list[str]) -> list[str]:
    """Restrict a complaint to ``accounts`` (plus the person restricting), or open it up.

    Managers and administrators only. Returns the accounts named.
    """
    require(env, "restrict")
    named = [a.strip() for a in accounts if a.strip()] + [env.user] if restricted else []
    named = sorted({a.casefold(): a for a in named}.values(), key=str.casefold)
    administrator = is_administrator(env)
    with env.uow(write=True) as session:
        case_id = case_store.find_id(session, reference)
        if not users.may_see(session, case_id, env.user, administrator):
            raise NotAllowed(rules.RESTRICTED)
        before = users.case_flags(session, case_id)[0], users.access_list(session, case_id)
        users.set_access(session, case_id, restricted, named)
        audit.record(
            session,
            user=env.user,
            action="restrict" if restricted else "unrestrict",
            entity="complaint",
            entity_id=case_id,
            reference=reference,
            changes={"restricted": [before[0], restricted], "access": [before[1], named]},
        )
    return named


def hidden_count(env: Env) -> int:
    """How many complaints the signed-in user may not see."""
    administrator = is_administrator(env)
    with env.uow() as session:
        return len(users.hidden(session, env.user, administrator))


__all__ = ["NotAllowed", "UserInfo"]


def hidden_references(env: Env) -> set[str]:
    """References of the complaints the signed-in user may not see."""
    administrator = is_administrator(env)
    with env.uow() as session:
        return set(users.hidden(session, env.user, administrator).values())
