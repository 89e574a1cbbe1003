"""UI: run a plain function on a thread pool and get its result back on the UI thread.

``run_in_background(fn, on_done, on_error, progress)`` runs ``fn(ticket)`` on a
``QThreadPool``; its return value (or the exception it raised) comes back to ``on_done``
(or ``on_error``) on the thread that called ``run_in_background``. The function never
touches a widget: it calls services, which open their own unit of work, and may report
progress or notice cancellation through the ``Ticket`` it is given.

The worker thread never calls Qt. It leaves its latest progress and, at the end, its
outcome on the ticket (plain Python under a lock), and a timer of the task on the UI
thread collects them every ``POLL_MS``. So a report costs the worker a few hundred
nanoseconds however often it is made (once a row is fine), and the UI hears the latest
one at most every ``PROGRESS_MS``. Issue #6: with PySide6 6.12 on Python 3.11 every
``Signal.emit`` lost a reference to True, signals emitted on a worker while the UI thread
delivered them moved None's count at random, and each progress call the dialog made on a
widget lost one to None — a signal per report brought "Fatal Python error: none_dealloc"
(see ``ui.qt_refcounts``).
"""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import Callable
from typing import Any, ClassVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

POLL_MS = 20
"""How often a running task looks for its outcome and progress (milliseconds)."""
PROGRESS_MS = 100
"""The UI hears of progress at most this often (the last report always arrives)."""

Progress = tuple[int, int, str]


class Cancelled(Exception):
    """Raised inside a task by ``Ticket.check()`` once the task was cancelled."""


class Ticket:
    """What a background function may use: progress reports and the cancel flag.

    Thread-safe, and free of Qt: the worker writes, the task's timer on the UI thread reads.
    """

    def __init__(self) -> None:
        self._cancelled = threading.Event()
        self._lock = threading.Lock()
        self._progress: Progress | None = None
        self._outcome: tuple[bool, Any] | None = None

    @property
    def cancelled(self) -> bool:
        """True once the user (or the window) cancelled the task."""
        return self._cancelled.is_set()

    def cancel(self) -> None:
        """Ask the task to stop; it checks at its next ``check()`` or ``progress()``."""
        self._cancelled.set()

    def check(self) -> None:
        """Raise ``Cancelled`` when the task was cancelled."""
        if self.cancelled:
            raise Cancelled

    def progress(self, done: int, total: int, text: str = "") -> None:
        """Report progress (``total`` 0 means unknown); raises ``Cancelled`` if cancelled.

        Only the latest report is kept; call it as often as you like.
        """
        self.check()
        with self._lock:
            self._progress = (done, total, text)

    def _end(self, ok: bool, value: Any) -> None:
        """The worker's last act: its return value (``ok``) or the exception it raised."""
        with self._lock:
            self._outcome = (ok, value)

    def _forget(self) -> None:
        """Drop the outcome once delivered (a result may be large)."""
        with self._lock:
            self._progress = self._outcome = None

    def _collect(self) -> tuple[Progress | None, tuple[bool, Any] | None]:
        """The latest progress and the outcome (None while the work runs)."""
        with self._lock:
            return self._progress, self._outcome


def _ignore(_result: Any) -> None:
    """What a finished task does with a result (it has none to deliver)."""


