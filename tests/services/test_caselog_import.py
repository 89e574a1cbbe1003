"""Importing the case and contacts logs: the Merton files, encodings, XLSX, amounts, lists."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from sqlalchemy import func, select, text

from complaints_desktop.domain.errors import KnownError, ValidationFailed
from complaints_desktop.services import caselog, cases, contacts
from complaints_desktop.services.env import Env
from complaints_desktop.storage import audit, tables, vocabularies
from tests.conftest import MERTON

HEADER = "reference,procedure,received,teams,types,s2_cost,complainant_name,complainant_address"
ROW = (
    'CSC/24/0001,statutory,05/04/2024,Fostering;Café team,Other,"£1,200.50",'
    'Zoë Brontë,"1 Rue Café; Town"'
)


def write_csv(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def count(env: Env, table: type) -> int:
    with env.uow() as session:
        return int(session.execute(select(func.count()).select_from(table)).scalar_one())


def test_merton_logs_import_into_an_empty_database(env: Env) -> None:
    result = caselog.import_file(env, MERTON / "cases.csv", create_missing=True)
    assert (result.created, result.updated) == (27, 0)
    assert any("Split" in note and "Other" in note for note in result.notes)
    assert (
        caselog.import_file(
            env, MERTON / "contacts.csv", contacts=True, create_missing=True
        ).created
        == 41
    )
    assert count(env, tables.Complaint) == 27
    assert count(env, tables.Contact) == 41
    with env.uow() as session:
        stages = session.execute(
            select(tables.Stage.number, func.count()).group_by(tables.Stage.number)
        ).all()
    assert dict(stages) == {1: 24, 2: 8, 3: 4}

    full = cases.get(env, "CSC/22/008")
    s1, s2, s3 = full.stages
    assert (s1.start, s1.extended, s1.response, s1.outcome) == (
        date(2022, 4, 13),
        True,
        date(2022, 5, 6),
        "partially upheld",
    )
    assert (s2.requested, s2.start, s2.cost) == (date(2022, 5, 27), date(2022, 6, 14), 329700)
    assert (s3.requested, s3.panel_date, s3.cost) == (date(2022, 10, 3), date(2022, 11, 7), 120000)
    assert full.ombudsman is not None
    assert full.ombudsman.reference == "22 006 306"
    assert full.ombudsman.outcome == "referred back for local resolution"
    assert full.status == "closed"
    assert full.equality == {"age_band": "36-50", "gender": "female", "ethnicity": "not stated"}

    withdrawn = cases.get(env, "CSC/21/044")
    assert (withdrawn.withdrawn, withdrawn.withdrawn_stage) == (date(2022, 8, 22), 3)
    assert withdrawn.status == "withdrawn"
    entered_at_two = cases.get(env, "CSC/22/026")
    assert [s.number for s in entered_at_two.stages] == [2]
    early = cases.get(env, "CSC/22/024")
    assert (early.stages, early.resolved_early, early.status) == (
        [],
        date(2022, 9, 13),
        "resolved early",
    )
    assert cases.get(env, "CSC/22/023").types == [
        "Quantity, frequency, change or cost of a service",
        "Unwelcome or disputed decision",
    ]
    compliments = contacts.list_contacts(env, kind="compliment", limit=None)
    assert len(compliments) == 41
    first = contacts.get(env, "CSFC22003")
    assert (first.teams, first.sender, first.channel) == (
        ["Permanency, LAC and Care leavers"],
        "parent",
        "email",
    )


def test_one_audit_entry_per_import_without_personal_data(env: Env, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "log.csv", f"{HEADER}\n{ROW}\n")
    caselog.import_file(env, path, create_missing=True)
    with env.uow() as session:
        entries = (
            session.execute(select(tables.AuditEntry).where(tables.AuditEntry.action == "import"))
            .scalars()
            .all()
        )
        assert audit.verify(session) == []
    assert len(entries) == 1
    assert entries[0].user == "officer.one"
    assert '"file": "log.csv"' in entries[0].changes
    assert '"created": 1' in entries[0].changes
    assert "Zoë" not in entries[0].changes


def _imported(env: Env) -> tuple[object, ...]:
    case = cases.get(env, "CSC/24/0001")
    stage = case.stage(2)
    return (
        case.received,
        case.teams,
        case.types,
        case.complainant.name,
        case.complainant.address,
        stage.cost if stage else None,
    )


EXPECTED = (
    date(2024, 4, 5),
    ["Fostering", "Café team"],
    ["Other"],
    "Zoë Brontë",
    "1 Rue Café\nTown",
    120050,
)


@pytest.mark.parametrize(
    ("encoding", "note"),
    [("utf-8", False), ("utf-8-sig", False), ("utf-16", False), ("cp1252", True)],
)
def test_every_csv_encoding_gives_the_same_data(
    env: Env, tmp_path: Path, encoding: str, note: bool
) -> None:
    text = f"{HEADER}\r\n{ROW}\r\n"
    result = caselog.import_file(
        env, write_csv(tmp_path / "log.csv", text, encoding), create_missing=True
    )
    assert _imported(env) == EXPECTED
    said = [n for n in result.notes if "Windows-1252" in n]
    assert bool(said) is note


def test_xlsx_with_real_dates_and_numbers_gives_the_same_data(env: Env, tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(HEADER.split(","))
    sheet.append(
        [
            "CSC/24/0001",
            "statutory",
            datetime(2024, 4, 5),
            "Fostering;Café team",
            "Other",
            1200.5,
            "Zoë Brontë",
            "1 Rue Café\nTown",
        ]
    )
    book.create_sheet("ignored").append(["nothing", "here"])
    book.save(tmp_path / "log.xlsx")
    caselog.import_file(env, tmp_path / "log.xlsx", create_missing=True)
    assert _imported(env) == EXPECTED


def test_xlsx_written_row_by_row_with_rich_text_gives_the_same_data(
    env: Env, tmp_path: Path
) -> None:
    """openpyxl's write-only files (our exports): inline strings, no sheet dimension."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Log")
    sheet.append(HEADER.split(","))
    name = CellRichText("Zoë ", TextBlock(InlineFont(b=True), "Brontë"))
    row = ["CSC/24/0001", "statutory", date(2024, 4, 5), "Fostering;Café team", "Other"]
    sheet.append([*row, 1200.5, name, "1 Rue Café\nTown"])
    book.save(tmp_path / "log.xlsx")
    caselog.import_file(env, tmp_path / "log.xlsx", create_missing=True)
    assert _imported(env) == EXPECTED


