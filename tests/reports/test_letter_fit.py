"""Reports: each letter says once where it fits, and the list of letters, the letter
offered after a move and the guards' "wrong letter" refusals all agree with it."""

from __future__ import annotations

from datetime import date

import pytest

from complaints_desktop.domain.model import Advocacy, Case, Contact, Person, Stage
from complaints_desktop.reports.letters import guards
from complaints_desktop.reports.letters.catalogue import (
    LETTERS,
    first_fitting,
    for_complainant,
    letters_for,
)

DAY = date(2026, 3, 2)


def _case(
    stages: int = 1,
    *,
    child: bool = False,
    procedure: str = "statutory",
    extended: bool = False,
    **kw: object,
) -> Case:
    return Case(
        procedure=procedure,
        received=DAY,
        reference="CSC/26/0001",
        relationship="child or young person" if child else "parent",
        complainant=Person(name="Dawn Jones", address="1 High Street"),
        stages=[
            Stage(n, start=DAY, extended=extended and n == stages) for n in range(1, 1 + stages)
        ],
        **kw,  # type: ignore[arg-type]
    )


def test_a_stage_1_case_is_offered_its_acknowledgement_and_response() -> None:
    assert letters_for(_case()) == [(1, "acknowledgement"), (1, "stage1-response")]
    assert letters_for(_case(child=True, extended=True)) == [
        (1, "acknowledgement-child"),
        (1, "acknowledgement"),
        (1, "extension-child"),
        (1, "extension"),
        (1, "stage1-response-child"),
        (1, "stage1-response"),
    ]


def test_later_stages_come_first_and_whole_case_letters_around_them() -> None:
    case = _case(3, withdrawn=DAY, advocacy=Advocacy(provider="NYAS"))
    assert letters_for(case) == [
        (None, "withdrawal"),
        (3, "panel-invitation"),
        (3, "outcome"),
        (2, "stage2-acknowledgement"),
        (2, "stage2-commission"),
        (2, "outcome"),
        (1, "acknowledgement"),
        (1, "stage1-response"),
        (None, "advocacy-referral"),
    ]
    corporate = _case(2, procedure="corporate", advocacy=Advocacy(provider="NYAS"))
    assert ("stage2-commission" in [n for _, n in letters_for(corporate)]) is False
    assert "advocacy-referral" not in [n for _, n in letters_for(corporate)]


def test_a_refused_case_gets_the_refusal_alone() -> None:
    case = _case(2, child=True, refused=DAY, withdrawn=DAY, advocacy=Advocacy(provider="NYAS"))
    assert letters_for(case) == [(None, "refusal")]


def test_contacts_get_the_letter_of_their_kind() -> None:
    def of(kind: str) -> list[tuple[int | None, str]]:
        return letters_for(Contact(kind=kind, received=DAY))

    assert of("compliment") == [(None, "compliment-thanks")]
    assert of("mp enquiry") == of("councillor enquiry") == [(None, "mp-enquiry-response")]
    assert of("general query") == []


@pytest.mark.parametrize("child", [False, True])
@pytest.mark.parametrize("stages", [1, 2, 3])
def test_every_letter_listed_passes_the_guards_fit_checks(child: bool, stages: int) -> None:
    case = _case(stages, child=child, extended=True, advocacy=Advocacy(provider="NYAS"))
    listed = letters_for(case)
    assert listed
    for number, name in listed:
        stage = case.stage(number) if number is not None else None
        verdict = guards.check_case(case, name, stage, {}, [], DAY)
        assert not verdict.wrong_letter, name
        assert LETTERS[name].fits(case, stage)
    # and a letter for a child is never listed, nor let through, for an adult
    if not child:
        assert not [n for _, n in listed if n.endswith("-child")]
        verdict = guards.check_case(case, "acknowledgement-child", case.stage(1), {}, [], DAY)
        assert verdict.wrong_letter


def test_the_letter_after_a_move_is_the_first_that_fits() -> None:
    moves = ("acknowledgement-child", "acknowledgement", "stage2-acknowledgement")
    assert first_fitting(_case(1), moves) == "acknowledgement"
    assert first_fitting(_case(1, child=True), moves) == "acknowledgement-child"
    assert first_fitting(_case(2), moves) == "stage2-acknowledgement"
    assert first_fitting(_case(3), moves) is None
    assert first_fitting(_case(1), ("extension-child", "extension")) is None
    assert first_fitting(_case(1, extended=True), ("extension-child", "extension")) == "extension"
    assert for_complainant("acknowledgement", _case(child=True)) == "acknowledgement-child"
    assert for_complainant("acknowledgement", _case()) == "acknowledgement"
    assert for_complainant("outcome", _case(child=True)) == "outcome"
