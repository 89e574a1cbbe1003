"""Entry point: the window's options are read without the command line's parser."""

from __future__ import annotations

import pytest

from complaints_desktop import __main__ as entry
from complaints_desktop import app, cli


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["--debug"],
        ["--db", "x.sqlite3"],
        ["--db=x.sqlite3", "--debug"],
        ["--db", "x.sqlite3", "check"],
        ["demo"],
        ["--version"],
        ["--db"],
    ],
)
def test_the_entry_point_opens_the_window_exactly_when_the_cli_would(args: list[str]) -> None:
    assert entry.wants_window(args) == cli.wants_window(args)


@pytest.mark.parametrize(
    ("args", "db", "debug"),
    [
        ([], None, False),
        (["--db", "a b.sqlite3"], "a b.sqlite3", False),
        (["--debug", "--db=postgresql://u@h/db"], "postgresql://u@h/db", True),
    ],
)
def test_the_windows_options_read_as_argparse_reads_them(
    args: list[str], db: str | None, debug: bool
) -> None:
    options = app.parse(args)
    assert (options.db, options.debug) == (db, debug)


def test_a_mistake_in_the_windows_options_is_refused_with_the_usage(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit):
        app.parse(["--db"])
    assert "usage: complaints-desktop" in capsys.readouterr().err
