"""Bad files of every kind are refused with a row and column (or as a whole), quickly,
and change nothing; files at the edges of what is allowed still import."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from complaints_desktop import cli
from complaints_desktop.domain.errors import ValidationFailed
from complaints_desktop.services import caselog
from complaints_desktop.services.caselog import xlsx as caselog_xlsx
from complaints_desktop.services.env import Env
from complaints_desktop.storage import tables
from tests.services.bad_logs import (
    EXPECTED,
    GOOD,
    HEADER,
    BadFile,
    bad_files,
    cell_xml,
    csv_log,
    good_rows_xml,
    with_cell,
    workbook,
)

ROW_AND_COLUMN = re.compile(r"^row \d+, column [^:]+: \S")
ROW = re.compile(r"^row \d+: \S")
BAD = bad_files()
CATEGORIES = sorted({bad.category for bad in BAD})


def shape(problem: str, name: str) -> str:
    """How a problem points into the file: by row and column, by row, or the file as a whole."""
    if ROW_AND_COLUMN.match(problem):
        return "row and column"
    if ROW.match(problem):
        return "row"
    assert problem.startswith(name), problem
    return "file"


def counts(env: Env) -> tuple[int, ...]:
    with env.uow() as session:
        return tuple(
            session.execute(select(func.count()).select_from(table)).scalar_one()
            for table in (
                tables.Complaint,
                tables.Stage,
                tables.Team,
                tables.ServiceArea,
                tables.ComplaintTeam,
                tables.Person,
                tables.Child,
                tables.Contact,
                tables.AuditEntry,
            )
        )


def refuse(env: Env, tmp_path: Path, bad: BadFile) -> list[str]:
    path = tmp_path / f"bad{bad.suffix}"
    path.write_bytes(bad.data)
    with pytest.raises(ValidationFailed) as raised:
        caselog.import_file(env, path, **bad.options)
    return raised.value.problems


@pytest.mark.parametrize("category", CATEGORIES)
def test_every_bad_file_is_refused_by_row_and_column_and_changes_nothing(
    env: Env, tmp_path: Path, category: str
) -> None:
    before = counts(env)
    for bad in (b for b in BAD if b.category == category):
        problems = refuse(env, tmp_path, bad)
        assert problems, bad.name
        shapes = {shape(p, f"bad{bad.suffix}") for p in problems}
        assert shapes <= EXPECTED[category], (bad.name, problems)
    assert counts(env) == before


@pytest.mark.slow
def test_the_command_line_exits_2_with_a_plain_message_for_each_kind(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "c.sqlite3"
    for category in CATEGORIES:
        bad = next(b for b in BAD if b.category == category)
        path = tmp_path / f"bad{bad.suffix}"
        path.write_bytes(bad.data)
        extra = ["--contacts"] if bad.options.get("contacts") else []
        assert cli.main(["--db", str(db), "import", str(path), "--create-missing", *extra]) == 2
        err = capsys.readouterr().err
        assert "Traceback" not in err
        assert "unexpected error" not in err
        assert all(shape(line, path.name) in EXPECTED[category] for line in err.splitlines())


def test_a_zip_bomb_is_refused_before_it_is_unpacked(env: Env, tmp_path: Path) -> None:
    rows = ("<row>" + "<c/>" * 1000 + "</row>") * 2_500  # 10 MB that packs into 15 KB
    data = workbook(rows)
    assert len(data) < 100_000
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(data)
    started = time.perf_counter()
    with pytest.raises(ValidationFailed, match=r"^bomb.xlsx \(0.0 MB\) would unpack to 10 MB"):
        caselog.import_file(env, path)
    assert time.perf_counter() - started < 1.0


def test_a_sheet_with_more_cells_than_a_log_has_is_refused(
    env: Env, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(caselog_xlsx, "MAX_CELLS", 100)
    rows = good_rows_xml() + "".join(
        f'<row r="{n}">{"".join("<c/>" for _ in range(20))}</row>' for n in range(4, 10)
    )
    (tmp_path / "many.xlsx").write_bytes(workbook(rows))
    with pytest.raises(ValidationFailed) as raised:
        caselog.import_file(env, tmp_path / "many.xlsx", create_missing=True)
    assert raised.value.problems == [
        "row 7: the worksheet has more than 100 cells, more than a log can have; "
        "nothing was imported."
    ]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_50000_column_header_is_refused_at_once(env: Env, tmp_path: Path, suffix: str) -> None:
    bad = next(b for b in BAD if b.category == "header too wide" and b.suffix == suffix)
    started = time.perf_counter()
    problems = refuse(env, tmp_path, bad)
    assert time.perf_counter() - started < 3.0  # was 38.5 s
    assert problems[0].startswith("row 1")


def test_a_csv_cut_short_in_a_team_name_is_refused(env: Env, tmp_path: Path) -> None:
    header = HEADER.replace(",teams", "") + ",teams"
    cells = GOOD.split(",")
    row = ",".join(cells[:4] + cells[5:] + ["Children in Care"])
    cut = f"{header}\r\n{row}\r\n{row.replace('0001', '0002')[:-9]}"  # ends "Childre"
    (tmp_path / "cut.csv").write_text(cut)
    with pytest.raises(ValidationFailed) as raised:
        caselog.import_file(env, tmp_path / "cut.csv", create_missing=True)
    assert raised.value.problems == [
        "row 3, column teams: the file looks cut short: 'Childre' is the start of a name, and "
        "the file ends there without a line break. Copy or save the whole file again; "
        "nothing was imported."
    ]
    with env.uow() as session:
        assert session.execute(select(tables.Team.name)).scalars().all() == []


def test_a_csv_cut_short_mid_row_names_the_cut_column(env: Env, tmp_path: Path) -> None:
    cut = csv_log().decode() + "CSC/24/0002,statutory,2024-01-10,email,Fostering,Other,2024,2024"
    (tmp_path / "cut.csv").write_text(cut)
    with pytest.raises(ValidationFailed) as raised:
        caselog.import_file(env, tmp_path / "cut.csv", create_missing=True)
    assert raised.value.problems == [
        "row 3, column s1_response: the file looks cut short: its last row has 8 of the 14 "
        "columns and it ends without a line break. Copy or save the whole file again; "
        "nothing was imported."
    ]


def test_files_at_the_edges_of_what_is_allowed_still_import(env: Env, tmp_path: Path) -> None:
    # No line break at the end, the last value a whole team name that starts another one.
    header = HEADER.replace(",teams", "") + ",teams"
    cells = GOOD.split(",")
    row = ",".join(cells[:4] + cells[5:] + ["Fostering Service;Fostering"])
    last = row.replace("0001", "0002").replace("Fostering Service;Fostering", "Fostering")
    (tmp_path / "edge.csv").write_text(f"{header}\r\n{row}\r\n{last}")
    assert caselog.import_file(env, tmp_path / "edge.csv", create_missing=True).created == 2
    # £10,000,000 exactly, 1 January 1900, an address over lines, a name with a tab inside.
    edge = with_cell("s2_cost", "£10,000,000.00", "CSC/24/0003").replace("2015-03-04", "1900-01-01")
    edge = edge.replace("1 Road", '"1 Road\nTown"').replace("Ann Example", "Ann\tExample")
    (tmp_path / "edge2.csv").write_bytes(csv_log(edge).replace(b"CSC/24/0001", b"CSC/24/0004"))
    assert caselog.import_file(env, tmp_path / "edge2.csv", create_missing=True).created == 2
    # An XLSX amount with a sum's rounding error is the amount a spreadsheet shows.
    rows = good_rows_xml({"s2_cost": cell_xml("{ref}", "1200.5000000000002", kind="n")})
    (tmp_path / "edge.xlsx").write_bytes(
        workbook(rows.replace("CSC/24/0001", "CSC/24/0005").replace("CSC/24/0002", "CSC/24/0006"))
    )
    assert caselog.import_file(env, tmp_path / "edge.xlsx", create_missing=True).created == 2
    exported = tmp_path / "out.csv"
    caselog.export_file(env, exported)
    text = exported.read_text(encoding="utf-8-sig")
    assert "10000000.00" in text
    assert "1200.50" in text
    assert "1900-01-01" in text
