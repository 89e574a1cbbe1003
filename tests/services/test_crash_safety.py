"""A process killed (kill -9) in the middle of a write leaves all or none of that write."""

from __future__ import annotations

import contextlib
import csv
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from complaints_desktop import cli
from complaints_desktop.services import safety
from complaints_desktop.services.database import open_database
from complaints_desktop.storage import backup as store

pytestmark = [
    pytest.mark.sqlite_only,
    pytest.mark.skipif(os.name == "nt", reason="kill -9 is a POSIX signal"),
]

BATCH = 40
WRITER = """
import sys
from datetime import date
from complaints_desktop.domain.model import Case, Person, Stage
from complaints_desktop.services import cases, many_cases
from complaints_desktop.services.database import open_database

env = open_database(sys.argv[1], user="writer", today=lambda: date(2026, 3, 2))
n = 0
while True:
    n += 1
    batch = [
        Case(procedure="statutory", received=date(2026, 2, 2), summary="bulk",
             complainant=Person(name=f"Bulk {n}-{i}"), stages=[Stage(1, start=date(2026, 2, 2))])
        for i in range({batch})
    ]
    many_cases.store_many(env, batch)
    cases.create(env, Case(procedure="corporate", received=date(2026, 2, 3), summary="single",
                           complainant=Person(name=f"Single {n}")))
    if n == 1:
        print("ready", flush=True)  # writing steadily: from now on any moment is mid-write
""".replace("{batch}", str(BATCH))


def counts(db: Path) -> dict[str, int]:
    conn = sqlite3.connect(db)
    try:
        one = lambda sql: int(conn.execute(sql).fetchone()[0] or 0)  # noqa: E731
        return {
            "bulk cases": one("SELECT count(*) FROM complaint WHERE summary = 'bulk'"),
            "bulk audited": one(
                "SELECT sum(json_extract(changes, '$.count')) FROM audit "
                "WHERE action = 'bulk create'"
            ),
            "single cases": one("SELECT count(*) FROM complaint WHERE summary = 'single'"),
            "single audited": one("SELECT count(*) FROM audit WHERE action = 'create'"),
            "cases": one("SELECT count(*) FROM complaint"),
            "stages": one("SELECT count(*) FROM stage"),
            "people": one("SELECT count(*) FROM person"),
        }
    finally:
        conn.close()


def assert_sound(db: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, int]:
    """``complaints-desktop check`` passes and every transaction is whole."""
    capsys.readouterr()
    assert cli.main(["--db", str(db), "check"]) == 0, capsys.readouterr().err
    out = capsys.readouterr().out
    assert "no problems" in out
    assert "Audit trail: every entry matches its record." in out
    found = counts(db)
    assert found["bulk cases"] == found["bulk audited"], found
    assert found["bulk cases"] % BATCH == 0, found
    assert found["single cases"] == found["single audited"], found
    assert found["stages"] == found["cases"] == found["people"], found
    return found


@pytest.mark.slow
def test_killing_a_writer_at_random_moments_never_leaves_half_a_write(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "complaints.sqlite3"
    open_database(str(db), user="writer", today=lambda: date(2026, 3, 2)).engine.dispose()
    seed = random.randrange(1_000_000)
    rng = random.Random(seed)
    totals = []
    for _ in range(4):
        child = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(db)], stdout=subprocess.PIPE, text=True
        )
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.1, 0.7))
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
        child.stdout.close()
        assert child.returncode == -signal.SIGKILL
        totals.append(assert_sound(db, capsys)["cases"])
    assert totals[-1] > totals[0] > 0, f"seed {seed}: the writer never got going"


def _indexes(db: Path) -> list[tuple[str, str]]:
    conn = sqlite3.connect(db)
    try:
        found = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY 1")
        return [(str(name), str(sql)) for name, sql in found]
    finally:
        conn.close()


def big_case_log(path: Path, rows: int) -> Path:
    """A case log of ``rows`` statutory complaints (the columns that matter here)."""
    with path.open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["reference", "procedure", "received", "channel", "s1_start"])
        for i in range(rows):
            received = date(2024, 1 + i % 12, 1 + i % 28).isoformat()
            out.writerow([f"IMP/{i:06d}", "statutory", received, "email", received])
    return path


@pytest.mark.slow
def test_killing_an_import_of_60000_rows_while_it_writes_leaves_none_of_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "complaints.sqlite3"
    open_database(str(db), today=lambda: date(2026, 3, 2)).engine.dispose()
    log = big_case_log(tmp_path / "cases.csv", 60_000)
    before = assert_sound(db, capsys)
    indexes = _indexes(db)
    assert any(name == "ix_complaint_received" for name, _ in indexes)
    wal = store.sidecars(db)[0]
    command = [sys.executable, "-m", "complaints_desktop", "--db", str(db)]
    errors = tmp_path / "stderr.txt"
    with errors.open("w") as err:
        child = subprocess.Popen(
            [*command, "import", str(log)],
            stdout=subprocess.DEVNULL,
            stderr=err,
        )
        started = time.monotonic()
        while child.poll() is None and time.monotonic() < started + 60:
            with contextlib.suppress(FileNotFoundError):
                if wal.stat().st_size > 1_000_000:  # the import is writing its rows
                    break
            time.sleep(0.005)
        waited = time.monotonic() - started
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
    assert child.returncode == -signal.SIGKILL, (
        "the import ended before it could be killed: " + errors.read_text()
    )
    assert wal.stat().st_size > 1_000_000, f"killed after {waited:.1f} s, before it wrote"

    after = assert_sound(db, capsys)
    assert after["cases"] == before["cases"] == 0
    assert _indexes(db) == indexes  # the import builds them after its rows: the drop undone
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM audit WHERE action = 'import'").fetchone()[0] == 0
    conn.close()
    problems, _ = safety.check(open_database(str(db), today=lambda: date(2026, 3, 2)))
    assert problems == []
