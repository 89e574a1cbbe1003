"""Services: the import's fast way of building a new case gives the same case as the
general way (apply every column to an empty case), on real and generated case logs."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.generate import generate
from complaints_desktop.domain.model import Case
from complaints_desktop.services.caselog.read import read_table
from complaints_desktop.services.caselog.validate import (
    apply_case,
    match_header,
    new_case,
    parse_row,
)
from tests.conftest import MERTON


def _compare(path: Path) -> int:
    table = read_table(path)
    columns, problems = match_header(table.header, "cases")
    assert problems == []
    compared = 0
    for number, cells in table.rows:
        values, _ = parse_row(columns, cells, "cases")
        if not (values.get("procedure") and values.get("received")):
            continue
        general = Case(procedure=values["procedure"], received=values["received"])
        apply_case(general, values)
        assert new_case(values) == general, f"row {number}"
        compared += 1
    return compared


def test_merton_rows_build_the_same_cases() -> None:
    assert _compare(MERTON / "cases.csv") == 27  # every row of the file


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2])
def test_generated_rows_with_every_column_build_the_same_cases(tmp_path: Path, seed: int) -> None:
    cases_csv, _ = generate(tmp_path, cases=1500, contacts=10, seed=seed)
    assert _compare(cases_csv) == 1500
