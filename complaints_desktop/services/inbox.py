"""Services: complaints from the inbox — an e-mail saved from Outlook (``.msg``) or any
mail program (``.eml``) read into what the new-complaint form needs, and the message file
kept with the case in the database (the team shares it; backups hold it).

``.eml`` is read with the standard library's ``email`` package; ``.msg`` (Outlook's own
format, an OLE compound file) with olefile (the OLE reader extract-msg itself is built on:
extract-msg's own dependencies include one published only as source, which the Windows
build's wheels-only install cannot take). A file that is not an e-mail, a damaged
one or a huge one gives a plain message and nothing changes.
"""

from __future__ import annotations

import email
import email.policy
import html
import re
import struct
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import getaddresses, parseaddr, parsedate_to_datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from complaints_desktop.domain.errors import KnownError, NotFound
from complaints_desktop.domain.model import CaseDocument
from complaints_desktop.services import access
from complaints_desktop.services.env import Env
from complaints_desktop.storage import audit, documents
from complaints_desktop.storage import cases as case_store

MAX_BYTES = 25 * 1024 * 1024
"""The largest message file read (Outlook's own attachment limit is 20 MB)."""
SUFFIXES = (".eml", ".msg")
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
SUMMARY_CHARS = 4000
"""How much of the body goes into the summary (the whole message is kept with the case)."""


class NotAnEmail(KnownError):
    """The file is not an e-mail the app can read (the message says why, in plain words)."""


@dataclass(frozen=True)
class Email:
    """What the new-complaint form takes from an e-mail, and the file itself."""

    filename: str
    content: bytes
    sender_name: str = ""
    sender_address: str = ""
    received: date | None = None
    subject: str = ""
    body: str = ""

    @property
    def summary(self) -> str:
        """The subject, then the body (cut at ``SUMMARY_CHARS``), for the form's summary."""
        text = "\n\n".join(x for x in (self.subject, self.body) if x)
        if len(text) > SUMMARY_CHARS:
            text = text[:SUMMARY_CHARS].rstrip() + " […]"
        return text


def read_email(path: str | Path) -> Email:
    """The e-mail in ``path`` (.eml or .msg); ``NotAnEmail`` with a plain reason if not."""
    file = Path(path)
    name = file.name
    if file.suffix.lower() not in SUFFIXES:
        raise NotAnEmail(
            f"{name} is not an e-mail file: save the message from Outlook (.msg) or "
            "another mail program (.eml) and open that."
        )
    try:
        size = file.stat().st_size
        if size > MAX_BYTES:
            raise NotAnEmail(
                f"{name} is {size / 1024 / 1024:.0f} MB: too large to keep with a case "
                f"(at most {MAX_BYTES // 1024 // 1024} MB). Save the message without its "
                "attachments and open that."
            )
        data = file.read_bytes()
    except OSError as err:
        raise NotAnEmail(f"{name} could not be read ({err.strerror or 'no access'}).") from err
    return parse_email(name, data)


def parse_email(name: str, data: bytes) -> Email:
    """The e-mail in ``data`` (the file's content; ``name`` says which kind)."""
    if not data.strip():
        raise NotAnEmail(f"{name} is empty.")
    if data.startswith(OLE_MAGIC):
        return _parse_msg(name, data)
    if name.lower().endswith(".msg"):
        raise NotAnEmail(f"{name} is not an Outlook message (it may be damaged).")
    return _parse_eml(name, data)


# -- .eml ----------------------------------------------------------------------------------
def _parse_eml(name: str, data: bytes) -> Email:
    try:
        message = email.message_from_bytes(data, policy=email.policy.default)
    except Exception as err:  # the parser is lenient; this is a truly broken file
        raise NotAnEmail(f"{name} could not be read as an e-mail.") from err
    if not isinstance(message, EmailMessage) or not (message["From"] or message["Date"]):
        raise NotAnEmail(f"{name} is not an e-mail: it has no sender and no date.")
    sender_name, sender_address = _sender(str(message["From"] or ""))
    received = _date(str(message["Date"] or ""))
    body = ""
    try:
        part = message.get_body(preferencelist=("plain", "html"))
        if part is not None:
            text = part.get_content()
            body = _html_text(text) if part.get_content_subtype() == "html" else str(text)
    except (LookupError, ValueError, UnicodeError):  # an unknown or broken charset
        body = ""
    return Email(
        filename=name,
        content=data,
        sender_name=sender_name,
        sender_address=sender_address,
        received=received,
        subject=_one_line(str(message["Subject"] or "")),
        body=_tidy(body),
    )


