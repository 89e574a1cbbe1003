"""Shared fixtures: a database per test (SQLite, or PostgreSQL when asked), the test data.

Set ``COMPLAINTS_TEST_POSTGRES`` to an admin URL (e.g.
``postgresql://postgres:postgres@localhost/postgres``) to run every test that uses
``db_url`` against a fresh PostgreSQL database instead of SQLite. Tests about SQLite
files themselves (backups, crash safety, file locations) carry ``@pytest.mark.sqlite_only``
and keep SQLite. ``sqlite_template`` gives each test a copy of a database migrated once
per session (and xdist worker). The acceptance data is in ``tests/fixtures/`` (a copy of
``../shared/data``: ``python tests/fixtures/refresh.py`` brings it up to date).
"""

from __future__ import annotations

import os
import shutil
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if os.name == "nt":  # the offscreen platform reads font files from a folder, by default
    # PySide6's own lib/fonts (Qt ships none): Windows keeps its fonts in %WINDIR%\Fonts
    os.environ.setdefault("QT_QPA_FONTDIR", os.path.join(os.environ["WINDIR"], "Fonts"))

from complaints_desktop.ui.qt_refcounts import pin_singletons

pin_singletons()  # as the app does: PySide6 6.12 on Python 3.11 spends None's references

# Under Wine on a shared CI machine a process can stall for a minute: Hypothesis's
# too-slow check then measures the machine, not the strategy (run_tests.sh picks this).
settings.register_profile("slow-machine", suppress_health_check=[HealthCheck.too_slow])

MERTON = Path(__file__).resolve().parent / "fixtures" / "merton-2022-23"
PG_ADMIN = os.environ.get("COMPLAINTS_TEST_POSTGRES", "")


def _pg_database() -> Iterator[str]:
    import psycopg
    from sqlalchemy.engine import make_url

    name = f"cd_test_{uuid.uuid4().hex[:12]}"
    admin = make_url(PG_ADMIN).set(drivername="postgresql")
    conninfo = admin.render_as_string(hide_password=False)
    for attempt in range(10):
        try:
            with psycopg.connect(conninfo, autocommit=True) as conn:
                conn.execute(f'CREATE DATABASE "{name}"')
            break
        except psycopg.errors.ObjectInUse:  # template1 busy: another worker is copying it
            if attempt == 9:
                raise
            time.sleep(0.3)
    try:
        yield admin.set(drivername="postgresql+psycopg", database=name).render_as_string(
            hide_password=False
        )
    finally:
        with psycopg.connect(conninfo, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def db_url(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    """URL of a fresh, empty database (not yet migrated)."""
    if PG_ADMIN and request.node.get_closest_marker("sqlite_only") is None:
        yield from _pg_database()
    else:
        yield f"sqlite:///{tmp_path / 'test.sqlite3'}"


Template = Callable[[Path, str, Callable[[], date]], None]


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Template:
    """Put at a path a new database as ``open_database(path, user=, today=)`` leaves it.

    The database is migrated and seeded once per session (and xdist worker) for each user
    and day, then copied (migrating through every revision took 1-5 s a test).
    """
    from complaints_desktop.services.database import open_database

    made: dict[tuple[str, date], Path] = {}

    def copy_to(path: Path, user: str, today: Callable[[], date]) -> None:
        key = (user, today())
        if key not in made:
            template = tmp_path_factory.mktemp("template") / "template.sqlite3"
            open_database(str(template), user=user, today=today).engine.dispose()
            made[key] = template
        for suffix in ("", "-wal"):
            if Path(f"{made[key]}{suffix}").exists():
                shutil.copyfile(f"{made[key]}{suffix}", f"{path}{suffix}")

    return copy_to


@pytest.fixture(autouse=True, scope="session")
def own_data_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The run's own data folder (``COMPLAINTS_DESKTOP_DATA``): the audit key, the audit
    anchors, logs and drafts the tests make never go to, or come from, the real one of the
    PC running them (and the command-line processes the tests start inherit it)."""
    from complaints_desktop import config

    before = os.environ.get(config.ENV_DATA)
    os.environ[config.ENV_DATA] = str(tmp_path_factory.mktemp("appdata", numbered=False))
    yield
    if before is None:
        os.environ.pop(config.ENV_DATA, None)
    else:
        os.environ[config.ENV_DATA] = before


@pytest.fixture(autouse=True)
def engines_disposed(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every engine the application makes during a test is disposed when the test ends.

    The application's own processes end and close their files; a test process lives on,
    and Python 3.13 reports a connection left to the garbage collector as a
    ``ResourceWarning`` (on Windows an open handle also keeps the file from being replaced
    or deleted). Tests that open databases through the services need not track them all.
    """
    from complaints_desktop.storage import engine as engine_module

    made = []
    real = engine_module.create_engine

    def tracked(*args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        engine = real(*args, **kwargs)  # type: ignore[call-overload]
        made.append(engine)
        return engine

    monkeypatch.setattr(engine_module, "create_engine", tracked)  # what make_engine calls
    yield
    for engine in made:
        engine.dispose()


@pytest.fixture(autouse=True)
def no_password_store(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No test reads or writes the real password store of the PC running the tests
    (Windows Credential Manager): each starts with keyring's "no store" backend; tests of
    remembered passwords put ``tests.keyrings.MemoryKeyring`` in its place. The programs a
    test starts get the same backend (else, on Windows, their audit key would be another)."""
    import keyring
    from keyring.backends import fail

    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(fail.Keyring())
