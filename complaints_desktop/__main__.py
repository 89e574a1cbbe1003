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


RUNNING_MUTEX = "complaints_desktop-running"
"""Held while the window or a command runs: the installer and uninstaller
(packaging/installer.nsi) refuse to replace or remove files that are in use."""


def hold_running_mutex() -> int:
    """Windows: create (or open) the named mutex ``RUNNING_MUTEX``; Windows closes it when
    this process ends. Returns its handle, 0 elsewhere or when it could not be made."""
    if sys.platform != "win32":
        return 0
    import ctypes

    return int(ctypes.windll.kernel32.CreateMutexW(None, False, RUNNING_MUTEX) or 0)


def main(argv: list[str] | None = None) -> int:
    """Dispatch to the command line, or open the window when no command is given."""
    args = sys.argv[1:] if argv is None else argv
    hold_running_mutex()
    if wants_window(args):
        import complaints_desktop.app as window_app

        return int(window_app.run(args))
    from complaints_desktop import cli

    return cli.main(args)


if __name__ == "__main__":
    sys.exit(main())
