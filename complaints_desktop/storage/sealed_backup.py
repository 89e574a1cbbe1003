"""Storage: backups encrypted with a passphrase (AES-256-GCM, key from scrypt).

A sealed backup is ``MAGIC``, a 16-byte salt, a 12-byte nonce, then the database file
encrypted and authenticated as one piece: a wrong passphrase or any changed byte is
refused, never half-restored. The passphrase is not kept anywhere; lose it and the
backup cannot be read.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from complaints_desktop.domain.errors import KnownError

MAGIC = b"CDSEALED1\n"
SUFFIX = ".sealed"
MIN_PASSPHRASE = 10


class WrongPassphrase(KnownError):
    """The passphrase does not open the sealed backup (or the file was changed)."""


def _key(passphrase: str, salt: bytes) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    return Scrypt(salt=salt, length=32, n=2**15, r=8, p=1).derive(passphrase.encode("utf-8"))


def is_sealed(path: Path) -> bool:
    """Whether ``path`` is a sealed (encrypted) backup."""
    try:
        with path.open("rb") as handle:
            return handle.read(len(MAGIC)) == MAGIC
    except OSError:
        return False


def _write_private(dest: Path, data: bytes) -> None:
    partial = dest.with_name(dest.name + ".partial")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(partial, dest)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def seal(plain: Path, dest: Path, passphrase: str) -> Path:
    """Encrypt the backup file ``plain`` into ``dest`` (0600)."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
    sealed = AESGCM(_key(passphrase, salt)).encrypt(nonce, plain.read_bytes(), MAGIC)
    _write_private(dest, MAGIC + salt + nonce + sealed)
    return dest


def unseal(sealed: Path, dest: Path, passphrase: str) -> Path:
    """Decrypt the sealed backup into ``dest`` (0600); ``WrongPassphrase`` if it will not."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    data = sealed.read_bytes()
    head = len(MAGIC)
    salt, nonce, body = data[head : head + 16], data[head + 16 : head + 28], data[head + 28 :]
    try:
        plain = AESGCM(_key(passphrase, salt)).decrypt(nonce, body, MAGIC)
    except (InvalidTag, ValueError) as exc:
        raise WrongPassphrase(
            f"{sealed.name} could not be opened: the passphrase is wrong, or the file was "
            "changed. Nothing was restored."
        ) from exc
    _write_private(dest, plain)
    return dest
