"""Reports: the subject-access PDF from plain data (pdftotext reads it back)."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

from complaints_desktop.reports.subject_access import (
    CaseRecord,
    Section,
    SubjectAccessReport,
    render,
)


def _text(data: bytes, tmp_path: Path) -> str:
    path = tmp_path / "sar.pdf"
    path.write_bytes(data)
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    return out.stdout


def _pages(data: bytes, tmp_path: Path) -> int:
    path = tmp_path / "sar.pdf"
    path.write_bytes(data)
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return int(next(x for x in out.stdout.splitlines() if x.startswith("Pages:")).split()[-1])


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
    words = " ".join(_text(data, tmp_path).split())
    assert "Zoë O'Brien & Łukasz <Test>" in words
    assert "4 December" not in words
    assert "24 November 2026" in words
    for n in range(1, 4):
        assert f"Case CSC/2{n}/000{n} (as complainant)" in words
    assert "Nothing recorded." in words
    assert "3 cases" in words
    assert _pages(data, tmp_path) == 3  # each case starts a page


def test_redaction_is_explained_and_empty_report_says_so(tmp_path: Path) -> None:
    words = " ".join(_text(render(report([], redacted=True)), tmp_path).split())
    assert "shown as [redacted]" in words
    assert "No complaint record names this person." in words
    plain = " ".join(_text(render(report([])), tmp_path).split())
    assert "[redacted]" not in plain
