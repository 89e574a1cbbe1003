"""Storage: what a PostgreSQL server says about the login (identity and group role)."""

from __future__ import annotations

from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError

ROLE_ORDER = ("viewer", "officer", "manager", "administrator")


def login_name(engine: Engine) -> str | None:
    """The server login this engine connects as (None for a SQLite file)."""
    if engine.dialect.name != "postgresql":
        return None
    with engine.connect() as connection:
        return str(connection.execute(text("SELECT session_user")).scalar_one())


def server_role(engine: Engine) -> str | None:
    """The most the server lets this login do, as an application role.

    None when the server does not limit it: a SQLite file, the tables' owner, a
    superuser, or a server where ``packaging/postgres_roles.sql`` has not been run. A
    login in none of the groups can only read: "viewer".
    """
    if engine.dialect.name != "postgresql":
        return None
    query = text(
        "SELECT (SELECT rolsuper FROM pg_roles WHERE rolname = session_user), "
        "session_user = (SELECT tableowner FROM pg_tables "
        "  WHERE tablename = 'complaint' AND schemaname = 'public'), "
        "to_regprocedure('cd_role()') IS NOT NULL"
    )
    with engine.connect() as connection:
        superuser, owner, set_up = connection.execute(query).one()
        if superuser or owner or not set_up:
            return None
        try:
            role = str(connection.execute(text("SELECT cd_role()")).scalar_one())
        except DBAPIError:
            return "viewer"
    return role or "viewer"


def lower_role(a: str, b: str | None) -> str:
    """The less powerful of two roles (``b`` None: ``a``)."""
    if b is None or b not in ROLE_ORDER or a not in ROLE_ORDER:
        return a if b is None else "viewer"
    return ROLE_ORDER[min(ROLE_ORDER.index(a), ROLE_ORDER.index(b))]
