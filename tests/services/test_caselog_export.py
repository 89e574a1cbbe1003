"""Exporting the logs: round trips, anonymised export, formula guard, safe writes, --update."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from complaints_desktop.domain.errors import KnownError, ValidationFailed
from complaints_desktop.domain.model import Recommendation
from complaints_desktop.services import caselog, cases
from complaints_desktop.services.caselog import write as caselog_write
from complaints_desktop.services.database import open_database
from complaints_desktop.services.env import Env
from complaints_desktop.storage import tables
from tests.conftest import MERTON
from tests.services.conftest import TODAY

FULL = (
    "reference,procedure,received,channel,relationship,service_area,teams,types,advocacy,"
    "resolved_early,s1_start,s1_extended,s1_response,s1_outcome,s2_requested,s2_start,"
    "s2_extended,s2_response,s2_outcome,s2_cost,s3_requested,s3_panel,s3_response,s3_outcome,s3_cost,"
    "remedies,lgsco_reference,lgsco_received,lgsco_decided,lgsco_outcome,lgsco_payment,"
    "complainant_name,complainant_address,complainant_email,complainant_phone,child_name,"
    "child_dob,child_id,age_band,gender,ethnicity,disability,sexual_orientation\r\n"
    "X/1,statutory,2024-01-02,letter,advocate or representative,Children's services,"
    "Fostering;Leaving care,Other;Attitude or behaviour of staff,yes,,2024-01-02,yes,"
    '2024-02-01,not upheld,2024-02-05,2024-02-12,yes,2024-04-02,partially upheld,"£2,500.00",'
    "2024-04-10,2024-05-01,2024-05-20,upheld,1200,apology;financial redress,24 001 234,"
    '2024-06-01,2024-07-01,upheld,250.5,=HYPERLINK("http://x"),"1 High St\nTown",'
    "a@example.org,+44 20 7946 0000,@child,14/03/2012,'-0042,under 18,female,White,no,"
    "not stated\r\n"
    "X/2,corporate,2024-03-04,,,,,,,,2024-03-04,no,2024-03-08,withdrawn,,,,,,,,,,,,,,,,,,"
    "Ann Other,,,,,,,,,,,\r\n"
)


def open_other(tmp_path: Path, name: str) -> Env:
    return open_database(f"sqlite:///{tmp_path / name}", user="officer.two", today=lambda: TODAY)


@pytest.fixture
def full(env: Env, tmp_path: Path) -> Env:
    """Merton's logs plus two cases that use every column."""
    caselog.import_file(env, MERTON / "cases.csv", create_missing=True)
    caselog.import_file(env, MERTON / "contacts.csv", contacts=True, create_missing=True)
    path = tmp_path / "full.csv"
    path.write_text(FULL, encoding="utf-8")
    caselog.import_file(env, path, create_missing=True)
    return env


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_export_import_export_is_identical(full: Env, tmp_path: Path, suffix: str) -> None:
    first = tmp_path / f"first{suffix}"
    assert caselog.export_file(full, first) == 29
    assert caselog.export_file(full, tmp_path / f"contacts{suffix}", contacts=True) == 41
    other = open_other(tmp_path, "other.sqlite3")
    try:
        assert caselog.import_file(other, first, create_missing=True).created == 29
        caselog.import_file(
            other, tmp_path / f"contacts{suffix}", contacts=True, create_missing=True
        )
        caselog.export_file(full, tmp_path / "a.csv")
        caselog.export_file(other, tmp_path / "b.csv")
        caselog.export_file(full, tmp_path / "ca.csv", contacts=True)
        caselog.export_file(other, tmp_path / "cb.csv", contacts=True)
        assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()
        assert (tmp_path / "ca.csv").read_bytes() == (tmp_path / "cb.csv").read_bytes()
        assert cases.get(other, "X/1").complainant.name == '=HYPERLINK("http://x")'
    finally:
        other.engine.dispose()


