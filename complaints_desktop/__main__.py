"""Entry point: ``complaints-desktop`` opens the window; with a command, runs the CLI."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    """Dispatch to the command line, or open the window when no command is given."""
    args = sys.argv[1:] if argv is None else argv
    from complaints_desktop import cli

    if cli.wants_window(args):
        import complaints_desktop.app as window_app

        return int(window_app.run(args))
    return cli.main(args)


if __name__ == "__main__":
    sys.exit(main())
