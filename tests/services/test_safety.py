"""Backups, restore, check, safe opening and the start-up check, as a person meets them."""

from __future__ import annotations

import contextlib
import hashlib
import shutil
import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from complaints_desktop import files
from complaints_desktop.config import backup_dir
from complaints_desktop.domain.errors import KnownError, NotAllowed
from complaints_desktop.domain.model import Case, Person
from complaints_desktop.services import access, cases, safety
from complaints_desktop.services.database import open_database
from complaints_desktop.services.env import Env
from complaints_desktop.storage import audit_key, settings_store
from complaints_desktop.storage import backup as store
from complaints_desktop.storage import migrate as migrate_module
from complaints_desktop.storage.engine import make_engine
from tests.fixtures.db.make import FIXTURE_KEY

pytestmark = pytest.mark.sqlite_only

TODAY = date(2026, 3, 2)
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "db"


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def add_case(env: Env, name: str) -> str:
    case = cases.create(
        env, Case(procedure="statutory", received=date(2026, 2, 2), complainant=Person(name=name))
    )
    return case.reference


def names(path: Path) -> list[str]:
    """Complainants' names in the database file ``path`` (read directly, no migration)."""
    conn = sqlite3.connect(path)
    try:
        return sorted(r[0] for r in conn.execute("SELECT name FROM person"))
    finally:
        conn.close()


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated database with one case, made once and copied for each test."""
    path = tmp_path_factory.mktemp("template") / "complaints.sqlite3"
    made = safety.open_database_safely(str(path), user="admin", today=lambda: TODAY)
    add_case(made, "Ann Example")
    made.engine.dispose()
    return path


@pytest.fixture
def db(tmp_path: Path, template: Path) -> Path:
    path = tmp_path / "data" / "complaints.sqlite3"
    path.parent.mkdir()
    shutil.copy(template, path)
    return path


@pytest.fixture
def env(db: Path) -> Iterator[Env]:
    opened = safety.open_database_safely(str(db), user="admin", today=lambda: TODAY)
    yield opened
    opened.engine.dispose()


def reopen(db: Path) -> Env:
    return open_database(str(db), user="admin", today=lambda: TODAY)


# -- backup ---------------------------------------------------------------------------


def test_backup_goes_to_the_backup_folder_and_holds_the_data(env: Env, db: Path) -> None:
    path = safety.backup(env, None)
    assert path.parent == backup_dir(db)
    assert path.name.startswith("complaints-2026-03-02-")
    assert path.name.endswith("-manual.sqlite3")
    assert names(path) == ["Ann Example"]


def test_backups_beyond_the_setting_are_rotated_away(env: Env, db: Path) -> None:
    with env.uow() as session:
        settings_store.put(session, safety.copies.KEEP_SETTING, 3)
    made = [safety.backup(env, None) for _ in range(5)]
    kept = [b.path for b in store.list_backups(backup_dir(db), db)]
    assert kept == made[:1:-1]


def test_backup_to_a_folder_or_new_file_but_never_over_an_existing_file(
    env: Env, tmp_path: Path
) -> None:
    folder = tmp_path / "usb"
    folder.mkdir()
    into_folder = safety.backup(env, folder)
    assert into_folder.parent == folder
    named = safety.backup(env, tmp_path / "nightly.sqlite3")
    assert named == tmp_path / "nightly.sqlite3"
    before = sha(named)
    with pytest.raises(KnownError, match="already exists"):
        safety.backup(env, named)
    assert sha(named) == before


def test_daily_backup_once_a_day(db: Path, env: Env) -> None:
    first = safety.daily_backup(env)
    assert first is not None
    assert first.name.endswith("-daily.sqlite3")
    assert safety.daily_backup(env) is None
    tomorrow = Env(engine=env.engine, user="admin", today=lambda: date(2026, 3, 3))
    second = safety.daily_backup(tomorrow)
    assert second is not None
    assert "2026-03-03" in second.name


def test_postgresql_backup_and_restore_say_the_server_does_it(tmp_path: Path) -> None:
    pg = Env(engine=make_engine("postgresql+psycopg://user@localhost:1/complaints"))
    with pytest.raises(KnownError, match="pg_dump"):
        safety.backup(pg, None)
    with pytest.raises(KnownError, match="made no copy and changed nothing"):
        safety.restore(pg, tmp_path / "x.sqlite3")
    assert safety.daily_backup(pg) is None


# -- restore --------------------------------------------------------------------------


def test_restore_puts_the_backup_back_and_keeps_the_database_as_it_was(env: Env, db: Path) -> None:
    saved = safety.backup(env, None)
    add_case(env, "Bob Later")
    kept = safety.restore(env, saved)
    assert names(db) == ["Ann Example"]
    assert names(kept) == ["Ann Example", "Bob Later"]
    assert "-before-restore" in kept.name
    assert safety.check(reopen(db))[0] == []


@pytest.mark.parametrize(
    ("role", "active", "said"),
    [
        ("officer", True, "Your role (officer) may not restore a backup; ask an administrator."),
        ("viewer", True, "Your role (viewer) may not restore a backup; ask an administrator."),
        ("manager", True, "Your role (manager) may not restore a backup; ask an administrator."),
        ("administrator", False, "Your role (viewer) may not restore a backup"),
    ],
    ids=["officer", "viewer", "manager", "deactivated-administrator"],
)
def test_restore_is_refused_to_anyone_but_an_administrator_and_nothing_changes(
    env: Env, db: Path, role: str, active: bool, said: str
) -> None:
    saved = safety.backup(env, None)
    add_case(env, "Bob Later")
    access.add_user(env, "olive", "Olive Officer", role)
    if not active:
        access.add_user(env, "second.admin", "", "administrator")
        access.set_active(env, "olive", False)
    env.engine.dispose()
    before, folder = sha(db), sorted(backup_dir(db).iterdir())
    someone = Env(engine=env.engine, user="olive", today=lambda: TODAY)
    with pytest.raises(NotAllowed) as refused:
        safety.restore(someone, saved)
    assert str(refused.value).startswith(said)
    assert str(refused.value).endswith("Nothing was changed.")
    assert sha(db) == before
    assert sorted(backup_dir(db).iterdir()) == folder  # not even a before-restore copy
    assert sorted(p.name for p in db.parent.iterdir()) == ["backups", "complaints.sqlite3"]
    assert names(db) == ["Ann Example", "Bob Later"]


def test_restore_is_refused_to_an_account_the_database_does_not_know(env: Env, db: Path) -> None:
    saved = safety.backup(env, None)
    env.engine.dispose()
    before = sha(db)
    stranger = Env(engine=env.engine, user="stranger", today=lambda: TODAY)
    with pytest.raises(NotAllowed, match=r"\(stranger has not been added as a user"):
        safety.restore(stranger, saved)
    assert sha(db) == before


def test_an_administrator_account_matches_without_case(env: Env, db: Path) -> None:
    saved = safety.backup(env, None)
    add_case(env, "Bob Later")
    safety.restore(Env(engine=env.engine, user="ADMIN", today=lambda: TODAY), saved)
    assert names(db) == ["Ann Example"]


def test_a_damaged_database_can_be_restored_by_whoever_has_the_file(env: Env, db: Path) -> None:
    # The roles cannot be read from a damaged file: as for any SQLite file, access to the
    # file is the boundary, and the damaged file is kept (the start-up screen's way out).
    saved = safety.backup(env, None)
    env.engine.dispose()
    db.write_bytes(b"garbage" * 1000)
    kept = safety.restore(Env(engine=env.engine, user="stranger", today=lambda: TODAY), saved)
    assert kept.read_bytes() == b"garbage" * 1000
    assert names(db) == ["Ann Example"]


def test_a_database_with_no_users_yet_is_restored_by_its_first_user(tmp_path: Path) -> None:
    db = tmp_path / "complaints.sqlite3"
    shutil.copy(FIXTURES / "schema_0001.sqlite3", db)  # from before accounts existed
    offered = Path(shutil.copy(FIXTURES / "schema_0001.sqlite3", tmp_path / "offered.sqlite3"))
    holder = safety.open_unmigrated(str(db), user="anyone", today=lambda: TODAY)
    assert safety.restore(holder, offered).name.endswith("-before-restore.sqlite3")


def newer(path: Path) -> Path:
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = 'ffff'")
    conn.commit()
    conn.close()
    return path


def not_ours(path: Path) -> Path:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.commit()
    conn.close()
    return path


@pytest.mark.parametrize(
    ("make", "said"),
    [
        (lambda p: p, "there is no such file"),
        (lambda p: (p.write_bytes(b"hello" * 100), p)[1], "is not a SQLite database file"),
        (lambda p: (p.write_bytes(b""), p)[1], "is empty"),
        (lambda p: newer(shutil.copy(FIXTURES / "schema_0001.sqlite3", p)), "newer version"),
        (lambda p: not_ours(p), "not a complaints_desktop database"),
        (
            lambda p: (p.write_bytes((FIXTURES / "schema_0001.sqlite3").read_bytes()[:60000]), p)[
                1
            ],
            "cut short",
        ),
    ],
    ids=["missing", "garbage", "empty", "newer", "not-ours", "truncated"],
)
def test_a_bad_restore_file_is_refused_and_nothing_changes(
    env: Env,
    db: Path,
    tmp_path: Path,
    make,
    said: str,  # type: ignore[no-untyped-def]
) -> None:
    bad = make(tmp_path / "offered.sqlite3")
    env.engine.dispose()
    before = sha(db)
    with pytest.raises(KnownError, match=said) as refused:
        safety.restore(env, bad)
    assert "Nothing was changed." in str(refused.value)
    assert sha(db) == before
    assert not backup_dir(db).exists()
    assert sorted(p.name for p in db.parent.iterdir()) == ["complaints.sqlite3"]


def test_restore_reads_the_offered_file_without_touching_it(env: Env, tmp_path: Path) -> None:
    offered = tmp_path / "offered.sqlite3"
    writer = sqlite3.connect(Path(shutil.copy(FIXTURES / "schema_0001.sqlite3", offered)))
    writer.execute("PRAGMA journal_mode=WAL")
    writer.execute("PRAGMA wal_autocheckpoint=0")
    writer.execute("UPDATE person SET name = 'Only In The WAL' WHERE id = 1")
    writer.commit()
    main, wal = offered.read_bytes(), store.sidecars(offered)[0].read_bytes()
    shutil.copy(offered, tmp_path / "main-only.sqlite3")
    writer.close()  # the close checkpoints; put the offered file back as it was
    offered.write_bytes(main)
    store.sidecars(offered)[0].write_bytes(wal)
    store.sidecars(offered)[1].unlink(missing_ok=True)

    safety.restore(env, offered)

    assert "Only In The WAL" in names(env_path(env))  # the WAL's committed rows came too
    assert offered.read_bytes() == main
    assert store.sidecars(offered)[0].read_bytes() == wal
    plain = tmp_path / "main-only.sqlite3"
    before = sorted(p.name for p in tmp_path.iterdir())
    safety.restore(env, plain)
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # no -wal/-shm left behind


def env_path(env: Env) -> Path:
    database = env.engine.url.database
    assert database is not None
    return Path(database)


def test_restore_over_a_damaged_database_keeps_the_damaged_file(env: Env, db: Path) -> None:
    saved = safety.backup(env, None)
    env.engine.dispose()
    db.write_bytes(b"garbage" * 1000)
    kept = safety.restore(env, saved)
    assert kept.read_bytes() == b"garbage" * 1000
    assert names(db) == ["Ann Example"]


def test_restore_into_a_read_only_database_is_refused(env: Env, db: Path) -> None:
    saved = safety.backup(env, None)
    env.engine.dispose()
    db.chmod(0o444)
    try:
        with pytest.raises(KnownError, match="is read-only"):
            safety.restore(env, saved)
    finally:
        db.chmod(0o644)


def test_restore_when_the_database_is_missing(tmp_path: Path) -> None:
    source = tmp_path / "copy.sqlite3"
    shutil.copy(FIXTURES / "schema_0001.sqlite3", source)
    db = tmp_path / "new" / "complaints.sqlite3"
    db.parent.mkdir()
    kept = safety.restore(safety.open_unmigrated(str(db), today=lambda: TODAY), source)
    assert kept == backup_dir(db)
    with (
        contextlib.closing(sqlite3.connect(db)) as conn,
        conn,
    ):  # an older backup is upgraded as it is restored
        assert store.revision(conn) == migrate_module.head_revision()
    assert len(cases.get(reopen(db), "CSC/26/0001").stages) == 1


# -- check ----------------------------------------------------------------------------


def test_check_of_a_sound_database(env: Env) -> None:
    problems, notes = safety.check(env)
    assert problems == []
    assert any("no problems" in n for n in notes)
    assert any("Audit trail: every entry matches" in n for n in notes)


def test_check_finds_an_altered_audit_trail(env: Env, db: Path) -> None:
    conn = sqlite3.connect(db)
    conn.execute("UPDATE audit SET user = 'someone else' WHERE id = 1")
    conn.commit()
    conn.close()
    problems, _ = safety.check(env)
    assert problems == [
        "The audit trail has been altered outside the app: 1 entry does not match the "
        "record (entry number 1)."
    ]


def test_check_finds_a_deleted_audit_entry(env: Env, db: Path) -> None:
    add_case(env, "Bob Later")
    conn = sqlite3.connect(db)
    conn.execute("DELETE FROM audit WHERE id = 1")
    conn.commit()
    conn.close()
    problems, _ = safety.check(env)
    assert problems == [
        "The audit trail has been altered outside the app: 1 entry does not match the "
        "record (entry number 2).",
        # the entry gone was the first case's creation: a case the trail never recorded
        "1 complaint changed outside the app: the data no longer match the audit trail "
        "(CSC/26/0001).",
    ]


def test_check_finds_a_broken_link(env: Env, db: Path) -> None:
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA foreign_keys=OFF")
    conn.execute("UPDATE stage SET complaint_id = 999")
    conn.commit()
    conn.close()
    problems, _ = safety.check(env)
    assert "Table stage row 1 points to a missing row of complaint." in problems


def test_calendar_warning_when_bank_holidays_are_not_known_18_months_ahead() -> None:
    def count(region: str, year: int) -> int:
        return 8 if year <= 2027 else 3

    assert safety.calendar_warnings("england-and-wales", date(2026, 6, 30), count) == []
    warned = safety.calendar_warnings("england-and-wales", date(2026, 7, 1), count)
    assert len(warned) == 1
    assert warned[0].startswith("Bank holidays for 2028 are not fully known (3 found")


def test_the_real_calendar_is_known_18_months_ahead_in_every_region() -> None:
    for region in safety.integrity.USUAL_BANK_HOLIDAYS:
        assert safety.calendar_warnings(region, TODAY) == []


# -- opening safely -------------------------------------------------------------------


def fixture_copies(tmp_path: Path) -> list[Path]:
    found = sorted(FIXTURES.glob("schema_*.sqlite3"))
    assert found, "no fixture databases"
    return [Path(shutil.copy(f, tmp_path / f.name)) for f in found]


def test_a_database_from_each_schema_revision_opens_and_keeps_its_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the fixtures of sealed revisions were sealed with the fixtures' key (make.py there)
    monkeypatch.setitem(audit_key._cached, "key", FIXTURE_KEY)
    head = migrate_module.head_revision()
    for path in fixture_copies(tmp_path):
        with contextlib.closing(sqlite3.connect(path)) as conn, conn:
            was = store.revision(conn)
        opened = safety.open_database_safely(str(path), today=lambda: TODAY)
        kept = cases.get(opened, "CSC/26/0001")
        assert kept.complainant.name == "Test Person 1"
        assert kept.stages[0].acknowledged == date(2026, 1, 7)
        assert cases.get(opened, "CORP/26/0001").procedure == "corporate"
        problems, notes = safety.check(opened)
        assert problems == []
        assert f"Schema revision {head} (the newest this version knows)." in notes
        copies = store.list_backups(backup_dir(path), path)
        if was == head:
            assert copies == []
        else:  # upgraded: the database as it was is kept first
            assert [c.kind for c in copies] == ["before-upgrade"]
            assert names(copies[0].path) == names(path)
        opened.engine.dispose()


def test_there_is_a_fixture_for_the_newest_schema() -> None:
    head = migrate_module.head_revision()
    assert (FIXTURES / f"schema_{head}.sqlite3").exists(), (
        f"add tests/fixtures/db/schema_{head}.sqlite3 (see the README there)"
    )


def fake_revision(tmp_path: Path, body: str) -> Path:
    """The app's migrations plus a revision 9999 after the head (upgrading runs ``body``)."""
    head = migrate_module.head_revision()
    scripts = tmp_path / "migrations"
    shutil.copytree(migrate_module.MIGRATIONS, scripts)
    (scripts / "versions" / "9999_test.py").write_text(
        "from alembic import op\nimport sqlalchemy as sa\n"
        f"revision = '9999'\ndown_revision = {head!r}\nbranch_labels = None\n"
        f"depends_on = None\ndef upgrade():\n{body}\n"
    )
    return scripts


