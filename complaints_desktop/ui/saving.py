"""UI: save on the window's one write queue while the screen waits and the window answers.

``save_on_queue(owner, job, button=..., parts=...)`` runs ``job()`` (a service call whose
arguments were read from the fields on the UI thread: it never touches a widget) on the
window's write queue (``ui.workers.write_queue``), behind any write already there (an
import), and waits for it in an event loop of its own: the window keeps painting and
answering, while ``parts`` are greyed (nothing more to type, nothing submitted twice) and
``button`` says "Saving…". It returns the job's result, or raises the job's error on the
UI thread, so a screen's save reads as before: ``saved = save_on_queue(self, partial(
cases.create, env, draft), ...)`` and its ``except KnownError`` shows the same message.

Every case dialog, form dialog and Settings page saves through it (one mechanism). If the
application quits while a save waits (the main window's close waits for the write queue),
the save is not lost nor made twice: the job still runs once, and its outcome is read
from the finished task.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QEventLoop, QObject
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

from complaints_desktop.domain.errors import KnownError
from complaints_desktop.ui.workers import run_in_background, write_queue

T = TypeVar("T")

SAVING_TEXT = "Saving…"

_waiting: set[int] = set()
"""``id`` of every owner whose save is under way (see ``is_saving``)."""


def is_saving(owner: QObject) -> bool:
    """True while ``owner`` waits for a save of its own (a second one is refused)."""
    return id(owner) in _waiting


def save_on_queue(
    owner: QWidget,
    job: Callable[[], T],
    *,
    button: QAbstractButton | None = None,
    parts: Iterable[QWidget] = (),
) -> T:
    """Run ``job()`` on ``owner``'s write queue and wait for it here (see the module).

    Args:
        owner: the screen saving; its window's write queue is used.
        job: the save; runs on the write queue's thread and must not touch Qt.
        button: the button pressed; it reads "Saving…" meanwhile.
        parts: greyed while the save runs (the form, its buttons); ``owner`` if empty.
    """
    if is_saving(owner):  # a second press (a guard's "Save them") while the first waits
        raise KnownError("The last save is still waiting its turn: try again when it is done.")
    greyed = [p for p in parts] or [owner]
    loop = QEventLoop()
    outcome: dict[str, Any] = {}

    def done(value: Any) -> None:
        outcome["value"] = value
        loop.quit()

    def failed(error: BaseException) -> None:
        outcome["error"] = error
        loop.quit()

    label = button.text() if button is not None else ""
    focused = QApplication.focusWidget()
    before = [p.isEnabled() for p in greyed]
    _waiting.add(id(owner))
    for part in greyed:
        part.setEnabled(False)  # what is saved was read: nothing more to type
    if button is not None:
        button.setText(SAVING_TEXT)
    pool = write_queue(owner)
    try:
        # No parent: the result comes back even if the screen went meanwhile.
        task = run_in_background(lambda _t: job(), done, failed, pool=pool)
        if not outcome:
            loop.exec()
        if not outcome:  # the application is quitting: the save still runs, once
            pool.waitForDone()
            _, end = task.ticket._collect()
            if end is not None:
                outcome["value" if end[0] else "error"] = end[1]
                task.cancel()  # delivered here, not again by its timer
    finally:
        _waiting.discard(id(owner))
        if button is not None and shiboken6.isValid(button):
            button.setText(label)
        for part, enabled in zip(greyed, before, strict=True):
            if shiboken6.isValid(part):
                part.setEnabled(enabled)
        if focused is not None and shiboken6.isValid(focused) and focused.isEnabled():
            focused.setFocus()  # a problem shown: the keyboard is where it was
    if "error" in outcome:
        raise outcome["error"]
    if "value" not in outcome:
        raise RuntimeError("The save did not finish before the application closed.")
    result: T = outcome["value"]
    return result
