"""Composition root: parse --db, open the database, build the window, run Qt.

Only this module wires the layers together. Heavy modules are imported inside ``run`` in
the order that shows a usable window soonest.
"""

from __future__ import annotations

import argparse
import logging
import sys
import traceback
from types import TracebackType
from typing import Any

log = logging.getLogger("complaints_desktop")

ORGANISATION = "complaints_desktop"
APPLICATION = "complaints_desktop"


def parse(args: list[str]) -> argparse.Namespace:
    """The window's own options: --db and --debug."""
    parser = argparse.ArgumentParser(prog="complaints-desktop", add_help=True)
    parser.add_argument("--db", metavar="PATH_OR_URL", help="SQLite file or postgresql:// URL")
    parser.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    return parser.parse_args(args)


def database_label(url: str) -> str:
    """What the status bar says: the SQLite file, or the server URL without its password."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return parsed.database or ":memory:"
    return parsed.render_as_string(hide_password=True)


def _install_excepthook(window: Any, debug: bool) -> None:
    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        log.error("Unexpected error", exc_info=(kind, value, tb))
        if debug:
            traceback.print_exception(kind, value, tb)
        from complaints_desktop.ui.views.work_queue import describe_error

        window.show_message(describe_error(value))

    sys.excepthook = hook


def run(argv: list[str]) -> int:
    """Open the window on the database given by ``--db`` (or the default one)."""
    args = parse(argv)
    logging.basicConfig(level=logging.DEBUG if args.debug else logging.WARNING)
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("Complaints")

    from complaints_desktop.config import database_url
    from complaints_desktop.domain.errors import KnownError
    from complaints_desktop.services.database import open_database

    url = database_url(args.db)
    try:
        env = open_database(url)
    except KnownError as exc:
        QMessageBox.critical(None, "Complaints", str(exc))
        return 1
    except Exception as exc:
        log.error("Could not open the database", exc_info=exc)
        QMessageBox.critical(
            None,
            "Complaints",
            f"The database could not be opened:\n{database_label(url)}\n\n"
            "Check that the file or server is there and that you may use it. "
            "Run with --debug for details.",
        )
        return 1

    from complaints_desktop.ui.main_window import MainWindow

    settings = QSettings(ORGANISATION, APPLICATION)
    window = MainWindow(env, settings, database_label(url))
    _install_excepthook(window, args.debug)
    window.show()
    QTimer.singleShot(0, window.start)
    return int(app.exec())
