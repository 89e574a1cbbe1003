"""Services: searching the audit trail, readable changes, and the tamper check."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text

from complaints_desktop.domain.errors import ValidationFailed
from complaints_desktop.services import audit_view
from complaints_desktop.services.env import Env
from tests.services.test_retention import seed


def test_filters_by_reference_user_action_and_dates(env: Env) -> None:
    seed(env)
    every = audit_view.search(env)
    assert [r.id for r in every] == sorted((r.id for r in every), reverse=True)
    first = audit_view.search(env, reference="csc/19/0001")
    assert {r.reference for r in first} == {"CSC/19/0001"}
    assert [r.action for r in first][::-1][:3] == ["create", "edit", "note"]
    assert audit_view.search(env, user="OFFICER") == every
    assert audit_view.search(env, user="somebody else") == []
    holds = audit_view.search(env, action="Legal hold")
    assert [(r.reference, r.action) for r in holds] == [("CSC/19/0003", "legal hold")]
    today = every[0].at.astimezone().date()
    assert audit_view.search(env, start=today, end=today) == every
    assert audit_view.search(env, end=date(2000, 1, 1)) == []
    assert len(audit_view.search(env, limit=2)) == 2
    with pytest.raises(ValidationFailed):
        audit_view.search(env, start=date(2026, 2, 2), end=date(2026, 2, 1))
    assert "legal hold" in audit_view.actions(env)


def test_changes_read_as_old_to_new(env: Env) -> None:
    seed(env)
    edit = audit_view.search(env, reference="CSC/19/0001", action="edit")[0]
    assert edit.changes == ("complainant email: imogen.q@example.org → imogen.new@example.org",)
    hold = audit_view.search(env, action="legal hold")[0]
    assert hold.changes == ("legal hold: no → yes", "reason: Claim in the county court")
    assert audit_view.readable_changes('{"file": "a.csv", "count": 3}') == (
        "file: a.csv",
        "count: 3",
    )
    assert audit_view.readable_changes('{"summary": ["", "x"]}') == ("summary: (blank) → x",)
    assert audit_view.readable_changes("not json") == ("not json",)
    assert audit_view.readable_changes('{"stages.1.investigating_officer": ["", "A"]}') == (
        "stage 2 investigating officer: (blank) → A",
    )


def test_verify_finds_the_entry_changed_outside_the_app(env: Env) -> None:
    seed(env)
    assert audit_view.verify(env) == []
    total = audit_view.count(env)
    assert total == len(audit_view.search(env))
    with env.engine.begin() as conn:
        conn.execute(text("update audit set changes = '{}' where id = 3"))
    assert audit_view.verify(env) == [3]
    with env.engine.begin() as conn:
        conn.execute(text(f"delete from audit where id = {total - 1}"))
    assert audit_view.verify(env) == [3, total]