def _sender(header: str) -> tuple[str, str]:
    found = getaddresses([header])
    display, address = found[0] if found else parseaddr(header)
    if not address or "@" not in address:
        return _one_line(display or address), ""
    try:
        Address(addr_spec=address)
    except (ValueError, IndexError):
        return _one_line(display), ""
    return _one_line(display), address.strip()


def _date(header: str) -> date | None:
    if not header:
        return None
    try:
        when = parsedate_to_datetime(header)
    except (TypeError, ValueError, IndexError):
        return None
    return _local_day(when)


def _local_day(when: datetime) -> date:
    """The day on the office's clock (the machine's local time) of a moment."""
    return when.astimezone().date() if when.tzinfo is not None else when.date()


# -- .msg ----------------------------------------------------------------------------------
# An Outlook message is an OLE compound file ([MS-OXMSG]): the message's properties in
# the stream ``__properties_version1.0`` (fixed-size values such as dates) and one stream
# ``__substg1.0_IIIITTTT`` for each string or binary property (IIII its id, TTTT its type).
_UNICODE, _STRING8, _BINARY, _SYSTIME = 0x001F, 0x001E, 0x0102, 0x0040
_SUBJECT, _SENDER_NAME, _SENDER_EMAIL, _SENDER_SMTP = 0x0037, 0x0C1A, 0x0C1F, 0x5D01
_SENT_REPRESENTING_SMTP, _HEADERS, _BODY, _HTML = 0x5D02, 0x007D, 0x1000, 0x1013
_MESSAGE_CLASS, _DELIVERY_TIME, _SUBMIT_TIME = 0x001A, 0x0E06, 0x0039
_CODEPAGE, _INTERNET_CPID = 0x3FFD, 0x3FDE
_FILETIME_EPOCH = datetime(1601, 1, 1, tzinfo=UTC)


def _parse_msg(name: str, data: bytes) -> Email:
    import olefile

    damaged = f"{name} could not be read as an Outlook message (it may be damaged)."
    try:
        ole = olefile.OleFileIO(data)
    except Exception as err:  # olefile raises several kinds for a damaged file
        raise NotAnEmail(damaged) from err
    try:
        try:
            msg = _MsgReader(ole)
            kind = msg.text(_MESSAGE_CLASS)
        except Exception as err:
            raise NotAnEmail(damaged) from err
        if not ole.exists("__properties_version1.0") or not kind:
            raise NotAnEmail(f"{name} is not an Outlook message.")
        if not kind.upper().startswith(("IPM.NOTE", "REPORT.IPM.NOTE", "IPM.SCHEDULE")):
            raise NotAnEmail(
                f"{name} is an Outlook item but not an e-mail (a contact, task or appointment)."
            )
        try:
            return msg.email(name, data)
        except Exception as err:
            raise NotAnEmail(damaged) from err
    finally:
        ole.close()


