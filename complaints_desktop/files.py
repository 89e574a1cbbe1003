"""Files: saving all or nothing, on Windows as on Linux. No Qt, no database.

Windows differs from Linux in three ways that matter here:

- a file open in another program (a PDF in a reader, a CSV in Excel) cannot be replaced:
  ``os.replace`` raises ``PermissionError``. The officer is told in plain words, and the
  temporary file is removed, so nothing is left behind;
- antivirus scanners and the search indexer open new files for a moment, so replacing or
  deleting one can fail with a sharing violation that is gone a second later: retried;
- ``os.access(folder, os.W_OK)`` says yes for nearly every folder: whether a folder can be
  written to is found out by creating a file in it.
"""

from __future__ import annotations

import contextlib
import os
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from complaints_desktop.domain.errors import KnownError

T = TypeVar("T")
RETRY_DELAYS = (0.05, 0.1, 0.2, 0.4, 0.8)
"""Pauses between tries when Windows says another program has the file (1.55 s in all)."""
_SHARING_ERRORS = frozenset({5, 32, 33})  # access denied, sharing violation, lock violation


def is_sharing_violation(exc: OSError) -> bool:
    """True when ``exc`` says another program holds the file (Windows), which may pass."""
    return isinstance(exc, PermissionError) and getattr(exc, "winerror", None) in _SHARING_ERRORS


def retrying(action: Callable[[], T], delays: tuple[float, ...] = RETRY_DELAYS) -> T:
    """``action()``, tried again after short pauses while it fails with a sharing violation."""
    for delay in delays:
        try:
            return action()
        except PermissionError as exc:
            if not is_sharing_violation(exc):
                raise
            time.sleep(delay)
    return action()


def replace(source: Path | str, target: Path | str) -> None:
    """``os.replace`` with short retries for a file held a moment by another program."""
    retrying(lambda: os.replace(source, target))


def unlink(path: Path | str, *, missing_ok: bool = True) -> None:
    """Delete ``path``, with short retries for a file held a moment by another program."""
    retrying(lambda: Path(path).unlink(missing_ok=missing_ok))


_BINARY = getattr(os, "O_BINARY", 0)


def write_atomically(path: Path, data: bytes | Callable[[Path], object]) -> None:
    """Write ``path`` all or nothing: into a temporary file beside it, then renamed over it.

    ``data`` is the bytes, or a function that writes the temporary file given its path.
    A reader never sees half a file; on any failure the earlier file is as it was and no
    temporary file is left. Raises ``KnownError`` (plain words) when the folder is missing
    or the file is open in another program.
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise KnownError(f"The folder {folder} does not exist. Choose another place to save.")
    temporary = folder / f".{path.name}.{uuid.uuid4().hex[:8]}.partial"
    try:
        if callable(data):
            data(temporary)
        else:
            # readable by its user only (POSIX; on Windows the folder's access list)
            fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _BINARY, 0o600)
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        replace(temporary, path)
    except PermissionError as exc:
        raise KnownError(
            f"{path.name} could not be saved: it is open in another program, or the folder "
            f"{folder} cannot be written to. Close the file and try again; nothing was "
            "changed."
        ) from exc
    finally:
        with contextlib.suppress(OSError):
            unlink(temporary)


def can_write_in(folder: Path) -> bool:
    """True when a file can be created in ``folder`` (found out by creating one)."""
    probe = folder / f".complaints_desktop-write-test-{uuid.uuid4().hex[:8]}"
    try:
        with probe.open("xb"):
            pass
    except OSError:
        return False
    with contextlib.suppress(OSError):
        unlink(probe)
    return True