def _indexes(env: Env) -> list[tuple[str, str]]:
    with env.uow() as session:
        found = session.execute(
            text("SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name")
        )
        return [(str(n), str(s)) for n, s in found]


@pytest.mark.sqlite_only
def test_a_large_import_into_an_empty_database_keeps_every_index(env: Env, tmp_path: Path) -> None:
    """The import builds the indexes once at the end: all are back, also after an error."""
    before = _indexes(env)
    assert any(name == "ix_complaint_received" for name, _ in before)
    rows = [f"IMP/{i:05d},statutory,2024-0{1 + i % 9}-1{i % 10},Fostering" for i in range(2500)]
    bad = write_csv(
        tmp_path / "bad.csv",
        "\n".join(["reference,procedure,received,teams", *rows, "X,statutory,2099-01-01,"]),
    )
    with pytest.raises(ValidationFailed, match="row 2502, column received"):
        caselog.import_file(env, bad, create_missing=True)
    assert (count(env, tables.Complaint), _indexes(env)) == (0, before)

    good = write_csv(
        tmp_path / "good.csv", "\n".join(["reference,procedure,received,teams", *rows])
    )
    assert caselog.import_file(env, good, create_missing=True).created == 2500
    assert (count(env, tables.Complaint), _indexes(env)) == (2500, before)
    assert cases.get(env, "IMP/02499").received == date(2024, 7, 19)


def test_headers_ignore_case_spaces_and_order_and_values_are_matched(
    env: Env, tmp_path: Path
) -> None:
    with env.uow() as session:
        vocabularies.ensure(session, "team", ["Fostering"])
    text = (
        " Received ,TEAMS, Procedure ,channel,Relationship,s1_start,s1_response,S1_Outcome,"
        "age_band,advocacy\n"
        "2024-04-05, fostering ,Statutory,Web Form,PARENT,2024-04-05,19/04/2024, Upheld ,"
        ",Yes\n"
    )
    caselog.import_file(env, write_csv(tmp_path / "log.csv", text))
    [case] = [cases.get(env, "CSC/24/0001")]
    assert (case.procedure, case.channel, case.relationship, case.teams) == (
        "statutory",
        "web form",
        "parent",
        ["Fostering"],
    )
    assert case.stages[0].outcome == "upheld"
    assert case.advocacy.used is True
    assert case.equality == {}


