"""PostgreSQL enforces the roles: packaging/postgres_roles.sql run with psql on a fresh
database, then a login of each group tries, in plain SQL, what it must and must not do.

Runs in the PostgreSQL pass (``COMPLAINTS_TEST_POSTGRES``); skipped otherwise.
"""

from __future__ import annotations

import os
import subprocess
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from complaints_desktop.domain.errors import NotAllowed, NotFound
from complaints_desktop.domain.model import Case, Person
from complaints_desktop.services import access, audit_view, retention
from complaints_desktop.services import cases as svc
from complaints_desktop.services.database import open_database

PG_ADMIN = os.environ.get("COMPLAINTS_TEST_POSTGRES", "")
SCRIPT = Path(__file__).resolve().parents[2] / "packaging" / "postgres_roles.sql"
TODAY = date(2026, 11, 24)

pytestmark = pytest.mark.skipif(not PG_ADMIN, reason="needs COMPLAINTS_TEST_POSTGRES")


@dataclass
class Server:
    """A fresh database owned by its own login, and one login per group."""

    database: str
    owner: str
    logins: dict[str, str]  # group role -> login name
    admin_url: str

    def superuser_url(self) -> str:
        from sqlalchemy.engine import make_url

        url = make_url(self.admin_url).set(drivername="postgresql", database=self.database)
        return url.render_as_string(hide_password=False)

    def url(self, login: str, driver: str = "postgresql+psycopg") -> str:
        from sqlalchemy.engine import make_url

        return (
            make_url(self.admin_url)
            .set(drivername=driver, username=login, password="pw", database=self.database)
            .render_as_string(hide_password=False)
        )


