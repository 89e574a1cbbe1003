"""Words for numbers, as a council officer would write them."""

from __future__ import annotations

from complaints_desktop.domain.text import counted


def test_counted_puts_the_noun_in_the_number_it_needs() -> None:
    assert counted(1, "complaint") == "1 complaint"
    assert counted(0, "open case") == "0 open cases"
    assert counted(1204, "complaint") == "1,204 complaints"
    assert counted(2, "child", "children") == "2 children"
