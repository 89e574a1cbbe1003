"""Command line: the Complaint Handling Code report (``report --year Y --chc``)."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from complaints_desktop import cli
from tests.pdftext import reading_text

WORDS = """\
# Self-assessment against the Complaint Handling Code
## 3.1 The complaints policy is on the website
Compliant: yes
Evidence: www.example.gov.uk/complaints

# Response of the governance body
The Scrutiny Committee noted the report.
"""


def test_chc_writes_the_code_report_with_the_words_kept_from_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "c.sqlite3")
    words = tmp_path / "code.md"
    words.write_text(WORDS, encoding="utf-8")
    pdf, word = tmp_path / "chc.pdf", tmp_path / "chc.docx"
    args = ["--db", db, "report", "--year", "2026", "--chc", "--text", str(words)]
    code = cli.main([*args, "--pdf", str(pdf), "--docx", str(word)])
    assert code == 0
    out = capsys.readouterr().out
    assert "Kept 2 part(s)" in out
    assert "DRAFT until" not in out
    assert f"Complaint Handling Code report written to {pdf}." in out
    text = reading_text(pdf)
    assert "Complaint performance and service improvement report 2026/27" in text
    assert "3.1 The complaints policy is on the website Yes www.example.gov.uk/complaints" in text
    assert "The Scrutiny Committee noted the report." in text
    headings = [p.text for p in docx.Document(str(word)).paragraphs if p.style.name == "Heading 1"]
    assert "Response of the governance body" in headings


def test_a_bad_answer_in_the_self_assessment_exits_2_and_keeps_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "c.sqlite3")
    words = tmp_path / "code.md"
    words.write_text(WORDS.replace("Compliant: yes", "Compliant: soon"), encoding="utf-8")
    pdf = tmp_path / "chc.pdf"
    code = cli.main(["--db", db, "report", "--year", "2026", "--chc", "--text", str(words)])
    assert code == 2
    assert "line 3: 'Compliant:' must be followed by yes, no or partly" in capsys.readouterr().err
    code = cli.main(["--db", db, "report", "--year", "2026", "--chc", "--pdf", str(pdf)])
    assert code == 0
    assert "DRAFT: the team has not written the self-assessment yet." in reading_text(pdf)


@pytest.mark.parametrize(
    "extra", [["--from", "2026-04-01", "--to", "2026-06-30"], ["--year", "2026", "--json", "x"]]
)
def test_chc_is_for_a_year_in_pdf_or_word(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: list[str]
) -> None:
    code = cli.main(["--db", str(tmp_path / "c.sqlite3"), "report", *extra, "--chc"])
    assert code == 2
    assert "--chc is the Code report for a year" in capsys.readouterr().err
