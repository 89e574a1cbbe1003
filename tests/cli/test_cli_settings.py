"""`complaints-desktop settings export|import FILE.json`, and a letter from an imported log."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from PIL import Image

from complaints_desktop import cli
from complaints_desktop.domain.text import long_date
from complaints_desktop.services import cases, letters
from complaints_desktop.services import settings as settings_service
from complaints_desktop.services.database import open_database
from tests.pdftext import reading_text

COUNCIL = {
    "name": "Borough of Fernley Council",
    "address": "Children's Complaints; Town Hall, 2 Bridge Street; Fernley FE1 2AB",
    "phone": "01632 960111",
    "email": "complaints@fernley.example.gov.uk",
    "website": "www.fernley.example.gov.uk",
    "signatory": "Dana Kowalczyk",
    "job_title": "Complaints Manager",
    "data_protection": "Fernley uses your information to deal with what you tell us.",
}


def run(db: Path, *args: str) -> int:
    return cli.main(["--db", str(db), *args])


def test_letter_help_lists_the_templates(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cli.main(["letter", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "acknowledgement-child" in out
    assert "stage2-commission" in out
    assert "mp-enquiry-response" in out


def test_export_then_import_into_another_database(tmp_path: Path) -> None:
    first, second = tmp_path / "a.sqlite3", tmp_path / "b.sqlite3"
    logo = tmp_path / "crest.png"
    Image.new("RGB", (120, 60), "darkgreen").save(logo)
    (tmp_path / "in.json").write_text(
        json.dumps(
            {
                "council": COUNCIL,
                "logo": "crest.png",
                "calendar": {"closure_days": [{"date": "2026-12-29", "note": "Office closed"}]},
                "lists": {"teams": ["Fostering", "Leaving Care"]},
                "advocacy_contacts": {"NYAS": "freephone 0808 808 1001"},
            }
        )
    )
    assert run(first, "settings", "import", str(tmp_path / "in.json")) == 0
    logo.unlink()  # the logo lives in the database, not at a path on this PC
    assert run(first, "settings", "export", str(tmp_path / "out.json")) == 0
    assert run(second, "settings", "import", str(tmp_path / "out.json")) == 0
    env = open_database(str(second), user="tester")
    details = settings_service.council(env)
    assert details.name == "Borough of Fernley Council"
    assert details.address == "Children's Complaints\nTown Hall, 2 Bridge Street\nFernley FE1 2AB"
    assert settings_service.logo(env) is not None
    assert settings_service.calendar_settings(env)[1] == [(date(2026, 12, 29), "Office closed")]
    assert [n for n, _ in settings_service.vocabulary(env, "team")] == ["Fostering", "Leaving Care"]
    assert settings_service.advocacy_contacts(env) == {"NYAS": "freephone 0808 808 1001"}


def test_partial_file_changes_only_its_keys(tmp_path: Path) -> None:
    db = tmp_path / "c.sqlite3"
    (tmp_path / "all.json").write_text(json.dumps({"council": COUNCIL}))
    assert run(db, "settings", "import", str(tmp_path / "all.json")) == 0
    part = {"council": {"phone": "01632 960999"}, "timescales": {"corporate": {"acknowledge": 3}}}
    (tmp_path / "part.json").write_text(json.dumps(part))
    assert run(db, "settings", "import", str(tmp_path / "part.json")) == 0
    env = open_database(str(db), user="tester")
    details = settings_service.council(env)
    assert details.phone == "01632 960999"
    assert details.signatory == "Dana Kowalczyk"  # untouched
    assert env.settings().corporate.acknowledge == 3
    assert env.settings().statutory.acknowledge == 2  # untouched


def test_bad_file_lists_every_problem_and_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "c.sqlite3"
    (tmp_path / "good.json").write_text(json.dumps({"council": COUNCIL}))
    assert run(db, "settings", "import", str(tmp_path / "good.json")) == 0
    capsys.readouterr()
    bad = {
        "council": {"name": "New name", "email": "not-an-address", "fax": "1"},
        "calendar": {"region": "wessex", "closure_days": ["2026-02-30"]},
        "lists": {"teams": ["", "Fostering"]},
        "colour": "blue",
    }
    (tmp_path / "bad.json").write_text(json.dumps(bad))
    assert run(db, "settings", "import", str(tmp_path / "bad.json")) == 2
    err = capsys.readouterr().err.splitlines()
    assert err == [
        "colour: not a setting (council, logo, timescales, calendar, lists, advocacy_contacts, "
        "templates).",
        "council.fax: not a council detail (name, address, phone, email, website, signatory, "
        "job_title, data_protection).",
        "council: 'not-an-address' does not look like an e-mail address.",
        'calendar.region: "wessex" is not one of england-and-wales, scotland, northern-ireland.',
        'calendar.closure_days[1]: "2026-02-30" is not a date YYYY-MM-DD.',
        "lists.teams[1]: needs a name.",
    ]
    env = open_database(str(db), user="tester")
    assert settings_service.council(env).name == "Borough of Fernley Council"
    assert settings_service.vocabulary(env, "team") == []
    (tmp_path / "broken.json").write_text('{"council": {"name": "x",}}')
    assert run(db, "settings", "import", str(tmp_path / "broken.json")) == 2
    # the column is Python's json module's: 3.13 points at the trailing comma, 3.11 after it
    err = capsys.readouterr().err
    assert re.search(r"broken\.json: line 1, column 2[56]: not valid JSON", err), err


def test_imported_log_and_settings_give_a_letter(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "c.sqlite3"
    today = date.today()
    log = tmp_path / "log.csv"
    log.write_text(
        "reference,procedure,received,s1_start,relationship,complainant_name,"
        "complainant_address\n"
        f"CSC/26/0101,statutory,{today.isoformat()},{today.isoformat()},parent,Amara Okafor,"
        '"4 Mill Lane; Fernley FE3 9XY"\n',
        encoding="utf-8",
    )
    assert run(db, "import", str(log)) == 0
    (tmp_path / "council.json").write_text(json.dumps({"council": COUNCIL}))
    assert run(db, "settings", "import", str(tmp_path / "council.json")) == 0
    out = tmp_path / "ack.pdf"
    assert run(db, "letter", "CSC/26/0101", "acknowledgement", "--out", str(out)) == 0
    text = reading_text(out)
    env = open_database(str(db), user="tester")
    due = env.calendar().add_working_days(today, 10)
    assert "Borough of Fernley Council" in text
    assert "Town Hall, 2 Bridge Street" in text
    assert "Amara Okafor 4 Mill Lane Fernley FE3 9XY" in text
    assert "Our reference: CSC/26/0101" in text
    assert f"Date: {long_date(today)}" in text
    assert f"by {long_date(due)}" in text
    # The child's letter on a parent's complaint: refused, nothing written or logged.
    capsys.readouterr()
    child = tmp_path / "child.pdf"
    assert run(db, "letter", "CSC/26/0101", "acknowledgement-child", "--out", str(child)) == 2
    assert "use the acknowledgement letter instead" in capsys.readouterr().err
    assert not child.exists()
    assert [x.template for x in cases.get(env, "CSC/26/0101").letters] == ["acknowledgement"]
    assert letters.templates_for(cases.get(env, "CSC/26/0101"))[0] == "acknowledgement"
