"""Files private by default, sealed backups, and no personal data in any message or log.

On POSIX every file the application writes (database, its -wal/-shm, backups, letters,
exports, reports) is its user's only (0600) and new folders 0700. A case with marker
names goes through import, export, letters, backups, refused and failing commands; not
one message, printed line or log record carries a marker.
"""

from __future__ import annotations

import csv
import logging
import os
import sqlite3
import stat
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from complaints_desktop import cli
from complaints_desktop.config import current_user
from complaints_desktop.domain.model import Case, Child, Person
from complaints_desktop.services import cases, logs, settings
from complaints_desktop.services.database import open_database
from complaints_desktop.storage.engine import make_engine

pytestmark = pytest.mark.sqlite_only

ME = current_user()
MARKERS = ("Zqxmarkera", "Zqxmarkerb", "Zqxmarkerc", "zqx.marker@example.org", "07000 900999")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "data" / "complaints.sqlite3"
    env = open_database(str(path), user=ME, today=lambda: date(2026, 3, 2))
    settings.save_council(
        env, settings.CouncilDetails(name="Test Council", address="1 Hall", signatory="A B")
    )
    cases.create(
        env,
        Case(
            procedure="statutory",
            received=date(2026, 2, 2),
            summary=f"about {MARKERS[0]}",
            complainant=Person(
                name=f"{MARKERS[0]} {MARKERS[1]}",
                address=f"9 {MARKERS[2]} Road",
                email=MARKERS[3],
                phone=MARKERS[4],
            ),
            child=Child(name=f"{MARKERS[1]} Junior"),
        ),
    )
    env.engine.dispose()
    return path


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out + err


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_every_file_written_is_its_users_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "new" / "place"
    database = folder / "complaints.sqlite3"
    env = open_database(str(database), user=ME, today=lambda: date(2026, 3, 2))
    cases.create(
        env, Case(procedure="statutory", received=date(2026, 2, 2), complainant=Person("A"))
    )
    assert _mode(folder) == 0o700
    assert _mode(database) == 0o600
    wal = database.with_name(database.name + "-wal")
    assert wal.exists()
    assert _mode(wal) == 0o600
    env.engine.dispose()
    out = tmp_path / "out"
    out.mkdir()
    for args in (
        ["backup"],
        ["backup", str(out / "copy.sqlite3")],
        ["export", str(out / "cases.csv")],
        ["export", str(out / "cases.xlsx")],
        ["report", "--year", "2025", "--json", str(out / "s.json"), "--pdf", str(out / "r.pdf")],
    ):
        code, said = _run(capsys, "--db", str(database), *args)
        assert code == 0, said
    backups = folder / "backups"
    assert _mode(backups) == 0o700
    written = [*backups.iterdir(), *out.iterdir()]
    assert len(written) >= 6
    assert {p.name: _mode(p) for p in written} == {p.name: 0o600 for p in written}


def test_a_sealed_backup_needs_its_passphrase(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    typed = iter(["correct horse battery", "correct horse battery"])
    monkeypatch.setattr("getpass.getpass", lambda _prompt: next(typed))
    sealed = tmp_path / "sealed.sqlite3.sealed"
    code, said = _run(capsys, "--db", str(db), "backup", "--encrypt", str(sealed))
    assert code == 0, said
    content = sealed.read_bytes()
    assert b"SQLite format 3" not in content
    assert not any(m.encode() in content for m in MARKERS)
    assert [p.name for p in tmp_path.iterdir() if "unsealed" in p.name] == []
    monkeypatch.setattr("getpass.getpass", lambda _prompt: "wrong passphrase!")
    code, said = _run(capsys, "--db", str(db), "restore", str(sealed))
    assert code == 1
    assert "passphrase is wrong" in said
    monkeypatch.setattr("getpass.getpass", lambda _prompt: "correct horse battery")
    code, said = _run(capsys, "--db", str(db), "restore", str(sealed))
    assert code == 0, said
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("SELECT name FROM person").fetchall() == [
            (f"{MARKERS[0]} {MARKERS[1]}",)
        ]
    finally:
        conn.close()
    assert [p.name for p in db.parent.iterdir() if "unsealed" in p.name] == []


def test_no_personal_value_in_any_message_or_log(
    db: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    caplog.set_level(logging.DEBUG)
    said: list[str] = []
    exported = tmp_path / "cases.csv"
    other = tmp_path / "other.sqlite3"
    open_database(str(other), user=ME).engine.dispose()
    said.append(_run(capsys, "--db", str(db), "export", str(exported))[1])
    said.append(_run(capsys, "--db", str(other), "import", str(exported), "--create-missing")[1])
    said.append(_run(capsys, "--db", str(other), "import", str(exported))[1])  # already there
    # The same file, broken in every other column: the problems name rows and columns.
    with exported.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for column in rows[0]:
        if not any(m in rows[0][column] for m in MARKERS):
            rows[0][column] = "31/02/20x6" if column != "reference" else rows[0][column]
    broken = tmp_path / "broken.csv"
    with broken.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    code, text_ = _run(capsys, "--db", str(tmp_path / "third.sqlite3"), "import", str(broken))
    assert code == 2
    said.append(text_)
    reference = rows[0]["reference"]
    for args in (
        ["letter", reference, "acknowledgement", "--out", str(tmp_path / "l.pdf")],
        ["letter", reference, "no-such-letter", "--out", str(tmp_path / "m.pdf")],
        ["backup"],
        ["check"],
    ):
        said.append(_run(capsys, "--db", str(db), *args)[1])
    # A database error carrying the values as parameters, shown and logged.
    engine = make_engine(f"sqlite:///{db}")
    try:
        with engine.begin() as connection:
            connection.execute(
                text("INSERT INTO person (id, name, address) VALUES (1, :n, :a)"),
                {"n": MARKERS[0], "a": MARKERS[2]},
            )
    except DBAPIError as error:
        said.append(str(error))
        logging.getLogger("test").exception("a database error")
        failure = error
    finally:
        engine.dispose()
    from complaints_desktop.services import caselog

    def fail(*_a: object, **_k: object) -> int:
        raise failure

    monkeypatch.setattr(caselog, "export_file", fail)
    code, text_ = _run(capsys, "--db", str(db), "export", str(tmp_path / "x.csv"))
    assert code == 1
    assert "unexpected error" in text_
    said.append(text_)
    said.append(_run(capsys, "--db", str(db), "--debug", "export", str(tmp_path / "y.csv"))[1])
    formatter = logs.SafeFormatter()
    logged = [formatter.format(r) for r in caplog.records]
    everything = "\n".join(said + logged)
    assert "Imported 1 new" in everything  # the commands did run
    for marker in MARKERS:
        assert marker not in everything, marker
    assert "Failing row" not in logs.scrub("x\nDETAIL:  Failing row contains (Zqx, Road).\n")
