"""Composition root: parse --db, open the database, build the window, run Qt.

Only this module wires the layers together. Heavy modules are imported inside ``run`` in
the order that shows a usable window soonest.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
import traceback
from types import TracebackType
from typing import Any

STARTED = time.perf_counter()
log = logging.getLogger("complaints_desktop")

ORGANISATION = "complaints_desktop"
APPLICATION = "complaints_desktop"
SWITCH_INTERVAL = 0.001
"""Seconds a thread may hold the GIL while another waits (Python's default is 0.005)."""


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
    # Background work (queries, imports, reports) shares the GIL with the UI thread; a
    # 1 ms switch interval (not 5) hands it back sooner. bench/bench_ui_freeze.py: the
    # longest stalls during a report or a backup were shorter with it in most runs.
    sys.setswitchinterval(SWITCH_INTERVAL)
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from complaints_desktop.ui.qt_refcounts import pin_singletons

    pin_singletons()  # PySide6 6.12 on Python 3.11 spends None's references (issue #6)
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("Complaints")

    from complaints_desktop.ui.shell import StartupShell

    # The shell needs Qt alone: it is painted before SQLAlchemy and the services are
    # imported, and the database is opened on the event loop's first pass after that.
    shell = StartupShell(QSettings(ORGANISATION, APPLICATION))
    shell.show()
    if os.environ.get("COMPLAINTS_DESKTOP_SMOKE"):
        QTimer.singleShot(0, lambda: _say("window shown"))
    QTimer.singleShot(0, lambda: _open_window(app, shell, args))
    return int(app.exec())


def _open_window(app: Any, shell: Any, args: argparse.Namespace) -> None:
    """Open the database, build the main window in the shell's place, start loading."""
    from PySide6.QtCore import QSettings, QTimer

    from complaints_desktop.config import database_url

    app.processEvents()  # paint the shell before the imports and the database hold the loop
    chosen = _chosen_database(args.db, shell)
    env = _open(database_url(chosen), shell) if chosen != "" else None
    if env is None:
        shell.close()
        app.exit(1)
        return
    url = env.engine.url.render_as_string(hide_password=False)

    from complaints_desktop.ui.main_window import MainWindow

    settings = QSettings(ORGANISATION, APPLICATION)
    window = MainWindow(env, settings, database_label(url))
    _install_excepthook(window, args.debug)
    window.show()
    shell.close()
    shell.main_window = window  # keeps it alive until run() returns
    QTimer.singleShot(0, window.start)
    QTimer.singleShot(0, lambda: _daily_backup(env, window))
    if os.environ.get("COMPLAINTS_DESKTOP_SMOKE"):
        _smoke(window)


def _chosen_database(db: str | None, parent: Any) -> str | None:
    """--db; else the server chosen in Settings > Database (asking for a password not
    remembered); else None (the default file). "" when the person cancels the password."""
    from complaints_desktop.config import ENV_DB

    if db or os.environ.get(ENV_DB):
        return db
    from PySide6.QtCore import QSettings

    stored = str(QSettings(ORGANISATION, APPLICATION).value("database/url", "") or "")
    if not stored.startswith("postgres"):
        return stored or None
    from PySide6.QtWidgets import QInputDialog, QLineEdit

    from complaints_desktop.services import connection

    if connection.has_password(stored):
        return stored
    password, ok = QInputDialog.getText(
        parent,
        "Database password",
        f"Password for {connection.without_password(stored)}\n"
        "(to use the file on this PC instead, start with --db FILE):",
        QLineEdit.EchoMode.Password,
    )
    return connection.with_password(stored, password) if ok else ""


def _say(what: str) -> None:
    """Smoke mode: how long since this module was imported (the process's start)."""
    sys.stdout.write(f"{what} in {time.perf_counter() - STARTED:.3f} s\n")
    sys.stdout.flush()


def _smoke(window: Any) -> None:
    """packaging/smoke_test.py and bench/bench_startup.py: say when the work queue and its
    counts have loaded, then close the window (or after 30 s whatever happened)."""
    from PySide6.QtCore import QTimer

    def loaded(_counts: object) -> None:
        _say("queue loaded")
        QTimer.singleShot(200, window.close)

    window.counts_changed.connect(loaded)
    QTimer.singleShot(30_000, window.close)


def _open(url: str, parent: Any = None) -> Any:
    """Check the database, offer the way out of any problem, then open it (or None)."""
    from PySide6.QtWidgets import QMessageBox

    from complaints_desktop.config import database_url
    from complaints_desktop.domain.errors import KnownError
    from complaints_desktop.services import safety
    from complaints_desktop.ui.views import startup_problem

    while True:
        state = safety.startup_check(url, quick_check=False)
        if state.status not in ("ok", "missing"):
            choice = startup_problem.ask(parent, state.message, state.way_out, state.latest_backup)
            if choice.action == "quit" or choice.path is None:
                return None
            if choice.action == "open":
                url = database_url(str(choice.path))
                continue
            try:
                holder = safety.open_unmigrated(url)
                safety.restore(holder, choice.path)
                holder.engine.dispose()
            except KnownError as exc:
                QMessageBox.critical(parent, "Complaints", str(exc))
                return None
            continue
        try:
            return safety.open_database_safely(url)
        except KnownError as exc:
            QMessageBox.critical(parent, "Complaints", str(exc))
            return None
        except Exception as exc:
            log.error("Could not open the database", exc_info=exc)
            QMessageBox.critical(
                parent,
                "Complaints",
                f"The database could not be opened:\n{database_label(url)}\n\n"
                "Check that the file or server is there and that you may use it. "
                "Run with --debug for details.",
            )
            return None


def _daily_backup(env: Any, window: Any) -> None:
    """The first start of each day takes a verified backup, off the UI thread."""
    from complaints_desktop.services import safety
    from complaints_desktop.ui.workers import run_in_background

    def done(path: Any) -> None:
        if path is not None:
            window.statusBar().showMessage(f"Today's backup was saved to {path}", 8000)

    def failed(error: BaseException) -> None:
        window.show_message(f"Today's automatic backup was not made: {error}")

    run_in_background(lambda _ticket: safety.daily_backup(env), done, failed, parent=window)
