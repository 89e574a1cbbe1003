"""Letters that must not go as they are: each refusal says what to do, and nothing is
written or logged; "send anyway" letters and warnings."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

from complaints_desktop.domain.errors import ValidationFailed
from complaints_desktop.domain.model import Advocacy, Case, Child, Person
from complaints_desktop.services import cases, letters
from complaints_desktop.services import settings as settings_service
from complaints_desktop.services.database import open_database
from complaints_desktop.services.env import Env
from tests.services.test_letters import ADDRESS, Clock, text_of


@pytest.fixture
def clock() -> Clock:
    return Clock(date(2026, 12, 2))


@pytest.fixture
def env(db_url: str, clock: Clock) -> Iterator[Env]:
    env = open_database(db_url, user="tester", today=clock)
    settings_service.save_council(env, settings_service.CouncilDetails(**letters.DEMO_COUNCIL))
    yield env
    env.engine.dispose()  # PostgreSQL: no connection left for the collector


@pytest.fixture
def new_case(env: Env) -> Callable[..., Case]:
    def make(**kw: object) -> Case:
        kw.setdefault("complainant", Person(name="Hamza Ali", title="Mr", address=ADDRESS))
        kw.setdefault("relationship", "parent")
        kw.setdefault("received", date(2026, 12, 1))
        return cases.create(env, Case(procedure="statutory", **kw))  # type: ignore[arg-type]

    return make


def test_child_letters_only_when_the_child_complains(
    env: Env, new_case: Callable[..., Case], tmp_path: Path
) -> None:
    case = new_case(child=Child(name="Hamza Ali junior"))
    assert "acknowledgement-child" not in letters.templates_for(case)
    out = tmp_path / "x.pdf"
    with pytest.raises(ValidationFailed) as caught:
        letters.write_letter(env, case.reference, "acknowledgement-child", out)
    assert caught.value.problems == [
        "This letter is written to a child or young person, but the complainant's "
        "relationship is 'parent': use the acknowledgement letter instead, or correct the "
        "relationship on the case."
    ]
    assert not out.exists()
    assert cases.get(env, case.reference).letters == []


def test_passed_promise_needs_send_anyway_and_the_file_route_refuses(
    env: Env, clock: Clock, new_case: Callable[..., Case], tmp_path: Path
) -> None:
    case = new_case()
    clock.day = date(2026, 12, 22)  # the reply was due on 15 December
    with pytest.raises(letters.SendAnyway, match="reply by 15 December 2026, which has already"):
        letters.write_letter(env, case.reference, "acknowledgement", tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()
    assert "15 December 2026" in text_of(
        letters.render(env, case.reference, "acknowledgement", send_anyway=True)
    )


def test_refusal_other_needs_its_words_and_signposts_the_reader(
    env: Env, new_case: Callable[..., Case]
) -> None:
    bare = cases.refuse(env, new_case(), date(2026, 12, 2), "other", "")
    with pytest.raises(ValidationFailed, match="recorded only as 'other'"):
        letters.render(env, bare.reference, "refusal")
    court = cases.refuse(env, new_case(), date(2026, 12, 2), "legal proceedings", "")
    text = text_of(letters.render(env, court.reference, "refusal"))
    assert "because the matters you raise are the subject of court proceedings" in text
    assert "Where else you can go Please raise your concerns in the court proceedings" in text
    assert "because other" not in text


def test_extension_needs_the_reason_written_to_the_complainant(
    env: Env, new_case: Callable[..., Case]
) -> None:
    case = cases.extend(env, new_case(), date(2026, 12, 2), "Complainant wants a meeting first.")
    with pytest.raises(ValidationFailed) as caught:
        letters.render(env, case.reference, "extension")
    assert caught.value.problems == [
        "Write the reason for extending stage 1 as the complainant will read it (Extend, "
        "'Reason in the letter'); the note on the case is not printed."
    ]


def test_case_with_no_stage_says_what_to_record(env: Env) -> None:
    case = cases.create(
        env,
        Case(
            procedure="statutory",
            received=date(2026, 12, 1),
            complainant=Person(name="Hamza Ali", address=ADDRESS),
        ),
        start_stage1=False,
    )
    with pytest.raises(ValidationFailed) as caught:
        letters.render(env, case.reference, "acknowledgement")
    assert len(caught.value.problems) == 1
    assert "has not started a stage yet: record the date stage 1 began" in str(caught.value)


def test_format_and_language_wishes_warn_before_printing(
    env: Env, new_case: Callable[..., Case]
) -> None:
    person = Person(
        name="Hamza Ali", address=ADDRESS, preferred_format="easy read", language="Urdu"
    )
    made = letters.prepare(env, new_case(complainant=person).reference, "acknowledgement")
    assert made.warnings == [
        "The complainant asked for easy read; this letter is in standard English. Send an "
        "easy-read version with it, or explain it by telephone.",
        "The complainant asked for letters in Urdu: arrange a translation to send with this "
        "letter.",
    ]


def test_salutation_from_the_title(env: Env, new_case: Callable[..., Case]) -> None:
    text = text_of(letters.render(env, new_case().reference, "acknowledgement"))
    assert "Mr Hamza Ali Flat 12" in text
    assert "Dear Mr Ali" in text
    plain = new_case(complainant=Person(name="Sam Rowe", title="none", address=ADDRESS))
    assert "Dear Sam Rowe" in text_of(letters.render(env, plain.reference, "acknowledgement"))


def test_adults_are_not_promised_a_childrens_advocate(
    env: Env, clock: Clock, new_case: Callable[..., Case]
) -> None:
    case = new_case(advocacy=Advocacy(provider="NYAS"))
    clock.day = date(2026, 12, 10)
    case = cases.respond(env, case, date(2026, 12, 10), "not upheld")
    text = text_of(letters.render(env, case.reference, "stage1-response"))
    assert "advocate" not in text
    child = new_case(
        relationship="child or young person",
        complainant=Person(name="Amir Ali", address=ADDRESS),
        child=Child(name="Amir Ali"),
        advocacy=Advocacy(provider="NYAS"),
    )
    settings_service.save_advocacy_contacts(env, {"NYAS": "freephone 0808 808 1001"})
    text = text_of(letters.render(env, child.reference, "acknowledgement-child"))
    assert "You can contact NYAS yourself: freephone 0808 808 1001" in text
    assert "Help at Hand" in text
    assert "social worker" not in text
    assert "Data Protection" not in text  # no adult legal footer on a child's letter


def test_child_wording_must_keep_help_at_hand_on_save(env: Env) -> None:
    text = letters.default_text("extension-child").replace("{help_at_hand}", "a trusted adult")
    with pytest.raises(ValidationFailed, match="Help at Hand"):
        letters.save_template(env, "extension-child", text)
    assert not letters.is_edited(env, "extension-child")
