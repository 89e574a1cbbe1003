"""Storage: the key that seals the audit trail of a SQLite database, kept outside it.

The key is 32 random bytes per operating-system account, kept in the OS password store
(Windows Credential Manager, through ``keyring``) when there is one; else in the file
``audit-chain.key`` in the user's application-data folder, created readable by the user
only (0600 on POSIX; on Windows the folder's ACL, which is the user's profile's). The
file is written whole and linked into place, so two programs starting at once agree on
one key.

What it stops: anyone who edits the database file with another tool and recomputes the
chain cannot produce matching seals without this key. What it does not stop: the same
account, which can read its own password store and file (README: "What the audit trail
proves").
"""

from __future__ import annotations

import base64
import contextlib
import os
import secrets
from pathlib import Path

from complaints_desktop.config import data_dir

SERVICE = "complaints_desktop"
NAME = "audit-chain-key"
FILE = "audit-chain.key"

_cached: dict[str, bytes] = {}


def key_file() -> Path:
    """The fallback file (used when there is no password store)."""
    return data_dir() / FILE


def _from_password_store() -> bytes | None:
    """The key from the OS password store, creating it there; None when there is none."""
    import keyring
    from keyring.errors import KeyringError

    try:
        backend = keyring.get_keyring()
        if float(getattr(backend, "priority", 0)) <= 0:  # "fail"/"null": keeps nothing
            return None
        kept = backend.get_password(SERVICE, NAME)
        if not kept:
            backend.set_password(SERVICE, NAME, base64.b64encode(secrets.token_bytes(32)).decode())
            kept = backend.get_password(SERVICE, NAME)
        return base64.b64decode(kept) if kept else None
    except (KeyringError, RuntimeError, ValueError):
        return None


def _from_file(path: Path) -> bytes:
    """The key from ``path``, creating it (0600, in a 0700 folder) when missing."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        temporary = path.with_name(f"{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "w", encoding="ascii") as out:
                out.write(base64.b64encode(secrets.token_bytes(32)).decode())
                out.flush()
                os.fsync(out.fileno())
            with contextlib.suppress(FileExistsError):  # another start made it first
                os.link(temporary, path)
        finally:
            temporary.unlink(missing_ok=True)
    return base64.b64decode(path.read_text(encoding="ascii").strip())


def where() -> str:
    """Where the key is kept, in plain words (for Settings and the README)."""
    if _from_password_store() is not None:
        return "the Windows password store (Credential Manager) of this account"
    return f"the file {key_file()}, readable by this account only"


def chain_key() -> bytes:
    """This account's audit key (created the first time)."""
    if "key" not in _cached:
        _cached["key"] = _from_password_store() or _from_file(key_file())
    return _cached["key"]
