"""Evidence that holds: 23 direct edits of the SQLite file, each noticed by ``check``.

Each tamper is made with Python's own ``sqlite3`` on a copy of one database written
through the application (cases with a child, notes, a letter, a restricted case, users,
settings); the copy carries the same "last entry written" mark the original has, as the
same file would. ``check`` must report a problem for every one, and none for the copy
left alone. What ``check`` cannot notice is in README ("What the audit trail proves").
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from complaints_desktop.domain.model import Case, Child, Person
from complaints_desktop.services import access, letters, safety
from complaints_desktop.services import cases as svc
from complaints_desktop.services.database import open_database
from complaints_desktop.services.env import Env
from complaints_desktop.storage import audit_anchor

pytestmark = pytest.mark.sqlite_only
TODAY = date(2026, 11, 24)

Tamper = Callable[[sqlite3.Connection], None]


def _sql(*statements: str) -> Tamper:
    def run(conn: sqlite3.Connection) -> None:
        for statement in statements:
            conn.execute(statement)

    return run


def _rechain_without_key(conn: sqlite3.Connection) -> None:
    """Recompute every seal as someone without the key would: plain SHA-256."""
    prev = ""
    rows = conn.execute(
        'SELECT id, at, "user", action, entity, entity_id, reference, changes, state '
        "FROM audit ORDER BY id"
    ).fetchall()
    for row in rows:
        fields = [prev, str(row[1])[:19].replace(" ", "T"), *map(str, row[2:5])]
        fields += ["" if row[5] is None else str(row[5]), *map(str, row[6:])]
        seal = hashlib.sha256("".join(f"{len(f)}:{f}" for f in fields).encode()).hexdigest()
        conn.execute("UPDATE audit SET prev_hash = ?, hash = ? WHERE id = ?", (prev, seal, row[0]))
        prev = seal


def _rename_and_rechain(conn: sqlite3.Connection) -> None:
    conn.execute("UPDATE audit SET \"user\" = 'manager1' WHERE id = 2")
    _rechain_without_key(conn)


def _swap_two_entries(conn: sqlite3.Connection) -> None:
    columns = '"user", action, entity, entity_id, reference, changes, state, prev_hash, hash'
    a, b = conn.execute(f"SELECT {columns} FROM audit WHERE id IN (2, 3) ORDER BY id").fetchall()
    sets = ", ".join(f"{c.strip()} = ?" for c in columns.split(","))
    conn.execute(f"UPDATE audit SET {sets} WHERE id = 2", b)
    conn.execute(f"UPDATE audit SET {sets} WHERE id = 3", a)


def _forge_an_entry(conn: sqlite3.Connection) -> None:
    """Append an entry in a manager's name, chained to the head with a guessed seal."""
    head = conn.execute("SELECT hash FROM audit ORDER BY id DESC LIMIT 1").fetchone()[0]
    seal = hashlib.sha256((head + "forged").encode()).hexdigest()
    conn.execute(
        'INSERT INTO audit (at, "user", action, entity, entity_id, reference, changes, '
        "state, prev_hash, hash) VALUES ('2026-11-24 10:00:00.000000', 'manager1', "
        f"'unrestrict', 'complaint', 2, 'CSC/26/0002', '{{}}', '', '{head}', '{seal}')"
    )


