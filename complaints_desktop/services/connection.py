"""Services: which database is in use, PostgreSQL URLs from their parts, a connection test."""

from __future__ import annotations

from dataclasses import dataclass, replace
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
