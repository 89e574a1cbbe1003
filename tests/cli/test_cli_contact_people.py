"""CLI: a contacts log may carry the name, title, address and e-mail a reply goes to
(optional columns added to formats.md §3)."""

from __future__ import annotations

import csv
from pathlib import Path

from tests.cli.test_cli_import_export import run

HEADER = "reference,kind,received,from,summary,name,title,address,email\n"


def test_contacts_with_a_name_and_address_import_export_and_get_a_letter(
    tmp_path: Path, capsys
) -> None:
    log = tmp_path / "contacts.csv"
    log.write_text(
        HEADER + "CON/26/0007,mp enquiry,2026-03-02,MP's office,Asks about a move,Jane Doe MP,Ms,"
        '"House of Commons\nLondon SW1A 0AA",\n'
        + "CON/26/0008,compliment,2026-03-03,parent,Thanks,Sam Lee,,,sam@example.org\n",
        encoding="utf-8",
    )
    db = tmp_path / "c.sqlite3"
    assert run(db, "import", str(log), "--contacts") == 0
    out = tmp_path / "out.csv"
    assert run(db, "export", str(out), "--contacts") == 0
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows[0]["name"] == "Jane Doe MP"
    assert rows[0]["address"].splitlines() == ["House of Commons", "London SW1A 0AA"]
    assert rows[1]["email"] == "sam@example.org"
    anonymous = tmp_path / "anon.csv"
    assert run(db, "export", str(anonymous), "--contacts", "--anonymised") == 0
    header = anonymous.read_text(encoding="utf-8-sig").splitlines()[0].split(",")
    assert "name" not in header
    assert "address" not in header
    assert "kind" in header


def test_a_log_without_the_new_columns_still_imports(tmp_path: Path) -> None:
    log = tmp_path / "contacts.csv"
    log.write_text("kind,received,from\ncompliment,2026-03-02,parent\n", encoding="utf-8")
    assert run(tmp_path / "c.sqlite3", "import", str(log), "--contacts") == 0