TAMPERS: dict[str, Tamper] = {
    "rename a complainant": _sql("UPDATE person SET name = 'Someone Else' WHERE id = 1"),
    "change a complainant's address": _sql("UPDATE person SET address = '1 New Road'"),
    "rename a child": _sql("UPDATE child SET name = 'Other Child'"),
    "edit a case's summary": _sql("UPDATE complaint SET summary = 'nothing' WHERE id = 1"),
    "move a case's received date": _sql("UPDATE complaint SET received = '2026-01-01'"),
    "change a case's procedure": _sql("UPDATE complaint SET procedure = 'corporate'"),
    "lift a restriction": _sql("UPDATE complaint SET restricted = 0 WHERE id = 2"),
    "name oneself on a restricted case": _sql(
        "INSERT INTO case_access (complaint_id, account) VALUES (2, 'officer2')"
    ),
    "delete a note": _sql("DELETE FROM note WHERE id = 1"),
    "alter a note": _sql("UPDATE note SET text = 'rewritten'"),
    "add a note": _sql(
        "INSERT INTO note (complaint_id, at, by_user, text) "
        "VALUES (1, '2026-11-20 09:00:00.000000', 'admin', 'backdated')"
    ),
    "delete a letter": _sql("DELETE FROM letter"),
    "delete a whole case": _sql(  # with its rows, as the schema's cascades do
        "PRAGMA foreign_keys = ON", "DELETE FROM complaint WHERE id = 1"
    ),
    "insert a case": _sql(
        "INSERT INTO complaint (reference, procedure, received, channel, relationship, "
        "summary, on_behalf_consent, eligibility_note, late_accepted_reason, "
        "advocacy_decision, advocacy_provider, advocate_name, age_band, gender, ethnicity, "
        "disability, sexual_orientation, refusal_reason, signposting, restricted, "
        "legal_hold, anonymised, status, stage, next_due_what, created_at, updated_at, "
        "version, search_text) VALUES ('CSC/26/0099', 'statutory', '2026-11-01', '', '', "
        "'', '', '', '', '', '', '', '', '', '', '', '', '', '', 0, 0, 0, 'open', 1, '', "
        "'2026-11-01 00:00:00.000000', '2026-11-01 00:00:00.000000', 1, '')"
    ),
    "make a user an administrator": _sql(
        "UPDATE user_account SET role = 'administrator' WHERE account = 'officer2'"
    ),
    "add a user": _sql(
        "INSERT INTO user_account (account, display_name, role, active) "
        "VALUES ('intruder', '', 'administrator', 1)"
    ),
    "change the council's details": _sql(
        "UPDATE setting SET value = '{\"name\": \"Elsewhere\"}' WHERE key = 'council'"
    ),
    "delete an audit entry in the middle": _sql("DELETE FROM audit WHERE id = 3"),
    "delete the last audit entry": _sql("DELETE FROM audit WHERE id = (SELECT max(id) FROM audit)"),
    "alter an audit entry's values": _sql(
        'UPDATE audit SET changes = \'{"note": "nothing"}\' WHERE id = 2'
    ),
    "swap two audit entries": _swap_two_entries,
    "alter an entry and recompute the chain without the key": _rename_and_rechain,
    "append a forged entry": _forge_an_entry,
}


@pytest.fixture(scope="module")
def original(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One database written through the application, closed."""
    path = tmp_path_factory.mktemp("tamper") / "complaints.sqlite3"
    env = open_database(str(path), user="admin", today=lambda: TODAY)
    try:
        _fill(env)
    finally:
        env.engine.dispose()
    return path


def _fill(env: Env) -> None:
    access.add_user(env, "officer2", "Officer Two", "officer")
    access.add_user(env, "manager1", "Manager One", "manager")
    first = svc.create(
        env,
        Case(
            procedure="statutory",
            received=date(2026, 11, 2),
            summary="about the placement",
            complainant=Person(name="Ada Jones", address="9 Secret Road"),
            child=Child(name="Ben Jones"),
        ),
    )
    svc.add_note(env, first, "rang the complainant")
    letters.log_letter(env, first.reference, "acknowledgement")
    second = svc.create(
        env,
        Case(procedure="statutory", received=date(2026, 11, 3), complainant=Person(name="Cy")),
    )
    access.set_restricted(env, second.reference, True, ["manager1"])
    from complaints_desktop.services import settings

    settings.save_council(env, settings.CouncilDetails(name="Test Council", address="1 Hall"))


def _copy(original: Path, where: Path) -> Path:
    where.mkdir()
    copy = where / original.name
    shutil.copy(original, copy)
    mark = audit_anchor.kept(original)
    assert mark is not None
    audit_anchor.keep(copy, *mark, move_back=True)
    return copy


def _check(path: Path) -> list[str]:
    env = safety.open_unmigrated(str(path), user="admin", today=lambda: TODAY)
    try:
        return safety.check(env)[0]
    finally:
        env.engine.dispose()


def test_the_untouched_copy_checks_clean(original: Path, tmp_path: Path) -> None:
    assert _check(_copy(original, tmp_path / "clean")) == []


@pytest.mark.parametrize("name", list(TAMPERS))
def test_every_direct_edit_of_the_file_is_noticed(
    original: Path, tmp_path: Path, name: str
) -> None:
    copy = _copy(original, tmp_path / "copy")
    conn = sqlite3.connect(copy)
    try:
        before = conn.total_changes
        TAMPERS[name](conn)
        assert conn.total_changes > before  # the tamper did change the file
        conn.commit()
    finally:
        conn.close()
    problems = _check(copy)
    assert problems, f"not noticed: {name}"
    assert all("Ada" not in p and "Secret" not in p for p in problems)


def test_twenty_three_tampers_are_tried() -> None:
    assert len(TAMPERS) == 23
    json.dumps(list(TAMPERS))
