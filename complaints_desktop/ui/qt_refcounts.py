"""UI: keep None, True and False alive under PySide6 6.12 on Python 3.11 (issue #6).

PySide6 6.12's bindings hand back None (every void method: ``setText``, ``setValue``,
``processEvents``, ``QThreadPool.start`` …) and True (``Signal.emit``, ``disconnect``)
without taking the reference they give away. On Python 3.12+ those objects are immortal
and nothing happens; on 3.11 each such call lowers the object's reference count by one
(measured: exactly -1.00 per call), so a long session or a long import with the window
busy ends in ``Fatal Python error: none_dealloc`` (or ``bool_dealloc``).

``pin_singletons`` does once, at start-up, what Python 3.12 does for every program: it
gives the three objects a reference count no program can spend (a quarter of
``sys.maxsize``; at a million leaked references a second that lasts 70,000 years). It is
a no-op on 3.12 and later, and outside CPython's release builds.
"""

from __future__ import annotations

import ctypes
import sys

PINNED = sys.maxsize // 4
"""References added to each of None, True and False."""


def needed() -> bool:
    """True where the three objects are mortal and their count is the object's first field."""
    return (
        sys.implementation.name == "cpython"
        and sys.version_info < (3, 12)
        and not hasattr(sys, "gettotalrefcount")  # debug builds put other fields first
    )


def pin_singletons() -> bool:
    """Make None, True and False effectively immortal; True when it did (once is enough).

    Call it on the UI thread before the event loop runs, while no other thread runs Python.
    """
    if not needed():
        return False
    for singleton in (None, True, False):
        if sys.getrefcount(singleton) < PINNED // 2:
            count = ctypes.c_ssize_t.from_address(id(singleton))
            count.value += PINNED
    return True
