"""Services: who may do what — first administrator, roles, users, restricted cases."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import select

from complaints_desktop.domain.access import SQLITE_BOUNDARY
from complaints_desktop.domain.errors import NotAllowed, ValidationFailed
from complaints_desktop.domain.model import Case, Contact, Person
from complaints_desktop.domain.views import SearchCriteria
from complaints_desktop.services import (
    access,
    annual_report,
    audit_view,
    caselog,
    contacts,
    letters,
    queries,
    retention,
    settings,
    subject_access,
)
from complaints_desktop.services import cases as svc
from complaints_desktop.services.env import Env
from complaints_desktop.storage.tables import AuditEntry

ROOT = Path(__file__).resolve().parents[2]


def as_user(env: Env, account: str) -> Env:
    return Env(engine=env.engine, user=account, today=env.today)


def new_case(env: Env, name: str = "Ada Jones") -> Case:
    return svc.create(
        env,
        Case(procedure="statutory", received=date(2026, 11, 2), complainant=Person(name=name)),
    )


def test_the_first_account_to_open_a_database_becomes_its_administrator(env: Env) -> None:
    assert [(u.account, u.role) for u in access.list_users(env)] == [
        ("officer.one", "administrator")
    ]
    assert access.current(env).signed_in() == "Signed in as officer.one (administrator)"


def test_an_unknown_account_reads_but_may_not_write(env: Env) -> None:
    case = new_case(env)
    stranger = as_user(env, "stranger")
    info = access.current(stranger)
    assert (info.role, info.known) == ("viewer", False)
    assert svc.get(stranger, case.reference).reference == case.reference
    with pytest.raises(NotAllowed, match="stranger has not been added"):
        svc.acknowledge(stranger, case, date(2026, 11, 3))
    assert [u.account for u in access.list_users(env)] == ["officer.one"]


def test_users_are_added_renamed_given_roles_and_deactivated_never_deleted(env: Env) -> None:
    access.add_user(env, "jsmith", "  Jo   Smith ", "officer")
    access.set_role(env, "JSMITH", "manager")  # Windows accounts ignore case
    access.set_display_name(env, "jsmith", "Joanna Smith")
    access.set_active(env, "jsmith", False)
    listed = {u.account: u for u in access.list_users(env)}
    assert listed["jsmith"].display_name == "Joanna Smith"
    assert (listed["jsmith"].role, listed["jsmith"].active) == ("manager", False)
    assert access.current(as_user(env, "jsmith")).role == "viewer"  # deactivated: read only
    with env.uow() as s:
        actions = [e.action for e in s.exec(select(AuditEntry)) if e.entity == "user_account"]
    assert actions == ["add user", "change role", "rename user", "deactivate user"]


def test_bad_new_users_are_refused_with_every_reason(env: Env) -> None:
    with pytest.raises(ValidationFailed) as caught:
        access.add_user(env, "j smith", "Jo", "boss")
    assert len(caught.value.problems) == 2
    with pytest.raises(ValidationFailed, match="already a user"):
        access.add_user(env, "Officer.One", "", "viewer")


def test_there_is_always_an_active_administrator(env: Env) -> None:
    with pytest.raises(ValidationFailed, match="last active administrator"):
        access.set_role(env, "officer.one", "manager")
    with pytest.raises(ValidationFailed, match="last active administrator"):
        access.set_active(env, "officer.one", False)
    assert access.current(env).role == "administrator"  # nothing changed
    access.add_user(env, "second", "Second Admin", "administrator")
    access.set_role(env, "officer.one", "manager")
    assert access.current(env).role == "manager"
    with pytest.raises(NotAllowed, match="manage users"):
        access.set_role(env, "second", "viewer")


def _writes(env: Env, case: Case, tmp_path: Path) -> dict[str, Callable[[], Any]]:
    return {
        "create": lambda: new_case(env),
        "edit": lambda: svc.edit(env, case),
        "note": lambda: svc.add_note(env, case, "A note"),
        "acknowledge": lambda: svc.acknowledge(env, case, date(2026, 11, 3)),
        "respond": lambda: svc.respond(env, case, date(2026, 11, 3), "upheld"),
        "extend": lambda: svc.extend(env, case, date(2026, 11, 3), "complex"),
        "contact": lambda: contacts.create(
            env, Contact(kind="compliment", received=date(2026, 11, 2))
        ),
        "vocabulary": lambda: settings.add_entry(env, "team", "New team"),
        "council": lambda: settings.save_council(env, settings.council(env)),
        "retention": lambda: retention.anonymise(env, [case.reference]),
        "legal hold": lambda: retention.set_legal_hold(env, case.reference, True, "claim"),
        "subject access": lambda: subject_access.find_people(env, "Ada"),
        "import": lambda: caselog.import_file(env, tmp_path / "log.csv"),
        "letter": lambda: letters.log_letter(env, case.reference, "acknowledgement"),
        "commentary": lambda: annual_report.set_commentary(env, 2026, "A good year"),
        "audit view": lambda: audit_view.search(env),
        "users": lambda: access.add_user(env, "someone", "", "viewer"),
        "restrict": lambda: access.set_restricted(env, case.reference, True, []),
    }


VIEWER_REFUSED = [
    "create", "edit", "note", "acknowledge", "respond", "extend", "contact", "vocabulary",
    "council", "retention", "legal hold", "subject access", "import", "letter", "commentary",
    "audit view", "users", "restrict",
]  # fmt: skip


@pytest.mark.parametrize("what", VIEWER_REFUSED)
def test_a_viewer_may_not_write_anything(env: Env, tmp_path: Path, what: str) -> None:
    case = new_case(env)
    access.add_user(env, "reader", "Rea Der", "viewer")
    reader = as_user(env, "reader")
    with env.uow() as s:
        before = len(s.exec(select(AuditEntry)).all())
    with pytest.raises(NotAllowed, match=r"Your role \(viewer\) may not"):
        _writes(reader, case, tmp_path)[what]()
    with env.uow() as s:
        assert len(s.exec(select(AuditEntry)).all()) == before
    assert svc.get(env, case.reference).version == case.version


@pytest.mark.parametrize("what", ["extend", "retention", "audit view", "vocabulary", "users"])
def test_an_officer_may_not_do_a_managers_or_administrators_work(
    env: Env, tmp_path: Path, what: str
) -> None:
    case = new_case(env)
    access.add_user(env, "off", "", "officer")
    with pytest.raises(NotAllowed, match=r"Your role \(officer\)"):
        _writes(as_user(env, "off"), case, tmp_path)[what]()
    assert svc.acknowledge(as_user(env, "off"), case, date(2026, 11, 3)).version > case.version


@pytest.fixture
def restricted(env: Env) -> tuple[Case, Case]:
    access.add_user(env, "named", "Named Person", "officer")
    access.add_user(env, "other", "Other Person", "officer")
    secret, plain = new_case(env, "Secret Family"), new_case(env, "Plain Case")
    assert access.set_restricted(env, secret.reference, True, ["named"]) == ["named", "officer.one"]
    return secret, plain


def _found(env: Env) -> set[str]:
    return {r.reference for r in queries.search_cases(env, SearchCriteria()).rows}


def test_a_restricted_case_is_hidden_from_those_not_named(
    env: Env, restricted: tuple[Case, Case], tmp_path: Path
) -> None:
    secret, plain = restricted
    other = as_user(env, "other")
    assert _found(other) == {plain.reference}
    assert not {i.reference for i in queries.work_queue(other)} & {secret.reference}
    assert secret.reference in {i.reference for i in queries.work_queue(env)}
    assert queries.search_cases(other, SearchCriteria(text="Secret")).total == 0
    svc.refer_ombudsman(env, svc.get(env, secret.reference), "26 001 234", date(2026, 11, 20))
    assert [r.reference for r in queries.ombudsman_list(env)] == [secret.reference]
    assert queries.ombudsman_list(other) == []
    with pytest.raises(NotAllowed, match="restricted; ask a manager"):
        svc.get(other, secret.reference)
    assert access.hidden_count(other) == 1
    out = tmp_path / "export.csv"
    assert caselog.export_file(other, out) == 1
    assert "Secret Family" not in out.read_text(encoding="utf-8-sig")
    assert caselog.export_file(as_user(env, "named"), out) == 2


def test_those_named_see_it_and_each_view_is_audited(
    env: Env, restricted: tuple[Case, Case]
) -> None:
    secret, plain = restricted
    named = as_user(env, "NAMED")
    assert _found(named) == {secret.reference, plain.reference}
    svc.get(named, secret.reference)
    svc.get(named, plain.reference)  # unrestricted: no view entry
    with env.uow() as s:
        views = [(e.user, e.reference) for e in s.exec(select(AuditEntry)) if e.action == "view"]
    assert views == [("NAMED", secret.reference)]
    assert access.access_list(env, secret.reference) == (True, ["named", "officer.one"])


def test_opening_up_a_restricted_case_shows_it_to_everyone(
    env: Env, restricted: tuple[Case, Case]
) -> None:
    secret, _ = restricted
    with pytest.raises(NotAllowed, match="restrict access"):
        access.set_restricted(as_user(env, "named"), secret.reference, False, [])
    access.set_restricted(env, secret.reference, False, [])
    assert secret.reference in _found(as_user(env, "other"))
    assert access.access_list(env, secret.reference) == (False, [])


def test_a_restricted_case_naming_nobody_is_seen_by_administrators_only(env: Env) -> None:
    case = new_case(env)
    with env.uow() as s:
        from complaints_desktop.storage import users

        users.set_access(s, case.id or 0, True, [])
    access.add_user(env, "other", "", "manager")
    assert case.reference in _found(env)
    assert case.reference not in _found(as_user(env, "other"))


def test_server_roles(env: Env, db_url: str) -> None:
    """On SQLite the file is the boundary; on PostgreSQL a cd_viewer login cannot insert."""
    if not db_url.startswith("postgresql"):
        assert access.storage_enforces_roles(env) is False
        assert access.boundary(env) == SQLITE_BOUNDARY
        return
    import psycopg
    from sqlalchemy.engine import make_url

    assert access.storage_enforces_roles(env) is True
    owner = make_url(db_url).set(drivername="postgresql")
    script = (ROOT / "packaging" / "postgres_roles.sql").read_text(encoding="utf-8")
    login = f"cd_test_login_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(owner.render_as_string(hide_password=False), autocommit=True) as conn:
        conn.execute(script)
        conn.execute(f"CREATE ROLE {login} LOGIN PASSWORD 'pw' IN ROLE cd_viewer")
    try:
        url = owner.set(username=login, password="pw").render_as_string(hide_password=False)
        with psycopg.connect(url) as conn:
            assert conn.execute("SELECT count(*) FROM complaint").fetchone() == (0,)
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute("INSERT INTO closure_day (day, note) VALUES ('2026-12-24', 'x')")
    finally:
        with psycopg.connect(owner.render_as_string(hide_password=False), autocommit=True) as c:
            c.execute(f"DROP ROLE {login}")
