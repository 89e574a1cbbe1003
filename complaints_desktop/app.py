"""Composition root: parse --db, show the window, open the database off the UI thread.

Only this module wires the layers together. Heavy modules are imported inside functions
(the database ones on a worker thread) so the window is on screen and answering keys
before SQLAlchemy is even imported.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import logging
import os
import sys
import time
import traceback
from pathlib import Path
from types import TracebackType
from typing import Any

STARTED = time.perf_counter()
log = logging.getLogger("complaints_desktop")

ORGANISATION = "complaints_desktop"
APPLICATION = "complaints_desktop"
SWITCH_INTERVAL = 0.001
"""Seconds a thread may hold the GIL while another waits (Python's default is 0.005)."""


def parse(args: list[str]) -> argparse.Namespace:
    """The window's own options: --db and --debug.

    The usual ``--db PATH`` / ``--db=PATH`` / ``--debug`` are read directly (argparse and
    its translations cost a few milliseconds before the first paint); anything else
    (``--help``, a mistake) goes through argparse, which explains or refuses it.
    """
    simple = _simple_options(args)
    if simple is not None:
        return simple
    parser = argparse.ArgumentParser(prog="complaints-desktop", add_help=True)
    parser.add_argument("--db", metavar="PATH_OR_URL", help="SQLite file or postgresql:// URL")
    parser.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    return parser.parse_args(args)


def _simple_options(args: list[str]) -> argparse.Namespace | None:
    """``--db`` and ``--debug`` read without argparse; None when anything else is there."""
    db: str | None = None
    debug = False
    rest = iter(args)
    for arg in rest:
        if arg == "--debug":
            debug = True
        elif arg == "--db":
            db = next(rest, None)
            if db is None or db.startswith("-"):
                return None
        elif arg.startswith("--db="):
            db = arg.removeprefix("--db=")
        else:
            return None
    return argparse.Namespace(db=db, debug=debug)


def database_label(url: str) -> str:
    """What the status bar says: the SQLite file, or the server URL without its password."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return parsed.database or ":memory:"
    return parsed.render_as_string(hide_password=True)


LOG_FILE_NAME = "complaints_desktop.log"
LOG_FILE: Path | None = None
"""The log file of this run (None until ``setup_logging``, or when it cannot be written)."""
_HANDLERS: list[logging.Handler] = []


def setup_logging(folder: Path, debug: bool) -> Path | None:
    """Log warnings (everything with --debug) to a rotating file in ``folder``.

    The windowed Windows exe has no console, so the file is where an error's details go;
    a console, when there is one, gets them too. Returns the file, or None when the
    folder cannot be written (the app still runs).
    """
    global LOG_FILE
    from logging.handlers import RotatingFileHandler

    close_logging()  # a second run in the same process (tests) replaces the first's
    root = logging.getLogger()
    root.setLevel(logging.DEBUG if debug else logging.WARNING)
    if sys.stderr is not None:
        _HANDLERS.append(logging.StreamHandler())
    path: Path | None = folder / LOG_FILE_NAME
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(
            folder / LOG_FILE_NAME, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError:
        path = None
    else:
        _HANDLERS.append(handler)
    from complaints_desktop.services.logs import SafeFormatter  # no statement values, no DETAIL

    for new in _HANDLERS:
        new.setFormatter(SafeFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(new)
    LOG_FILE = path
    return path


def close_logging() -> None:
    """Stop writing the log file (closing it, so Windows lets it be moved or deleted)."""
    global LOG_FILE
    root = logging.getLogger()
    for handler in _HANDLERS:
        root.removeHandler(handler)
        handler.close()
    _HANDLERS.clear()
    LOG_FILE = None


def _details() -> str:
    """Where an officer (or IT) finds an error's details."""
    if LOG_FILE is None:
        return "Run with --debug for details."
    return f"The details are in the log file {LOG_FILE}."


def _install_excepthook(window: Any, debug: bool) -> None:
    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        log.error("Unexpected error", exc_info=(kind, value, tb))
        if debug:
            traceback.print_exception(kind, value, tb)
        from complaints_desktop.domain.errors import KnownError
        from complaints_desktop.ui.common.errors import describe_error

        message = describe_error(value)
        if not isinstance(value, KnownError):
            message += " " + _details()
        with contextlib.suppress(RuntimeError):  # the window is gone (closing): logged only
            window.show_message(message)
            if not isinstance(value, KnownError):
                _error_box(window, str(LOG_FILE or ""))

    def thread_hook(args: Any) -> None:
        log.error("Unexpected error on a worker thread", exc_info=args.exc_value)

    import threading

    sys.excepthook = hook
    threading.excepthook = thread_hook


def _error_box(window: Any, log_file: str) -> None:
    """A non-blocking message: something went wrong, where the details are written."""
    from PySide6.QtWidgets import QMessageBox, QWidget

    if not isinstance(window, QWidget):
        return
    box = QMessageBox(window)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Complaints — something went wrong")
    box.setText(
        "Something unexpected went wrong. What you have typed is still in its tab; "
        "save it, and if the window then misbehaves, close it and start again."
    )
    if log_file:
        box.setInformativeText(f"The details are written in {log_file} for IT.")
    box.open()


def run(argv: list[str]) -> int:
    """Open the window on the database given by ``--db`` (or the default one)."""
    args = parse(argv)
    from complaints_desktop.config import data_dir

    if os.name == "posix":
        os.umask(0o077)  # every file the window writes is its user's only
    setup_logging(data_dir(), args.debug)
    # Background work (queries, imports, reports) shares the GIL with the UI thread; a
    # 1 ms switch interval (not 5) hands it back sooner. bench/bench_ui_freeze.py: the
    # longest stalls during a report or a backup were shorter with it in most runs.
    sys.setswitchinterval(SWITCH_INTERVAL)
    # Start-up makes ~130,000 objects that live as long as the process; collecting
    # garbage among them is wasted work. ``ui.workers.settle_heap`` turns the collector
    # on again (and freezes them) once the first queue has loaded.
    gc.disable()
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from complaints_desktop.ui.qt_refcounts import pin_singletons

    pin_singletons()  # PySide6 6.12 on Python 3.11 spends None's references (issue #6)
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("Complaints")
    from pathlib import Path

    from PySide6.QtGui import QIcon

    # The title bar's and taskbar's icon (the exe's own icon is packaging/*.ico, the same
    # picture): packaging/make_icon.py draws both.
    app.setWindowIcon(QIcon(str(Path(__file__).parent / "resources" / "icons" / "app.png")))

    from complaints_desktop.ui.main_window import MainWindow

    # The main window needs Qt and the light domain modules alone: it is on screen, its
    # menus and keys working, before SQLAlchemy and the services are imported; the
    # database opens on a worker thread and the window fills when it is open.
    from complaints_desktop.ui.workers import writer_pool

    # The one write queue: every save (case moves, notes, imports, demo data) runs on
    # its single thread, one after another, off the UI thread. Screens find it through
    # the window (``ui.workers.write_queue``).
    writes = writer_pool(app)
    # QSettings() takes the names above; tests choose its format (INI files)
    window = MainWindow(None, QSettings(), writes=writes)
    _install_excepthook(window, args.debug)
    window.show()
    if os.environ.get("COMPLAINTS_DESKTOP_SMOKE"):
        window.remember = False  # an offscreen screen's size is not the officer's
        _smoke(window)
    _once_active(window, lambda: _begin(app, window, args))
    try:
        return int(app.exec())
    finally:
        gc.enable()


ACTIVE_WAIT_MS = 150
"""How long the database waits for the window to become active before opening anyway."""


def _once_active(window: Any, fn: Any) -> None:
    """Run ``fn`` once the window is active (it takes keys), or after ACTIVE_WAIT_MS.

    The database's imports and queries on a worker thread share the GIL (and, on a busy
    PC, the processor) with the UI thread; started once the window is painted and active
    they do not hold up its first paint or the first key.
    """
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    done = [False]

    def go() -> None:
        if not done[0]:
            done[0] = True
            QApplication.instance().focusWindowChanged.disconnect(focus)  # type: ignore[union-attr]
            fn()

    def focus(_window: object) -> None:
        if window.isActiveWindow():
            QTimer.singleShot(0, go)

    QApplication.instance().focusWindowChanged.connect(focus)  # type: ignore[union-attr]
    if window.isActiveWindow():
        QTimer.singleShot(0, go)
    QTimer.singleShot(ACTIVE_WAIT_MS, go)


def _begin(app: Any, window: Any, args: argparse.Namespace) -> None:
    """Choose the database (asking a server's password if needed), then open it."""
    chosen = _chosen_database(args.db, window)
    if chosen == "":
        _quit(app, window)
        return
    _open_in_background(app, window, chosen)


def _quit(app: Any, window: Any) -> None:
    window.close()
    app.exit(1)


def _claim(app: Any, window: Any, chosen: str | None) -> bool:
    """Hold the database for this window (one window per database per person).

    False when another window of this person has it open: that one was asked to come to
    the front, and this one closes.
    """
    from complaints_desktop.config import current_user, database_url
    from complaints_desktop.ui import single_instance

    previous = getattr(window, "instance_guard", None)
    if previous is not None:
        previous.release()
    guard = single_instance.InstanceGuard(
        single_instance.database_key(database_url(chosen), current_user()), window
    )
    if not guard.claim():
        log.info("the database is open in another window: brought to the front")
        window.remember = False
        window.close()
        app.exit(0)
        return False
    guard.activation_requested.connect(lambda: single_instance.bring_to_front(window))
    app.aboutToQuit.connect(guard.release)
    window.instance_guard = guard
    return True


def _open_in_background(app: Any, window: Any, chosen: str | None) -> None:
    """Check and open the database on a worker thread; the window stays responsive."""
    from complaints_desktop.ui.workers import run_in_background

    if not _claim(app, window, chosen):
        return

    def done(result: tuple[str, Any, Any]) -> None:
        kind, first, second = result
        if kind == "problem":
            _problem(app, window, first, second)
            return
        _opened(window, first, second)

    def failed(exc: BaseException) -> None:
        from PySide6.QtWidgets import QMessageBox

        from complaints_desktop.domain.errors import KnownError

        if isinstance(exc, KnownError):
            QMessageBox.critical(window, "Complaints", str(exc))
        else:
            log.error("Could not open the database", exc_info=exc)
            QMessageBox.critical(
                window,
                "Complaints",
                f"The database could not be opened:\n{chosen or 'the default file'}\n\n"
                "Check that the file or server is there and that you may use it. " + _details(),
            )
        _quit(app, window)

    run_in_background(lambda _ticket: _open_database(chosen), done, failed)


def _open_database(chosen: str | None) -> tuple[str, Any, Any]:
    """On a worker thread: ("open", env, label), or ("problem", url, state) to ask about.

    The start-up check (missing, locked, corrupt, read-only, newer schema, network share
    or synced folder) comes first; then ``safety.open_database_safely`` (backup before
    any migration, migrate, seed vocabularies, close lapsed cases).
    """
    from complaints_desktop.config import database_url
    from complaints_desktop.services import safety

    url = database_url(chosen)
    state = safety.startup_check(url, quick_check=False)
    if state.status not in (safety.Status.OK, safety.Status.MISSING):
        return "problem", url, state
    env = safety.open_database_safely(url)
    return "open", env, database_label(env.engine.url.render_as_string(hide_password=False))


def _problem(app: Any, window: Any, url: str, state: Any) -> None:
    """Offer the way out of a start-up problem; open what the officer chose (or quit)."""
    from PySide6.QtWidgets import QMessageBox

    from complaints_desktop.domain.errors import KnownError
    from complaints_desktop.services import safety
    from complaints_desktop.ui.views import startup_problem

    again = {"retry": True} if state.status is safety.Status.UNREACHABLE else {}
    choice = startup_problem.ask(window, state.message, state.way_out, state.latest_backup, **again)
    if choice.action == "retry":
        _open_in_background(app, window, url)
        return
    if choice.action == "quit" or choice.path is None:
        _quit(app, window)
        return
    if choice.action == "open":
        _open_in_background(app, window, str(choice.path))
        return
    try:
        holder = safety.open_unmigrated(url)
        safety.restore(holder, choice.path)
        holder.engine.dispose()
    except KnownError as exc:
        QMessageBox.critical(window, "Complaints", str(exc))
        _quit(app, window)
        return
    _open_in_background(app, window, url)


def _opened(window: Any, env: Any, label: str) -> None:
    """The database is open: fill the window; the daily backup waits for the queue."""
    window.set_env(env, label)
    for key in window.drafts.waiting():  # notes typed when the app last closed unexpectedly
        if key.startswith("note:"):
            window.open_case(key.removeprefix("note:"))

    def first_counts(_counts: object) -> None:
        window.counts_changed.disconnect(first_counts)
        _daily_backup(env, window)

    window.counts_changed.connect(first_counts)


def _chosen_database(db: str | None, parent: Any) -> str | None:
    """--db; else the server chosen in Settings > Database (asking for a password not
    remembered); else None (the default file). "" when the person cancels the password."""
    if db:  # (before importing the configuration: --db is the usual case)
        return db
    from complaints_desktop.config import ENV_DB

    if os.environ.get(ENV_DB):
        return db
    from PySide6.QtCore import QSettings

    settings = QSettings(ORGANISATION, APPLICATION)
    stored = str(settings.value("database/url", "") or "")
    if not stored.startswith("postgres"):
        return stored or None
    from PySide6.QtWidgets import QInputDialog, QLineEdit

    from complaints_desktop.services import connection
    from complaints_desktop.ui.views.settings_database import stored_server

    stored, password = stored_server(settings)  # a plain-text password moves to the keyring
    if password:
        return connection.with_password(stored, password)
    password, ok = QInputDialog.getText(
        parent,
        "Database password",
        f"Password for {connection.without_password(stored)}\n"
        "(to use the file on this PC instead, start with --db FILE):",
        QLineEdit.EchoMode.Password,
    )
    return connection.with_password(stored, password) if ok else ""


def _say(what: str) -> None:
    """Smoke mode: how long since this module was imported (the process's start), and
    the CPU time the whole process has used so far (interpreter start included)."""
    wall, cpu = time.perf_counter() - STARTED, time.process_time()
    sys.stdout.write(f"{what} in {wall:.3f} s (process CPU {cpu:.3f} s)\n")
    sys.stdout.flush()


def _smoke(window: Any) -> None:
    """packaging/smoke_test.py and bench/bench_startup.py: say when the window is shown,
    when it first answers a key, when the work queue is on screen and when its counts
    are too, and the longest the event loop stalled until then; then close the window
    (or after 30 s whatever happened).

    The key: Ctrl+1 (show the work queue), pressed through Qt's test driver as soon as the
    window is active (the first moment an officer's key could reach it), so Qt's shortcut
    machinery answers it as it would a real key.
    The stall: a 10 ms timer records the longest gap between its firings, i.e. the
    longest a key pressed at any moment of the start would have waited.
    """
    from PySide6.QtCore import QCoreApplication, QElapsedTimer, QTimer
    from PySide6.QtGui import QKeySequence

    clock = QElapsedTimer()
    ticker = QTimer(window)
    ticker.setInterval(10)
    worst = [0, 0]  # longest gap, last tick

    def tick() -> None:
        now = clock.elapsed()
        worst[0] = max(worst[0], now - worst[1] - 10)
        worst[1] = now

    ticker.timeout.connect(tick)
    qt_app = QCoreApplication.instance()
    if qt_app is not None:  # quitting before the queue loads stops it too
        qt_app.aboutToQuit.connect(ticker.stop)

    def shown() -> None:
        _say("window shown")
        clock.start()
        ticker.start()
        try:
            from PySide6.QtTest import QTest
        except ImportError:  # a build without Qt's test module: no key to press
            return
        answered = [False]

        def key() -> None:
            if not answered[0]:
                answered[0] = True
                _say("key answered")

        def press() -> None:  # as soon as the window is active (keys go to that one)
            if not window.isActiveWindow():
                if clock.elapsed() < 10_000:  # (a display without a window manager: never)
                    QTimer.singleShot(1, press)
                return
            # A key sequence, not Qt.Key: the ``Qt`` namespace's Python enums are not
            # needed by a real key press either.
            QTest.keySequence(window, QKeySequence.fromString("Ctrl+1"))

        window.pane_actions[0].triggered.connect(key)
        press()

    def queue_shown(_items: object) -> None:
        _say("queue shown")

    def loaded(_counts: object) -> None:
        ticker.stop()
        _say("queue loaded")
        sys.stdout.write(f"longest stall before the queue loaded {worst[0]} ms\n")
        sys.stdout.flush()
        QTimer.singleShot(200, window.close)

    QTimer.singleShot(0, shown)
    window.queue.queue_loaded.connect(queue_shown)
    window.counts_changed.connect(loaded)
    QTimer.singleShot(30_000, window.close)


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