class _MsgReader:
    """The properties of an Outlook message held in an open OLE file."""

    def __init__(self, ole: Any) -> None:
        self.ole = ole
        self.fixed: dict[int, tuple[int, bytes]] = {}
        if ole.exists("__properties_version1.0"):
            table = ole.openstream("__properties_version1.0").read()
            for at in range(32, len(table) - 15, 16):  # a 32-byte header, then 16-byte entries
                tag, _flags = struct.unpack_from("<II", table, at)
                self.fixed[tag >> 16] = (tag & 0xFFFF, table[at + 8 : at + 16])
        cpid = self.number(_INTERNET_CPID) or self.number(_CODEPAGE)
        self.charset = f"cp{cpid}" if cpid else "cp1252"
        if cpid == 65001:
            self.charset = "utf-8"

    def number(self, prop: int) -> int | None:
        found = self.fixed.get(prop)
        return struct.unpack_from("<I", found[1])[0] if found and found[0] == 0x0003 else None

    def when(self, prop: int) -> datetime | None:
        found = self.fixed.get(prop)
        if not found or found[0] != _SYSTIME:
            return None
        ticks = struct.unpack("<Q", found[1])[0]
        return _FILETIME_EPOCH + timedelta(microseconds=ticks // 10) if ticks else None

    def raw(self, prop: int, kind: int) -> bytes | None:
        stream = f"__substg1.0_{prop:04X}{kind:04X}"
        return self.ole.openstream(stream).read() if self.ole.exists(stream) else None

    def text(self, prop: int) -> str:
        found = self.raw(prop, _UNICODE)
        if found is not None:
            return found.decode("utf-16-le", errors="replace").split("\0", 1)[0]
        found = self.raw(prop, _STRING8)
        if found is not None:
            return _decode(found, self.charset).split("\0", 1)[0]
        return ""

    def email(self, name: str, data: bytes) -> Email:
        headers = email.message_from_string(self.text(_HEADERS), policy=email.policy.compat32)
        sender_name, sender_address = _sender(str(headers["From"] or ""))
        sender_name = _one_line(self.text(_SENDER_NAME)) or sender_name
        for prop in (_SENDER_SMTP, _SENT_REPRESENTING_SMTP, _SENDER_EMAIL):
            found = self.text(prop).strip()
            if "@" in found:
                sender_address = found
                break
        when = self.when(_DELIVERY_TIME) or self.when(_SUBMIT_TIME)
        received = _local_day(when) if when else _date(str(headers["Date"] or ""))
        body = self.text(_BODY)
        if not body.strip():
            markup = self.raw(_HTML, _BINARY)
            body = _html_text(_decode(markup, self.charset)) if markup else ""
        return Email(
            filename=name,
            content=data,
            sender_name=sender_name,
            sender_address=sender_address,
            received=received,
            subject=_one_line(self.text(_SUBJECT)),
            body=_tidy(body),
        )


def _decode(data: bytes, charset: str) -> str:
    try:
        return data.decode(charset, errors="replace")
    except LookupError:  # a code page Python does not know
        return data.decode("cp1252", errors="replace")


# -- text ----------------------------------------------------------------------------------
class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, _attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "head"):
            self._skip += 1
        elif tag in ("br", "p", "div", "tr", "li", "h1", "h2", "h3"):
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "head") and self._skip:
            self._skip -= 1
        elif tag in ("p", "div", "li"):
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def _html_text(markup: str) -> str:
    if not markup:
        return ""
    parser = _Text()
    parser.feed(markup)
    parser.close()
    return html.unescape("".join(parser.parts))


def _tidy(text: str) -> str:
    text = text.replace("\0", "")
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _one_line(text: str) -> str:
    return " ".join(text.replace("\0", "").split())


# -- kept with the case --------------------------------------------------------------------
def keep(env: Env, reference: str, filename: str, content: bytes) -> int:
    """Keep a message file (or any document) with the case, audited; the document's id."""
    access.require(env, "note")
    with env.uow() as session:
        case_id = case_store.find_id(session, reference)
        access.check_view(env, case_id, session)
    with env.uow(write=True) as session:
        found = documents.add(session, case_id, filename, env.user, content)
        audit.record(
            session,
            user=env.user,
            action="document",
            entity="complaint",
            entity_id=case_id,
            reference=reference,
            changes={"document": filename},
        )
    return found


def kept(env: Env, reference: str) -> list[CaseDocument]:
    """The files kept with the case, oldest first."""
    with env.uow() as session:
        case_id = case_store.find_id(session, reference)
        access.check_view(env, case_id, session)
        return documents.of_case(session, case_id)


def kept_file(env: Env, document_id: int) -> tuple[str, bytes]:
    """(file name, content) of a document kept with a case the user may see."""
    with env.uow() as session:
        found = documents.content(session, document_id)
    if found is None:
        raise NotFound("That document is no longer kept with the case.")
    access.check_view(env, found[0])
    return found[1], found[2]