@pytest.mark.parametrize("amount", ["1200.50", "1,200.50", "£1,200.50", " £1200.5 "])
def test_amount_forms_are_the_same_amount(env: Env, tmp_path: Path, amount: str) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["procedure", "received", "lgsco_received", "lgsco_payment"])
    writer.writerow(["corporate", "2024-04-05", "2024-05-01", amount])
    caselog.import_file(env, write_csv(tmp_path / "log.csv", buffer.getvalue()))
    case = cases.get(env, "CORP/24/0001")
    assert case.ombudsman is not None
    assert case.ombudsman.payment == 120050


def test_blank_references_are_generated_after_those_in_use(env: Env, tmp_path: Path) -> None:
    text = (
        "reference,procedure,received\n"
        "CSC/24/0007,statutory,2024-04-05\n"
        ",statutory,2024-05-05\n"
        ",corporate,2024-05-06\n"
        ",statutory,2023-05-06\n"
    )
    result = caselog.import_file(env, write_csv(tmp_path / "log.csv", text))
    assert result.created == 4
    assert any("generated" in note for note in result.notes)
    for reference in ("CSC/24/0007", "CSC/24/0008", "CORP/24/0001", "CSC/23/0001"):
        assert cases.get(env, reference).reference == reference


def test_open_case_gets_its_next_deadline(env: Env, tmp_path: Path) -> None:
    text = "reference,procedure,received,s1_start\nA1,statutory,2026-11-20,2026-11-20\n"
    caselog.import_file(env, write_csv(tmp_path / "log.csv", text))
    with env.uow() as session:
        row = session.execute(select(tables.Complaint)).scalar_one()
    assert row.status == "open"
    assert row.next_due is not None
    assert row.closed_on is None


def test_progress_is_reported_and_cancel_writes_nothing(env: Env, tmp_path: Path) -> None:
    lines = ["procedure,received"] + ["corporate,2024-04-05"] * 5000
    path = write_csv(tmp_path / "log.csv", "\n".join(lines))
    seen: list[tuple[int, int]] = []
    with pytest.raises(KnownError, match="cancelled; nothing was changed"):
        caselog.import_file(
            env, path, progress=lambda d, t: seen.append((d, t)), cancel=lambda: len(seen) > 0
        )
    assert seen
    assert seen[0][1] == 5000
    assert count(env, tables.Complaint) == 0
    seen.clear()
    assert caselog.import_file(env, path, progress=lambda d, t: seen.append((d, t))).created == 5000
    assert seen[-1] == (5000, 5000)


def test_progress_moves_evenly_when_addresses_span_several_lines(env: Env, tmp_path: Path) -> None:
    row = 'corporate,2024-04-05,"1 High Street\nNorthbridge\nNB1 1AA"'
    path = write_csv(
        tmp_path / "log.csv", "\n".join(["procedure,received,complainant_address", *[row] * 3000])
    )
    seen: list[tuple[int, int]] = []
    assert caselog.import_file(env, path, progress=lambda d, t: seen.append((d, t))).created == 3000
    fractions = [done / total for done, total in seen]
    assert fractions == sorted(fractions)  # never goes back
    assert len(seen) >= 10  # reported often, not once per 2,000 rows
    halfway = [f for f in fractions if 0.4 <= f <= 0.6]
    assert halfway, fractions  # 1,500 of 3,000 rows read shows as about half, not a sixth
    assert seen[-1] == (3000, 3000)


def test_a_large_import_leaves_the_planner_knowing_the_new_sizes(env: Env, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "log.csv", "\n".join(["procedure,received"] + ["corporate,2024-04-05"] * 1500)
    )
    assert caselog.import_file(env, path).created == 1500
    with env.engine.connect() as conn:
        if env.engine.dialect.name == "postgresql":
            # without ANALYZE a server plans searches of 100,000 new cases as if for none
            rows = conn.execute(
                text("select reltuples from pg_class where relname = 'complaint'")
            ).scalar_one()
            assert rows == 1500
        else:  # SQLite plans from its indexes alone: no statistics tables appear
            tables = conn.execute(
                text("select count(*) from sqlite_master where name like 'sqlite_stat%'")
            ).scalar_one()
            assert tables == 0
