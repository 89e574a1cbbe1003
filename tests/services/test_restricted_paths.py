"""Every path honours a restricted complaint: letters (one and batch), subject access,
exports, reports' case lists, search and the work queue; a refused command writes
nothing, and a permitted view of a restricted case is audited."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlmodel import select

from complaints_desktop.domain.errors import NotAllowed, ValidationFailed
from complaints_desktop.domain.model import Case, LearningAction, Person
from complaints_desktop.domain.views import SearchCriteria
from complaints_desktop.services import (
    access,
    annual_report,
    caselog,
    letters,
    queries,
    settings,
    subject_access,
)
from complaints_desktop.services import cases as svc
from complaints_desktop.services.env import Env
from complaints_desktop.storage.tables import AuditEntry

SECRET = "Zelda Piiperson"


def as_user(env: Env, account: str) -> Env:
    return Env(engine=env.engine, user=account, today=env.today)


@pytest.fixture
def cases(env: Env) -> tuple[Case, Case]:
    """A restricted case naming only 'named' (and the administrator), and an open one."""
    access.add_user(env, "named", "", "manager")
    access.add_user(env, "other", "", "manager")
    access.add_user(env, "viewer", "", "viewer")
    secret = svc.create(
        env,
        Case(
            procedure="statutory",
            received=date(2026, 11, 23),
            complainant=Person(name=SECRET, address="9 Secret Road"),
        ),
    )
    plain = svc.create(
        env, Case(procedure="statutory", received=date(2026, 11, 23), complainant=Person("Al"))
    )
    secret = svc.add_action(env, secret, LearningAction(action="train staff"))
    settings.save_council(
        env, settings.CouncilDetails(name="Test Council", address="1 Hall", signatory="A Person")
    )
    access.set_restricted(env, secret.reference, True, ["named"])
    return secret, plain


def _views(env: Env) -> list[tuple[str, str]]:
    with env.uow() as s:
        rows = s.exec(select(AuditEntry).where(AuditEntry.action == "view")).all()
        return [(e.user, e.reference) for e in rows]


def test_a_letter_for_a_restricted_case_is_refused_to_those_not_named_and_leaves_no_file(
    env: Env, cases: tuple[Case, Case], tmp_path: Path
) -> None:
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    secret, plain = cases
    other = as_user(env, "other")
    out = tmp_path / "letter.pdf"
    with pytest.raises(NotAllowed, match="restricted"):
        letters.write_letter(other, secret.reference, "acknowledgement", out)
    with pytest.raises(NotAllowed, match="restricted"):
        letters.render(other, secret.reference, "acknowledgement")
    with pytest.raises(ValidationFailed) as refused:
        letters.render_batch(other, [plain.reference, secret.reference], "acknowledgement")
    assert f"{secret.reference}: This complaint is restricted; ask a manager for access." in (
        refused.value.problems
    )
    assert list(tmp_path.iterdir()) == []
    assert _views(env) == []
    letters.write_letter(as_user(env, "named"), secret.reference, "acknowledgement", out)
    assert out.exists()
    assert ("named", secret.reference) in _views(env)


def test_a_viewers_refused_letter_leaves_no_pdf(
    env: Env, cases: tuple[Case, Case], tmp_path: Path
) -> None:
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    _, plain = cases
    out = tmp_path / "letter.pdf"
    with pytest.raises(NotAllowed, match="may not produce and log letters"):
        letters.write_letter(as_user(env, "viewer"), plain.reference, "acknowledgement", out)
    with pytest.raises(NotAllowed):
        letters.render_batch(as_user(env, "viewer"), [plain.reference], "acknowledgement")
    assert list(tmp_path.iterdir()) == []


def test_subject_access_does_not_find_or_export_a_restricted_case_for_those_not_named(
    env: Env, cases: tuple[Case, Case], tmp_path: Path
) -> None:
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    secret, _ = cases
    other, named = as_user(env, "other"), as_user(env, "named")
    assert subject_access.find_people(other, "Piiperson") == []
    found = subject_access.find_people(named, "Piiperson")
    assert [p.name for p in found] == [SECRET]
    with pytest.raises(NotAllowed, match="restricted"):
        subject_access.export(other, found[0].ids, folder=tmp_path)
    assert list(tmp_path.iterdir()) == []
    assert len(subject_access.export(named, found[0].ids, folder=tmp_path)) == 2
    assert ("named", secret.reference) in _views(env)


def test_exports_search_queue_and_reports_leave_out_a_restricted_case(
    env: Env, cases: tuple[Case, Case], tmp_path: Path
) -> None:
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    secret, plain = cases
    other = as_user(env, "other")
    out = tmp_path / "export.csv"
    assert caselog.export_file(other, out) == 1
    assert SECRET not in out.read_text(encoding="utf-8-sig")
    assert {r.reference for r in queries.search_cases(other, SearchCriteria()).rows} == {
        plain.reference
    }
    assert queries.search_cases(other, SearchCriteria(text="Piiperson")).total == 0
    assert secret.reference not in {i.reference for i in queries.work_queue(other)}
    assert [a.reference for a in queries.actions_list(other)] == []
    assert [a.reference for a in queries.actions_list(env)] == [secret.reference]
    with env.uow() as session:
        from complaints_desktop.storage import report_rows

        assert [a.reference for a in report_rows.action_lines(session)] == [secret.reference]
    assert annual_report._visible(other, report_rows_lines(env)) == []
    assert len(annual_report._visible(as_user(env, "named"), report_rows_lines(env))) == 1


def report_rows_lines(env: Env) -> list:  # type: ignore[type-arg]
    from complaints_desktop.storage import report_rows

    with env.uow() as session:
        return report_rows.action_lines(session)
