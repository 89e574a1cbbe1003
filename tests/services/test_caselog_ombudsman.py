"""The Ombudsman recommendations log (formats.md §5): import, replace, refuse, export."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest

from complaints_desktop.domain.errors import ValidationFailed
from complaints_desktop.domain.model import Case, Ombudsman, Stage
from complaints_desktop.services import caselog, cases, many_cases, statistics
from complaints_desktop.services.env import Env

HEADER = "reference,remedy,remedy_type,target,achieved,payment\n"


def _case(reference: str, decided: date | None) -> Case:
    return Case(
        "statutory",
        date(2025, 1, 6),
        reference=reference,
        stages=[Stage(1, start=date(2025, 1, 6), response=date(2025, 1, 20), outcome="upheld")],
        ombudsman=Ombudsman(
            received=date(2025, 3, 3),
            decided=decided,
            outcome="upheld" if decided else "",
        ),
    )


@pytest.fixture
def referred(env: Env) -> Env:
    many_cases.store_many(env, [_case("CSC/25/1", date(2025, 6, 2)), _case("CSC/25/2", None)])
    return env


def _write(tmp_path: Path, body: str, name: str = "recs.csv") -> Path:
    path = tmp_path / name
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def test_import_sets_each_cases_recommendations_with_compliance_from_dates(
    referred: Env, tmp_path: Path
) -> None:
    path = _write(
        tmp_path,
        "CSC/25/1,Apologise in writing,apology,2025-07-01,2025-06-20,\n"
        'CSC/25/1,Pay for lost time,financial redress,2025-07-01,2025-07-15,"£1,250.00"\n'
        "CSC/25/1,Review the care plan,,2025-09-01,,\n",
    )
    result = caselog.import_file(referred, path, ombudsman=True)
    assert (result.created, result.updated) == (3, 1)
    recs = cases.get(referred, "CSC/25/1").ombudsman.recommendations  # type: ignore[union-attr]
    assert [(r.description, r.remedy_type, r.status, r.amount) for r in recs] == [
        ("Apologise in writing", "apology", "complete and satisfied", 0),
        ("Pay for lost time", "financial redress", "completed late", 125000),
        ("Review the care plan", "", "pending", 0),
    ]
    # importing the same file again replaces them: no duplicates
    caselog.import_file(referred, path, ombudsman=True)
    again = cases.get(referred, "CSC/25/1").ombudsman.recommendations  # type: ignore[union-attr]
    assert len(again) == 3
    # the statistics count them by target date
    got = statistics.compute(referred, date(2025, 4, 1), date(2026, 3, 31))["lgsco"]
    assert got["recommendations"] == {"due": 3, "on_time": 1, "late": 1, "outstanding": 1}


def test_every_problem_is_listed_and_nothing_changes(referred: Env, tmp_path: Path) -> None:
    good = _write(tmp_path, "CSC/25/1,Apologise,apology,2025-07-01,,\n", "good.csv")
    caselog.import_file(referred, good, ombudsman=True)
    bad = _write(
        tmp_path,
        "CSC/25/1,Apologise again,apology,2025-07-01,,\n"  # fine on its own
        "CSC/25/9,Apologise,,2025-07-01,,\n"  # no such case
        "CSC/25/2,Apologise,,2025-07-01,,\n"  # no decision yet
        "CSC/25/1,Apologise,,2025-07-01,2025-05-30,\n"  # achieved before the decision
        "CSC/25/1,Apologise,,2025-07-01,2027-01-01,\n"  # achieved in the future
        "CSC/25/1,Apologise,hugs,2025-07-01,,\n"  # remedy not in the list
        "CSC/25/1,,,,,-5\n",  # remedy and target blank, negative payment
    )
    with pytest.raises(ValidationFailed) as failed:
        caselog.import_file(referred, bad, ombudsman=True)
    problems = failed.value.problems
    assert [p.split(":")[0] for p in problems] == [
        "row 3, column reference",
        "row 4, column reference",
        "row 5, column achieved",
        "row 6, column achieved",
        "row 7, column remedy_type",
        "row 8, column payment",
        "row 8, column remedy",
        "row 8, column target",
    ]
    assert "there is no complaint 'CSC/25/9'" in problems[0]
    assert "has no Ombudsman decision" in problems[1]
    assert "before the Ombudsman's decision of 2 June 2025" in problems[2]
    assert "--create-missing" in problems[4]
    recs = cases.get(referred, "CSC/25/1").ombudsman.recommendations  # type: ignore[union-attr]
    assert [r.description for r in recs] == ["Apologise"]


def test_unknown_columns_and_missing_required_ones_are_named(referred: Env, tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("reference,remedy,targt\nCSC/25/1,x,2025-07-01\n", encoding="utf-8")
    with pytest.raises(ValidationFailed) as failed:
        caselog.import_file(referred, path, ombudsman=True)
    assert failed.value.problems == [
        "row 1, column targt: 'targt' is not a column of the Ombudsman recommendations log; "
        "did you mean 'target'?",
        "row 1, column target: this column is missing; every Ombudsman recommendations log "
        "needs it",
    ]


def test_create_missing_adds_the_remedy_and_export_round_trips(
    referred: Env, tmp_path: Path
) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Reference", "Remedy", "Remedy_type", "Target", "Achieved", "Payment"])
    sheet.append(["CSC/25/1", "Meet the family", "meeting", date(2025, 8, 1), None, 300])
    book.save(tmp_path / "recs.xlsx")
    result = caselog.import_file(
        referred, tmp_path / "recs.xlsx", ombudsman=True, create_missing=True
    )
    assert "Added 1 new remedy: meeting." in result.notes
    assert caselog.export_file(referred, tmp_path / "out.csv", ombudsman=True) == 1
    assert (tmp_path / "out.csv").read_text(encoding="utf-8-sig").splitlines() == [
        "reference,remedy,remedy_type,target,achieved,payment",
        "CSC/25/1,Meet the family,meeting,2025-08-01,,300.00",
    ]


def test_a_file_cut_short_in_a_remedy_name_is_refused(referred: Env, tmp_path: Path) -> None:
    path = tmp_path / "cut.csv"
    path.write_bytes(b"reference,remedy,target,remedy_type\nCSC/25/1,Pay,2025-07-01,financial re")
    with pytest.raises(ValidationFailed) as failed:
        caselog.import_file(referred, path, ombudsman=True)
    assert failed.value.problems[0].startswith(
        "row 2, column remedy_type: the file looks cut short: 'financial re'"
    )
    recs = cases.get(referred, "CSC/25/1").ombudsman.recommendations  # type: ignore[union-attr]
    assert recs == []
