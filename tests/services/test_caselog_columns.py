"""Services: the case log's one column specification drives parsing, applying and exporting
alike — a case exported and read back is the same case, on real and generated case logs."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.generate import generate
from complaints_desktop.services.caselog.columns import CASE_LOG, CONTACT_LOG
from complaints_desktop.services.caselog.parse import CASE_COLUMNS, PERSONAL
from complaints_desktop.services.caselog.read import read_table
from complaints_desktop.services.caselog.validate import match_header, new_case, parse_row
from complaints_desktop.services.caselog.write import _text, case_columns, case_row
from tests.conftest import MERTON


def _round_trip(path: Path) -> int:
    table = read_table(path)
    columns, problems = match_header(table.header, "cases")
    assert problems == []
    every, _ = match_header(list(CASE_COLUMNS), "cases")
    compared = 0
    for number, cells in table.rows:
        values, _ = parse_row(columns, cells, "cases")
        if not (values.get("procedure") and values.get("received")):
            continue
        case = new_case(values)
        row = case_row(case)
        written = [_text(c, row.get(c)) for c in CASE_COLUMNS]
        again, problems = parse_row(every, written, "cases")
        assert problems == [], f"row {number}"
        assert new_case(again) == case, f"row {number}"
        compared += 1
    return compared


def test_merton_cases_come_back_the_same_after_export() -> None:
    assert _round_trip(MERTON / "cases.csv") == 27  # every row of the file


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2])
def test_generated_cases_with_every_column_come_back_the_same(tmp_path: Path, seed: int) -> None:
    cases_csv, _ = generate(tmp_path, cases=1500, contacts=10, seed=seed)
    assert _round_trip(cases_csv) == 1500


def test_the_specification_gives_the_headings_and_what_anonymising_leaves_out() -> None:
    assert tuple(c.name for c in CASE_LOG) == CASE_COLUMNS
    assert len(CASE_COLUMNS) == len(set(CASE_COLUMNS)) == 43
    assert len({c.name for c in CONTACT_LOG}) == 13  # + themes (optional, 2026-12)
    anonymised = case_columns(anonymised=True)
    assert not PERSONAL & set(anonymised)
    assert {"complainant_name", "child_dob", "child_id"} <= PERSONAL
    assert set(CASE_COLUMNS) - set(anonymised) == PERSONAL & set(CASE_COLUMNS)