class Task(QObject):
    """A running background call. Lives on the UI thread; ``cancel()`` to drop its result."""

    finished = Signal()
    _unparented: ClassVar[set[Task]] = set()
    """Tasks without a parent, kept alive until they finish (a garbage collection of a
    task nobody holds would otherwise drop its result)."""

    def __init__(
        self,
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None] | None,
        on_progress: Callable[[int, int, str], None] | None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._on_done = on_done
        self._on_error = on_error
        self._on_progress = on_progress
        self.ticket = Ticket()
        self.running = True
        self._shown: Progress | None = None
        self._shown_at = 0.0
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._poll)
        self._parented = parent is not None
        if not self._parented:
            Task._unparented.add(self)

    @property
    def cancelled(self) -> bool:
        """True once cancelled."""
        return self.ticket.cancelled

    def cancel(self) -> None:
        """Stop waiting for the result: neither callback will be called."""
        self.ticket.cancel()

    def _start(self, fn: Callable[[Ticket], Any], pool: QThreadPool) -> None:
        pool.start(_Runnable(fn, self.ticket))
        self._timer.start()

    def _poll(self) -> None:
        """On the UI thread: pass on the latest progress, and the outcome once there is one."""
        latest, outcome = self.ticket._collect()
        if latest is not None and latest != self._shown:
            now = time.monotonic()
            if outcome is not None or now - self._shown_at >= PROGRESS_MS / 1000:
                self._shown, self._shown_at = latest, now
                if self._on_progress is not None and not self.cancelled:
                    self._on_progress(*latest)
        if outcome is None:
            return
        self._finish()
        on_done, on_error = self._on_done, self._on_error
        self._release()
        ok, value = outcome
        if ok:
            if not self.cancelled:
                on_done(value)
        elif not (self.cancelled or isinstance(value, Cancelled)):
            if on_error is None:
                raise value
            on_error(value)

    def _finish(self) -> None:
        self._timer.stop()
        self.running = False
        Task._unparented.discard(self)
        self.finished.emit()

    def _release(self) -> None:
        """Let go of the callbacks and the result, and of the task itself once idle.

        A finished task kept by its parent (the window) would otherwise keep whatever its
        callbacks hold, such as the rows of every refresh, for as long as the window lives.
        """
        self._on_done = _ignore
        self._on_error = None
        self._on_progress = None
        self.ticket._forget()
        if self._parented:
            self.deleteLater()


class _Runnable(QRunnable):
    """Runs the function on a pool thread; touches nothing but the ticket."""

    def __init__(self, fn: Callable[[Ticket], Any], ticket: Ticket) -> None:
        super().__init__()
        self._fn = fn
        self._ticket = ticket

    def run(self) -> None:
        try:
            if self._ticket.cancelled:
                raise Cancelled
            result = self._fn(self._ticket)
        except BaseException as exc:  # every error goes back to the UI thread
            self._ticket._end(False, exc)
        else:
            self._ticket._end(True, result)


def run_in_background(
    fn: Callable[[Ticket], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[BaseException], None] | None = None,
    progress: Callable[[int, int, str], None] | None = None,
    *,
    pool: QThreadPool | None = None,
    parent: QObject | None = None,
) -> Task:
    """Run ``fn(ticket)`` on ``pool`` (the global pool by default); return the ``Task``.

    Args:
        fn: the work; it gets a ``Ticket`` for progress and cancellation and must not touch
            a widget (nor anything else of Qt).
        on_done: called on the UI thread with ``fn``'s return value.
        on_error: called on the UI thread with the exception ``fn`` raised (a
            cancellation is not an error and is never reported).
        progress: called on the UI thread with the latest (done, total, text) report, at
            most every ``PROGRESS_MS`` and once more before ``on_done`` if it changed.
        pool: the thread pool (a one-thread pool serialises writes).
        parent: a QObject whose destruction drops the result.
    """
    task = Task(on_done, on_error, progress, parent)
    task._start(fn, pool or QThreadPool.globalInstance())
    return task


def writer_pool(parent: QObject | None = None) -> QThreadPool:
    """A pool with one thread, so writes to the database happen one after another."""
    pool = QThreadPool(parent)
    pool.setMaxThreadCount(1)
    return pool


def write_queue(widget: QObject) -> QThreadPool:
    """The window's one write queue (``app.py`` makes it and gives it to the window),
    found through ``widget``'s parents; a widget shown on its own (a test) gets one of
    its own. Every save goes through it, one after another, off the UI thread."""
    owner: QObject | None = widget
    while owner is not None:
        found = getattr(owner, "writes", None)
        if isinstance(found, QThreadPool):
            return found
        owner = owner.parent()
    pool = writer_pool(widget)
    widget.writes = pool  # type: ignore[attr-defined]
    return pool


def settle_heap() -> None:
    """Keep the objects of start-up out of every later garbage collection.

    Python's cyclic collector holds the GIL for a whole collection, on whichever thread
    allocates: a full one over start-up's ~130,000 long-lived objects (modules, Qt
    wrappers, SQLAlchemy's metadata) stalled the event loop 60-240 ms while a report or a
    queue refresh ran on a worker (bench/bench_ui_freeze.py). Freezing them once, after
    the first queue has loaded, leaves later collections only the objects made since.
    ``app.run`` turns the collector off during start-up; this turns it back on.
    """
    if gc.get_freeze_count() == 0:
        gc.freeze()
    gc.enable()
