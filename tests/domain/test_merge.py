"""Re-applying my edits onto a colleague's saved version: only the fields I changed."""

from __future__ import annotations

from datetime import date

from complaints_desktop.domain.merge import reapply
from complaints_desktop.domain.model import Case, Person


def test_only_the_fields_i_changed_are_put_on_their_version() -> None:
    opened = Case(
        procedure="statutory",
        received=date(2026, 3, 2),
        summary="Contact",
        teams=["Fostering"],
        complainant=Person("Ann Example", phone="0100", email="a@example.org"),
    )
    theirs = reapply(opened, opened, opened)
    theirs.complainant.phone = "0161 496 0000"
    theirs.teams = ["Fostering", "Leaving care"]
    mine = reapply(opened, opened, opened)
    mine.complainant.email = "ann@example.org"
    mine.summary = "Contact arrangements"

    merged = reapply(opened, mine, theirs)

    assert merged.complainant.phone == "0161 496 0000"  # theirs, inside the same person
    assert merged.complainant.email == "ann@example.org"  # mine
    assert merged.teams == ["Fostering", "Leaving care"]
    assert merged.summary == "Contact arrangements"
    assert theirs.summary == "Contact"  # nothing passed in is changed
