"""Storage: the case aggregate round-trips; concurrent edits are refused; schema is guarded."""

from __future__ import annotations

import copy
from datetime import date

import pytest
from sqlalchemy import text

from complaints_desktop.domain.calendar import Suspension
from complaints_desktop.domain.errors import ConcurrentEdit, NotFound
from complaints_desktop.domain.model import (
    Advocacy,
    Case,
    Child,
    Element,
    Finding,
    LearningAction,
    Ombudsman,
    Person,
    Recommendation,
    Stage,
)
from complaints_desktop.storage import audit, cases, vocabularies
from complaints_desktop.storage.engine import make_engine, unit_of_work
from complaints_desktop.storage.migrate import (
    DatabaseTooNew,
    current_revision,
    head_revision,
    migrate,
)


@pytest.fixture
def engine(db_url: str):  # type: ignore[no-untyped-def]
    eng = make_engine(db_url)
    migrate(eng)
    yield eng
    eng.dispose()


def _full_case() -> Case:
    return Case(
        procedure="statutory",
        received=date(2025, 3, 3),
        reference="CSC/25/0001",
        channel="email",
        relationship="parent",
        service_area="Children's social care",
        teams=["Fostering", "Children in Care"],
        types=["Attitude or behaviour of staff", "Other"],
        summary="Social worker did not return calls",
        complainant=Person(
            name="Siobhán Ní Bhriain", address="1 High St\nNorthbridge", email="s@example.org"
        ),
        child=Child(name="Zoë", dob=date(2015, 5, 6), system_id="C12345"),
        advocacy=Advocacy(used=True, offered=date(2025, 3, 4), provider="NYAS"),
        equality={"gender": "female", "age_band": "36-50"},
        stages=[
            Stage(
                1,
                start=date(2025, 3, 3),
                acknowledged=date(2025, 3, 4),
                extended=True,
                extension_agreed=date(2025, 3, 10),
                extension_reason="complex",
                suspensions=[Suspension(date(2025, 3, 12), date(2025, 3, 14), "advocate")],
                response=date(2025, 3, 28),
                outcome="partially upheld",
            ),
            Stage(
                2,
                requested=date(2025, 4, 1),
                start=date(2025, 4, 8),
                io_fee=150000,
                ip_fee=50000,
                cost=200000,
                investigating_officer="I O",
                independent_person="I P",
            ),
        ],
        elements=[Element("calls", [Finding(1, "upheld", "yes")]), Element("plan")],
        remedies=["apology"],
        ombudsman=Ombudsman(
            reference="25 000 001",
            received=date(2025, 5, 1),
            recommendations=[Recommendation("pay", date(2025, 6, 1), amount=25000)],
        ),
        actions=[LearningAction("Train staff", owner="Head of service", target=date(2025, 9, 1))],
    )


def _prepare_vocab(engine) -> None:  # type: ignore[no-untyped-def]
    with unit_of_work(engine) as s:
        vocabularies.ensure(s, "team", ["Fostering", "Children in Care"])
        vocabularies.ensure(s, "type", ["Attitude or behaviour of staff", "Other"])
        vocabularies.ensure(s, "remedy", ["apology"])


def test_a_case_round_trips_with_everything_it_records(engine) -> None:  # type: ignore[no-untyped-def]
    _prepare_vocab(engine)
    case = _full_case()
    with unit_of_work(engine) as s:
        cases.save(s, case)
    with unit_of_work(engine) as s:
        loaded = cases.load(s, cases.find_id(s, "CSC/25/0001"))
    assert loaded == case
    assert loaded.complainant.name == "Siobhán Ní Bhriain"
    assert loaded.stages[0].suspensions[0].reason == "advocate"


def test_second_save_of_a_stale_copy_is_refused(engine) -> None:  # type: ignore[no-untyped-def]
    _prepare_vocab(engine)
    with unit_of_work(engine) as s:
        cases.save(s, _full_case())
    with unit_of_work(engine) as s:
        mine = cases.load(s, cases.find_id(s, "CSC/25/0001"))
        theirs = copy.deepcopy(mine)
    theirs.summary = "their change"
    with unit_of_work(engine) as s:
        cases.save(s, theirs)
    mine.summary = "my change"
    with pytest.raises(ConcurrentEdit, match="changed by someone else"), unit_of_work(engine) as s:
        cases.save(s, mine)
    with unit_of_work(engine) as s:
        assert cases.load(s, cases.find_id(s, "CSC/25/0001")).summary == "their change"


def test_unknown_reference_is_not_found(engine) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(NotFound, match="XYZ"), unit_of_work(engine) as s:
        cases.find_id(s, "XYZ")


def test_references_number_on_per_year(engine) -> None:  # type: ignore[no-untyped-def]
    _prepare_vocab(engine)
    with unit_of_work(engine) as s:
        cases.save(s, _full_case())
        assert cases.next_reference(s, "CSC", 2025) == "CSC/25/0002"
        assert cases.next_reference(s, "CSC", 2026) == "CSC/26/0001"


def test_migrated_to_head(engine) -> None:  # type: ignore[no-untyped-def]
    assert current_revision(engine) == head_revision()


def test_a_newer_database_is_refused_and_left_alone(db_url: str) -> None:
    eng = make_engine(db_url)
    migrate(eng)
    with eng.begin() as c:
        c.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(DatabaseTooNew, match="newer version"):
        migrate(eng)
    assert current_revision(eng) == "9999"
    eng.dispose()


def test_vocabulary_retire_hides_but_keeps(engine) -> None:  # type: ignore[no-untyped-def]
    with unit_of_work(engine) as s:
        vocabularies.add(s, "team", "Early Help")
        vocabularies.set_retired(s, "team", "early help", True)
    with unit_of_work(engine) as s:
        assert "Early Help" not in vocabularies.names(s, "team")
        assert "Early Help" in vocabularies.names(s, "team", include_retired=True)


def test_audit_chain_shows_tampering(engine) -> None:  # type: ignore[no-untyped-def]
    with unit_of_work(engine) as s:
        for n in range(3):
            audit.record(
                s,
                user="u",
                action="edit",
                entity="complaint",
                reference=f"R{n}",
                changes={"summary": ["a", "b"]},
            )
    with unit_of_work(engine) as s:
        assert audit.verify(s) == []
    with engine.begin() as c:
        c.execute(text("UPDATE audit SET changes = '{}' WHERE id = 2"))
    with unit_of_work(engine) as s:
        assert audit.verify(s) == [2]


def test_the_known_revisions_are_exactly_the_migration_scripts() -> None:
    from complaints_desktop.storage.migrate import KNOWN_REVISIONS, script_revisions

    assert list(KNOWN_REVISIONS) == script_revisions()


@pytest.mark.slow
def test_an_up_to_date_database_opens_without_importing_alembic(db_url: str) -> None:
    import subprocess
    import sys

    eng = make_engine(db_url)
    migrate(eng)
    eng.dispose()
    probe = (
        "import sys; from complaints_desktop.storage.engine import make_engine; "
        "from complaints_desktop.storage.migrate import migrate; "
        f"print(migrate(make_engine({db_url!r})), 'alembic' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