def test_every_column_comes_back_as_imported(full: Env, tmp_path: Path) -> None:
    caselog.export_file(full, tmp_path / "out.csv")
    with (tmp_path / "out.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = {r["reference"]: r for r in csv.DictReader(handle)}
    source = next(csv.DictReader(FULL.splitlines(keepends=True)))
    row = rows["X/1"]
    changed = {k: (source[k], row[k]) for k in source if source[k] != row[k]}
    assert changed == {
        "s2_cost": ("£2,500.00", "2500.00"),
        "s3_cost": ("1200", "1200.00"),
        "lgsco_payment": ("250.5", "250.50"),
        "complainant_name": ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        "complainant_phone": ("+44 20 7946 0000", "'+44 20 7946 0000"),
        "child_name": ("@child", "'@child"),
        "child_dob": ("14/03/2012", "2012-03-14"),
    }
    case = cases.get(full, "X/1")
    assert case.child.system_id == "-0042"
    assert case.complainant.address == "1 High St\nTown"
    withdrawn = cases.get(full, "X/2")
    assert (withdrawn.status, withdrawn.withdrawn, withdrawn.withdrawn_stage) == (
        "withdrawn",
        date(2024, 3, 8),
        1,
    )


def test_xlsx_export_has_no_formulas_real_dates_and_numbers(full: Env, tmp_path: Path) -> None:
    caselog.export_file(full, tmp_path / "out.xlsx")
    book = load_workbook(tmp_path / "out.xlsx")
    sheet = book.worksheets[0]
    header = [c.value for c in sheet[1]]
    last = [c for c in sheet[sheet.max_row]]
    by_name = dict(zip(header, last, strict=True))
    assert by_name["reference"].value == "X/2"
    x1 = dict(zip(header, [c for c in sheet[sheet.max_row - 1]], strict=True))
    assert x1["complainant_name"].data_type == "s"
    assert x1["complainant_name"].value == '\'=HYPERLINK("http://x")'
    assert x1["received"].is_date
    assert x1["s2_cost"].value == 2500
    book.close()


def test_anonymised_export_leaves_out_personal_columns(full: Env, tmp_path: Path) -> None:
    caselog.export_file(full, tmp_path / "anon.csv", anonymised=True)
    text = (tmp_path / "anon.csv").read_text(encoding="utf-8-sig")
    header = text.splitlines()[0].split(",")
    assert "received" in header
    assert "gender" in header
    for column in (
        "complainant_name",
        "complainant_address",
        "complainant_email",
        "complainant_phone",
        "child_name",
        "child_dob",
        "child_id",
    ):
        assert column not in header
    for personal in ("HYPERLINK", "High St", "example.org", "7946", "@child", "2012", "Ann Other"):
        assert personal not in text
    other = open_other(tmp_path, "other.sqlite3")
    try:
        assert caselog.import_file(other, tmp_path / "anon.csv", create_missing=True).created == 29
    finally:
        other.engine.dispose()


def test_a_failed_export_leaves_the_old_file_and_no_half_file(
    full: Env, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.csv"
    target.write_text("yesterday's export", encoding="utf-8")

    def broken(path: Path, columns: object, rows: object) -> None:
        path.write_text("half a fi", encoding="utf-8")
        raise OSError("disk full")

    monkeypatch.setattr(caselog_write, "_write_csv", broken)
    with pytest.raises(OSError, match="disk full"):
        caselog.export_file(full, target)
    assert target.read_text(encoding="utf-8") == "yesterday's export"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".export")) == []


def test_export_refuses_other_file_kinds_and_missing_folders(full: Env, tmp_path: Path) -> None:
    with pytest.raises(KnownError, match=r"\.csv or \.xlsx"):
        caselog.export_file(full, tmp_path / "out.pdf")
    with pytest.raises(KnownError, match="does not exist"):
        caselog.export_file(full, tmp_path / "nowhere" / "out.csv")