def oldest_fixture(tmp_path: Path) -> Path:
    return fixture_copies(tmp_path)[0]


def test_an_older_database_is_backed_up_then_upgraded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = oldest_fixture(tmp_path)
    monkeypatch.setattr(
        migrate_module,
        "MIGRATIONS",
        fake_revision(tmp_path, "    op.create_table('extra', sa.Column('id', sa.Integer))"),
    )
    opened = safety.open_database_safely(str(old), today=lambda: TODAY)
    assert cases.get(opened, "CSC/26/0001").complainant.name == "Test Person 1"
    (before,) = store.list_backups(backup_dir(old), old)
    assert before.kind == "before-upgrade"
    with contextlib.closing(sqlite3.connect(before.path)) as conn, conn:
        assert store.revision(conn) == "0001"
    with contextlib.closing(sqlite3.connect(old)) as conn, conn:
        assert store.revision(conn) == "9999"
        assert "extra" in store.table_names(conn)
    opened.engine.dispose()


def test_a_failed_upgrade_puts_the_backup_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = oldest_fixture(tmp_path)
    body = (
        "    op.create_table('extra', sa.Column('id', sa.Integer))\n"
        "    op.execute(\"UPDATE person SET name = 'half-migrated'\")\n"
        "    raise RuntimeError('the disk is full')"
    )
    monkeypatch.setattr(migrate_module, "MIGRATIONS", fake_revision(tmp_path, body))
    with pytest.raises(KnownError) as failed:
        safety.open_database_safely(str(old), today=lambda: TODAY)
    message = str(failed.value)
    assert message.startswith("The database could not be upgraded to this version")
    assert "the disk is full" in message
    assert "put back exactly as it was" in message
    with contextlib.closing(sqlite3.connect(old)) as conn, conn:
        assert store.revision(conn) == "0001"
        assert "extra" not in store.table_names(conn)
        assert (
            conn.execute("SELECT count(*) FROM person WHERE name LIKE 'Test%'").fetchone()[0] == 3
        )


