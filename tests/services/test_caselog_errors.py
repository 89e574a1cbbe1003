"""Bad case and contacts logs: every problem named by row and column, nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from complaints_desktop.domain.errors import KnownError, ValidationFailed
from complaints_desktop.services import caselog
from complaints_desktop.services.env import Env
from complaints_desktop.storage import tables
from tests.conftest import MERTON

DATE_FORMS = "write YYYY-MM-DD or DD/MM/YYYY (day first)"


@pytest.fixture
def loaded(env: Env) -> Env:
    """The Merton logs, imported."""
    caselog.import_file(env, MERTON / "cases.csv", create_missing=True)
    caselog.import_file(env, MERTON / "contacts.csv", contacts=True, create_missing=True)
    return env


def snapshot(env: Env, tmp_path: Path) -> tuple[object, ...]:
    """Row counts of every table touched by an import, and both exports."""
    with env.uow() as session:
        counts = tuple(
            session.execute(select(func.count()).select_from(table)).scalar_one()
            for table in (
                tables.Complaint,
                tables.Stage,
                tables.Team,
                tables.ComplaintType,
                tables.ComplaintTeam,
                tables.OmbudsmanCase,
                tables.Person,
                tables.Contact,
            )
        )
    caselog.export_file(env, tmp_path / "cases-now.csv")
    caselog.export_file(env, tmp_path / "contacts-now.csv", contacts=True)
    return (
        counts,
        (tmp_path / "cases-now.csv").read_bytes(),
        (tmp_path / "contacts-now.csv").read_bytes(),
    )


def problems_of(env: Env, path: Path, **options: bool) -> list[str]:
    with pytest.raises(ValidationFailed) as raised:
        caselog.import_file(env, path, **options)
    return raised.value.problems


CASES = [
    (
        "reference,procedure,recieved\nX1,statutory,2024-01-01\n",
        [
            "row 1, column recieved: 'recieved' is not a column of the case log; "
            "did you mean 'received'?",
            "row 1, column received: this column is missing; every case log needs it",
        ],
    ),
    (
        "procedure,received,s1_start\nstatutory,12/25/2023,\ncorporate,2023-02-30,\n"
        "corporate,,\nstatutory,2023-01-05,next week\n",
        [
            f"row 2, column received: '12/25/2023' is not a date; {DATE_FORMS}",
            f"row 3, column received: '2023-02-30' is not a date; {DATE_FORMS}",
            "row 4, column received: blank, but every row needs it",
            f"row 5, column s1_start: 'next week' is not a date; {DATE_FORMS}",
        ],
    ),
    (
        "procedure,received,channel,s1_start,s1_response,s1_outcome,gender\n"
        "statuary,2024-01-02,fax,2024-01-02,2024-01-09,sorted,woman\n",
        [
            "row 2, column procedure: 'statuary' is not one of: statutory, corporate, adult",
            "row 2, column channel: 'fax' is not one of: email, web form, telephone, letter, "
            "in person, other",
            "row 2, column s1_outcome: 'sorted' is not one of: upheld, partially upheld, "
            "not upheld, inconclusive, withdrawn",
            "row 2, column gender: 'woman' is not one of: female, male, other, not stated",
        ],
    ),
    (
        "procedure,received,teams,types,remedies,service_area\n"
        "statutory,2024-01-02,Nowhere team,Other,apology;cake,Early help\n",
        [
            "row 2, column teams: team 'Nowhere team' is not in the list of teams; add it in "
            'Settings first, or import with --create-missing ("add names not yet known")',
            "row 2, column remedies: remedy 'cake' is not in the list of remedies; add it in "
            'Settings first, or import with --create-missing ("add names not yet known")',
            "row 2, column service_area: service area 'Early help' is not in the list of "
            "service areas; add it in Settings first, or import with --create-missing "
            '("add names not yet known")',
        ],
    ),
    (
        "reference,procedure,received\nCSC/22/001,statutory,2024-01-02\n"
        "NEW/1,corporate,2024-01-02\nNEW/1,corporate,2024-01-03\n",
        [
            "row 2, column reference: CSC/22/001 already exists; import with --update "
            '("update existing records") to change it',
            "row 4, column reference: NEW/1 is already on row 3; each reference may appear once",
        ],
    ),
    (
        "procedure,received,resolved_early,s1_start,s1_response,s1_outcome\n"
        "statutory,2024-03-01,2024-02-01,2024-03-01,2024-02-28,upheld\n",
        [
            "row 2, column resolved_early: 1 February 2024 is before the complaint was "
            "received (1 March 2024)",
            "row 2, column s1_response: 28 February 2024 is before the complaint was "
            "received (1 March 2024)",
            "row 2, column s1_response: 28 February 2024 is before stage 1 began "
            "(1 March 2024, s1_start)",
        ],
    ),
    (
        "procedure,received,s1_start,s1_response,s1_outcome,s2_requested,s2_start,"
        "s2_response,s2_outcome,s3_requested,s3_panel,s3_response,s3_outcome\n"
        "statutory,2024-01-02,2024-01-02,2024-02-01,upheld,2024-01-20,2024-01-19,"
        "2024-03-01,upheld,2024-03-05,2024-03-04,2024-03-20,upheld\n",
        [
            "row 2, column s2_start: 19 January 2024 is before stage 2 was requested "
            "(20 January 2024, s2_requested)",
            "row 2, column s2_requested: 20 January 2024 is before the stage 1 response "
            "(1 February 2024)",
            "row 2, column s3_panel: 4 March 2024 is before stage 3 was requested "
            "(5 March 2024, s3_requested)",
        ],
    ),
    (
        "procedure,received,s3_requested,s1_start,s1_response,s1_outcome,s2_requested,"
        "s2_response,s2_outcome\n"
        "corporate,2024-01-02,2024-04-01,2024-01-02,2024-01-10,upheld,2024-01-15,"
        "2024-03-01,upheld\n",
        [
            "row 2, column s3_requested: a corporate case has 2 stages; stage 3 columns must "
            "be blank",
        ],
    ),
    (
        "procedure,received,s1_start,s1_outcome,s2_requested,s2_response,lgsco_received,"
        "lgsco_decided,lgsco_outcome\n"
        "statutory,2024-01-02,2024-01-02,upheld,,,2024-05-01,2024-04-01,upheld\n"
        "statutory,2024-01-02,2024-01-02,,,,2024-05-01,2024-06-01,\n",
        [
            "row 2, column s1_response: blank, but s1_outcome says 'upheld'; give the date of "
            "the response (or of the withdrawal)",
            "row 2, column lgsco_decided: 1 April 2024 is before the Ombudsman referral was "
            "received (1 May 2024)",
            "row 3, column lgsco_outcome: blank, but lgsco_decided is given; say the outcome",
        ],
    ),
    (
        "procedure,received,s1_start,s1_response\nstatutory,2024-01-02,2024-01-02,2024-01-09\n"
        "statutory,2024-01-02,,\n",
        [
            "row 2, column s1_outcome: blank, but s1_response is 9 January 2024; say what the "
            "outcome was"
        ],
    ),
    (
        "procedure,received,s2_requested,s2_cost,s3_cost,lgsco_received,lgsco_payment\n"
        "statutory,2024-01-02,2024-01-03,-50,lots,2024-02-01,£-1.00\n",
        [
            "row 2, column s2_cost: '-50' is negative; an amount cannot be below 0",
            "row 2, column s3_cost: 'lots' is not an amount of money (write e.g. 1200.50, "
            "1,200.50 or £1,200.50)",
            "row 2, column lgsco_payment: '£-1.00' is negative; an amount cannot be below 0",
        ],
    ),
    (
        "procedure,received,s1_start,child_dob\nstatutory,2026-11-25,2026-11-25,2030-01-01\n",
        [
            "row 2, column received: 25 November 2026 is in the future",
            "row 2, column child_dob: 1 January 2030 is in the future",
            "row 2, column s1_start: 25 November 2026 is in the future",
        ],
    ),
    (
        "procedure,received,s3_requested,s3_response,s3_outcome\n"
        "statutory,2024-01-02,2024-02-01,2024-03-01,upheld\n",
        [
            "row 2, column s3_requested: stage 3 without stage 2: a case may enter at stage 2, "
            "not at stage 3",
        ],
    ),
    (
        "procedure,received,advocacy,,notes\nstatutory,2024-01-02,maybe,stray,\n",
        [
            "row 1, column notes: 'notes' is not a column of the case log; did you mean 'types'?",
        ],
    ),
    (
        "procedure,received,advocacy,\nstatutory,2024-01-02,maybe,stray\n",
        [
            "row 2, column advocacy: 'maybe' should be yes or no",
            "row 2, column D: a value in a column that has no known heading",
        ],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_each_problem_is_named_and_nothing_changes(
    loaded: Env, tmp_path: Path, text: str, expected: list[str]
) -> None:
    before = snapshot(loaded, tmp_path)
    path = tmp_path / "bad.csv"
    path.write_text(text, encoding="utf-8")
    assert problems_of(loaded, path) == expected
    assert snapshot(loaded, tmp_path) == before


def test_a_case_may_enter_at_stage_two(env: Env, tmp_path: Path) -> None:
    path = tmp_path / "log.csv"
    path.write_text(
        "procedure,received,s2_requested,s2_response,s2_outcome\n"
        "statutory,2024-01-02,2024-01-02,2024-02-20,not upheld\n",
        encoding="utf-8",
    )
    assert caselog.import_file(env, path).created == 1


def test_contacts_log_problems(loaded: Env, tmp_path: Path) -> None:
    before = snapshot(loaded, tmp_path)
    path = tmp_path / "bad.csv"
    path.write_text(
        "reference,kind,received,teams,responded,form\n"
        "C1,complaint,2024-01-02,,2024-01-01,\n"
        "C2,query,2024-01-05,Nowhere,2024-01-01,\n"
        "CSFC22003,compliment,2024-01-05,,,\n",
        encoding="utf-8",
    )
    assert problems_of(loaded, path, contacts=True) == [
        "row 1, column form: 'form' is not a column of the contacts log; did you mean 'from'?"
    ]
    path.write_text(
        "reference,kind,received,teams,responded\n"
        "C1,complaint,2024-01-02,,2024-01-01\n"
        "C2,query,2024-01-05,Nowhere,2024-01-01\n"
        "CSFC22003,compliment,2024-01-05,,\n",
        encoding="utf-8",
    )
    assert problems_of(loaded, path, contacts=True) == [
        "row 2, column kind: 'complaint' is not one of: compliment, mp enquiry, "
        "councillor enquiry, query, duty",
        "row 3, column teams: team 'Nowhere' is not in the list of teams; add it in Settings "
        'first, or import with --create-missing ("add names not yet known")',
        "row 3, column responded: 1 January 2024 is before the contact was received "
        "(5 January 2024)",
        "row 4, column reference: CSFC22003 already exists; import with --update "
        '("update existing records") to change it',
    ]
    assert snapshot(loaded, tmp_path) == before


def test_a_contacts_log_imported_as_cases_says_so(env: Env) -> None:
    found = problems_of(env, MERTON / "contacts.csv")
    assert any("This looks like a contacts log" in p for p in found)
    assert found[0].startswith("row 1, column kind: 'kind' is not a column of the case log")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.csv", None, "There is no file"),
        ("log.pdf", b"%PDF-1.4", "is not a CSV or XLSX file"),
        ("empty.csv", b"", "is empty"),
        ("blank.csv", b"\r\n\r\n", "is empty"),
        ("header.csv", b"procedure,received\r\n", "has a header but no rows"),
        ("noheader.csv", b",,\r\nstatutory,2024-01-01\r\n", "has no header row"),
        ("broken.xlsx", b"PK\x03\x04not really a zip", "is not a readable XLSX workbook"),
        ("binary.csv", b"\x00\x01\x02\xff\xfe\x00", "is not a text file"),
    ],
)
def test_unreadable_files_get_a_plain_message(
    loaded: Env, tmp_path: Path, name: str, content: bytes | None, message: str
) -> None:
    before = snapshot(loaded, tmp_path)
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(KnownError, match=message):
        caselog.import_file(loaded, path)
    assert snapshot(loaded, tmp_path) == before


def test_rows_are_numbered_as_the_spreadsheet_shows_them(env: Env, tmp_path: Path) -> None:
    # Blank rows count; a cell with a line break inside is still one spreadsheet row.
    path = tmp_path / "log.csv"
    path.write_text(
        "procedure,received,Received\r\n,,\r\n\r\nstatutory,2024-01-02,\r\n"
        'corporate,"2024-01-02",\r\n',
        encoding="utf-8",
    )
    assert problems_of(env, path) == [
        "row 1, column received: the column appears twice (again in column C)"
    ]
    path.write_text(
        'procedure,received,complainant_address\r\n,,\r\n\r\nstatutory,2024-01-02,"1 Road\r\n'
        'Town"\r\ncorporate,02-01-2024,\r\n',
        encoding="utf-8",
    )
    assert problems_of(env, path) == [
        f"row 5, column received: '02-01-2024' is not a date; {DATE_FORMS}"
    ]
