"""UI: run a plain function on a thread pool and get its result back on the UI thread.

``run_in_background(fn, on_done, on_error, progress)`` runs ``fn(ticket)`` on a
``QThreadPool``; its return value (or the exception it raised) comes back to ``on_done``
(or ``on_error``) by queued signal, on the thread that called ``run_in_background``. The
function never touches a widget: it calls services, which open their own unit of work,
and may report progress or notice cancellation through the ``Ticket`` it is given.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot


class Cancelled(Exception):
    """Raised inside a task by ``Ticket.check()`` once the task was cancelled."""


class Ticket:
    """What a background function may use: progress reports and the cancel flag."""

    def __init__(self, emit_progress: Callable[[int, int, str], None]) -> None:
        self._cancelled = threading.Event()
        self._emit = emit_progress

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
        """Report progress (``total`` 0 means unknown); raises ``Cancelled`` if cancelled."""
        self.check()
        self._emit(done, total, text)


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)
    progress = Signal(int, int, str)


class Task(QObject):
    """A running background call. Lives on the UI thread; ``cancel()`` to drop its result."""

    finished = Signal()

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
        self.signals = _Signals()
        self.ticket = Ticket(self.signals.progress.emit)
        self.running = True
        self._keep: Task | None = self if parent is None else None  # alive until finished
        self.signals.done.connect(self._done)
        self.signals.failed.connect(self._failed)
        self.signals.progress.connect(self._progress)

    @property
    def cancelled(self) -> bool:
        """True once cancelled."""
        return self.ticket.cancelled

    def cancel(self) -> None:
        """Stop waiting for the result: neither callback will be called."""
        self.ticket.cancel()

    @Slot(object)
    def _done(self, result: Any) -> None:
        self._finish()
        if not self.cancelled:
            self._on_done(result)

    @Slot(object)
    def _failed(self, error: BaseException) -> None:
        self._finish()
        if self.cancelled or isinstance(error, Cancelled):
            return
        if self._on_error is None:
            raise error
        self._on_error(error)

    @Slot(int, int, str)
    def _progress(self, done: int, total: int, text: str) -> None:
        if self._on_progress is not None and not self.cancelled:
            self._on_progress(done, total, text)

    def _finish(self) -> None:
        self.running = False
        self._keep = None
        self.finished.emit()


class _Runnable(QRunnable):
    def __init__(self, fn: Callable[[Ticket], Any], signals: _Signals, ticket: Ticket) -> None:
        super().__init__()
        self._fn = fn
        self._signals = signals
        self._ticket = ticket

    def run(self) -> None:
        try:
            if self._ticket.cancelled:
                raise Cancelled
            result = self._fn(self._ticket)
        except BaseException as exc:  # every error goes back to the UI thread
            self._signals.failed.emit(exc)
        else:
            self._signals.done.emit(result)


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
            a widget.
        on_done: called on the UI thread with ``fn``'s return value.
        on_error: called on the UI thread with the exception ``fn`` raised (a
            cancellation is not an error and is never reported).
        progress: called on the UI thread with (done, total, text) reports.
        pool: the thread pool (a one-thread pool serialises writes).
        parent: a QObject whose destruction drops the result.
    """
    task = Task(on_done, on_error, progress, parent)
    (pool or QThreadPool.globalInstance()).start(_Runnable(fn, task.signals, task.ticket))
    return task


def writer_pool(parent: QObject | None = None) -> QThreadPool:
    """A pool with one thread, so writes to the database happen one after another."""
    pool = QThreadPool(parent)
    pool.setMaxThreadCount(1)
    return pool
