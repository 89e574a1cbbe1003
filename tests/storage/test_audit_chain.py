"""The audit chain under concurrency, and who the application says is acting.

Several connections save at once (threads, each with its own engine): the chain never
forks, on SQLite and on PostgreSQL (the server's ``cd_audit_append`` under an advisory
lock). The identity comes from the operating system or the server login, never from an
environment variable.
"""

from __future__ import annotations

import threading

import pytest
from sqlmodel import select

from complaints_desktop.config import current_user
from complaints_desktop.services.database import identity, open_database
from complaints_desktop.storage import audit
from complaints_desktop.storage.engine import make_engine, unit_of_work
from complaints_desktop.storage.tables import AuditEntry

WRITERS, EACH = 6, 8


def test_several_connections_appending_at_once_never_fork_the_chain(db_url: str) -> None:
    open_database(db_url, user="setup").engine.dispose()
    failures: list[BaseException] = []
    start = threading.Barrier(WRITERS)

    def write(n: int) -> None:
        engine = make_engine(db_url)
        try:
            start.wait()
            for i in range(EACH):
                with unit_of_work(engine) as session:
                    audit.record(
                        session,
                        user=f"officer{n}",
                        action="note",
                        entity="test",
                        reference=f"W{n}-{i}",
                    )
        except BaseException as error:  # collected, asserted below
            failures.append(error)
        finally:
            engine.dispose()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    engine = make_engine(db_url)
    try:
        with unit_of_work(engine) as session:
            assert audit.verify(session) == []
            rows = session.exec(select(AuditEntry).where(AuditEntry.entity == "test")).all()
            links = [e.prev_hash for e in session.exec(select(AuditEntry)).all()]
        assert len(rows) == WRITERS * EACH
        assert len(links) == len(set(links))  # no two entries follow the same one: no fork
    finally:
        engine.dispose()


@pytest.mark.parametrize("variable", ["USER", "USERNAME", "LOGNAME", "LNAME"])
def test_the_account_cannot_be_chosen_by_an_environment_variable(
    monkeypatch: pytest.MonkeyPatch, variable: str
) -> None:
    real = current_user()
    monkeypatch.setenv(variable, "manager1")
    assert current_user() == real != "manager1"


def test_on_a_server_the_identity_is_the_login(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("USER", "manager1")
    engine = make_engine(db_url)
    try:
        expected = engine.url.username if engine.dialect.name == "postgresql" else current_user()
        assert identity(engine) == expected
    finally:
        engine.dispose()
