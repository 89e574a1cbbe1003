"""`complaints-desktop letter REFERENCE TEMPLATE --out F.pdf`."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from complaints_desktop import cli
from complaints_desktop.domain.model import Case, Person
from complaints_desktop.services import cases, letters
from complaints_desktop.services import settings as settings_service
from complaints_desktop.services.database import open_database
from tests.pdftext import reading_text


def _case(db: Path, address: str, council: bool = True) -> str:
    env = open_database(str(db), today=date.today)
    if council:
        settings_service.save_council(env, settings_service.CouncilDetails(**letters.DEMO_COUNCIL))
    person = Person(name="Łukasz Nowak", address=address)
    case = cases.create(env, Case(procedure="statutory", received=date.today(), complainant=person))
    return case.reference


def test_letter_writes_the_pdf_and_logs_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "c.sqlite3"
    reference = _case(db, "1 High Street\nNorthmoor NM1 1AA")
    out = tmp_path / "ack.pdf"
    code = cli.main(["--db", str(db), "letter", reference, "acknowledgement", "--out", str(out)])
    assert code == 0
    assert f"Letter written to {out}." in capsys.readouterr().out
    text = reading_text(out)
    assert "Łukasz Nowak" in text
    assert reference in text
    env = open_database(str(db), user="tester", today=date.today)
    sent = cases.get(env, reference).letters
    assert [(x.template, x.how, x.kept) for x in sent] == [("acknowledgement", "saved", True)]
    assert sent[0].id is not None
    assert letters.sent_letter(env, sent[0].id)[2] == out.read_bytes()  # exactly what was sent


def test_letter_missing_address_exits_2_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "c.sqlite3"
    reference = _case(db, "")
    out = tmp_path / "ack.pdf"
    code = cli.main(["--db", str(db), "letter", reference, "acknowledgement", "--out", str(out)])
    assert code == 2
    assert "no postal address" in capsys.readouterr().err
    assert not out.exists()


def test_letter_without_council_details_says_what_to_do(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "c.sqlite3"
    reference = _case(db, "1 High Street", council=False)
    code = cli.main(
        ["--db", str(db), "letter", reference, "acknowledgement", "--out", str(tmp_path / "x.pdf")]
    )
    assert code == 2
    assert (
        "Set the council's details in Settings before printing letters." in capsys.readouterr().err
    )


def test_letter_unknown_template_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "c.sqlite3"
    reference = _case(db, "1 High Street")
    code = cli.main(["--db", str(db), "letter", reference, "thanks", "--out", str(tmp_path / "x")])
    assert code == 1
    assert "There is no letter called 'thanks'" in capsys.readouterr().err