def test_an_upgrade_that_loses_rows_is_undone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = oldest_fixture(tmp_path)
    body = "    op.execute('DELETE FROM stage')"  # e.g. a cascade while copying a table
    monkeypatch.setattr(migrate_module, "MIGRATIONS", fake_revision(tmp_path, body))
    with pytest.raises(KnownError) as failed:
        safety.open_database_safely(str(old), today=lambda: TODAY)
    assert str(failed.value).startswith(
        "The database could not be upgraded to this version (the upgrade would have lost "
        "records: 3 from stage). It has been put back exactly as it was"
    )
    with contextlib.closing(sqlite3.connect(old)) as conn, conn:
        assert store.revision(conn) == "0001"
        assert conn.execute("SELECT count(*) FROM stage").fetchone()[0] == 3


@pytest.mark.parametrize("journal", ["wal", "delete"])
def test_a_newer_database_is_refused_byte_for_byte_untouched(tmp_path: Path, journal: str) -> None:
    path = newer(oldest_fixture(tmp_path))
    with contextlib.closing(sqlite3.connect(path, isolation_level=None)) as conn, conn:
        conn.execute(f"PRAGMA journal_mode={journal}")
    conn.close()
    before = sha(path)
    with pytest.raises(KnownError, match="newer version of complaints_desktop"):
        safety.open_database_safely(str(path))
    assert sha(path) == before


