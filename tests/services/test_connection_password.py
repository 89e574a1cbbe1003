"""Services: a server password is kept in the password store, never in plain text."""

from __future__ import annotations

import keyring
from keyring.backends import fail, null

from complaints_desktop.services import connection
from tests.keyrings import MemoryKeyring

URL = "postgresql://jo@db.council.local:5432/complaints"
OLD = "postgresql://jo:pa%20ss@db.council.local:5432/complaints"


def test_a_password_is_kept_under_the_server_without_the_password_in_the_name() -> None:
    store = MemoryKeyring()
    keyring.set_keyring(store)
    assert connection.can_remember_passwords()
    assert connection.remember_password(URL, "pa ss")
    assert store.kept == {("complaints_desktop", URL): "pa ss"}
    assert connection.remembered_password(OLD) == "pa ss"  # found whatever the URL carries
    connection.forget_password(URL)
    connection.forget_password(URL)  # forgetting twice is fine
    assert connection.remembered_password(URL) == ""


def test_a_plain_text_password_of_the_old_version_moves_into_the_store() -> None:
    store = MemoryKeyring()
    keyring.set_keyring(store)
    assert connection.secure_stored_url(OLD) == (URL, "pa ss", True)
    assert store.kept == {("complaints_desktop", URL): "pa ss"}
    assert connection.secure_stored_url(URL) == (URL, "pa ss", False)


def test_without_a_password_store_nothing_is_remembered_anywhere() -> None:
    for backend in (fail.Keyring(), null.Keyring()):
        keyring.set_keyring(backend)
        assert not connection.can_remember_passwords()
        assert not connection.remember_password(URL, "pa ss")
        assert connection.remembered_password(URL) == ""
        connection.forget_password(URL)
        # the old plain-text password is used for this start only, then dropped
        assert connection.secure_stored_url(OLD) == (URL, "pa ss", False)
        assert connection.secure_stored_url(URL) == (URL, "", False)


def test_a_file_is_left_as_it_is() -> None:
    keyring.set_keyring(MemoryKeyring())
    assert connection.secure_stored_url("C:/data/complaints.sqlite3") == (
        "C:/data/complaints.sqlite3",
        "",
        False,
    )
    assert connection.secure_stored_url("") == ("", "", False)