def _admin(sql: str) -> None:
    import psycopg
    from sqlalchemy.engine import make_url

    conninfo = make_url(PG_ADMIN).set(drivername="postgresql").render_as_string(False)
    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute(sql)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    tag = uuid.uuid4().hex[:8]
    database, owner = f"cd_roles_{tag}", f"cd_owner_{tag}"
    groups = {
        "viewer": "cd_viewer",
        "officer": "cd_officer",
        "manager": "cd_manager",
        "administrator": "cd_admin",
    }
    logins = {role: f"{role[:5]}_{tag}" for role in groups} | {"manager2": f"mana2_{tag}"}
    _admin(f"CREATE ROLE {owner} LOGIN PASSWORD 'pw'")
    _admin(f"CREATE DATABASE {database} OWNER {owner}")
    made = Server(database, owner, logins, PG_ADMIN)
    try:
        # 1. The owner starts the application once: the tables, and the first administrator.
        env = open_database(made.url(owner), today=lambda: TODAY)
        assert env.user == owner  # the login, not the operating-system account
        for role, login in logins.items():
            access.add_user(env, login, role.title(), "manager" if role == "manager2" else role)
        open_case = svc.create(env, _case("Open Person"))
        secret = svc.create(env, _case("Zelda Secret"))
        access.set_restricted(env, secret.reference, True, [logins["manager"]])
        env.engine.dispose()
        # 2. IT runs the roles script, as documented (twice: it is safe to run again).
        for _ in range(2):
            done = subprocess.run(
                ["psql", made.superuser_url(), "-v", "ON_ERROR_STOP=1", "-q", "-f", str(SCRIPT)],
                capture_output=True,
                text=True,
                check=False,
            )
            assert done.returncode == 0, done.stderr
        # 3. One login per group.
        for role, login in logins.items():
            group = groups["manager" if role == "manager2" else role]
            _admin(f"CREATE ROLE {login} LOGIN PASSWORD 'pw' IN ROLE {group}")
        made.open_ref, made.secret_ref = open_case.reference, secret.reference  # type: ignore[attr-defined]
        yield made
    finally:
        _admin(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")
        for login in [*logins.values(), owner]:
            _admin(f"DROP ROLE IF EXISTS {login}")


def _case(name: str) -> Case:
    return Case(
        procedure="statutory",
        received=date(2026, 11, 2),
        complainant=Person(name=name, address="9 Secret Road"),
        summary="about the placement",
    )


def _sql(server: Server, login: str, sql: str) -> list[tuple[object, ...]]:
    """Run ``sql`` as ``login`` (autocommit), returning any rows."""
    import psycopg

    with psycopg.connect(server.url(login, "postgresql"), autocommit=True) as conn:
        cursor = conn.execute(sql)  # type: ignore[arg-type]
        return list(cursor.fetchall()) if cursor.description else [(cursor.rowcount,)]


def _refused(server: Server, login: str, sql: str) -> str:
    """``sql`` as ``login`` must fail (permission or row-level security); the message."""
    import psycopg

    with pytest.raises(psycopg.Error) as caught:
        _sql(server, login, sql)
    return str(caught.value)


def _changes_nothing(server: Server, login: str, sql: str) -> None:
    """``sql`` as ``login`` is refused, or touches no row (row-level security)."""
    import psycopg

    try:
        rows = _sql(server, login, sql)
    except psycopg.Error as error:
        rows, why = [(0,)], str(error)
    else:
        why = "permission denied"
    assert rows == [(0,)]
    assert "permission denied" in why or "row-level security" in why


def _count(server: Server, login: str, table_sql: str) -> int:
    return int(_sql(server, login, f"SELECT count(*) FROM {table_sql}")[0][0])  # type: ignore[arg-type]


ROLES = ["viewer", "officer", "manager", "manager2", "administrator"]


@pytest.mark.parametrize("role", ROLES)
def test_every_login_reads_open_cases(server: Server, role: str) -> None:
    ref = server.open_ref  # type: ignore[attr-defined]
    assert _count(server, server.logins[role], f"complaint WHERE reference = '{ref}'") == 1


@pytest.mark.parametrize("role", ["viewer", "officer", "manager2", "administrator"])
def test_a_login_not_named_cannot_read_a_restricted_case_or_its_people(
    server: Server, role: str
) -> None:
    login, ref = server.logins[role], server.secret_ref  # type: ignore[attr-defined]
    assert _count(server, login, f"complaint WHERE reference = '{ref}'") == 0
    assert _count(server, login, "person WHERE name = 'Zelda Secret'") == 0
    assert _count(server, login, f"audit WHERE reference = '{ref}'") == 0
    assert _count(server, login, "case_access") == 0
    secret_id = _sql(server, server.owner, f"SELECT id FROM complaint WHERE reference = '{ref}'")
    assert _count(server, login, f"stage WHERE complaint_id = {secret_id[0][0]}") == 0
    assert _count(server, server.logins["manager"], f"stage WHERE complaint_id = {secret_id[0][0]}")


def test_the_login_named_reads_the_restricted_case(server: Server) -> None:
    login, ref = server.logins["manager"], server.secret_ref  # type: ignore[attr-defined]
    assert _count(server, login, f"complaint WHERE reference = '{ref}'") == 1
    assert _count(server, login, "person WHERE name = 'Zelda Secret'") == 1


@pytest.mark.parametrize("role", ROLES)
def test_nobody_writes_the_audit_table_directly(server: Server, role: str) -> None:
    login = server.logins[role]
    for sql in (
        'INSERT INTO audit (at, "user", action, entity, reference, changes, state, '
        "prev_hash, hash) VALUES (now(), 'x', 'x', 'x', '', '{}', '', '', '')",
        "UPDATE audit SET changes = '{}'",
        "DELETE FROM audit",
        "TRUNCATE audit",
    ):
        assert "permission denied" in _refused(server, login, sql)


@pytest.mark.parametrize("role", ROLES)
def test_an_entry_appended_through_the_server_names_the_login(server: Server, role: str) -> None:
    login = server.logins[role]
    _sql(
        server,
        login,
        "SELECT cd_audit_append('someone_else', 'probe', 'test', NULL, '', '{}', '')",
    )
    rows = _sql(
        server,
        server.owner,
        "SELECT \"user\" FROM audit WHERE action = 'probe' ORDER BY id DESC LIMIT 1",
    )
    assert rows == [(login,)]
    assert _sql(server, server.owner, "SELECT count(*) FROM cd_audit_verify()") == [(0,)]


@pytest.mark.parametrize("role", ["viewer", "officer", "manager"])
def test_only_an_administrator_changes_settings_and_users(server: Server, role: str) -> None:
    login = server.logins[role]
    _changes_nothing(server, login, "UPDATE setting SET value = '{}' WHERE key = 'seeded'")
    _refused(server, login, "INSERT INTO setting (key, value) VALUES ('council', '{}')")
    _refused(server, login, "UPDATE user_account SET role = 'administrator'")
    _refused(server, login, "UPDATE team SET name = 'x'")


def test_an_administrator_changes_settings(server: Server) -> None:
    login = server.logins["administrator"]
    _sql(server, login, "INSERT INTO setting (key, value) VALUES ('probe', '1')")
    assert _sql(server, login, "DELETE FROM setting WHERE key = 'probe'") == [(1,)]


def test_a_viewer_changes_nothing(server: Server) -> None:
    login, ref = server.logins["viewer"], server.open_ref  # type: ignore[attr-defined]
    _refused(server, login, f"UPDATE complaint SET summary = 'x' WHERE reference = '{ref}'")
    _refused(server, login, "UPDATE person SET name = 'x'")
    _refused(
        server,
        login,
        "INSERT INTO note (complaint_id, at, by_user, text) VALUES (1, now(), 'x', 'x')",
    )


def test_an_officer_edits_cases_but_cannot_restrict_or_delete_them(server: Server) -> None:
    login, ref = server.logins["officer"], server.open_ref  # type: ignore[attr-defined]
    done = _sql(server, login, f"UPDATE complaint SET summary = 'edited' WHERE reference = '{ref}'")
    assert done == [(1,)]
    assert "only a manager" in _refused(
        server, login, f"UPDATE complaint SET restricted = true WHERE reference = '{ref}'"
    )
    _refused(
        server,
        login,
        f"INSERT INTO case_access (complaint_id, account) "
        f"SELECT id, '{login}' FROM complaint WHERE reference = '{ref}'",
    )
    _refused(server, login, f"DELETE FROM complaint WHERE reference = '{ref}'")
    _refused(server, login, "SELECT cd_audit_redact('x', ARRAY['x'], 'x', 'x')")


def test_a_manager_restricts_and_writes_templates_but_not_council_settings(
    server: Server,
) -> None:
    login = server.logins["manager"]
    _sql(server, login, "INSERT INTO setting (key, value) VALUES ('template:probe', '\"x\"')")
    _refused(server, login, "INSERT INTO setting (key, value) VALUES ('council', '{}')")


def test_the_application_takes_the_login_and_never_offers_more_than_the_server(
    server: Server,
) -> None:
    officer = open_database(server.url(server.logins["officer"]), today=lambda: TODAY)
    try:
        assert officer.user == server.logins["officer"]
        assert access.current(officer).role == "officer"
        with pytest.raises((NotAllowed, NotFound)):
            svc.get(officer, server.secret_ref)  # type: ignore[attr-defined]
    finally:
        officer.engine.dispose()
    # Settings > Users says administrator, the server says officer: the officer's.
    owner = open_database(server.url(server.owner), today=lambda: TODAY)
    try:
        access.set_role(owner, server.logins["officer"], "administrator")
    finally:
        owner.engine.dispose()
    officer = open_database(server.url(server.logins["officer"]), today=lambda: TODAY)
    try:
        assert access.current(officer).role == "officer"
    finally:
        officer.engine.dispose()


def test_a_manager_anonymises_and_deletes_through_the_server(server: Server) -> None:
    owner = open_database(server.url(server.owner), today=lambda: TODAY)
    try:
        old = [svc.create(owner, _case(f"Old Person {i}")).reference for i in range(2)]
    finally:
        owner.engine.dispose()
    manager = open_database(server.url(server.logins["manager"]), today=lambda: TODAY)
    try:
        assert retention.anonymise(manager, [old[0]]) == 1
        assert retention.delete(manager, [old[1]]) == 1
        assert audit_view.verify(manager) == []
    finally:
        manager.engine.dispose()
    redacted = _sql(
        server,
        server.owner,
        "SELECT \"user\", changes FROM audit WHERE action = 'audit trail re-sealed' ORDER BY id",
    )
    assert [u for u, _ in redacted] == [server.logins["manager"]] * 2
    assert all('"entries redacted"' in str(c) for _, c in redacted)
    assert _count(server, server.owner, "person WHERE name LIKE 'Old Person%'") == 0
