"""Entry point: ``complaints-desktop`` opens the window; with a command, runs the CLI."""

from __future__ import annotations

import sys


def wants_window(args: list[str]) -> bool:
    """True when no command (only --db / --debug) was given: open the window.

    The same test as ``cli.wants_window``, here so that opening the window does not
    import the command line (argparse, its commands) before the first paint.
    """
    rest = [a for a in args if a != "--debug"]
    if "--db" in rest:
        i = rest.index("--db")
        rest = rest[:i] + rest[i + 2 :]
    return not [a for a in rest if not a.startswith("--db=")]


def main(argv: list[str] | None = None) -> int:
    """Dispatch to the command line, or open the window when no command is given."""
    args = sys.argv[1:] if argv is None else argv
    if wants_window(args):
        import complaints_desktop.app as window_app

        return int(window_app.run(args))
    from complaints_desktop import cli

    return cli.main(args)


if __name__ == "__main__":
    sys.exit(main())