def test_one_audit_entry_per_export(full: Env, tmp_path: Path) -> None:
    caselog.export_file(full, tmp_path / "out.csv", anonymised=True)
    with full.uow() as session:
        entries = (
            session.execute(select(tables.AuditEntry).where(tables.AuditEntry.action == "export"))
            .scalars()
            .all()
        )
    assert len(entries) == 1
    assert '"count": 29' in entries[0].changes
    assert '"file": "out.csv"' in entries[0].changes


def test_update_changes_existing_cases_and_keeps_what_the_log_lacks(
    full: Env, tmp_path: Path
) -> None:
    case = cases.get(full, "CSC/22/012")
    case.summary = "Kept: not a log column"
    cases.edit(full, case)
    path = tmp_path / "update.csv"
    path.write_text(
        "reference,procedure,received,s1_outcome,s2_requested,s2_response,s2_outcome,channel\n"
        "CSC/22/012,statutory,2022-11-17,upheld,2023-01-10,2023-03-01,not upheld,letter\n"
        "NEW/9,corporate,2023-01-10,,,,,\n",
        encoding="utf-8",
    )
    with pytest.raises(ValidationFailed, match="already exists"):
        caselog.import_file(full, path)
    result = caselog.import_file(full, path, update=True)
    assert (result.created, result.updated) == (1, 1)
    updated = cases.get(full, "CSC/22/012")
    assert updated.summary == "Kept: not a log column"
    assert updated.channel == "letter"
    assert updated.teams == ["Permanency, LAC and Care leavers"]
    assert [(s.number, s.outcome) for s in updated.stages] == [(1, "upheld"), (2, "not upheld")]
    assert updated.stages[0].response == date(2023, 1, 6)
    assert updated.version == case.version + 2


def test_update_is_checked_against_the_stored_case(full: Env, tmp_path: Path) -> None:
    path = tmp_path / "update.csv"
    path.write_text(
        "reference,procedure,received,s2_requested\nCSC/22/012,statutory,2022-11-17,2023-01-01\n",
        encoding="utf-8",
    )
    with pytest.raises(ValidationFailed) as raised:
        caselog.import_file(full, path, update=True)
    assert raised.value.problems == [
        "row 2, column s2_requested: 1 January 2023 is before the stage 1 response (6 January 2023)"
    ]


def test_contacts_update(full: Env, tmp_path: Path) -> None:
    path = tmp_path / "update.csv"
    path.write_text(
        "reference,kind,received,responded\nCSFC22003,compliment,2023-02-12,2023-02-14\n",
        encoding="utf-8",
    )
    result = caselog.import_file(full, path, contacts=True, update=True)
    assert (result.created, result.updated) == (0, 1)
    from complaints_desktop.services import contacts

    answered = contacts.get(full, "CSFC22003")
    assert answered.responded == date(2023, 2, 14)
    assert answered.teams == ["Permanency, LAC and Care leavers"]


def test_update_keeps_an_ombudsman_remedy_due(full: Env, tmp_path: Path) -> None:
    case = cases.get(full, "CSC/22/008")
    assert case.ombudsman is not None
    case.ombudsman.recommendations.append(
        Recommendation(description="Pay £500", target=date(2026, 12, 1))
    )
    cases.edit(full, case)
    path = tmp_path / "update.csv"
    path.write_text(
        "reference,procedure,received,channel\nCSC/22/008,statutory,2022-04-13,letter\n",
        encoding="utf-8",
    )
    caselog.import_file(full, path, update=True)
    with full.uow() as session:
        row = session.execute(
            select(tables.Complaint).where(tables.Complaint.reference == "CSC/22/008")
        ).scalar_one()
    assert (row.channel, row.status) == ("letter", "closed")
    assert row.next_due is not None  # worked out, not skipped as for other closed cases
    after = cases.get(full, "CSC/22/008")
    assert after.ombudsman is not None
    assert after.ombudsman.recommendations[0].description == "Pay £500"
    due = [d for d in cases.deadlines(full, after) if d.kind == "remedy"]
    assert [(d.due, d.outstanding) for d in due] == [(date(2026, 12, 1), True)]
