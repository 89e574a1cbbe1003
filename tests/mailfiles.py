"""Synthetic e-mail files for the tests (no personal data): an ``.eml`` written with the
standard library's ``email`` package and an Outlook ``.msg`` written as Outlook writes
one — an OLE compound file (made with extract-msg's own ``OleWriter``) holding the
message's property stream and its string streams ([MS-OXMSG] 2.1-2.4).

``python -m tests.mailfiles`` writes the files checked in under ``tests/fixtures/mail/``
(the tests read those; drag them onto the window to try by hand). Writing a .msg needs
extract-msg (``pip install extract-msg==0.57.0``), which is not a dependency of the app or
its tests: the app reads .msg files with olefile.
"""

from __future__ import annotations

import struct
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

SENDER_NAME = "Alex Testperson"
SENDER_ADDRESS = "alex.testperson@example.org"
SUBJECT = "Complaint about my son's review meeting"
BODY = (
    "Dear Sir or Madam,\n\n"
    "I want to complain about the review meeting on 2 November. Nobody told us it had\n"
    "moved and my son's social worker did not ring back.\n\n"
    "Alex Testperson"
)
WHEN = datetime(2026, 11, 16, 11, 30, tzinfo=UTC)
"""Midday in England, so the local day is the 16th on any machine in Europe."""

_PT_UNICODE = 0x001F
_PT_SYSTIME = 0x0040
_PT_LONG = 0x0003
_EPOCH_1601 = datetime(1601, 1, 1, tzinfo=UTC)


def eml_bytes(
    *,
    sender: str = f"{SENDER_NAME} <{SENDER_ADDRESS}>",
    subject: str = SUBJECT,
    body: str = BODY,
    when: datetime = WHEN,
) -> bytes:
    """An e-mail as a mail program saves it (.eml)."""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = "complaints@example.gov.uk"
    message["Subject"] = subject
    message["Date"] = format_datetime(when)
    message.set_content(body)
    return bytes(message)


def _filetime(when: datetime) -> int:
    return int((when - _EPOCH_1601).total_seconds() * 10_000_000)


def msg_bytes(
    *,
    sender_name: str = SENDER_NAME,
    sender_address: str = SENDER_ADDRESS,
    subject: str = SUBJECT,
    body: str = BODY,
    when: datetime = WHEN,
    message_class: str = "IPM.Note",
) -> bytes:
    """An Outlook message (.msg) as Outlook saves a received e-mail."""
    from extract_msg.ole_writer import OleWriter

    strings = {
        0x001A: message_class,  # PR_MESSAGE_CLASS
        0x0037: subject,  # PR_SUBJECT
        0x0E1D: subject,  # PR_NORMALIZED_SUBJECT
        0x0C1A: sender_name,  # PR_SENDER_NAME
        0x0C1F: sender_address,  # PR_SENDER_EMAIL_ADDRESS
        0x0C1E: "SMTP",  # PR_SENDER_ADDRTYPE
        0x5D01: sender_address,  # PR_SENDER_SMTP_ADDRESS
        0x1000: body.replace("\n", "\r\n"),  # PR_BODY
    }
    times = {0x0039: when, 0x0E06: when}  # PR_CLIENT_SUBMIT_TIME, PR_MESSAGE_DELIVERY_TIME
    entries = []
    writer = OleWriter()
    for prop, text in strings.items():
        data = text.encode("utf-16-le")
        writer.addEntry(f"__substg1.0_{prop:04X}{_PT_UNICODE:04X}", data)
        # The size counts the terminating null, which the stream does not hold.
        entries.append(struct.pack("<IIII", prop << 16 | _PT_UNICODE, 6, len(data) + 2, 0))
    for prop, moment in times.items():
        entries.append(struct.pack("<IIQ", prop << 16 | _PT_SYSTIME, 6, _filetime(moment)))
    # PR_MESSAGE_FLAGS: read (1), not unsent: a received message.
    entries.append(struct.pack("<IIII", 0x0E07 << 16 | _PT_LONG, 6, 1, 0))
    header = struct.pack("<8xIIII8x", 0, 0, 0, 0)
    writer.addEntry("__properties_version1.0", header + b"".join(entries))
    out = Path(_scratch()) / "m.msg"
    writer.write(out)
    data = out.read_bytes()
    out.unlink()
    return data


def _scratch() -> str:
    import tempfile

    return tempfile.mkdtemp(prefix="msg-")


if __name__ == "__main__":
    here = Path(__file__).parent / "fixtures" / "mail"
    here.mkdir(parents=True, exist_ok=True)
    (here / "complaint.eml").write_bytes(eml_bytes())
    (here / "complaint.msg").write_bytes(msg_bytes())
    (here / "task.msg").write_bytes(msg_bytes(subject="Ring back", message_class="IPM.Task"))
