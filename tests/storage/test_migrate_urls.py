"""Migrations with URLs that carry "%": a Windows path (C:\\ percent-encodes), a folder named
with a per-cent sign, a PostgreSQL password with % @ or ! (Alembic's config once read "%" as
interpolation, and every new database on Windows failed to be created)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine
from sqlalchemy.engine import URL, make_url

from complaints_desktop.storage import migrate
from complaints_desktop.storage.engine import make_engine


@pytest.mark.sqlite_only
def test_a_new_database_in_a_folder_named_with_a_per_cent_sign_is_created(tmp_path: Path) -> None:
    path = tmp_path / "50% off" / "complaints.sqlite3"
    engine = make_engine(str(URL.create("sqlite", database=str(path))))
    try:
        assert "%25" in engine.url.render_as_string()
        assert migrate.migrate(engine)
        assert migrate.current_revision(engine) == migrate.head_revision()
    finally:
        engine.dispose()


def test_a_password_with_per_cent_at_and_bang_reaches_alembic_unchanged() -> None:
    pytest.importorskip("psycopg")
    url = URL.create("postgresql+psycopg", "officer", "p%@!ss", "db.example", 5432, "complaints")
    engine = create_engine(url)
    try:
        config = migrate.alembic_config(engine)
        assert make_url(config.get_main_option("sqlalchemy.url") or "").password == "p%@!ss"
    finally:
        engine.dispose()


def test_without_psycopg_a_postgresql_url_gets_a_plain_message(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The postgres extra is optional: Windows on ARM has no psycopg wheel."""
    from complaints_desktop.domain.errors import KnownError

    monkeypatch.setitem(sys.modules, "psycopg", None)  # as if it were not installed
    with pytest.raises(KnownError, match=r"PostgreSQL support .* is not installed on this PC"):
        make_engine("postgresql+psycopg://officer@db.example/complaints")
