"""Domain: the permission table and the words used when refusing."""

from __future__ import annotations

import pytest

from complaints_desktop.domain.access import ACTIONS, ROLES, UserInfo, allowed, refusal


def test_each_role_can_do_everything_the_one_below_can() -> None:
    for lower, higher in zip(ROLES[1:], ROLES[:-1], strict=True):
        for action in ACTIONS:
            if allowed(lower, action):
                assert allowed(higher, action), (lower, higher, action)


@pytest.mark.parametrize(
    ("action", "lowest"),
    [
        ("read", "viewer"),
        ("reports", "viewer"),
        ("respond", "officer"),
        ("letters", "officer"),
        ("import", "officer"),
        ("extend", "manager"),
        ("Ombudsman decision", "manager"),
        ("audit view", "manager"),
        ("restrict", "manager"),
        ("settings", "administrator"),
        ("users", "administrator"),
        ("restore", "administrator"),
    ],
)
def test_the_least_role_allowed_each_action(action: str, lowest: str) -> None:
    position = ROLES.index(lowest)
    assert [allowed(role, action) for role in ROLES] == [
        index <= position for index in range(len(ROLES))
    ]


def test_unknown_roles_and_actions_are_refused() -> None:
    assert not allowed("superuser", "read")
    assert not allowed("administrator", "launch missiles")


def test_refusals_name_the_role_the_action_and_who_can_help() -> None:
    assert refusal("viewer", "respond") == (
        "Your role (viewer) may not record responses; ask a manager."
    )
    assert (
        refusal("manager", "users")
        == "Your role (manager) may not manage users; ask an administrator."
    )


def test_status_text_uses_the_display_name() -> None:
    assert (
        UserInfo("jsmith", "Jo Smith", "manager").signed_in() == "Signed in as Jo Smith (manager)"
    )
    assert "not yet added" in UserInfo("x", "", "viewer", known=False).signed_in()
