"""Services: which database is in use, PostgreSQL URLs from their parts, a connection test,
and the server password kept in the system's password store (never in plain text).

The password store is the operating system's own, through ``keyring``: Windows
Credential Manager on Windows. Where there is none (a Linux PC without a desktop keyring),
the password is not remembered at all and is asked at each start.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import quote, unquote, urlsplit

from sqlalchemy import create_engine, exc, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from complaints_desktop.config import database_url
from complaints_desktop.services.env import Env


@dataclass(frozen=True)
class ServerDetails:
    """The parts of a postgresql:// URL as a person enters them."""

    host: str = ""
    port: int = 5432
    database: str = "complaints"
    user: str = ""
    password: str = ""

    def url(self, *, with_password: bool = True) -> str:
        """``postgresql://user:password@host:port/database`` (names quoted as needed)."""
        auth = quote(self.user, safe="")
        if with_password and self.password:
            auth += ":" + quote(self.password, safe="")
        at = f"{auth}@" if auth else ""
        return f"postgresql://{at}{self.host}:{self.port}/{quote(self.database, safe='')}"

    def problems(self) -> list[str]:
        """What is missing or wrong, in plain words."""
        out = []
        if not self.host.strip():
            out.append("Enter the server's name, e.g. dbserver.council.local.")
        if not 0 < self.port < 65536:
            out.append("The port is a number from 1 to 65535 (usually 5432).")
        if not self.database.strip():
            out.append("Enter the database name, e.g. complaints.")
        if not self.user.strip():
            out.append("Enter the login name IT gave you for the server.")
        return out


def parse_server(url: str) -> ServerDetails:
    """The parts of a postgresql:// URL (empty details for anything else)."""
    if not url.startswith(("postgresql", "postgres:")):
        return ServerDetails()
    parts = urlsplit(url.replace("postgresql+psycopg://", "postgresql://", 1))
    return ServerDetails(
        host=parts.hostname or "",
        port=parts.port or 5432,
        database=unquote(parts.path.lstrip("/")) or "complaints",
        user=unquote(parts.username or ""),
        password=unquote(parts.password or ""),
    )


def describe(env: Env) -> str:
    """The database in use for a person: the file path, or the server without password."""
    url = env.engine.url
    if url.get_backend_name() == "sqlite":
        return f"A database file on this PC: {url.database}"
    shown = url.set(drivername="postgresql").render_as_string(hide_password=True)
    return f"A PostgreSQL server: {shown}"


def without_password(url: str) -> str:
    """The postgresql:// URL with its password removed (for storing or showing)."""
    return parse_server(url).url(with_password=False)


def has_password(url: str) -> bool:
    """Whether a postgresql:// URL carries a password."""
    return bool(make_url(database_url(url)).password)


def with_password(url: str, password: str) -> str:
    """The postgresql:// URL with ``password`` set."""
    return replace(parse_server(url), password=password).url()


def try_connection(url: str, timeout: int = 5) -> str:
    """Try to connect; a plain sentence saying what happened (never raises)."""
    full = database_url(url)
    if not full.startswith("postgresql"):
        return "That is not a postgresql:// address."
    try:
        engine = create_engine(full, connect_args={"connect_timeout": timeout}, poolclass=NullPool)
    except Exception as err:  # a malformed URL
        return f"That address is not usable: {err}"
    try:
        with engine.connect() as conn:
            version = conn.execute(text("select version()")).scalar_one()
            tables = conn.execute(
                text(
                    "select count(*) from information_schema.tables where table_name = 'complaint'"
                )
            ).scalar_one()
    except exc.DBAPIError as err:
        detail = str(err.orig).strip().splitlines()[0] if err.orig is not None else str(err)
        return f"Could not connect: {detail}"
    finally:
        engine.dispose()
    server = str(version).split(",")[0]
    if tables:
        return f"Connected to {server}. The complaints database is there and ready."
    return (
        f"Connected to {server}. The database is empty: the application will create its "
        "tables when it first opens it (the login needs the right to create tables)."
    )


# -- the remembered password -------------------------------------------------------------

KEYRING_SERVICE = "complaints_desktop"
NO_PASSWORD_STORE = (
    "This PC has no safe place to keep passwords (such as Windows Credential Manager), "
    "so the password cannot be remembered here: it is asked at each start."
)


def _keyring() -> Any:
    """The password store in use, or None when there is no usable one."""
    import keyring
    from keyring.errors import KeyringError

    try:
        backend = keyring.get_keyring()
        priority = float(getattr(backend, "priority", 0))
    except (KeyringError, RuntimeError, ValueError):
        return None
    return backend if priority > 0 else None  # the "fail" and "null" stores keep nothing


def can_remember_passwords() -> bool:
    """Whether this PC has a password store a server password can be kept in."""
    return _keyring() is not None


def _account(url: str) -> str:
    """The name a server's password is kept under: its URL without the password."""
    return without_password(url)


def remembered_password(url: str) -> str:
    """The password kept for the server of ``url`` ("" when none, or no store)."""
    from keyring.errors import KeyringError

    store = _keyring()
    if store is None:
        return ""
    try:
        return str(store.get_password(KEYRING_SERVICE, _account(url)) or "")
    except KeyringError:
        return ""


def remember_password(url: str, password: str) -> bool:
    """Keep ``password`` for the server of ``url`` in the password store.

    Returns:
        False when there is no usable store (nothing is kept anywhere then).
    """
    from keyring.errors import KeyringError

    store = _keyring()
    if store is None or not password:
        return False
    try:
        store.set_password(KEYRING_SERVICE, _account(url), password)
    except KeyringError:
        return False
    return True


def forget_password(url: str) -> None:
    """Remove any password kept for the server of ``url`` (none kept is fine)."""
    from keyring.errors import KeyringError

    store = _keyring()
    if store is None:
        return
    with contextlib.suppress(KeyringError):
        store.delete_password(KEYRING_SERVICE, _account(url))


def secure_stored_url(url: str) -> tuple[str, str, bool]:
    """Split a stored server URL into (URL without password, password, moved).

    An older version kept a remembered password inside the stored URL, in plain text.
    That password is moved into the password store (``moved`` True), or dropped when
    there is none; either way the caller stores the URL without it. A URL without a
    password gives the password kept in the store, if any.
    """
    if not url.startswith(("postgresql", "postgres:")):
        return url, "", False
    clean = without_password(url)
    if has_password(url):
        password = parse_server(url).password
        return clean, password, remember_password(clean, password)
    return clean, remembered_password(clean), False