def test_a_synced_folder_is_refused_before_anything_is_created(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OneDriveCommercial", str(tmp_path / "OneDrive - Council"))
    db = tmp_path / "OneDrive - Council" / "complaints.sqlite3"
    with pytest.raises(KnownError, match="in a OneDrive folder"):
        safety.open_database_safely(str(db))
    assert not db.parent.exists()


# -- start-up check -------------------------------------------------------------------


def url(path: Path) -> str:
    return f"sqlite:///{path}"


def test_startup_ok_and_missing(env: Env, db: Path, tmp_path: Path) -> None:
    env.engine.dispose()
    assert safety.startup_check(url(db)).ok
    missing = safety.startup_check(url(tmp_path / "none.sqlite3"))
    assert missing.status == "missing"
    assert "Start a new, empty database" in missing.way_out
    assert not (tmp_path / "none.sqlite3").exists()


@pytest.mark.parametrize(
    ("damage", "said"),
    [
        (lambda p: p.write_bytes(b"not a database " * 100), "is not a SQLite database file"),
        (lambda p: p.write_bytes(p.read_bytes()[:50000]), "is cut short"),
        (lambda p: p.write_bytes(b""), "is empty"),
    ],
    ids=["garbage", "truncated", "empty"],
)
def test_startup_corrupt_offers_the_latest_backup(env: Env, db: Path, damage, said: str) -> None:  # type: ignore[no-untyped-def]
    saved = safety.backup(env, None)
    env.engine.dispose()
    damage(db)
    state = safety.startup_check(url(db))
    assert state.status == "corrupt"
    assert said in state.message
    assert state.latest_backup == saved
    assert state.way_out.startswith(
        f"Restore the latest backup ({saved.name}), taken 02 March 2026"
    )


def test_startup_read_only(env: Env, db: Path) -> None:
    env.engine.dispose()
    db.chmod(0o444)
    try:
        state = safety.startup_check(url(db))
    finally:
        db.chmod(0o644)
    assert state.status == "read-only"
    assert "nothing can be saved" in state.message


def test_startup_in_a_folder_that_cannot_be_written_to(
    env: Env, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found out by creating a file there: on Windows os.access says yes to any folder."""
    env.engine.dispose()
    probed: list[Path] = []
    monkeypatch.setattr(files, "can_write_in", lambda folder: probed.append(folder) or False)
    state = safety.startup_check(url(db))
    assert state.status == "read-only"
    assert f"The folder {db.parent} cannot be written to" in state.message
    assert probed == [db.parent]


def test_startup_too_new(env: Env, db: Path) -> None:
    env.engine.dispose()
    newer(db)
    state = safety.startup_check(url(db))
    assert state.status == "too-new"
    assert "newer version" in state.message
    assert state.way_out == "Install the newer version, or choose another database."


def test_startup_locked_while_another_program_writes(env: Env, db: Path) -> None:
    other = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    other.execute("INSERT INTO setting (key, value) VALUES ('x', '1')")
    try:
        state = safety.startup_check(url(db), timeout=0.2)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert state.status == "locked"
    assert "in use by another program" in state.message
    assert safety.startup_check(url(db), timeout=0.2).ok


def test_startup_unsafe_location(tmp_path: Path) -> None:
    state = safety.startup_check(url(tmp_path / "Dropbox" / "complaints.sqlite3"))
    assert state.status == "unsafe-location"
    assert "PostgreSQL" in state.message


def test_startup_quick_check_finds_damaged_pages_inside_a_sound_looking_file(
    env: Env, db: Path
) -> None:
    env.engine.dispose()
    data = bytearray(db.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    for offset in range(4 * page, len(data) - page, 3 * page):
        data[offset + 8 : offset + 300] = b"\xff" * 292
    db.write_bytes(bytes(data))
    state = safety.startup_check(url(db))
    assert state.status == "corrupt"
    assert state.message.startswith("The database is damaged")
    assert state.way_out.startswith("No backup was found in the backup folder.")
