"""Services: everyone named as handling a stage can be found (the complaint list's
officer filter), on the Users list or not."""

from __future__ import annotations

from complaints_desktop.services import cases, queries
from complaints_desktop.services.env import Env
from tests.services.test_access import new_case


def test_handlers_include_names_not_on_the_users_list(env: Env) -> None:
    first, second = new_case(env, "Ann One"), new_case(env, "Bo Two")
    cases.assign(env, cases.get(env, first.reference), 1, "Sam Agency")
    cases.assign(env, cases.get(env, second.reference), 1, "  ")
    assert "Sam Agency" in queries.handlers(env)
    assert all(name.strip() for name in queries.handlers(env))
