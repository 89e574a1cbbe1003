"""Reports: the subject-access PDF from plain data (read back with pypdf)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from complaints_desktop.reports.subject_access import (
    CaseRecord,
    Section,
    SubjectAccessReport,
    render,
)
from tests.pdftext import page_count, reading_text


def report(cases: list[CaseRecord], redacted: bool = False) -> SubjectAccessReport:
    return SubjectAccessReport(
        subject="Zoë O'Brien & Łukasz <Test>",
        prepared_on=date(2026, 11, 24),
        prepared_by="officer.one",
        redacted=redacted,
        council="Anytown Council",
        cases=cases,
    )


def test_every_case_and_value_is_printed(tmp_path: Path) -> None:
    many = [
        CaseRecord(
            f"CSC/2{n}/000{n}",
            "complainant",
            [
                Section("The complaint", [("Reference", f"CSC/2{n}/000{n}"), ("Summary", "x")]),
                Section("Notes", [(f"0{n}/01/2020 by someone", "A long note " * 40)]),
                Section("Letters sent", []),
            ],
        )
        for n in range(1, 4)
    ]
    data = render(report(many))
    assert data.startswith(b"%PDF")
    words = reading_text(data)
    assert "Zoë O'Brien & Łukasz <Test>" in words
    assert "4 December" not in words
    assert "24 November 2026" in words
    for n in range(1, 4):
        assert f"Case CSC/2{n}/000{n} (as complainant)" in words
    assert "Nothing recorded." in words
    assert "3 cases" in words
    assert page_count(data) == 3  # each case starts a page


def test_redaction_is_explained_and_empty_report_says_so(tmp_path: Path) -> None:
    words = reading_text(render(report([], redacted=True)))
    assert "shown as [redacted]" in words
    assert "No complaint record names this person." in words
    plain = reading_text(render(report([])))
    assert "[redacted]" not in plain
